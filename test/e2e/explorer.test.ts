/** Journeys through the explorer in Chromium: edit, watch every panel, hover, paste, accessibility. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.ts';
import { canRunBrowser, openPage, useSession } from './browser.ts';

/** RGBA of pixel (x, y) of the n-th heatmap canvas whose caption starts with `caption`. */
async function pixel(page: Page, caption: string, x: number, y: number): Promise<number[]> {
  return page.evaluate(
    ([cap, px, py]) => {
      const fig = [...document.querySelectorAll('figure.heatmap')].find(
        (f) => f.querySelector('figcaption')?.textContent === cap,
      );
      const canvas = fig?.querySelector('canvas');
      const ctx = canvas?.getContext('2d');
      if (!ctx) throw new Error(`no canvas for ${cap}`);
      return [...ctx.getImageData(px, py, 1, 1).data];
    },
    [caption, x, y] as const,
  );
}

describe.runIf(canRunBrowser)('the explorer in Chromium', () => {
  const current = useSession();

  it('edits a cell and every panel follows: min/max, scale, zero point, heatmaps, histograms', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors);
    const cell = page.getByRole('textbox', { name: 'LHS row 1, column 1' });
    await expect.poll(() => cell.inputValue()).toBe('0.62944734');
    await expect.poll(() => page.getByTestId('lhs-scale').textContent()).toBe('0.0066029881');
    await page.getByRole('region', { name: /Heatmaps/ }).waitFor(); // loaded after the first paint
    const before = await pixel(page, 'LHS float r', 0, 0);
    const errorBefore = await page.getByTestId('lhs-max-error').innerText();

    await cell.click();
    await page.keyboard.type('-3');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.getByTestId('lhs-min').innerText()).toBe('−3');
    // Independently: S = float32(float32(max − (−3)) / 255), Z = round(3 / S).
    const scale = Math.fround(Math.fround(0.9377355575561523 + 3) / 255);
    await expect.poll(() => page.getByTestId('lhs-scale').textContent()).toBe(scale.toFixed(10));
    await expect.poll(() => page.getByTestId('lhs-zero-point').innerText()).toBe(`Z = ${Math.round(3 / scale)}`);
    await expect.poll(() => pixel(page, 'LHS float r', 0, 0)).not.toEqual(before);
    await expect.poll(() => page.getByTestId('lhs-max-error').innerText()).not.toBe(errorBefore);
    expect(
      await page.getByRole('textbox', { name: 'LHS row 2, column 1' }).evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await expect.poll(() => page.locator('main').innerText()).not.toMatch(/NaN|Infinity/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a bad value at the cell and keeps the old one', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors);
    const cell = page.getByRole('textbox', { name: 'RHS row 2, column 2' });
    await cell.click();
    await page.keyboard.type('1e999');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.getByRole('alert').first().innerText()).toMatch(/too large/);
    await expect.poll(() => cell.inputValue()).toBe('−0.62323606');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('links hover across the grid and all four heatmaps, with a readout', async () => {
    const page = await openPage(current());
    await page.getByRole('textbox', { name: 'RHS row 3, column 2' }).hover();
    await expect.poll(() => page.getByTestId('readout').innerText()).toMatch(/RHS row 3, column 2/);
    await expect.poll(() => page.getByTestId('readout-q').innerText()).toBe('127');
    await expect.poll(() => page.locator('[aria-label="RHS heatmaps"] .heatmap-pick').count()).toBe(4);
    // Hovering a heatmap lights the grid cell.
    const frame = page.getByRole('group', { name: /Result error r̂ − r heatmap/ });
    const box = await frame.boundingBox();
    if (!box) throw new Error('no heatmap box');
    await frame.hover({ position: { x: box.width * 0.9, y: box.height * 0.9 } });
    await expect.poll(() => page.getByTestId('readout').innerText()).toMatch(/Result row 2, column 3/);
    await page.close();
  });

  it('pastes a spreadsheet block: the matrix takes its shape and the other keeps the depth', async () => {
    const page = await openPage(current());
    const cell = page.getByRole('textbox', { name: 'LHS row 1, column 1' });
    await cell.focus();
    await cell.evaluate((el) => {
      const data = new DataTransfer();
      data.setData('text/plain', '0.5\t-0.25\t1\n0\t2\t-1\n');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.getByRole('grid', { name: 'LHS values, 2 × 3' }).waitFor();
    await page.getByRole('grid', { name: 'RHS values, 3 × 3' }).waitFor();
    await expect.poll(() => page.getByTestId('lhs-max').innerText()).toBe('2');
    await expect.poll(() => page.getByTestId('lhs-min').innerText()).toBe('−1');
    await page.close();
  });

  it('renders the panels in view first; those out of view follow without being scrolled to', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors);
    const cell = page.getByRole('textbox', { name: 'LHS row 1, column 1' });
    await cell.click();
    await page.evaluate(() => window.scrollTo(0, 0));
    const histograms = page.getByRole('region', { name: /Error histograms/ });
    await expect.poll(() => histograms.getAttribute('data-view')).toBe('lagging');
    await expect.poll(() => page.getByRole('region', { name: /Inputs/ }).getAttribute('data-view')).toBe('live');
    const mseBefore = await page.getByTestId('lhs-mse').innerText();

    await page.keyboard.type('-3');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.getByTestId('lhs-mse').innerText()).not.toBe(mseBefore);
    expect(await histograms.getAttribute('data-view')).toBe('lagging'); // never scrolled to
    // A control out of view works at once when used (the pointer makes its panel live).
    await page.getByRole('checkbox', { name: /Add a bias per output column/ }).check();
    await expect.poll(() => page.getByRole('textbox', { name: 'Bias of column 1' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is reachable by keyboard from the top: each grid is one Tab stop, and Tab reaches every section', async () => {
    const page = await openPage(current());
    await page.getByRole('textbox', { name: 'LHS row 1, column 1' }).waitFor();
    await page.getByRole('region', { name: /The multiplier/ }).waitFor();
    const visited: { section: string; name: string }[] = [];
    for (let k = 0; k < 400; k++) {
      await page.keyboard.press('Tab');
      const at = await page.evaluate(() => {
        const el = document.activeElement;
        return {
          section: el?.closest('section.panel')?.querySelector('h2')?.textContent ?? 'page',
          name: el?.getAttribute('aria-label') ?? el?.textContent.trim().slice(0, 40) ?? '',
        };
      });
      visited.push(at);
      if (at.name === 'Multiplier M') break;
    }
    expect(visited.at(-1)?.name).toBe('Multiplier M'); // reached section 6
    expect(visited.filter((v) => v.name.startsWith('LHS row')).map((v) => v.name)).toEqual(['LHS row 1, column 1']);
    expect(visited.filter((v) => v.name.startsWith('RHS row')).map((v) => v.name)).toEqual(['RHS row 1, column 1']);
    const sections = new Set(visited.map((v) => v.section));
    for (const section of ['1 · Inputs', '3 · Heatmaps', '5 · Integer GEMM, step by step'])
      expect(sections).toContain(section);
    await page.close();
  });

  it('has no serious or critical accessibility violations (axe-core), with the scheme editor and the method comparison open too', async () => {
    const page = await openPage(current());
    await page.getByRole('textbox', { name: 'LHS row 1, column 1' }).waitFor();
    const serious = () => seriousViolations(page);
    expect(await serious()).toEqual([]);
    const result = page.getByRole('article', { name: 'Result quantization parameters' });
    await result.getByRole('combobox', { name: 'Scheme' }).selectOption('custom');
    await result.getByRole('checkbox', { name: 'symmetric' }).check();
    await result.getByRole('combobox', { name: 'library' }).selectOption('tflite');
    await result.getByRole('checkbox', { name: 'signed' }).uncheck(); // refused: explained in place
    await page.getByRole('checkbox', { name: /Set the result range by hand/ }).check();
    const min = page.getByRole('textbox', { name: 'Result range min' });
    await min.fill('-1.5');
    await min.press('Enter');
    const max = page.getByRole('textbox', { name: 'Result range max' });
    await max.fill('1.5');
    await max.press('Enter');
    await page.getByText(/Every requantization method on this product/).click();
    await page.getByRole('region', { name: 'Outputs on which the methods disagree' }).waitFor();
    await page.getByText(/Compare schemes side by side: error, storage/).click();
    await page.getByRole('region', { name: 'Compare schemes side by side' }).waitFor();
    expect(await serious()).toEqual([]);
    await page.close();
  });
});
