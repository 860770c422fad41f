/** Sharing follows the state without encoding the link again on the page's thread. */
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as codec from '../../src/permalink/codec.ts';
import type { EncodeReply, EncodeRequest } from '../../src/permalink/offThread.ts';
import { useAppStore } from '../../src/state/store.ts';
import { renderApp } from '../helpers/renderApp.tsx';

vi.mock('../../src/permalink/codec.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof codec>();
  return { ...actual, encodeLink: vi.fn(actual.encodeLink) };
});

/** The page's own encodings (the worker below uses the real function, not this spy). */
const encodedOnPage = vi.mocked(codec.encodeLink);

/**
 * A stand-in for the link worker (jsdom has none) that encodes as the real one does. Other
 * workers the page starts (the training lab's) get one that never answers.
 */
class FakeWorker {
  onmessage: ((e: MessageEvent<EncodeReply>) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  private readonly encoder: boolean;
  constructor(url: URL | string) {
    this.encoder = String(url).includes('encodeWorker');
  }
  postMessage(request: EncodeRequest) {
    if (!this.encoder) return;
    void vi.importActual<typeof codec>('../../src/permalink/codec.ts').then((actual) => {
      const reply = { id: request.id, fragment: actual.encodeLink(request.data, { embed: request.embed }) };
      this.onmessage?.({ data: reply } as MessageEvent<EncodeReply>);
    });
  }
  terminate() {}
}

beforeEach(() => {
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sharing', () => {
  it('copies the current state right after an edit, encoded off the page’s thread', async () => {
    const user = userEvent.setup();
    await renderApp();
    const writeText = vi.fn<(text: string) => Promise<void>>(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    encodedOnPage.mockClear();
    act(() => useAppStore.getState().setCell('lhs', 1, 2, 4.25));
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(await screen.findByText('Link copied.')).toBeInTheDocument();
    const copied = writeText.mock.calls[0]?.[0] ?? '';
    const decoded = codec.decodeLink(copied.slice(copied.indexOf('#') + 1));
    expect(decoded.ok && decoded.state.lhs?.data[1 * 4 + 2]).toBe(4.25);
    expect(encodedOnPage).not.toHaveBeenCalled();
  });

  it('keeps the QR code on the current state: an edit redraws it', async () => {
    const user = userEvent.setup();
    await renderApp();
    encodedOnPage.mockClear();
    await user.click(screen.getByRole('button', { name: 'QR code' }));
    const name = 'QR code of the link to this exact state';
    const before = (await screen.findByRole('img', { name }, { timeout: 10_000 })).innerHTML;
    act(() => useAppStore.getState().setCell('rhs', 0, 0, -2.5));
    await waitFor(() => expect(screen.getByRole('img', { name }).innerHTML).not.toBe(before), { timeout: 3000 });
    expect(encodedOnPage).not.toHaveBeenCalled();
  });
});
