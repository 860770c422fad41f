/** Export in Chromium: a matrix as NumPy text, charts as PNG and SVG, the state as JSON, the lesson on paper. */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { canRunBrowser, openPage, useSession } from './browser.ts';

async function saved(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

describe.runIf(canRunBrowser)('export in Chromium', () => {
  const current = useSession();

  it('saves a matrix, charts and the state from a keyboard-operable dialog, and gives focus back', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors);
    await page.getByRole('region', { name: /The multiplier/ }).waitFor();
    await page
      .getByRole('img', { name: /histogram/i })
      .first()
      .waitFor();
    const open = page.getByRole('button', { name: 'Export…' });
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.waitFor();
    await dialog.getByRole('combobox').nth(0).selectOption('rhs');
    await dialog.getByRole('combobox').nth(1).selectOption('codes');
    await dialog.getByRole('combobox').nth(2).selectOption('numpy');
    expect(await dialog.getByLabel('The first lines').textContent()).toMatch(/^np\.array\(\[\[\d+, \d+, \d+\],/);
    const numpy = await saved(page, () => dialog.getByRole('button', { name: 'Download' }).click());
    expect(numpy.name).toBe('rhs-codes.py');
    expect(numpy.bytes.toString()).toMatch(/dtype=np\.uint8\)\n$/);
    // A chart as SVG (vector, styles written in) and as PNG.
    const svgButton = dialog.getByRole('button', { name: /^SVG of / }).first();
    const svg = await saved(page, () => svgButton.click());
    expect(svg.name).toMatch(/\.svg$/);
    expect(svg.bytes.toString()).toMatch(/^<\?xml[^]*<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const png = await saved(page, () =>
      dialog
        .getByRole('button', { name: /^PNG of / })
        .first()
        .click(),
    );
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // A heatmap (a canvas) as PNG too.
    const heat = dialog.getByRole('button', { name: /^PNG of .*heatmap/i }).first();
    if ((await heat.count()) > 0) {
      const heatPng = await saved(page, () => heat.click());
      expect(heatPng.bytes[1]).toBe(0x50);
    }
    const state = await saved(page, () => dialog.getByRole('button', { name: 'The state as JSON' }).click());
    const json = JSON.parse(state.bytes.toString()) as { app: string; state: Record<string, unknown> };
    expect(json.app).toBe('Quantization Explorer');
    expect(json.state.l).toEqual(['p', 'gemmlowp', 'lhs']);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('prints the lesson as a handout: every chapter, no buttons', async () => {
    const page = await openPage(current(), '');
    await page.getByRole('button', { name: 'Start the lesson' }).click();
    await page.locator('#lesson-title').waitFor();
    await page.emulateMedia({ media: 'print' });
    const handout = page.locator('.lesson-handout');
    expect(await handout.isVisible()).toBe(true);
    expect(await handout.locator('h2').count()).toBe(8);
    expect(await page.getByRole('button', { name: 'Next →' }).isVisible()).toBe(false);
    expect(await page.locator('.lesson-stage').isVisible()).toBe(false);
  });
});
