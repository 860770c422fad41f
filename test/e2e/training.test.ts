/**
 * The training lab in Chromium: the digits shipped with the app, trained in a Web Worker; 8-bit
 * quantization-aware training ends within a point of float, and its integer-only inference agrees
 * with its fake-quantized forward pass on at least 99 % of the test images. The page stays
 * responsive while the worker trains.
 */
import { describe, expect, it } from 'vitest';
import { canRunBrowser, openPage, useSession } from './browser.ts';

describe.runIf(canRunBrowser)('training in Chromium', () => {
  const current = useSession();

  it(
    'trains on the digits in a worker: 8-bit QAT within a point of float, integer agreement ≥ 99 %',
    { timeout: 120_000 },
    async () => {
      const errors: string[] = [];
      const page = await openPage(current(), '', errors);
      const panel = page.getByRole('region', { name: /8 · Training with quantization/ });
      await panel.getByLabel('data').selectOption('digits');
      await panel.getByLabel('hidden units').fill('32');
      await panel.getByLabel('hidden units').press('Enter');
      await panel.getByLabel('quantize from step').fill('200');
      await panel.getByLabel('quantize from step').press('Enter');
      await panel.getByRole('progressbar').waitFor();
      await panel.getByRole('button', { name: 'Start training' }).click();
      // While the worker trains, frames keep coming (no long main-thread task).
      const waits: number[] = await page.evaluate(async () => {
        const out: number[] = [];
        for (let k = 0; k < 10; k++) {
          const t0 = performance.now();
          await new Promise((r) => requestAnimationFrame(() => r(null)));
          out.push(performance.now() - t0);
          await new Promise((r) => setTimeout(r, 30));
        }
        return out;
      });
      expect(Math.max(...waits)).toBeLessThan(250);
      const table = panel.getByRole('table');
      await table.waitFor({ timeout: 100_000 });
      const cell = async (row: string, column: number) =>
        Number(
          (
            await table
              .getByRole('row', { name: new RegExp(`^${row}`) })
              .getByRole('cell')
              .nth(column)
              .innerText()
          ).replace(' %', ''),
        );
      const float = await cell('float', 0);
      const qat = await cell('quantization-aware training', 0);
      expect(float).toBeGreaterThan(93);
      expect(Math.abs(qat - float)).toBeLessThanOrEqual(1);
      expect(await cell('quantization-aware training', 2)).toBeGreaterThanOrEqual(99);
      expect(errors).toEqual([]);
    },
  );
});
