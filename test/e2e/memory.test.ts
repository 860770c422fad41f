/** Memory in Chromium: edits keep their undo steps, not every past state's derived data. */
import type { CDPSession } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { canRunBrowser, openPage, useSession } from './browser.ts';
import { loadOperands } from './operands.ts';

const MB = 1024 * 1024;

/** The JS heap in use after garbage collection: V8's heap plus the typed arrays' backing stores. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  for (let k = 0; k < 3; k++) await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  if (usage.backingStorageSize === undefined) throw new Error('This Chromium does not report backing stores.');
  return usage.usedSize + usage.backingStorageSize;
}

describe.runIf(canRunBrowser)('memory in Chromium', () => {
  const current = useSession();

  it(
    '40 edits at 256×256 keep about their undo steps (10 MB), not 40 copies of every derived view',
    { timeout: 180_000 },
    async () => {
      const page = await openPage(current());
      await loadOperands(page, 256);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.enable');
      const before = await heapAfterGc(cdp);
      for (let e = 0; e < 40; e++) {
        const cell = page.getByRole('textbox', {
          name: `LHS row ${(e % 6) + 1}, column ${(Math.floor(e / 6) % 4) + 1}`,
        });
        const mse = await page.getByTestId('lhs-mse').innerText();
        await cell.fill(String(2 + e * 0.5));
        await cell.press('Enter');
        // Every panel has shown the edit (those out of view, with the product, too) before the next one.
        await expect.poll(() => page.getByTestId('lhs-max').innerText(), { timeout: 10_000 }).toBe(String(2 + e * 0.5));
        await expect.poll(() => page.getByTestId('lhs-mse').innerText(), { timeout: 10_000 }).not.toBe(mse);
      }
      const kept = ((await heapAfterGc(cdp)) - before) / MB;
      // 40 past LHS matrices are 40 × 256 KiB = 10 MB; each state's derived data is about 7 MB more.
      expect(kept).toBeLessThan(30);
      await page.close();
    },
  );
});
