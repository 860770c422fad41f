import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderApp } from '../helpers/renderApp.tsx';
import { PanelBoundary } from '../../src/components/common/PanelBoundary.tsx';
import { useAppStore } from '../../src/state/store.ts';
import { example } from '../helpers/fixture.ts';

const region = (name: RegExp) => screen.getByRole('region', { name });

describe('the parameters panel', () => {
  it("shows the example's scales and zero points (gemmlowp's printed values)", async () => {
    await renderApp();
    expect(screen.getByTestId('lhs-scale')).toHaveTextContent('0.0066029881');
    expect(screen.getByTestId('lhs-zero-point')).toHaveTextContent('Z = 113');
    expect(screen.getByTestId('rhs-scale')).toHaveTextContent('0.0070503601');
    expect(screen.getByTestId('rhs-zero-point')).toHaveTextContent('Z = 114');
    expect(screen.getByTestId('result-scale')).toHaveTextContent('0.0106628919');
    expect(screen.getByTestId('result-zero-point')).toHaveTextContent('Z = 118');
  });
  it('substitutes the numbers into the formulas and explains the rounding of Z', async () => {
    await renderApp();
    const lhs = screen.getByRole('article', { name: 'LHS quantization parameters' });
    // Typeset as MathML: S = (max − min) / (qmax − qmin) = (0.93773556 − (−0.7460264)) / 255 = 0.0066029881.
    const scale = within(lhs).getByTestId('lhs-scale-formula');
    expect(scale.namespaceURI).toBe('http://www.w3.org/1998/Math/MathML');
    const fractions = (math: HTMLElement) =>
      [...math.querySelectorAll('mfrac')].map((f) => [...f.children].map((part) => part.textContent));
    expect(fractions(scale)).toEqual([
      ['max−min', 'qmax−qmin'],
      ['0.93773556−(−0.7460264)', '255'],
    ]);
    expect(scale.lastElementChild).toHaveTextContent('0.0066029881');
    // Z₀ = qmin − min / S = 0.7460264 / 0.0066029881, then rounded as gemmlowp rounds.
    expect(fractions(within(lhs).getByTestId('lhs-zero-point-formula'))).toEqual([
      ['min', 'S'],
      ['0.7460264', '0.0066029881'],
    ]);
    expect(lhs).toHaveTextContent(/Z₀ = 112\.98\d+ → round \(half away from 0\) → Z = 113/);
    expect(within(lhs).getByRole('img', { name: /real 0 lands on 113/ })).toBeInTheDocument();
  });
  it('says the result range was set by hand when it was, not “observed”', async () => {
    const user = userEvent.setup();
    await renderApp();
    const result = screen.getByRole('article', { name: 'Result quantization parameters' });
    expect(within(result).getAllByRole('term')[0]).toHaveTextContent(/^observed$/);
    await user.click(screen.getByRole('checkbox', { name: /Set the result range by hand/ }));
    expect(within(result).getAllByRole('term')[0]).toHaveTextContent(/^set by hand$/);
    // The inputs' ranges are still observed.
    const lhs = screen.getByRole('article', { name: 'LHS quantization parameters' });
    expect(within(lhs).getAllByRole('term')[0]).toHaveTextContent(/^observed$/);
  });
  it('says what happens for an all-zero matrix instead of showing NaN', async () => {
    await renderApp();
    act(() => {
      useAppStore.getState().replaceMatrix('lhs', { rows: 2, cols: 4, data: new Float32Array(8) });
    });
    const lhs = screen.getByRole('article', { name: 'LHS quantization parameters' });
    expect(lhs).toHaveTextContent(/Every value is 0.*uses S = 1, Z = 0/);
    for (const name of [/Quantization parameters/, /Heatmaps/, /Error histograms/, /Integer GEMM/, /The multiplier/]) {
      expect(region(name)).not.toHaveTextContent(/NaN|Infinity/);
    }
  });
  it('explains a range too wide for float32 in the panels concerned while the others keep working', async () => {
    await renderApp();
    act(() => {
      useAppStore.getState().setCell('rhs', 0, 0, 3e38);
      useAppStore.getState().setCell('rhs', 0, 1, -3e38);
    });
    expect(region(/Quantization parameters/)).toHaveTextContent(/RHS: no quantization parameters.*too wide/);
    expect(screen.getByTestId('lhs-zero-point')).toHaveTextContent('Z = 113');
    expect(region(/Integer GEMM/)).toHaveTextContent(/cannot be computed/);
  });
});

describe('the heatmaps', () => {
  it('read out r, q, r̂ and r̂ − r for a hovered editor cell and outline it in every view', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.hover(screen.getByRole('textbox', { name: 'LHS row 1, column 2' }));
    expect(screen.getByTestId('readout')).toHaveTextContent('LHS row 1, column 2');
    expect(screen.getByTestId('readout-r')).toHaveTextContent('0.8115839');
    expect(screen.getByTestId('readout-q')).toHaveTextContent(String(example.lhs_uint8[0]?.[1]));
    const heatmaps = within(screen.getByRole('group', { name: 'LHS heatmaps' }));
    expect(heatmaps.getAllByRole('group', { name: /heatmap/ })).toHaveLength(4);
    expect(document.querySelectorAll('.heatmap-pick')).toHaveLength(4);
  });
  it('move the inspected cell with the arrow keys', async () => {
    const user = userEvent.setup();
    await renderApp();
    const map = screen.getByRole('group', { name: /Result quantized q heatmap/ });
    act(() => map.focus());
    expect(screen.getByTestId('readout')).toHaveTextContent('Result row 1, column 1');
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowDown}');
    expect(screen.getByTestId('readout')).toHaveTextContent('Result row 2, column 3');
    expect(screen.getByTestId('readout-q')).toHaveTextContent(String(example.result_uint8[1]?.[2]));
  });
  it('offer the values as a table', async () => {
    const user = userEvent.setup();
    await renderApp();
    const figure = screen.getByText('LHS quantized q').closest('figure');
    if (!figure) throw new Error('no figure');
    await user.click(within(figure).getByText('Values as a table'));
    const table = within(figure).getByRole('table', { name: 'LHS quantized q' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    const cells = within(table)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells.filter((t) => t !== '')).toEqual(example.lhs_uint8.flat().map(String));
  });
  it('react to an edit', async () => {
    await renderApp();
    const before = screen.getByTestId('lhs-max-error').textContent;
    act(() => useAppStore.getState().setCell('lhs', 0, 0, 5));
    expect(screen.getByTestId('lhs-max-error').textContent).not.toBe(before);
    fireEvent.pointerEnter(screen.getByRole('textbox', { name: 'LHS row 1, column 1' }));
    expect(screen.getByTestId('readout-r')).toHaveTextContent('5');
    expect(screen.getByTestId('readout-q')).toHaveTextContent('255');
  });
});

describe('the error histograms and metrics', () => {
  it('show MSE, S²/12, max |error|, SQNR and clipping for each matrix', async () => {
    await renderApp();
    expect(screen.getByTestId('result-max-error')).toHaveTextContent('0.007636');
    expect(screen.getByTestId('lhs-sqnr')).toHaveTextContent(/\d+\.\d dB/);
    expect(screen.getByTestId('lhs-clipped')).toHaveTextContent('0 of 8');
    expect(screen.getByRole('img', { name: /LHS error histogram.*±S\/2 = ±0\.003301/ })).toBeInTheDocument();
  });
  it('call a lossless matrix lossless rather than showing ∞ dB', async () => {
    await renderApp();
    // Range [0, 1]: 0 and 1 are both exactly on the grid (q = 0 and q = 255).
    act(() => {
      useAppStore.getState().replaceMatrix('rhs', { rows: 4, cols: 1, data: Float32Array.from([0, 1, 0, 1]) });
    });
    expect(screen.getByTestId('rhs-sqnr')).toHaveTextContent('lossless');
  });
});

describe('PanelBoundary', () => {
  it('shows a failing panel’s error and keeps the rest of the page', () => {
    const Boom = () => {
      throw new Error('kaboom');
    };
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <>
        <PanelBoundary name="test">
          <Boom />
        </PanelBoundary>
        <p>still here</p>
      </>,
    );
    spy.mockRestore();
    expect(screen.getByRole('alert')).toHaveTextContent('The test panel hit an unexpected error.kaboom');
    expect(screen.getByText('still here')).toBeInTheDocument();
  });
});
