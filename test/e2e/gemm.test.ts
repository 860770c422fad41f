/** Journey: follow one output value through the integer GEMM with the keyboard, in Chromium. */
import { describe, expect, it } from 'vitest';
import { canRunBrowser, openPage, useSession } from './browser.ts';

describe.runIf(canRunBrowser)('the integer GEMM walkthrough in Chromium', () => {
  const current = useSession();

  it('walks output (1, 1) with the keyboard: 11475, 6413, 50, 168; M0 1200097792, shift 7', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors);
    const walk = page.getByRole('group', { name: /Walkthrough of output row 1, column 1/ });
    await walk.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('current-accumulator').innerText()).toBe('11475');
    // The active row and column are lit in the grids.
    const currentCell = (grid: string) => page.getByRole('grid', { name: grid }).locator('.cell.is-current input');
    await expect.poll(() => currentCell('LHS values, 2 × 4').getAttribute('aria-label')).toBe('LHS row 1, column 4');
    await expect.poll(() => currentCell('RHS values, 4 × 3').getAttribute('aria-label')).toBe('RHS row 4, column 1');
    await page.keyboard.press('End');
    await expect.poll(() => page.getByTestId('stage-highMul').innerText()).toBe('6413');
    await expect.poll(() => page.getByTestId('stage-shift').innerText()).toBe('50');
    await expect.poll(() => page.getByTestId('stage-offset').innerText()).toBe('168');
    await expect.poll(() => page.getByTestId('stage-clamp').innerText()).toBe('168');
    await expect.poll(() => page.getByTestId('m0').textContent()).toBe('1200097792');
    await expect.poll(() => page.getByTestId('shift').textContent()).toBe('7');
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('step-counter').innerText()).toMatch(/^step 1 of 9/);
    // Space plays; it stops by itself at the end.
    await page.getByRole('combobox', { name: 'speed' }).selectOption('32');
    await walk.focus();
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByTestId('step-counter').innerText(), { timeout: 5000 }).toMatch(/^step 9 of 9/);
    await expect.poll(() => page.getByRole('button', { name: 'Play' }).count()).toBe(1); // stopped by itself
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows a cell clicked on the result heatmap', async () => {
    const page = await openPage(current());
    const map = page.getByRole('group', { name: /Result quantized q heatmap/ });
    const box = await map.boundingBox();
    if (!box) throw new Error('no heatmap');
    await map.click({ position: { x: box.width * 0.5, y: box.height * 0.9 } });
    await expect.poll(() => page.getByRole('group', { name: /Walkthrough of output row 2, column 2/ }).count()).toBe(1);
    await page.close();
  });
});
