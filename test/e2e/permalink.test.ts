/** Journeys: share a link, reload, paste a bad link, undo — in Chromium against the production build. */
import { describe, expect, it } from 'vitest';
import { canRunBrowser, openPage, useSession } from './browser.ts';

describe.runIf(canRunBrowser)('links and saved sessions in Chromium', () => {
  const current = useSession();

  it('puts every edit in the URL; the URL opens the same state in a fresh page', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors);
    const before = page.url();
    const cell = page.getByRole('textbox', { name: 'RHS row 2, column 3' });
    await cell.click();
    await page.keyboard.type('-0.0625');
    await page.keyboard.press('Enter');
    await page.getByRole('checkbox', { name: /Add a bias per output column/ }).check();
    await expect.poll(() => page.url()).not.toBe(before);
    await expect.poll(() => page.url(), { timeout: 3000 }).toMatch(/#q1\.[A-Za-z0-9_-]+$/);
    await page.waitForTimeout(400); // the write is coalesced
    // The link was encoded in a worker (allowed by the production build's Content-Security-Policy).
    expect(page.workers().some((w) => w.url().includes('encodeWorker'))).toBe(true);
    const url = page.url();
    const fresh = await current().browser.newPage({ serviceWorkers: 'block' });
    await fresh.goto(url);
    await expect.poll(() => fresh.getByRole('textbox', { name: 'RHS row 2, column 3' }).inputValue()).toBe('−0.0625');
    await expect.poll(() => fresh.getByRole('textbox', { name: 'Bias of column 1' }).inputValue()).toBe('0');
    await expect
      .poll(() => fresh.getByTestId('rhs-min').innerText())
      .toBe(await page.getByTestId('rhs-min').innerText());
    await fresh.close();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('puts the schemes and the requantization in the link: a fresh page shows the same codes', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors);
    const before = page.url();
    const rhsCard = page.getByRole('article', { name: 'RHS quantization parameters' });
    await rhsCard.getByRole('combobox', { name: 'Scheme' }).selectOption('pytorch-qint8-symmetric');
    await page.getByRole('combobox', { name: 'Requantization' }).selectOption('tflite-single-rounding');
    await expect.poll(() => page.url()).not.toBe(before);
    await page.waitForTimeout(400); // the write is coalesced
    const fresh = await current().browser.newPage({ serviceWorkers: 'block' });
    await fresh.goto(page.url());
    const freshCard = fresh.getByRole('article', { name: 'RHS quantization parameters' });
    await expect
      .poll(() => freshCard.getByRole('combobox', { name: 'Scheme' }).inputValue())
      .toBe('pytorch-qint8-symmetric');
    await expect
      .poll(() => fresh.getByRole('combobox', { name: 'Requantization' }).inputValue())
      .toBe('tflite-single-rounding');
    expect(await fresh.getByTestId('rhs-scale').textContent()).toBe(await page.getByTestId('rhs-scale').textContent());
    const codes = (p: typeof page) => p.locator('.result-cell').allInnerTexts();
    expect(await codes(fresh)).toEqual(await codes(page));
    await fresh.close();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the edits across a reload (saved session, even without the link)', async () => {
    const page = await openPage(current());
    await page.getByRole('textbox', { name: 'LHS row 2, column 2' }).click();
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(400);
    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'LHS row 2, column 2' }).inputValue()).toBe('5');
    await page.goto(current().url); // no fragment: restored from local storage
    await expect.poll(() => page.getByRole('textbox', { name: 'LHS row 2, column 2' }).inputValue()).toBe('5');
    await page.close();
  });

  it('keeps an edit when the page is reloaded at once, before the link was written', async () => {
    const page = await openPage(current());
    await page.getByRole('textbox', { name: 'LHS row 2, column 2' }).waitFor();
    await page.waitForTimeout(400); // the example's link is in the address bar
    const example = page.url();
    const cell = page.getByRole('textbox', { name: 'LHS row 2, column 2' });
    await cell.fill('4.5');
    await cell.press('Enter');
    await page.reload(); // within the quiet period: the address bar still holds the example
    await expect.poll(() => page.getByRole('textbox', { name: 'LHS row 2, column 2' }).inputValue()).toBe('4.5');
    // Opening that older link on purpose still shows the link, not the saved session.
    await page.goto('about:blank');
    await page.goto(example);
    await expect.poll(() => page.getByRole('textbox', { name: 'LHS row 2, column 2' }).inputValue()).toBe('0.6700171');
    await page.close();
  });

  it('keeps a value typed without Enter when the page is left: a cell, and a field of section 5', async () => {
    const page = await openPage(current());
    await page.getByRole('textbox', { name: 'LHS row 2, column 2' }).click();
    await page.keyboard.type('4.25'); // no Enter, no Tab
    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'LHS row 2, column 2' }).inputValue()).toBe('4.25');
    await page.getByRole('checkbox', { name: /Set the result range by hand/ }).check();
    await page.getByRole('textbox', { name: 'Result range max' }).fill('7.5');
    await page.goto('about:blank');
    await page.goto(current().url); // no fragment: the saved session
    await expect.poll(() => page.getByRole('textbox', { name: 'Result range max' }).inputValue()).toBe('7.5');
    await expect.poll(() => page.getByRole('textbox', { name: 'LHS row 2, column 2' }).inputValue()).toBe('4.25');
    await page.close();
  });

  it('keeps an edit made while the walkthrough plays, when the page is left before playback ends', async () => {
    const page = await openPage(current());
    await page.getByRole('combobox', { name: 'speed' }).selectOption('0.5'); // 9 steps: 18 s
    await page.getByRole('button', { name: 'Play' }).click();
    const cell = page.getByRole('textbox', { name: 'LHS row 1, column 3' });
    await cell.click();
    await page.keyboard.type('0.75');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).count()).toBe(1); // still playing
    await page.goto('about:blank'); // leaves the page at once
    await page.goto(current().url); // no fragment: the saved session
    await expect.poll(() => page.getByRole('textbox', { name: 'LHS row 1, column 3' }).inputValue()).toBe('0.75');
    await page.close();
  });

  it('shows the QR code full screen for the room, follows edits, and closes with Escape', async () => {
    const page = await openPage(current());
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('button', { name: 'QR code' }).click();
    const full = page.getByRole('button', { name: 'Show the QR code full screen' });
    await full.click();
    const dialog = page.getByRole('dialog', { name: 'QR code, full screen' });
    await dialog.waitFor();
    const box = await dialog.getByRole('img').boundingBox();
    expect(box?.height).toBeGreaterThan(550);
    const before = await dialog.getByRole('img').innerHTML();
    await page.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(false);
    expect(await full.evaluate((el) => el === document.activeElement)).toBe(true);
    // An edit redraws the code once the link is written.
    const cell = page.getByRole('textbox', { name: 'LHS row 1, column 1' });
    await cell.fill('3');
    await cell.press('Enter');
    await full.click();
    await expect.poll(() => dialog.getByRole('img').innerHTML(), { timeout: 3000 }).not.toBe(before);
    await page.close();
  });

  it('explains a garbage link and stays usable', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '#q1.%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', errors);
    await expect.poll(() => page.getByRole('alert').first().innerText()).toMatch(/This link could not be opened/);
    await expect.poll(() => page.locator('img').count()).toBe(0); // nothing from the URL becomes HTML
    await expect.poll(() => page.getByRole('textbox', { name: 'LHS row 1, column 1' }).inputValue()).toBe('0.62944734');
    await page.getByRole('textbox', { name: 'LHS row 1, column 1' }).click();
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('lhs-max').innerText()).toBe('2');
    // A future version pasted into the address bar keeps the current work.
    await page.evaluate(() => {
      window.location.hash = '#q2.AAAA';
    });
    await expect.poll(() => page.getByRole('alert').first().innerText()).toMatch(/newer version/);
    await expect.poll(() => page.getByTestId('lhs-max').innerText()).toBe('2');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('undoes and redoes with the keyboard', async () => {
    const page = await openPage(current());
    const cell = page.getByRole('textbox', { name: 'LHS row 1, column 1' });
    await cell.click();
    await page.keyboard.type('1.5');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell.inputValue()).toBe('1.5');
    await page.getByRole('heading', { name: '2 · Quantization parameters' }).click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => cell.inputValue()).toBe('0.62944734');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => cell.inputValue()).toBe('1.5');
    await page.close();
  });
});
