/** Link writes through a worker: replies in order, failures fall back, leaving the page writes at once. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeLink } from '../../src/permalink/codec.ts';
import type { EncodeReply, EncodeRequest } from '../../src/permalink/offThread.ts';
import { STORAGE_KEY, startPermalinkSync, WRITE_DELAY_MS } from '../../src/permalink/sync.ts';
import { createAppStore } from '../../src/state/store.ts';

const fragment = () => window.location.hash.slice(1);

/** A stand-in worker (jsdom has none) that encodes like the real one, a timer tick later, or fails. */
class FakeWorker {
  static requests: EncodeRequest[] = [];
  static failing = false;
  onmessage: ((e: MessageEvent<EncodeReply>) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  postMessage(request: EncodeRequest) {
    FakeWorker.requests.push(request);
    setTimeout(() => {
      if (FakeWorker.failing) this.onerror?.(new Event('error'));
      else {
        const reply = { id: request.id, fragment: encodeLink(request.data, { embed: request.embed }) };
        this.onmessage?.({ data: reply } as MessageEvent<EncodeReply>);
      }
    }, 1);
  }
  terminate() {}
}

describe('startPermalinkSync with a worker', () => {
  let stop: () => void = () => undefined;
  beforeEach(() => {
    vi.useFakeTimers();
    FakeWorker.requests = [];
    FakeWorker.failing = false;
    vi.stubGlobal('Worker', FakeWorker);
  });
  afterEach(() => {
    stop();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('encodes in the worker, then writes the address bar and storage', async () => {
    const store = createAppStore();
    stop = startPermalinkSync(store);
    store.getState().setCell('lhs', 0, 0, 1.5);
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    expect(FakeWorker.requests).toHaveLength(1);
    expect(FakeWorker.requests[0]?.data.lhs).toBe(store.getState().lhs); // data only: no actions posted
    expect(Object.values(FakeWorker.requests[0]?.data ?? {}).some((v) => typeof v === 'function')).toBe(false);
    await vi.advanceTimersByTimeAsync(10);
    expect(fragment()).toBe(encodeLink(store.getState()));
    expect(localStorage.getItem(STORAGE_KEY)).toBe(fragment());
  });

  it('encodes on the page when the worker fails', async () => {
    FakeWorker.failing = true;
    const store = createAppStore();
    stop = startPermalinkSync(store);
    store.getState().setCell('lhs', 0, 0, 2.5);
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS + 10);
    expect(fragment()).toBe(encodeLink(store.getState()));
  });

  it('writes at once when the page is left during an encoding, and ignores the late reply', async () => {
    const store = createAppStore();
    stop = startPermalinkSync(store);
    store.getState().setCell('lhs', 0, 0, 3.5);
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS); // posted, no reply yet
    const replace = vi.spyOn(window.history, 'replaceState');
    window.dispatchEvent(new Event('pagehide'));
    expect(fragment()).toBe(encodeLink(store.getState()));
    expect(localStorage.getItem(STORAGE_KEY)).toBe(fragment());
    await vi.advanceTimersByTimeAsync(10);
    expect(replace).toHaveBeenCalledTimes(1); // the worker's late reply wrote nothing more
    replace.mockRestore();
  });
});
