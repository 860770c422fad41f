/** Layout at a projector's, a desktop's and a phone's size: every value whole, no label over another, no sideways page. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { canRunBrowser, openPage, useSession } from './browser.ts';

const VIEWPORTS = [
  [1280, 720],
  [1920, 1080],
  [390, 844],
] as const;

/** Grid cells and result buttons whose text is wider than their box (cut off). */
async function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.cell input, .result-cell, .number-field input, .seed')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map(
        (el) =>
          `${el.getAttribute('aria-label') ?? el.className}: “${(el as HTMLInputElement).value || el.textContent}”`,
      ),
  );
}

/** Sections and fieldsets whose content is wider than they are (cut off, or scrolled sideways). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('section.panel, fieldset')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => {
        // The widest thing inside, to say what overflows.
        const right = el.getBoundingClientRect().right;
        const wide = [...el.querySelectorAll<HTMLElement>('*')].find(
          (c) => c.getBoundingClientRect().right > right + 1,
        );
        const what = wide
          ? ` (${wide.tagName.toLowerCase()}.${wide.className || ''} ${wide.textContent.slice(0, 40)})`
          : '';
        return `${el.getAttribute('aria-labelledby') ?? (el.id || el.className)}: ${el.scrollWidth} > ${el.clientWidth}${what}`;
      }),
  );
}

/** Pairs of chart labels (SVG text) drawn over each other. */
async function overlappingLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const svg of document.querySelectorAll('svg')) {
      const boxes = [...svg.querySelectorAll<SVGTextElement>('text')]
        .filter((t) => t.textContent.trim() !== '')
        .map((t) => ({ text: t.textContent, box: t.getBBox() }));
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]?.box;
          const b = boxes[j]?.box;
          if (!a || !b) continue;
          const apart = a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5;
          const above = a.y + a.height <= b.y + 0.5 || b.y + b.height <= a.y + 0.5;
          if (!apart && !above) out.push(`${boxes[i]?.text} / ${boxes[j]?.text}`);
        }
      }
    }
    return out;
  });
}

describe.runIf(canRunBrowser)('layout in Chromium', () => {
  const current = useSession();

  it.each(VIEWPORTS)('at %i × %i shows every value whole and no label over another', async (width, height) => {
    const page = await openPage(current());
    await page.setViewportSize({ width, height });
    await page.getByRole('region', { name: /The multiplier/ }).waitFor();
    for (const preset of ['outlier', 'constant', 'positive', 'gemmlowp'] as const) {
      await page.getByRole('combobox', { name: 'Preset' }).selectOption(preset);
      await expect.poll(() => overlappingLabels(page)).toEqual([]);
      expect(await cutOff(page)).toEqual([]);
    }
    // The longest values a float32 prints: 15 characters.
    for (const [cell, value] of [
      ['LHS row 1, column 1', '-1.17549435e-38'],
      ['RHS row 2, column 2', '-0.000123456789'],
    ] as const) {
      await page.getByRole('textbox', { name: cell }).fill(value);
      await page.getByRole('textbox', { name: cell }).press('Enter');
    }
    await page.getByRole('checkbox', { name: /Set the result range by hand/ }).check();
    await expect.poll(() => cutOff(page)).toEqual([]);
    expect(await overlappingLabels(page)).toEqual([]);
    // A narrow range clamps the result: its errors dwarf S/2, whose marks then sit on 0.
    await page.getByRole('textbox', { name: 'Result range min' }).fill('0');
    await page.getByRole('textbox', { name: 'Result range max' }).fill('0.05');
    await page.getByRole('textbox', { name: 'Result range max' }).press('Enter');
    await expect.poll(() => page.getByRole('img', { name: /^Result error histogram from −[0-9.]+ / }).count()).toBe(1);
    expect(await overlappingLabels(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // The scheme editor open, with per-column parameters: nothing wider than its section.
    const rhs = page.getByRole('article', { name: 'RHS quantization parameters' });
    await rhs.getByRole('combobox', { name: 'Scheme' }).selectOption('custom');
    await rhs.getByRole('combobox', { name: 'scales' }).selectOption('column');
    // Checked once the card shows the per-column parameters (their table), not before.
    await rhs.getByRole('region', { name: 'RHS: S and Z of each group' }).waitFor();
    expect(await overflowing(page)).toEqual([]);
    await page.close();
  });
});

/** Relative luminance of a CSS rgb() colour (WCAG 2). */
function luminance(css: string): number {
  const [r = 0, g = 0, b = 0] = (css.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

describe.runIf(canRunBrowser)('seen from the back of a room, and embedded', () => {
  const current = useSession();

  it('lights the walkthrough’s row and column strongly enough to see on a projector', async () => {
    const page = await openPage(current());
    await page.setViewportSize({ width: 1280, height: 720 });
    const background = (name: string) =>
      page.getByRole('textbox', { name }).evaluate((el) => getComputedStyle(el).backgroundColor);
    await expect.poll(() => page.locator('.cell.is-lit').count()).toBeGreaterThan(0);
    const lit = await background('LHS row 1, column 2'); // in the lit row, not the current cell
    const plain = await background('LHS row 2, column 2');
    // A transparent cell shows the white grid behind it.
    const [a, b] = [plain, lit].map((c) => (c === 'rgba(0, 0, 0, 0)' ? 1 : luminance(c)));
    const ratio = (Math.max(a ?? 1, b ?? 1) + 0.05) / (Math.min(a ?? 1, b ?? 1) + 0.05);
    expect(ratio).toBeGreaterThan(1.3);
    await page.close();
  });

  it('hides the editing and sharing controls in embed mode and keeps the explorable', async () => {
    const page = await openPage(current());
    await page.getByRole('textbox', { name: 'LHS row 1, column 1' }).waitFor();
    await page.waitForTimeout(400); // the link is written
    const link = page.url();
    await page.goto(`${link}&embed=1`);
    await page.reload();
    await page.getByRole('textbox', { name: 'LHS row 1, column 1' }).waitFor();
    for (const name of ['Randomize LHS', 'Copy link', 'Undo', 'Reset to example'])
      expect(await page.getByRole('button', { name }).isVisible()).toBe(false);
    expect(await page.getByRole('grid', { name: 'LHS values, 2 × 4' }).isVisible()).toBe(true);
    await page.getByRole('region', { name: /Integer GEMM/ }).waitFor(); // loaded after the first paint
    await page.close();
  });
});
