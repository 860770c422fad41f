/** Journey: store the RHS as Q4_K, open a block's bytes and step to a weight's value, in Chromium. */
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.ts';
import { canRunBrowser, openPage, useSession } from './browser.ts';

describe.runIf(canRunBrowser)('LLM weight formats in Chromium', () => {
  const current = useSession();

  it('stores the RHS as Q4_K with the keyboard, reads a block byte by byte and a weight decoded; the link reopens it', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors);
    await page.getByRole('region', { name: /The multiplier/ }).waitFor();
    await page.getByRole('combobox', { name: 'Preset' }).selectOption('llmWeights');
    const rhs = page.getByRole('article', { name: 'RHS quantization parameters' });
    await rhs.getByRole('combobox', { name: 'Scheme' }).selectOption('format:q4_K');
    await expect.poll(() => rhs.getByTestId('rhs-bits-per-weight').innerText(), { timeout: 10_000 }).toMatch(/^4\.5 /);
    // Block 3 by the keyboard: the field, ↑ twice.
    const block = rhs.getByRole('spinbutton', { name: 'Block' });
    await block.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => rhs.getByRole('table', { name: 'Bytes of block 3' }).count()).toBe(1);
    const fields = await rhs.getByRole('table', { name: 'Bytes of block 3' }).getByRole('rowheader').allInnerTexts();
    expect(fields).toEqual(['d', 'dmin', 'scales', 'qs']);
    // Value 40 (sub-block 2): the decoding, the line of what it can be, the search that chose its scale.
    const value = rhs.getByRole('spinbutton', { name: 'value' });
    await value.fill('40');
    await expect.poll(() => rhs.getByText(/^RHS row 40, column 3$/).count()).toBe(1);
    const decode = await rhs.getByTestId('rhs-decode').innerText();
    expect(decode).toMatch(
      /^Decoding: code \d+ stands for \d+; x̂ = [0-9.e−-]+ × \d+ \+ −?[0-9.e−-]+ = −?[0-9.e−-]+\.$/,
    );
    // The heatmap readout of the same weight shows the same r̂.
    const rhat = /= (−?[0-9.e+−-]+)\.$/.exec(decode)?.[1];
    // Down the grid with the keyboard to the same weight.
    await page.getByRole('textbox', { name: 'RHS row 1, column 3' }).focus();
    for (let k = 1; k < 40; k++) await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('RHS row 40, column 3');
    await expect.poll(() => page.getByTestId('readout-rhat').innerText()).toBe(rhat);
    await expect.poll(() => page.getByTestId('readout').innerText()).toMatch(/Q4_K, block 3, whose largest step is/);
    expect(await rhs.getByRole('table', { name: 'Candidate scales' }).getByRole('row').count()).toBe(23);
    expect(await rhs.getByRole('img', { name: /The 16 values this block can represent/ }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    // The link holds the format: a new page opens on it.
    await expect.poll(() => page.url(), { timeout: 3000 }).toMatch(/#q1\./);
    const again = await openPage(current(), new URL(page.url()).hash, errors);
    const rhsAgain = again.getByRole('article', { name: 'RHS quantization parameters' });
    await expect
      .poll(() => rhsAgain.getByTestId('rhs-bits-per-weight').innerText(), { timeout: 15_000 })
      .toMatch(/^4\.5 /);
    expect(errors).toEqual([]);
    await again.close();
    await page.close();
  });

  it('fits a phone: the format card and its tables within 390 px, touch to pick a format', async () => {
    const page = await openPage(current(), '', [], {
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    await page.getByRole('region', { name: /The multiplier/ }).waitFor();
    const rhs = page.getByRole('article', { name: 'RHS quantization parameters' });
    await rhs.getByRole('combobox', { name: 'Scheme' }).selectOption('format:nf4');
    await rhs.getByRole('table', { name: 'Bytes of block 1' }).waitFor({ timeout: 10_000 });
    await rhs.getByRole('spinbutton', { name: 'value' }).tap();
    await rhs.getByRole('spinbutton', { name: 'value' }).fill('5');
    await expect.poll(() => rhs.getByText(/^RHS row 1, column 2$/).count()).toBe(1);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('section.panel, .format-card, .block-bytes')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.id || el.className}: ${el.scrollWidth} > ${el.clientWidth}`),
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
