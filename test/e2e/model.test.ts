/** Journey: an engineer opens real models (example, picker, drop), steps a conv output of okay_nabu to its code, and drops a damaged file. */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.ts';
import { canRunBrowser, openPage, useSession } from './browser.ts';
import { qdqConv } from '../models/onnxBytes.ts';

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

  it('reopens the same node and step from its link; a file’s link asks for that file and refuses another', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors);
    await page.getByRole('button', { name: 'Open okay_nabu.tflite' }).click();
    await page.getByRole('heading', { name: 'Node 17: CONV_2D' }).waitFor();
    // The drawn graph chooses a node by click, like the list.
    await page.locator('.graph-node', { hasText: '21 DEPTHWISE_CONV_2D' }).click();
    await page.getByRole('heading', { name: 'Node 21: DEPTHWISE_CONV_2D' }).waitFor();
    await page.getByRole('button', { name: 'Forward ▶' }).click();
    await page.getByRole('button', { name: 'Forward ▶' }).click();
    await expect.poll(() => page.url()).toMatch(/#q1\./);
    await page.waitForTimeout(600);
    const link = page.url();
    const again = await openPage(current(), link.slice(link.indexOf('#')), errors);
    // The example opens by itself at the link's node and step.
    await again.getByRole('heading', { name: 'Node 21: DEPTHWISE_CONV_2D' }).waitFor();
    expect(
      await again
        .getByRole('status')
        .filter({ hasText: /^2 of \d+ terms/ })
        .count(),
    ).toBe(1);
    await again.close();
    // A file's link: the same file is asked for by name, size and SHA-256.
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'mine.tflite', mimeType: 'application/octet-stream', buffer: nabu });
    await page.getByText(/mine\.tflite: TFLite, 55 nodes/).waitFor();
    await page.waitForTimeout(600);
    const fileLink = page.url();
    const third = await openPage(current(), fileLink.slice(fileLink.indexOf('#')), errors);
    await third.getByText(/This link was made with the file mine\.tflite \(60,\d{3} bytes\)/).waitFor();
    await third.locator('input[type=file]').setInputFiles({
      name: 'other.tflite',
      mimeType: 'application/octet-stream',
      buffer: readFileSync('public/models/hello_world_int8.tflite'),
    });
    await third.getByText(/other\.tflite is not the file this link was made with/).waitFor();
    expect(await third.getByRole('heading', { name: /^Node \d+:/ }).count()).toBe(0);
    await third
      .locator('input[type=file]')
      .setInputFiles({ name: 'mine.tflite', mimeType: 'application/octet-stream', buffer: nabu });
    await third.getByRole('heading', { name: 'Node 17: CONV_2D' }).waitFor();
    expect(await seriousViolations(third)).toEqual([]);
    expect(errors).toEqual([]);
    await third.close();
    await page.close();
  });

  it('on a phone (390 × 844, touch): taps a node, steps its output, sets the input by hand; nothing overflows; axe', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors, {
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    await page.getByRole('button', { name: 'Open okay_nabu.tflite' }).tap();
    await page.getByRole('heading', { name: 'Node 17: CONV_2D' }).waitFor();
    await page.getByRole('button', { name: 'Node 21: DEPTHWISE_CONV_2D' }).tap();
    await page.getByRole('heading', { name: 'Node 21: DEPTHWISE_CONV_2D' }).waitFor();
    await page.getByRole('button', { name: 'Forward ▶' }).tap();
    await page
      .getByRole('status')
      .filter({ hasText: /^1 of \d+ terms/ })
      .waitFor();
    // The input typed by hand: 120 codes, one of them not a code first.
    await page.getByText('Input: seeded random codes — set it by hand…').tap();
    await page.getByLabel('Integer codes as they are').tap();
    const codes = Array.from({ length: 120 }, (_, i) => (i % 50) - 25);
    await page.getByRole('textbox', { name: /120 values, separated by/ }).fill([...codes.slice(0, 119), 300].join(' '));
    await page.getByRole('button', { name: 'Run on these values' }).tap();
    await page.getByText('Value 120, 300, is not an integer code from -128 to 127.').waitFor();
    await page.getByRole('textbox', { name: /120 values, separated by/ }).fill(codes.join(' '));
    await page.getByRole('button', { name: 'Run on these values' }).tap();
    await page.getByText('Input: 120 codes typed by hand').waitFor();
    await page.getByRole('button', { name: 'Last »' }).tap();
    await page.getByText(/The whole model's run computed the same code/).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explains an ONNX QDQ model picked from the disk as the QLinearConv ONNX Runtime runs', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'qdq.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(qdqConv()) });
    await page.getByText(/qdq\.onnx: ONNX, 5 nodes/).waitFor();
    await page.getByRole('heading', { name: 'QDQ: this Conv runs as one QLinearConv in ONNX Runtime' }).waitFor();
    await page.getByText(/give the same code for \d+ of 36 outputs/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads a .npy dropped on the page and loads a 2-D slice of it as the LHS', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors);
    await drop(page, 'f32_3d.npy', readFileSync('test/fixtures/npy/f32_3d.npy'));
    await page.getByText('f32_3d.npy: 1 tensor').waitFor();
    await page.getByLabel('Index along axis 0 (0 to 1):').fill('1');
    await page.getByRole('button', { name: 'Load this slice as the LHS' }).click();
    await page.getByText('Loaded a 3×4 slice as the LHS of sections 1–6.').waitFor();
    // values.json (written by numpy): element [1, 0, 0] is the 13th value.
    const expected = (
      JSON.parse(readFileSync('test/fixtures/npy/values.json', 'utf8')) as { files: { f32_3d: { values: number[] } } }
    ).files.f32_3d.values[12];
    expect(Number(await page.getByRole('textbox', { name: 'LHS row 1, column 1' }).inputValue())).toBe(expected);
    await drop(page, 'cut.npy', readFileSync('test/fixtures/npy/f32_3d.npy').subarray(0, 100));
    await page.getByText('cut.npy could not be read as a tensor file.').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
