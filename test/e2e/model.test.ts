/** Journey: an engineer opens real models (example, picker, drop), steps a conv output of okay_nabu to its code, and drops a damaged file. */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.ts';
import { canRunBrowser, openPage, useSession } from './browser.ts';

const nabu = readFileSync('public/models/okay_nabu.tflite');

/** Drops a file on the page as a person drags it from the desktop. */
async function drop(page: Page, name: string, bytes: Buffer) {
  const transfer = await page.evaluateHandle(
    ({ name, data }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], name));
      return dt;
    },
    { name, data: [...bytes] },
  );
  await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
}

describe.runIf(canRunBrowser)('a real model in Chromium', () => {
  const current = useSession();

  it('steps a CONV_2D output of okay_nabu to the code the whole run computed', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors);
    await page.getByRole('button', { name: 'Open okay_nabu.tflite' }).click();
    await page.getByText(/okay_nabu\.tflite: TFLite, 55 nodes/).waitFor();
    // The first conv is chosen; its per-channel multipliers are listed.
    await expect.poll(() => page.getByRole('heading', { name: 'Node 17: CONV_2D' }).count()).toBe(1);
    const requant = page.getByRole('table', { name: /Prepare's requantization per output channel/ });
    expect(await requant.locator('tbody tr').count()).toBe(32);
    await page.getByLabel(/Output element/).fill('7');
    await page.getByRole('button', { name: 'Last »' }).click();
    await page.getByText(/The whole model's run computed the same code/).waitFor();
    expect(await page.getByText(/200 terms/).count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a file from the picker and by drop; a damaged file is explained and the model open before is kept', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors);
    await page.locator('input[type=file]').setInputFiles({
      name: 'hello.tflite',
      mimeType: 'application/octet-stream',
      buffer: readFileSync('public/models/hello_world_int8.tflite'),
    });
    await page.getByText(/hello\.tflite: TFLite, 3 nodes/).waitFor();
    await drop(page, 'nabu.tflite', nabu);
    await page.getByText(/nabu\.tflite: TFLite, 55 nodes/).waitFor();
    await drop(page, 'cut.tflite', nabu.subarray(0, 30000));
    await page.getByText('cut.tflite could not be opened.').waitFor();
    expect(
      await page
        .getByRole('alert')
        .filter({ hasText: /beyond its end|damaged/ })
        .count(),
    ).toBe(1);
    expect(await page.getByText('The model open before is kept.').count()).toBe(1);
    expect(await page.getByRole('heading', { name: /Node \d+: CONV_2D/ }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
