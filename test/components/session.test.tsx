import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { useOffline } from '../../src/app/offlineStore.ts';
import { useAppStore } from '../../src/state/store.ts';
import { renderApp } from '../helpers/renderApp.tsx';

const cell = (name: string) => screen.getByRole('textbox', { name });

describe('undo and redo', () => {
  it('undo every edit with the buttons and Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y', async () => {
    const user = userEvent.setup();
    await renderApp();
    expect(screen.getByRole('button', { name: 'Undo' })).toBeDisabled();
    await user.click(cell('LHS row 1, column 1'));
    await user.keyboard('3{Enter}');
    expect(cell('LHS row 1, column 1')).toHaveValue('3');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(cell('LHS row 1, column 1')).toHaveValue('0.62944734');
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(cell('LHS row 1, column 1')).toHaveValue('3');
    await user.keyboard('{Control>}z{/Control}');
    expect(cell('LHS row 1, column 1')).toHaveValue('0.62944734');
    await user.keyboard('{Control>}y{/Control}');
    expect(cell('LHS row 1, column 1')).toHaveValue('3');
    await user.keyboard('{Control>}z{/Control}{Control>}{Shift>}z{/Shift}{/Control}');
    expect(cell('LHS row 1, column 1')).toHaveValue('3');
  }, 20_000);
  it('“Reset to example” asks first, and undo brings the edits back', async () => {
    const user = userEvent.setup();
    await renderApp();
    act(() => {
      useAppStore.getState().setCell('rhs', 0, 0, 9);
    });
    await user.click(screen.getByRole('button', { name: 'Reset to example' }));
    expect(screen.getByRole('alertdialog', { name: 'Reset to the example?' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cell('RHS row 1, column 1')).toHaveValue('9');
    await user.click(screen.getByRole('button', { name: 'Reset to example' }));
    await user.click(screen.getByRole('button', { name: 'Discard and reset' }));
    expect(cell('RHS row 1, column 1')).toHaveValue('0.26471853');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(cell('RHS row 1, column 1')).toHaveValue('9');
  });
});

describe('sharing', () => {
  it('copies the link and confirms it', async () => {
    const user = userEvent.setup();
    await renderApp();
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(writeText).toHaveBeenCalledWith(expect.stringMatching(/#q1\.[A-Za-z0-9_-]+$/));
    expect(await screen.findByText('Link copied.')).toBeInTheDocument();
  });
  it('offers the link to select by hand when the clipboard is refused', async () => {
    const user = userEvent.setup();
    await renderApp();
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new Error('denied')) },
      configurable: true,
    });
    await user.click(screen.getByRole('button', { name: 'Copy embed link' }));
    expect(await screen.findByText(/did not allow copying/)).toBeInTheDocument();
    const field = screen.getByRole('textbox', { name: 'Link to copy' });
    expect(field instanceof HTMLInputElement && field.value).toMatch(/#q1\.[A-Za-z0-9_-]+&embed=1$/);
  });
  it('draws a QR code of the link, loaded on demand, and says how dense it is', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.click(screen.getByRole('button', { name: 'QR code' }));
    const qr = await screen.findByRole('img', { name: 'QR code of the link to this exact state' }, { timeout: 10_000 });
    expect(qr.querySelectorAll('rect').length).toBeGreaterThan(100);
    expect(screen.getByTestId('qr-density')).toHaveTextContent(
      /^\d+ × \d+ modules \(version \d+ of 40\)\. Shown full screen/,
    );
    expect(screen.getByRole('button', { name: 'Show the QR code full screen' })).toBeInTheDocument();
  });
  it('says that phones cannot open a link to this computer, and how to serve the page to the room', async () => {
    const user = userEvent.setup();
    await renderApp(); // jsdom serves the page from localhost
    await user.click(screen.getByRole('button', { name: 'QR code' }));
    expect(await screen.findByText(/phones cannot open its link/, {}, { timeout: 10_000 })).toHaveTextContent(
      'npm start -- --host',
    );
  });
  it(
    'warns from the density phones cannot read from the back of a room, and explains a link no QR code holds',
    { timeout: 30_000 },
    async () => {
      const user = userEvent.setup();
      await renderApp();
      await user.click(screen.getByRole('button', { name: 'QR code' }));
      await screen.findByTestId('qr-density', {}, { timeout: 10_000 });
      // Odd values of 24 × 24 inputs: about 1,700 characters of link.
      const odd = (n: number, k: number) => ({
        rows: n,
        cols: n,
        data: Float32Array.from({ length: n * n }, (_, t) => Math.fround(Math.sin(t * 12.9898 + k) * 0.9)),
      });
      act(() => {
        useAppStore.getState().replaceMatrix('lhs', odd(12, 1));
        useAppStore.getState().replaceMatrix('rhs', odd(12, 2));
      });
      await waitFor(() => expect(screen.getByTestId('qr-density')).toHaveTextContent(/Dense|Too dense/), {
        timeout: 15_000,
      });
      expect(screen.getByTestId('link-length').textContent).toMatch(/link: 1,\d{3} characters/);
      act(() => {
        useAppStore.getState().replaceMatrix('lhs', odd(32, 3));
        useAppStore.getState().replaceMatrix('rhs', odd(32, 4));
      });
      const refusal = await screen.findByText(
        /^No QR code: the link is [\d,]+ characters, more than a QR code holds/,
        {},
        { timeout: 15_000 },
      );
      expect(refusal).not.toHaveTextContent(/amount of data/);
    },
  );
  it('says how long the link is', async () => {
    await renderApp();
    expect(screen.getByTestId('link-length')).toHaveTextContent(/link: \d+ characters/);
    expect(screen.queryByText(/Long link/)).not.toBeInTheDocument();
  });
  it('shows a page notice in words and lets it be dismissed', async () => {
    const user = userEvent.setup();
    await renderApp();
    act(() => {
      useAppStore.getState().setNotice({ kind: 'linkRefused', problem: { kind: 'cutOff' }, keptWork: true });
    });
    // The notices' words load with the first notice.
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'This link could not be opened. Its data is cut off. Your current work is unchanged.',
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/could not be opened/)).not.toBeInTheDocument();
  });
});

describe('a new version of the app', () => {
  it('is offered, applied only when asked, and can wait', async () => {
    const user = userEvent.setup();
    await renderApp();
    const reload = vi.fn();
    act(() => useOffline.setState({ update: reload }));
    expect(screen.getByText(/A new version of Quantization Explorer is ready/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByRole('button', { name: 'Reload to update' })).not.toBeInTheDocument();
    act(() => useOffline.setState({ update: reload }));
    expect(reload).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Reload to update' }));
    expect(reload).toHaveBeenCalledOnce();
  });
  it('says once that the app works offline', async () => {
    const user = userEvent.setup();
    await renderApp();
    act(() => useOffline.setState({ offlineReady: true }));
    expect(screen.getByText(/Ready to work offline/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/Ready to work offline/)).not.toBeInTheDocument();
  });
});
