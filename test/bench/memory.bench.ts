/**
 * Memory benchmark (not a test): `npm run bench:memory [-- 256] [--edits=100]`.
 * Loads n × n operands (default 256) into the production build in headless Chromium, makes
 * `--edits` cell edits (default 100; each types a new LHS maximum, so every derived view and the
 * product change, and each is one undo step), waits until every panel shows each edit, then
 * collects garbage (HeapProfiler.collectGarbage, three times) and reads the JS heap in use
 * (Runtime.getHeapUsage: the V8 heap plus the typed arrays' backing stores, where matrices live).
 * Prints the heap after loading, after the edits, and what the edits kept.
 * Target: 100 edits at 256×256 retain ≤ 80 MB of JS heap after garbage collection.
 */
import type { CDPSession } from 'playwright-core';
import { openPage, startSession } from '../e2e/browser.ts';
import { loadOperands } from '../e2e/operands.ts';

const args = process.argv.slice(2);
const EDITS = Number(args.find((a) => a.startsWith('--edits='))?.slice(8) ?? 100);
const sizeArgs = args.filter((a) => !a.startsWith('--')).map(Number);
const SIZES = sizeArgs.length ? sizeArgs : [256];
const MB = 1024 * 1024;

async function heapAfterGc(cdp: CDPSession): Promise<{ heap: number; buffers: number }> {
  for (let k = 0; k < 3; k++) await cdp.send('HeapProfiler.collectGarbage');
  // usedSize is the V8 heap; typed arrays keep their contents in backing stores outside it.
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  if (usage.backingStorageSize === undefined) throw new Error('This Chromium does not report backing stores.');
  return { heap: usage.usedSize, buffers: usage.backingStorageSize };
}

const session = await startSession();
const lines: string[] = [];
try {
  for (const n of SIZES) {
    const errors: string[] = [];
    const page = await openPage(session, '', errors);
    await loadOperands(page, n);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const loaded = await heapAfterGc(cdp);
    for (let e = 0; e < EDITS; e++) {
      const label = `LHS row ${(e % 6) + 1}, column ${(Math.floor(e / 6) % 4) + 1}`;
      const value = String(2 + e * 0.5);
      await page.evaluate(
        async ([cellLabel, text]) => {
          const input = document.querySelector<HTMLInputElement>(`input[aria-label="${cellLabel}"]`);
          if (!input) throw new Error(`no cell ${cellLabel}`);
          input.focus();
          Reflect.set(HTMLInputElement.prototype, 'value', text, input);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
          // Every panel, out of view too, shows the edit (the product included).
          const t0 = performance.now();
          while (document.querySelector('[data-testid="lhs-max"]')?.textContent !== text) {
            if (performance.now() - t0 > 10_000) throw new Error(`the edit ${text} never showed`);
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
        },
        [label, value] as const,
      );
    }
    // Let the link writer and the panels out of view settle, then measure.
    await page.waitForTimeout(1000);
    const edited = await heapAfterGc(cdp);
    const total = (m: { heap: number; buffers: number }) => m.heap + m.buffers;
    const show = (m: { heap: number; buffers: number }) =>
      `${(total(m) / MB).toFixed(1)} MB (V8 heap ${(m.heap / MB).toFixed(1)} + array buffers ${(m.buffers / MB).toFixed(1)})`;
    lines.push(`${`${n}×${n}`.padEnd(8)} after loading:    ${show(loaded)}`);
    lines.push(`${''.padEnd(8)} after ${EDITS} edits: ${show(edited)}`);
    lines.push(
      `${''.padEnd(8)} kept by the edits: ${((total(edited) - total(loaded)) / MB).toFixed(1)} MB${errors.length ? `   console errors: ${errors.join(' | ')}` : ''}`,
    );
    await page.close();
  }
} finally {
  await session.close();
}
console.log(`Chromium headless, JS heap in use after garbage collection (${EDITS} edits, each one undo step):`);
for (const l of lines) console.log(l);
console.log('Target: 100 edits at 256×256 retain ≤ 80 MB of JS heap after garbage collection.');
