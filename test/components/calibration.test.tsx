/** The calibration lab (section 7) as a person uses it. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { chooseSchemeParams, PRESETS } from '../../src/engine/index.ts';
import { calibrateRange } from '../../src/engine/calibration.ts';
import { calibrationBatches } from '../../src/state/calibration.ts';
import { useAppStore } from '../../src/state/store.ts';
import { renderApp } from '../helpers/renderApp.tsx';

const lab = () => screen.findByRole('region', { name: /7 · Where S₃ and Z₃ come from/ }, { timeout: 10_000 });

describe('the calibration lab', () => {
  it('ranks every estimator on the stream and sends the chosen range to section 5', async () => {
    const user = userEvent.setup();
    await renderApp();
    const panel = within(await lab());
    const table = panel.getByRole('region', { name: "Each estimator's range and its error" });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'running min/max',
      'MSE-optimal for this scheme',
      'percentile 99.99 for this scheme',
      'EMA, PyTorch (c = 0.01)',
      'EMA, TensorFlow (decay 0.999, debiased)',
      'percentile 99.9, TensorRT',
      'percentile 99.99, TensorRT',
      'percentile 99.999, TensorRT',
      'MSE-optimal ±amax, TensorRT',
      'entropy (KL, TensorRT)',
      'percentile 99.999, ONNX Runtime',
      'entropy (KL, ONNX Runtime, 2048 bins)',
    ]);
    // The percentile row shows what the engine computes on everything seen, with its Z.
    const s = useAppStore.getState().calibration;
    const seen = Float32Array.from(calibrationBatches(s, useAppStore.getState().lhs).flatMap((b) => Array.from(b)));
    const range = calibrateRange(seen, PRESETS.gemmlowp, { kind: 'percentile', percentile: 99.9 });
    const z = chooseSchemeParams(PRESETS.gemmlowp, range.min, range.max).zeroPoint;
    expect(within(rows[5] as HTMLElement).getAllByRole('cell')[2]).toHaveTextContent(String(z));
    // So does ONNX Runtime's entropy row (its own histogram of x, clipped to the data).
    const ort = calibrateRange(seen, PRESETS.gemmlowp, { kind: 'entropy', library: 'onnxruntime', bins: 2048 });
    const zOrt = chooseSchemeParams(PRESETS.gemmlowp, ort.min, ort.max).zeroPoint;
    expect(within(rows[11] as HTMLElement).getAllByRole('cell')[2]).toHaveTextContent(String(zOrt));
    // The row for the scheme in use is never worse than min/max, and one row is marked lowest.
    const mse = (k: number) =>
      Number(
        within(rows[k] as HTMLElement)
          .getAllByRole('cell')[3]
          ?.textContent.split(' ')[0],
      );
    expect(mse(1)).toBeLessThanOrEqual(mse(0));
    expect(within(table).getAllByText('(lowest)').length).toBeGreaterThan(0);
    await user.click(panel.getByRole('button', { name: 'Use this range: percentile 99.9, TensorRT, for the result' }));
    expect(useAppStore.getState().productOptions.resultRange).toEqual(range);
    expect(panel.getByRole('status')).toHaveTextContent(/Sent to section 5: the result's range is now \[−/);
    expect(
      within(screen.getByRole('article', { name: 'Result quantization parameters' })).getByText('set by hand'),
    ).toBeInTheDocument();
    // Undo brings the result's own range back.
    await user.click(screen.getByRole('button', { name: /^Undo/ }));
    expect(useAppStore.getState().productOptions.resultRange).toBeNull();
  });

  it('shows an outlier batch that min/max keeps and the EMA forgets', async () => {
    await renderApp();
    const panel = within(await lab());
    const chart = panel.getByRole('img', { name: /Batch by batch/ });
    const label = chart.getAttribute('aria-label') ?? '';
    const [, spike, running, ema] =
      /largest batch max is (\S+) at .* running max (\S+), PyTorch EMA max (\S+),/.exec(label) ?? [];
    expect(Number(running)).toBe(Number(spike));
    expect(Number(ema)).toBeLessThan(Number(spike) / 2);
  });

  it('explains a batch count it cannot take and keeps the previous one; a new seed draws anew', async () => {
    const user = userEvent.setup();
    await renderApp();
    const panel = within(await lab());
    const batches = panel.getByLabelText('batches');
    await user.clear(batches);
    await user.type(batches, '1e3{Enter}');
    expect(panel.getByRole('alert')).toHaveTextContent('batches: “1e3” is not a whole number from 1 to 200. Kept 40.');
    expect(useAppStore.getState().calibration.batches).toBe(40);
    expect(batches).toHaveValue('40');
    const before = panel.getByRole('img', { name: /Histogram of the/ }).getAttribute('aria-label');
    await user.click(panel.getByRole('button', { name: 'New draw' }));
    expect(useAppStore.getState().calibration.seed).toBe(2);
    expect(panel.getByRole('img', { name: /Histogram of the/ }).getAttribute('aria-label')).not.toBe(before);
  });

  it('calibrates on pasted values, explains a paste it cannot read and keeps the values read before', async () => {
    const user = userEvent.setup();
    await renderApp();
    const panel = within(await lab());
    await user.selectOptions(panel.getByLabelText('source'), 'values you paste');
    expect(panel.getByText(/Paste the values to calibrate on/)).toBeInTheDocument();
    const box = panel.getByLabelText(/values to calibrate on/);
    await user.click(box);
    await user.paste('[[0.5, -1.25, 3], [2, 0.25]]');
    await user.click(panel.getByRole('button', { name: 'Read the values' }));
    expect(panel.getByText('Read 5 values.')).toBeInTheDocument();
    const table = panel.getByRole('region', { name: "Each estimator's range and its error" });
    const minmax = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(within(minmax).getAllByRole('cell')[0]).toHaveTextContent('[−1.25, 3]');
    expect(panel.getByText(/1 batch, 5 values/)).toBeInTheDocument();
    // A paste with a word in it: said where, the 5 values stay.
    await user.clear(box);
    await user.paste('1 2\n3 oops');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(panel.getByRole('alert')).toHaveTextContent(
      'Pasted row 2, column 2: “oops” is not a number. Kept the 5 values read before.',
    );
    expect(Array.from(useAppStore.getState().calibration.pasted)).toEqual([0.5, -1.25, 3, 2, 0.25]);
  });
});
