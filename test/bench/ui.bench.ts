/**
 * UI benchmark (not a test): `npm run bench:ui [-- 64] [--viewport=1920x1080] [--pause=0]`.
 * Drives the production build in headless Chromium. For 8×8, 64×64 and 256×256 operands it
 * loads both matrices through the paste box, then makes 40 measured cell edits (after 10
 * unmeasured ones), 100 ms apart; each types a new maximum into an LHS cell and presses Enter,
 * so every panel (parameters, heatmaps, histograms, product) must change. Measured in the page,
 * from the Enter keydown:
 * - work in view: until the next task (React has rendered and committed the panels in view);
 *   the edited cell is checked to be marked as the new maximum;
 * - the next painted frame: requestAnimationFrame, then a message posted from it;
 * - every panel: until the metrics of section 4 (out of view, rendered after the frame) show it.
 * Then a scrub: a drag on a cell, one pointer move per frame for 120 frames (frame intervals).
 * Long tasks (> 50 ms) are recorded with a PerformanceObserver. Also prints the initial
 * JavaScript size, gzipped. With `--training`, the training lab trains the digits (64→32→10) in
 * its worker at the fast pace throughout, and the edits measure the page's responsiveness while
 * it does; the worker's steps per second are printed at the end.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { quantile } from 'd3-array';
import type { Page } from 'playwright-core';
import { openPage, startSession } from '../e2e/browser.ts';
import { loadOperands } from '../e2e/operands.ts';

const EDITS = 40;
/** Unmeasured edits first, so that the JIT has compiled the hot paths (as for a person who has been editing). */
const WARM_UP = 10;
const args = process.argv.slice(2);
/** Time between edits, `--pause=0` for none (default 100: typing a number takes longer than this). */
const PAUSE_MS = Number(args.find((a) => a.startsWith('--pause='))?.slice(8) ?? 100);
/** Window size, `--viewport=1920x1080` (default 1280 × 900: the panels in view are the inputs and the parameters). */
const [WIDTH, HEIGHT] = (args.find((a) => a.startsWith('--viewport='))?.slice(11) ?? '1280x900').split('x').map(Number);
/** Operand sizes: all three by default, or those given on the command line (`npm run bench:ui -- 64`). */
const sizeArgs = args.filter((a) => !a.startsWith('--')).map(Number);
/** Edits while the training lab trains in its worker (`--training`). */
const TRAINING = args.includes('--training');
const SIZES = sizeArgs.length ? sizeArgs : [8, 64, 256];

/** Starts the training lab on the digits (long run, fast pace); report() gives its steps per second so far. */
async function startTraining(page: Page): Promise<{ report: () => Promise<string> }> {
  const panel = page.getByRole('region', { name: /8 · Training with quantization/ });
  await panel.getByLabel('data').selectOption('digits');
  for (const [label, value] of [
    ['hidden units', '32'],
    ['steps', '5000'],
  ] as const) {
    await panel.getByLabel(label, { exact: true }).fill(value);
    await panel.getByLabel(label, { exact: true }).press('Enter');
  }
  await panel.getByRole('progressbar').waitFor();
  await panel.getByLabel('training pace').selectOption({ label: 'fast (50 steps at a time)' });
  await panel.getByRole('button', { name: 'Start training' }).click();
  const t0 = Date.now();
  const step = async () => Number((await panel.getByRole('progressbar').getAttribute('value')) ?? 0);
  return {
    report: async () => {
      const steps = await step();
      const s = (Date.now() - t0) / 1000;
      return `${steps} steps in ${s.toFixed(1)} s = ${(steps / s).toFixed(0)} steps/s (evaluations every 20 steps included)`;
    },
  };
}

function initialJsGzip(): { files: string[]; bytes: number } {
  const html = readFileSync('dist/index.html', 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
  // The first paint also waits for its words: the core part of the catalogs, in English.
  files.push(
    ...readdirSync('dist/assets')
      .filter((f) => /^_lingui-part_core_en-.*\.js$/.test(f))
      .map((f) => `assets/${f}`),
  );
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(`dist/${f}`), { level: 9 }).length, 0);
  return { files, bytes };
}

const session = await startSession();
const rows: string[] = [];
try {
  for (const n of SIZES) {
    const errors: string[] = [];
    const page = await openPage(session, '', errors);
    await page.setViewportSize({ width: WIDTH ?? 1280, height: HEIGHT ?? 900 });
    await loadOperands(page, n);
    const training = TRAINING ? await startTraining(page) : null;
    // The page's "next task" (a message posted to itself). A string: tsx would wrap functions
    // declared inside a page function in a helper the page does not have.
    await page.evaluate(`window.__nextTask = () => new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });`);
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    const inView = await page.evaluate(() =>
      [...document.querySelectorAll('section.panel')]
        .filter((el) => el.getAttribute('data-view') === 'live')
        .map((el) => el.querySelector('h2')?.textContent ?? '?'),
    );
    const work: number[] = [];
    const frame: number[] = [];
    const all: number[] = [];
    for (let k = -WARM_UP; k < EDITS; k++) {
      if (k === 0) {
        await page.evaluate(() => {
          (window as unknown as { __longTasks: number[] }).__longTasks = [];
        });
      }
      const e = k + WARM_UP;
      const label = `LHS row ${(e % 6) + 1}, column ${(Math.floor(e / 6) % 4) + 1}`;
      const value = String(2 + e * 0.5);
      // A person types a value before pressing Enter: edits come at least 100 ms apart.
      await page.waitForTimeout(PAUSE_MS);
      const ms = await page.evaluate(
        async ([cellLabel, text]) => {
          const nextTask = (window as unknown as { __nextTask: () => Promise<number> }).__nextTask;
          const input = document.querySelector<HTMLInputElement>(`input[aria-label="${cellLabel}"]`);
          if (!input) throw new Error(`no cell ${cellLabel}`);
          input.focus();
          const mseBefore = document.querySelector('[data-testid="lhs-mse"]')?.textContent;
          // Set the value as typing would, through the native setter React listens behind.
          Reflect.set(HTMLInputElement.prototype, 'value', text, input);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          // The first frame after the edit: requested before the edit, so that this callback runs
          // ahead of the app's own (which schedules the panels out of view after the frame).
          const painted = new Promise<number>((resolve) => {
            requestAnimationFrame(() => resolve(nextTask()));
          });
          const t0 = performance.now();
          input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
          // The next task: React's render, commit and effects (microtasks) are done by then.
          const tWork = await nextTask();
          // The edited cell, in view, is marked as the new maximum: derived data is on screen.
          if (!input.closest('.cell')?.classList.contains('is-max'))
            throw new Error(`${cellLabel} is not marked as the maximum`);
          const tFrame = await painted;
          // Panels out of view catch up after that frame; wait until they show the edit too.
          while (
            document.querySelector('[data-testid="lhs-max"]')?.textContent !== text ||
            document.querySelector('[data-testid="lhs-mse"]')?.textContent === mseBefore
          ) {
            if (performance.now() - t0 > 5000)
              throw new Error(
                `LHS max shows ${String(document.querySelector('[data-testid="lhs-max"]')?.textContent)}, expected ${text}`,
              );
            await nextTask();
          }
          const tAll = performance.now();
          return [tWork - t0, tFrame - t0, tAll - t0] as const;
        },
        [label, value] as const,
      );
      if (k < 0) continue;
      work.push(ms[0]);
      frame.push(ms[1]);
      all.push(ms[2]);
    }
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    for (const list of [work, frame, all]) list.sort((a, b) => a - b);
    const stats = (list: number[]) =>
      `median ${quantile(list, 0.5)?.toFixed(1).padStart(6)} ms   p95 ${quantile(list, 0.95)?.toFixed(1).padStart(6)} ms   max ${list.at(-1)?.toFixed(1).padStart(6)} ms`;
    const inOneFrame = work.filter((w) => w <= 1000 / 60).length;
    rows.push(`${`${n}×${n}`.padEnd(8)} panels rendered live (the rest follow after the frame): ${inView.join(', ')}`);
    rows.push(
      `${''.padEnd(8)} ${'work in view (keydown → React rendered and committed)'.padEnd(54)}${stats(work)}   within one 16.7 ms frame: ${inOneFrame}/${work.length}`,
    );
    rows.push(`${''.padEnd(8)} ${'to the next painted frame'.padEnd(54)}${stats(frame)}`);
    rows.push(
      `${''.padEnd(8)} ${'until every panel, out of view too, shows it'.padEnd(54)}${stats(all)}   long tasks: ${longTasks.length}, longest ${Math.max(0, ...longTasks).toFixed(0)} ms${errors.length ? `   console errors: ${errors.length}` : ''}`,
    );
    // Scrubbing: a drag on an LHS cell, one pointer move per frame for 120 frames; every move
    // sets the value, so a frame interval above 16.7 ms is a dropped frame. (A string: tsx would
    // wrap named functions inside a page function in a helper the page does not have.)
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    const scrub = await page.evaluate<number[]>(`(async () => {
      const input = document.querySelector('input[aria-label="LHS row 3, column 2"]');
      const box = input.getBoundingClientRect();
      const x0 = box.left + 20;
      const at = (x) => ({ bubbles: true, cancelable: true, clientX: x, clientY: box.top + 10, pointerId: 1,
        button: 0, buttons: 1, isPrimary: true, pointerType: 'mouse' });
      const before = input.value;
      input.dispatchEvent(new PointerEvent('pointerdown', at(x0)));
      const frames = [];
      await new Promise((resolve) => {
        let k = 0;
        function step(t) {
          frames.push(t);
          if (k++ >= 120) return resolve();
          input.dispatchEvent(new PointerEvent('pointermove', at(x0 + 2 * k)));
          requestAnimationFrame(step);
        }
        requestAnimationFrame(step);
      });
      input.dispatchEvent(new PointerEvent('pointerup', at(x0 + 240)));
      if (input.value === before) throw new Error('the drag did not change the value');
      return frames.slice(1).map((t, i) => t - frames[i]);
    })()`);
    scrub.sort((a, b) => a - b);
    const dropped = scrub.filter((d) => d > 1000 / 60 + 1).length;
    rows.push(
      `${''.padEnd(8)} ${'scrubbing: frame interval over 120 moves'.padEnd(54)}${stats(scrub)}   frames longer than 16.7 ms: ${dropped}/${scrub.length}`,
    );
    if (training)
      rows.push(`${''.padEnd(8)} ${'training in the worker meanwhile'.padEnd(54)}${await training.report()}`);
    await page.close();
  }
} finally {
  await session.close();
}
const js = initialJsGzip();
console.log(
  `Chromium headless, ${WIDTH}×${HEIGHT} window, ${EDITS} edits per size ${PAUSE_MS} ms apart (after ${WARM_UP} unmeasured):`,
);
for (const r of rows) console.log(r);
console.log(`initial JS: ${js.files.join(', ')} = ${(js.bytes / 1024).toFixed(1)} KB gzipped (level 9)`);
console.log('Targets: p95 ≤ 16 ms at 64×64, ≤ 100 ms at 256×256; initial JS ≤ 120 KB gzipped.');
