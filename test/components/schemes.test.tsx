/** Choosing a scheme per matrix and a requantization method, as a person does in sections 2 and 5. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useAppStore } from '../../src/state/store.ts';
import { example } from '../helpers/fixture.ts';
import { renderApp } from '../helpers/renderApp.tsx';

const card = (name: string) => screen.getByRole('article', { name: `${name} quantization parameters` });
const schemeMenu = (name: string) => within(card(name)).getByRole('combobox', { name: 'Scheme' });

/** max |r| of the example's RHS, in float32 (its values as the fixture has them). */
const rhsAmax = Math.max(...example.rhs_float.flat().map((v) => Math.abs(Math.fround(v))));

describe('quantization schemes in the page', () => {
  it('shows PyTorch’s symmetric qint8 scale, max|r| / 127.5, and zero point 0 for the RHS', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.selectOptions(schemeMenu('RHS'), 'PyTorch qint8 symmetric (÷ 127.5)');
    const rhs = within(card('RHS'));
    // S = max(|min|, |max|) / ((qmax − qmin) / 2) = max|r| / 127.5, typeset as fractions.
    const fractions = [...rhs.getByTestId('rhs-scale-formula').querySelectorAll('mfrac')].map((f) =>
      [...f.children].map((part) => part.textContent),
    );
    expect(fractions[0]).toEqual(['max(|min|,|max|)', '(qmax−qmin)/2']);
    expect(Math.fround(Number(fractions[1]?.[0]))).toBe(Math.fround(rhsAmax));
    expect(fractions[1]?.[1]).toBe('127.5');
    const expected = Math.fround(rhsAmax / 127.5);
    expect(Number(rhs.getByTestId('rhs-scale').textContent)).toBe(Number(expected.toFixed(10)));
    expect(rhs.getByTestId('rhs-zero-point')).toHaveTextContent('Z = 0');
    expect(rhs.getByText(/half to even \(torch\.quantize_per_tensor/)).toBeInTheDocument();
    // The other matrices keep the paper's scheme.
    expect(within(card('LHS')).getByTestId('lhs-zero-point')).toHaveTextContent('Z = 113');
  });

  it('explains an impossible custom scheme where it is built, and keeps the scheme in use', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.selectOptions(schemeMenu('Result'), 'Custom…');
    const result = within(card('Result'));
    await user.selectOptions(result.getByRole('combobox', { name: 'library' }), 'TFLite');
    await user.click(result.getByRole('checkbox', { name: 'symmetric' }));
    expect(result.getByRole('alert')).toHaveTextContent(
      "TFLite's symmetric codes are signed with zero point 0; [0, 255] is unsigned. The Result keeps its current scheme.",
    );
    expect(result.getByTestId('result-zero-point')).not.toHaveTextContent('Z = 0');
    await user.click(result.getByRole('checkbox', { name: 'signed' }));
    expect(result.queryByRole('alert')).not.toBeInTheDocument();
    expect(result.getByTestId('result-zero-point')).toHaveTextContent('Z = 0');
    expect(result.getByText('codes [−128, 127]')).toBeInTheDocument();
  });

  it('requantizes with the method chosen: one scaling stage instead of the high multiply and shift', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Requantization' }),
      'float64, half to even (ONNX reference)',
    );
    const walk = screen.getByRole('group', { name: /Walkthrough of output row/ });
    await user.click(within(walk).getByRole('button', { name: /Jump to end/ }));
    expect(screen.getByTestId('step-counter')).toHaveTextContent('step 8 of 8');
    expect(screen.getByTestId('stage-scale')).toBeInTheDocument();
    expect(screen.queryByTestId('stage-highMul')).not.toBeInTheDocument();
    expect(screen.getByText(/round half to even of 11475 · 0\.0043659303 in double/)).toBeInTheDocument();
    // 11475 · 0.0043659303 = 50.1 → 50, + Z3 = 168: the example's code either way.
    expect(screen.getByTestId('stage-clamp')).toHaveTextContent('168');
  });

  it('derives TFLite’s multiplier in double with frexp and a signed shift when it requantizes', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Requantization' }),
      'TFLite fixed point: signed shift, two roundings',
    );
    const { lhs_qparams: a, rhs_qparams: b, result_qparams: c } = example;
    const m = (a.scale * b.scale) / c.scale; // the fixture's float32 scales, multiplied and divided in double
    const m0 = Math.round(m * 2 ** 7 * 2 ** 31); // M = mantissa · 2^−7, mantissa in [0.5, 1)
    const derivation = screen.getByTestId('other-requantization');
    expect(derivation).toHaveTextContent(`M0 = round(`);
    expect(within(derivation).getByTestId('m0')).toHaveTextContent(String(m0));
    expect(derivation).toHaveTextContent('shift = −7 (a right shift after it)');
  });

  it('compares every requantization method on the product and lists the outputs where they differ', async () => {
    const user = userEvent.setup();
    await renderApp();
    expect(screen.queryByTestId('method-comparison')).not.toBeInTheDocument(); // computed only when opened
    await user.click(screen.getByText(/Every requantization method on this product/));
    const comparison = screen.getByTestId('method-comparison');
    expect(comparison).toHaveTextContent('The methods that can requantize this product agree on all 6 outputs.');
    // A result range set by hand to [−1.5, 1.5]: output (2, 1) lands near a tie, which the methods round apart.
    await user.click(screen.getByRole('checkbox', { name: /Set the result range by hand/ }));
    await user.clear(screen.getByRole('textbox', { name: 'Result range min' }));
    await user.type(screen.getByRole('textbox', { name: 'Result range min' }), '-1.5{Enter}');
    await user.clear(screen.getByRole('textbox', { name: 'Result range max' }));
    await user.type(screen.getByRole('textbox', { name: 'Result range max' }), '1.5{Enter}');
    expect(comparison).toHaveTextContent('The methods disagree on 1 of 6 outputs, by at most 1 LSB');
    const row = within(comparison).getByRole('row', { name: /\(2, 1\)/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['20', '20', '21', '21', '21']);
  });

  it('shows one (S, Z) per column for per-channel weights, each from its own column', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.selectOptions(schemeMenu('RHS'), 'TFLite int8 weights: symmetric ±127, per column');
    const table = within(card('RHS')).getByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(example.rhs_float[0]?.length ?? 0);
    rows.forEach((row, k) => {
      const column = example.rhs_float.map((r) => Math.fround(r[k] as number));
      const amax = Math.max(...column.map(Math.abs));
      const cells = within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent);
      expect(within(row).getByRole('rowheader')).toHaveTextContent(`column ${k + 1}`);
      expect(Number(cells[2])).toBeCloseTo(Math.fround(amax / 127), 10); // S = max|column| / 127
      expect(cells[3]).toBe('0');
    });
    expect(within(card('RHS')).getByText(/the formulas are those of the coarsest, column \d/)).toBeInTheDocument();
    // Picking a group draws its number line: column 1 spans its own range.
    await user.click(within(table).getByRole('button', { name: 'column 1' }));
    const col1 = example.rhs_float.map((r) => Math.fround(r[0] as number));
    const amax1 = Math.max(...col1.map(Math.abs));
    expect(within(card('RHS')).getByRole('img', { name: /^RHS column 1 number line/ })).toHaveAccessibleName(
      new RegExp(`reals from −${String(amax1).slice(0, 6)}`),
    );
    // …and marks the cells holding column 1's min and max in the grid, no others.
    const marked = screen
      .getAllByRole('textbox', { name: /^RHS row/ })
      .filter((c) => /^(minimum|maximum)/.test(c.getAttribute('aria-description') ?? ''))
      .map((c) => `${c.getAttribute('aria-label')}: ${c.getAttribute('aria-description')}`);
    const row = (v: number) => col1.indexOf(v) + 1;
    expect(marked.sort()).toEqual(
      [
        `RHS row ${row(Math.min(...col1))}, column 1: minimum of RHS column 1`,
        `RHS row ${row(Math.max(...col1))}, column 1: maximum of RHS column 1`,
      ].sort(),
    );
    expect(within(card('RHS')).getByText(/the grid marks those of column 1/)).toBeInTheDocument();
    // Section 4 gives the metrics of each column apart, on demand.
    const rhsMetrics = screen.getByLabelText('RHS error metrics');
    await user.click(within(rhsMetrics).getByText('3 channels or blocks'));
    const perGroup = within(rhsMetrics).getByRole('region', { name: 'RHS metrics per group' });
    expect(within(perGroup).getAllByRole('row')).toHaveLength(4); // header + 3 columns
  });

  it('compares schemes side by side: storage per value, and per column beating per tensor on an outlier column', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.click(screen.getByText(/Compare schemes side by side: error, storage/));
    const comparison = screen.getByRole('region', { name: 'Compare schemes side by side' });
    // The example's RHS (4 × 3): uint8 per tensor stores 8 bits + (32 + 8) / 12; int8 per column 8 + 3 · 32 / 12.
    expect(within(comparison).getByTestId('bits-1')).toHaveTextContent('11.33');
    expect(within(comparison).getByTestId('bits-2')).toHaveTextContent('16');
    const mse = (k: number) =>
      Number(
        within(within(comparison).getByRole('group', { name: `Scheme ${k} of 2` }))
          .getByText('MSE')
          .nextElementSibling?.textContent.replace('−', '-'),
      );
    // Each lesson loads the weights that show it (the preset menu names them) and two schemes.
    await user.click(within(comparison).getByRole('button', { name: /int8 per tensor vs per column/ }));
    expect(screen.getByRole('combobox', { name: 'Preset' })).toHaveDisplayValue('One large weight column');
    expect(mse(2)).toBeLessThan(mse(1) / 2); // about 6× smaller here
    // One error axis for both, so that the histograms compare by eye.
    const ranges = within(comparison)
      .getAllByRole('img', { name: /error histogram from/ })
      .map((img) => /from (\S+) to (\S+);/.exec(img.getAttribute('aria-label') ?? '')?.slice(1));
    expect(ranges).toHaveLength(2);
    expect(ranges[0]).toEqual(ranges[1]);
    await user.click(within(comparison).getByRole('button', { name: 'int4 per column vs blocks of 32' }));
    expect(screen.getByRole('combobox', { name: 'Preset' })).toHaveDisplayValue(
      'Weights whose size changes every 32 rows',
    );
    expect(mse(2)).toBeLessThan(mse(1));
    // 128 × 4 weights, int4: per column 4 + 4 · 32 / 512 = 4.25 bits; blocks of 32, 4 + 16 · 32 / 512 = 5.
    expect(within(comparison).getByTestId('bits-1')).toHaveTextContent('4.25');
    expect(within(comparison).getByTestId('bits-2')).toHaveTextContent('5');
    // With float16 scales (ggml's), blocks of 32 cost the textbook 4 + 16 / 32 = 4.5 bits.
    const scales = within(comparison).getByLabelText('scales stored as');
    await user.selectOptions(scales, within(scales).getByRole('option', { name: /float16/ }));
    expect(within(comparison).getByTestId('bits-2')).toHaveTextContent('4.5');
    expect(within(comparison).getByTestId('bits-1')).toHaveTextContent('4.125');
    await user.click(within(comparison).getByRole('button', { name: 'Add a scheme' }));
    expect(within(comparison).getAllByRole('group', { name: /Scheme \d of 3/ })).toHaveLength(3);
  });

  it('is undone and redone like any edit', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.selectOptions(schemeMenu('LHS'), 'TFLite int8 (activations)');
    expect(useAppStore.getState().productOptions.schemes.lhs.qmin).toBe(-128);
    await user.click(screen.getByRole('button', { name: /^Undo/ }));
    expect(schemeMenu('LHS')).toHaveDisplayValue('gemmlowp — uint8, the paper');
    await user.click(screen.getByRole('button', { name: /^Redo/ }));
    expect(schemeMenu('LHS')).toHaveDisplayValue('TFLite int8 (activations)');
  });
});
