import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
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
  });
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
  it('draws a QR code of the link, loaded on demand', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.click(screen.getByRole('button', { name: 'QR code' }));
    const qr = await screen.findByRole('img', { name: 'QR code of the link to this exact state' }, { timeout: 10_000 });
    expect(qr.querySelectorAll('rect').length).toBeGreaterThan(100);
  });
  it('says how long the link is', async () => {
    await renderApp();
    expect(screen.getByTestId('link-length')).toHaveTextContent(/link: \d+ characters/);
    expect(screen.queryByText(/Long link/)).not.toBeInTheDocument();
  });
  it('shows a notice and hides the editing chrome in embed mode', async () => {
    await renderApp();
    act(() => {
      useAppStore.getState().setNotice({ kind: 'linkRefused', problem: { kind: 'cutOff' }, keptWork: true });
      useAppStore.getState().setEmbed(true);
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'This link could not be opened. Its data is cut off. Your current work is unchanged.',
    );
    expect(document.querySelector('.app')).toHaveClass('embed');
  });
});
