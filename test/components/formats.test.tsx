/** An input stored in an LLM weight format, as a person does it in sections 2 and 4. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { dequantizeBlocks, quantizeBlocks } from '../../src/formats/index.ts';
import { useAppStore } from '../../src/state/store.ts';
import { renderApp } from '../helpers/renderApp.tsx';

const card = (name: string) => screen.getByRole('article', { name: `${name} quantization parameters` });
const schemeMenu = (name: string) => within(card(name)).getByRole('combobox', { name: 'Scheme' });

/** The RHS in stored order (down each column), as the format view lays it out. */
function rhsStream(): Float32Array {
  const { rows, cols, data } = useAppStore.getState().rhs;
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j] as number;
  return out;
}

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

describe('LLM weight formats in the page', () => {
  it('stores the RHS as Q4_K: 4.5 bits per weight, a block’s bytes as ggml packs them, a value decoded and encoded', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Preset' }), 'LLM-like weights with outliers');
    await user.selectOptions(schemeMenu('RHS'), 'Q4_K');
    // The card is the format's own once its code has loaded.
    await screen.findByRole('table', { name: 'Bytes of block 1' }, { timeout: 10_000 });
    const rhs = within(card('RHS'));
    // 256 × 8 values in 8 super-blocks of 144 bytes: 4.5 bits each.
    expect(rhs.getByTestId('rhs-bits-per-weight')).toHaveTextContent('4.5 (144 bytes per 256 values)');
    expect(rhs.getByText(/8 blocks of 256, down each column/)).toBeInTheDocument();
    // Block 2's bytes, field by field, are ggml's (quantize_row_q4_K_ref, held to the C by the engine tests).
    await user.clear(rhs.getByRole('spinbutton', { name: 'Block' }));
    await user.type(rhs.getByRole('spinbutton', { name: 'Block' }), '2');
    const table = rhs.getByRole('table', { name: 'Bytes of block 2' });
    const packed = quantizeBlocks('q4_K', rhsStream()).subarray(144, 288);
    const rowsOf = within(table).getAllByRole('row').slice(1);
    expect(rowsOf.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['d', 'dmin', 'scales', 'qs']);
    const hexShown = rowsOf.map((r) => [...r.querySelectorAll('.byte')].map((b) => b.textContent).join(''));
    expect(hexShown.join('')).toBe(hex(packed));
    // Value 37 of block 2 is RHS row 38 of column 1 (blocks run down the columns); its decoding is dequantize's.
    await user.clear(rhs.getByRole('spinbutton', { name: 'value' }));
    await user.type(rhs.getByRole('spinbutton', { name: 'value' }), '38');
    expect(rhs.getByText('RHS row 38, column 2')).toBeInTheDocument();
    const x = dequantizeBlocks('q4_K', packed, 256)[37] as number;
    const shown = /= (−?[0-9.e+-]+)\.$/.exec(rhs.getByTestId('rhs-decode').textContent)?.[1] ?? '';
    expect(Math.fround(Number(shown.replace('−', '-')))).toBe(x);
    // Its encoding: the sub-block's search over candidate scales, 22 of them for Q4_K.
    const search = rhs.getByRole('table', { name: 'Candidate scales' });
    expect(within(search).getAllByRole('row')).toHaveLength(1 + 22);
    expect(rhs.getByRole('img', { name: /The 16 values this block can represent/ })).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/NaN/);
  });

  it('undoes the format choice, and says why a format cannot hold a value instead of showing ∞ or NaN', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.selectOptions(schemeMenu('RHS'), 'Q4_0');
    await screen.findByRole('table', { name: 'Bytes of block 1' }, { timeout: 10_000 });
    const cell = screen.getByRole('textbox', { name: 'RHS row 1, column 1' });
    await user.clear(cell);
    await user.type(cell, '1e30{Enter}');
    expect(within(card('RHS')).getByText(/Q4_0 cannot hold 1e\+30/)).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
    await user.click(screen.getByRole('button', { name: /^Undo/ }));
    await user.click(screen.getByRole('button', { name: /^Undo/ }));
    expect(within(card('RHS')).queryByRole('table', { name: /Bytes of block/ })).not.toBeInTheDocument();
    expect(within(card('RHS')).getByTestId('rhs-zero-point')).toBeInTheDocument();
    expect(useAppStore.getState().productOptions.formats.rhs).toBeNull();
  });

  it('double-quantizes NF4’s absmax values from a checkbox: fewer bits, the absmax’s code among the steps, undone', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Preset' }), 'LLM-like weights with outliers');
    await user.selectOptions(schemeMenu('RHS'), 'NF4');
    await screen.findByRole('table', { name: 'Bytes of block 1' }, { timeout: 10_000 });
    expect(within(card('RHS')).getByTestId('rhs-bits-per-weight')).toHaveTextContent('4.5 (36 bytes per 64 values)');
    await user.click(within(card('RHS')).getByRole('checkbox', { name: /Double quantization/ }));
    // 2048 values: 4 bits each, 8 per block of 64, 32 for the one group of 256 blocks, 32 for the offset.
    expect(within(card('RHS')).getByTestId('rhs-bits-per-weight')).toHaveTextContent('4.1563 (33 bytes per 64 values)');
    expect(within(card('RHS')).getByText(/^Double quantization stores absmax/)).toBeInTheDocument();
    expect(within(card('RHS')).getByRole('rowheader', { name: 'absmax code' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Undo/ }));
    expect(within(card('RHS')).getByTestId('rhs-bits-per-weight')).toHaveTextContent('4.5 (36 bytes per 64 values)');
  });

  it('compares Q4_0 with Q4_K at the same 4.5 bits in one click: Q4_K’s error is the smaller', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.click(screen.getByText(/^Compare schemes side by side/));
    await user.click(screen.getByRole('button', { name: 'Q4_0 vs Q4_K at 4.5 bits, on weights with outliers' }));
    const columns = await screen.findAllByRole('group', { name: /^Scheme \d of 2/ });
    await within(columns[1] as HTMLElement).findByText('4.5 (its layout)', {}, { timeout: 10_000 });
    expect(within(columns[0] as HTMLElement).getByTestId('bits-1')).toHaveTextContent('4.5 (its layout)');
    const mse = (k: number) => Number(within(columns[k] as HTMLElement).getAllByRole('definition')[0]?.textContent);
    expect(mse(1)).toBeGreaterThan(0);
    expect(mse(1)).toBeLessThan(mse(0));
  });
});
