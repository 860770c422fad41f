/** Journey: a student on a phone swipes through the grids and taps the heatmaps, in Chromium with touch. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { canRunBrowser, openPage, useSession } from './browser.ts';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

/** A one-finger swipe from (x, y) by (dx, dy), as the touchscreen sends it. */
async function swipe(page: Page, x: number, y: number, dx: number, dy: number) {
  const cdp = await page.context().newCDPSession(page);
  const at = (t: number) => [{ x: x + dx * t, y: y + dy * t }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let i = 1; i <= 10; i++)
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(i / 10) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

describe.runIf(canRunBrowser)('on a phone (touch) in Chromium', () => {
  const current = useSession();

  it('a swipe across a cell scrolls, it does not change the value', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors, PHONE);
    const cell = page.getByRole('textbox', { name: 'LHS row 1, column 2' });
    await cell.scrollIntoViewIfNeeded();
    const before = await cell.inputValue();
    const box = await cell.boundingBox();
    if (!box) throw new Error('no cell');
    await swipe(page, box.x + box.width / 2, box.y + box.height / 2, -120, -40);
    await swipe(page, box.x + box.width / 2, box.y + box.height / 2, 120, 0);
    expect(await cell.inputValue()).toBe(before);
    expect(await page.locator('.is-scrubbing').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a tap on the result heatmap picks that cell (readout) and follows it in the walkthrough', async () => {
    const page = await openPage(current(), '', [], PHONE);
    const map = page.getByRole('group', { name: /Result quantized q heatmap/ });
    await map.scrollIntoViewIfNeeded();
    const box = await map.boundingBox();
    if (!box) throw new Error('no heatmap');
    await page.touchscreen.tap(box.x + box.width * 0.9, box.y + box.height * 0.9);
    await expect.poll(() => page.getByTestId('readout').innerText()).toMatch(/Result row 2, column 3/);
    await expect.poll(() => page.getByRole('group', { name: /Walkthrough of output row 2, column 3/ }).count()).toBe(1);
    await page.close();
  });

  it('makes every control a finger can hit at least 44 px on a phone (the grids keep their cells)', async () => {
    const page = await openPage(current(), '', [], {
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    await page.getByRole('region', { name: /The multiplier/ }).waitFor();
    await page.getByRole('region', { name: /8 · Training/ }).waitFor();
    const controls = await page.evaluate(() =>
      [...document.querySelectorAll('button, select, input, summary')]
        .filter((e) => (e as HTMLElement).offsetParent !== null && !e.closest('[role=grid]'))
        .map((e) => {
          // The control itself, or its label (a checkbox is hit through its label).
          const own = e.getBoundingClientRect();
          const label = (e.closest('label') ?? e).getBoundingClientRect();
          return {
            name: (e.getAttribute('aria-label') ?? e.textContent).trim().slice(0, 40),
            w: Math.max(own.width, label.width),
            h: Math.max(own.height, label.height),
          };
        }),
    );
    expect(controls.length).toBeGreaterThan(50);
    expect(controls.filter((c) => c.w < 44 || c.h < 44)).toEqual([]);
  });
});
