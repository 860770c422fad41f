import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../helpers/renderApp.tsx';
import { useAppStore } from '../../src/state/store.ts';

const cell = (name: string) => screen.getByRole('textbox', { name });

describe('the matrix editor', () => {
  it('shows the gemmlowp example on first load, each cell named by matrix, row and column', async () => {
    await renderApp();
    expect(cell('LHS row 1, column 1')).toHaveValue('0.62944734');
    expect(cell('RHS row 4, column 3')).toHaveValue('0.9353899');
    expect(screen.getByRole('grid', { name: 'LHS values, 2 × 4' })).toBeInTheDocument();
  });

  it('commits a typed value with Enter, moves down, and every panel follows', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.click(cell('LHS row 1, column 1'));
    await user.keyboard('2.5{Enter}');
    expect(cell('LHS row 1, column 1')).toHaveValue('2.5');
    expect(cell('LHS row 2, column 1')).toHaveFocus();
    expect(screen.getByTestId('lhs-max')).toHaveTextContent('2.5');
    expect(screen.getByTestId('lhs-scale')).toHaveTextContent(
      String(Math.fround(Math.fround(2.5 + 0.7460263967514038) / 255)).slice(0, 8),
    );
    // The result is recomputed too: its max grew.
    expect(screen.getByTestId('result-max')).not.toHaveTextContent('1.4614899');
  });

  it('moves with arrows and Enter inside a grid; Tab and Shift+Tab leave it (one Tab stop per grid)', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.click(cell('LHS row 1, column 4'));
    await user.keyboard('{ArrowUp}');
    expect(cell('LHS row 1, column 4')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(cell('LHS row 2, column 4')).toHaveFocus();
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(cell('LHS row 2, column 2')).toHaveFocus();
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(cell('LHS row 1, column 2')).toHaveFocus();
    const lhs = screen.getByRole('grid', { name: 'LHS values, 2 × 4' });
    await user.keyboard('7{Tab}');
    expect(cell('LHS row 1, column 2')).toHaveValue('7'); // committed on the way out
    expect(lhs).not.toContainElement(document.activeElement as HTMLElement);
    // Shift+Tab comes back to the cell last used, and Shift+Tab again leaves before the grid.
    await user.keyboard('{Shift>}{Tab}{/Shift}');
    expect(cell('LHS row 1, column 2')).toHaveFocus();
    await user.keyboard('{Shift>}{Tab}{/Shift}');
    expect(lhs).not.toContainElement(document.activeElement as HTMLElement);
    // From the LHS grid, Tab reaches the RHS grid's controls and then its cells.
    await user.click(cell('LHS row 2, column 4'));
    for (let k = 0; k < 12 && !(document.activeElement?.getAttribute('aria-label') ?? '').startsWith('RHS row'); k++)
      await user.keyboard('{Tab}');
    expect(cell('RHS row 1, column 1')).toHaveFocus();
  });

  it('undoes the typing with Ctrl+Z before any earlier edit, then the earlier edit', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.click(cell('LHS row 1, column 1'));
    await user.keyboard('3{Enter}');
    await user.click(cell('LHS row 1, column 2'));
    await user.keyboard('77');
    expect(cell('LHS row 1, column 2')).toHaveValue('77');
    await user.keyboard('{Control>}z{/Control}');
    expect(cell('LHS row 1, column 2')).toHaveValue('0.8115839');
    expect(cell('LHS row 1, column 1')).toHaveValue('3');
    await user.keyboard('{Control>}z{/Control}');
    expect(cell('LHS row 1, column 1')).toHaveValue('0.62944734');
  });

  it('cancels an edit with Escape', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.click(cell('RHS row 1, column 1'));
    await user.keyboard('99{Escape}');
    expect(cell('RHS row 1, column 1')).toHaveValue('0.26471853');
    expect(useAppStore.getState().rhs.data[0]).toBe(Math.fround(0.26471853256225586));
  });

  it.each([
    ['abc', /“abc” is not a number/],
    ['NaN', /Only finite numbers/],
    ['Infinity', /Only finite numbers/],
    ['1e999', /too large/],
  ])('refuses %j at the cell with a message and keeps the previous value', async (typed, message) => {
    const user = userEvent.setup();
    await renderApp();
    await user.click(cell('LHS row 1, column 2'));
    await user.keyboard(`${typed}{Enter}`);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(message);
    expect(alert).toHaveTextContent('Kept 0.8115839.'); // float32 digits, as the cell shows it
    expect(cell('LHS row 1, column 2')).toHaveValue('0.8115839');
    expect(cell('LHS row 1, column 2')).toHaveAttribute('aria-invalid', 'true');
    expect(cell('LHS row 1, column 2')).toHaveFocus();
    for (const name of [/Quantization parameters/, /Heatmaps/, /Error histograms/, /Integer GEMM/, /The multiplier/]) {
      expect(screen.getByRole('region', { name })).not.toHaveTextContent(/NaN|Infinity/);
    }
  });

  it('accepts a Unicode minus and full-width digits from an IME', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.click(cell('LHS row 1, column 1'));
    await user.keyboard('−0.5{Enter}');
    expect(cell('LHS row 1, column 1')).toHaveValue('−0.5');
    await user.click(cell('LHS row 1, column 2'));
    await user.keyboard('－１．２５{Tab}');
    expect(cell('LHS row 1, column 2')).toHaveValue('−1.25');
    expect(screen.getByTestId('lhs-min')).toHaveTextContent('−1.25');
  });

  it('takes the shape of a pasted block and resizes the other matrix to keep the depth', async () => {
    await renderApp();
    const target = cell('LHS row 1, column 1');
    fireEvent.paste(target, { clipboardData: { getData: () => '1\t2\t3\n4\t5\t6\n7\t8\t9\n' } });
    expect(screen.getByRole('grid', { name: 'LHS values, 3 × 3' })).toBeInTheDocument();
    expect(screen.getByRole('grid', { name: 'RHS values, 3 × 3' })).toBeInTheDocument();
    expect(screen.getByText(/RHS resized to 3×3/)).toHaveAttribute('role', 'status');
    expect(cell('LHS row 3, column 3')).toHaveValue('9');
  });

  it('pastes a single value into the focused cell only', async () => {
    await renderApp();
    act(() => cell('RHS row 2, column 2').focus());
    fireEvent.paste(cell('RHS row 2, column 2'), { clipboardData: { getData: () => ' 0.125 ' } });
    expect(cell('RHS row 2, column 2')).toHaveValue('0.125');
    expect(screen.getByRole('grid', { name: 'RHS values, 4 × 3' })).toBeInTheDocument();
  });

  it('refuses a ragged or bad paste with a message about the pasted text, and changes nothing', async () => {
    await renderApp();
    fireEvent.paste(cell('LHS row 2, column 3'), { clipboardData: { getData: () => '1\t2\n3\tx' } });
    expect(screen.getByRole('alert')).toHaveTextContent('LHS: Pasted row 2, column 2: “x” is not a number. Nothing');
    // The problem is in the pasted text, not in the cell that had the focus.
    expect(cell('LHS row 2, column 3')).toHaveAttribute('aria-invalid', 'false');
    expect(screen.getByRole('grid', { name: 'LHS values, 2 × 4' })).toBeInTheDocument();
  });

  it('pastes spreadsheet cells with a header row and row labels, and says what it left out', async () => {
    await renderApp();
    const block = '\tw1\tw2\nx1\t0.5\t-1\nx2\t2\t3\n';
    fireEvent.paste(cell('LHS row 1, column 1'), { clipboardData: { getData: () => block } });
    expect(screen.getByRole('grid', { name: 'LHS values, 2 × 2' })).toBeInTheDocument();
    expect(
      screen.getByText(
        'LHS is now 2×2. Left out the header row (w1, w2) and the column of row labels. RHS resized to 2×3 so that the depths match (new cells are 0).',
      ),
    ).toHaveAttribute('role', 'status');
  });

  it('replaces the note of an earlier paste with the error of a later one (no stale success)', async () => {
    await renderApp();
    fireEvent.paste(cell('LHS row 1, column 1'), { clipboardData: { getData: () => '1\t2\n3\t4' } });
    expect(screen.getByText(/^LHS is now 2×2\./)).toHaveAttribute('role', 'status');
    fireEvent.paste(cell('LHS row 1, column 1'), { clipboardData: { getData: () => 'a\tb\n1\tq' } });
    expect(screen.getByRole('alert')).toHaveTextContent('Pasted row 2, column 2: “q” is not a number');
    expect(screen.queryByText(/LHS is now/)).not.toBeInTheDocument();
  });

  it('accepts what a Chinese input method types: 0。5 in a cell, and explains 1，2 (two numbers)', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.click(cell('LHS row 1, column 1'));
    await user.keyboard('0。5{Enter}');
    expect(cell('LHS row 1, column 1')).toHaveValue('0.5');
    await user.click(cell('LHS row 1, column 2'));
    await user.keyboard('1，2{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent(
      '“1，2” holds 2 numbers separated by commas; a cell holds one. For a decimal, use a point (0.5)',
    );
  });

  it('loads numpy text from the paste box', async () => {
    const user = userEvent.setup();
    await renderApp();
    const editor = screen.getByRole('region', { name: /RHS/ });
    await user.click(within(editor).getByText('Paste a block as text…'));
    const box = within(editor).getByRole('textbox', { name: /RHS as spreadsheet cells/ });
    await user.click(box);
    await user.paste('array([[1., 2.],\n       [3., 4.],\n       [5., 6.],\n       [7., 8.]], dtype=float32)');
    await user.click(within(editor).getByRole('button', { name: 'Load into RHS' }));
    expect(screen.getByRole('grid', { name: 'RHS values, 4 × 2' })).toBeInTheDocument();
    expect(cell('RHS row 4, column 2')).toHaveValue('8');
  });

  it('loads a paste too long to show in the paste box at once, and refuses a bad one there', async () => {
    const user = userEvent.setup();
    await renderApp();
    const editor = screen.getByRole('region', { name: /LHS/ });
    await user.click(within(editor).getByText('Paste a block as text…'));
    const box = within(editor).getByRole('textbox', { name: /LHS as spreadsheet cells/ });
    // 300 × 300 values of 0.25…: more than 100,000 characters.
    const block = Array.from({ length: 300 }, (_, i) =>
      Array.from({ length: 300 }, (_, j) => ((i * 300 + j) % 7) / 4).join('\t'),
    ).join('\n');
    fireEvent.paste(box, { clipboardData: { getData: () => block } });
    expect(screen.getByRole('grid', { name: 'LHS values, 300 × 300' })).toBeInTheDocument();
    expect(within(editor).getByText(/Loaded the pasted block \(\d{3},\d{3} characters/)).toHaveAttribute(
      'role',
      'status',
    );
    expect(box).toHaveValue('');

    fireEvent.paste(box, { clipboardData: { getData: () => `${block}\tnot-a-number` } });
    expect(within(editor).getByRole('alert')).toBeInTheDocument();
    expect(screen.getByRole('grid', { name: 'LHS values, 300 × 300' })).toBeInTheDocument();
  });

  it('adds and removes rows and columns, keeping LHS columns equal to RHS rows', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.click(screen.getByRole('button', { name: 'Add a column (LHS)' }));
    expect(screen.getByRole('grid', { name: 'LHS values, 2 × 5' })).toBeInTheDocument();
    expect(screen.getByRole('grid', { name: 'RHS values, 5 × 3' })).toBeInTheDocument();
    expect(cell('RHS row 5, column 1')).toHaveValue('0');
    await user.click(screen.getByRole('button', { name: 'Remove a row (LHS)' }));
    expect(screen.getByRole('grid', { name: 'LHS values, 1 × 5' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove a row (LHS)' })).toBeDisabled();
  });

  it('marks the cells holding the min and max', async () => {
    await renderApp();
    expect(cell('LHS row 1, column 3')).toHaveAccessibleDescription('minimum of LHS');
    expect(cell('LHS row 2, column 3')).toHaveAccessibleDescription('maximum of LHS');
  });

  it('draws anew at every Randomize, each side from its own seed, and a typed seed draws the same values again', async () => {
    const user = userEvent.setup();
    await renderApp();
    // Equal shapes: LHS 4 × 4 and RHS 4 × 4.
    await user.click(screen.getByRole('button', { name: 'Add a row (LHS)' }));
    await user.click(screen.getByRole('button', { name: 'Add a row (LHS)' }));
    await user.click(screen.getByRole('button', { name: 'Add a column (RHS)' }));
    const values = (id: 'lhs' | 'rhs') => Array.from(useAppStore.getState()[id].data);
    const lhsSeed = screen.getByRole('textbox', { name: 'LHS seed' });
    await user.click(screen.getByRole('button', { name: 'Randomize LHS' }));
    const first = values('lhs');
    expect(lhsSeed).toHaveValue('2');
    expect(screen.getByTestId('lhs-draw')).toHaveTextContent('Uniform [−1, 1), seed 2');
    await user.click(screen.getByRole('button', { name: 'Randomize LHS' }));
    expect(values('lhs')).not.toEqual(first);
    expect(lhsSeed).toHaveValue('3');
    await user.click(screen.getByRole('button', { name: 'Randomize RHS' }));
    expect(values('rhs')).not.toEqual(values('lhs'));
    await user.clear(lhsSeed);
    await user.type(lhsSeed, '２{Enter}'); // full-width, as a Chinese input method types it
    expect(values('lhs')).toEqual(first);
    // An edit makes it the user's own matrix: the caption goes.
    await user.click(cell('LHS row 1, column 1'));
    await user.keyboard('5{Enter}');
    expect(screen.queryByTestId('lhs-draw')).not.toBeInTheDocument();
  });

  it('refuses a seed that is not a whole number, at the field, and keeps the draw', async () => {
    const user = userEvent.setup();
    await renderApp();
    const before = Array.from(useAppStore.getState().lhs.data);
    const lhsSeed = screen.getByRole('textbox', { name: 'LHS seed' });
    await user.clear(lhsSeed);
    await user.type(lhsSeed, '1.5{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'LHS seed: “1.5” is not a whole number from 0 to 2147483647. Kept 1.',
    );
    for (const typed of ['1e3', '0x10']) {
      await user.clear(lhsSeed);
      await user.type(lhsSeed, `${typed}{Enter}`);
      expect(screen.getByRole('alert')).toHaveTextContent(`“${typed}” is not a whole number`);
    }
    expect(Array.from(useAppStore.getState().lhs.data)).toEqual(before);
  });

  it('says which preset is on screen and what it teaches, and when the matrices are your own', async () => {
    const user = userEvent.setup();
    await renderApp();
    expect(screen.getByTestId('preset-caption')).toHaveTextContent(/gemmlowp example\./);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Preset' }), 'One outlier ruins the resolution');
    expect(screen.getByTestId('preset-caption')).toHaveTextContent(
      'One outlier ruins the resolution. A single 12 among values within ±0.5 stretches the range',
    );
    expect(screen.getByRole('combobox', { name: 'Preset' })).toHaveDisplayValue('One outlier ruins the resolution');
    await user.click(cell('RHS row 1, column 1'));
    await user.keyboard('3{Enter}');
    expect(screen.getByTestId('preset-caption')).toHaveTextContent(/^Your own matrices\. A preset starts again/);
    expect(screen.getByRole('combobox', { name: 'Preset' })).toHaveDisplayValue(/Your own matrices/);
  });
});
