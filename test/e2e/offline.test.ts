/**
 * Journey: a lecturer opens the app once; later the classroom network fails and the app, every
 * section, a link and a bundled model still open; Chromium finds it installable (manifest in
 * both languages, icons of the sizes they claim); a new version is offered, never forced, and
 * reloading into it keeps the edits. Served from a copy of the build that the test can change.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.ts';
import { canRunBrowser, chromiumPath } from './browser.ts';

const TITLES = [
  '1 · Inputs',
  '2 · Quantization parameters',
  '3 · Heatmaps',
  '4 · Error histograms and metrics',
  '5 · Integer GEMM, step by step',
  /^6 · The multiplier/,
  /^7 · Where S₃ and Z₃ come from/,
  '8 · Training with quantization',
  '9 · A real quantized model, node by node',
];

/** The LHS's first cell, as a person finds it. */
const firstCell = (page: Page) => page.getByRole('textbox', { name: 'LHS row 1, column 1' });

/** The width and height a PNG's IHDR chunk declares. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** Waits until the page's service worker is active and has stored the whole build. */
async function untilOffline(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.getByText(/Ready to work offline/).waitFor({ timeout: 30_000 });
}

describe.runIf(canRunBrowser)('offline and installed, in Chromium', () => {
  let dir = '';
  let server: PreviewServer;
  let url = '';
  const contexts: BrowserContext[] = [];
  /**
   * The app in a fresh browser profile (not incognito: Chromium installs only from a profile),
   * service workers allowed, console errors collected.
   */
  async function open(errors: string[] = [], init?: () => void): Promise<Page> {
    const context = await chromium.launchPersistentContext(mkdtempSync(join(dir, 'profile-')), {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    contexts.push(context);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(err.message));
    if (init) await context.addInitScript(init);
    await page.goto(url);
    return page;
  }
  beforeAll(async () => {
    // A copy of the build, so that a test can deploy "a new version" of it.
    dir = mkdtempSync(join(tmpdir(), 'qe-offline-'));
    cpSync('dist', dir, { recursive: true });
    server = await preview({
      build: { outDir: dir },
      preview: { port: 4800 + Math.floor(Math.random() * 150), strictPort: false, open: false },
      logLevel: 'warn',
    });
    url = server.resolvedUrls?.local[0] ?? '';
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens the app, every section, a link and a bundled model with no network after the first visit', async () => {
    const errors: string[] = [];
    const page = await open(errors);
    await untilOffline(page);
    // A link made before going offline (this state's own).
    const hash = () => page.evaluate(() => window.location.hash);
    const example = await hash();
    await firstCell(page).fill('0.5');
    await firstCell(page).press('Enter');
    await expect.poll(hash).not.toBe(example);
    const link = await page.evaluate(() => window.location.href);
    await page.context().setOffline(true);
    await page.reload();
    for (const title of TITLES) await page.getByRole('heading', { name: title, level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Open okay_nabu.tflite' }).click();
    await page.getByText(/okay_nabu\.tflite: TFLite, 55 nodes/).waitFor();
    // The link, in a new tab of the same (offline) browser.
    const other = await page.context().newPage();
    await other.goto(link);
    await expect.poll(() => firstCell(other).inputValue()).toBe('0.5');
    await other.getByRole('heading', { name: TITLES[4], level: 2 }).waitFor();
    // The Chinese words were stored too.
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '1 · 输入', level: 2 }).waitFor();
    expect(errors.filter((e) => !/net::ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
  });

  it('opens a model file the installed app is launched with (File Handling: launchQueue)', async () => {
    // Chromium hands an installed app the files it was opened on through window.launchQueue; a
    // page not installed never gets any, so this one records the app's consumer to launch it.
    const page = await open([], () => {
      Object.defineProperty(window, 'launchQueue', {
        configurable: true,
        value: {
          setConsumer: (consumer: unknown) => {
            (window as unknown as { launch: unknown }).launch = consumer;
          },
        },
      });
    });
    await page.waitForFunction(() => 'launch' in window);
    const nabu = [...readFileSync('public/models/okay_nabu.tflite')];
    await page.evaluate((bytes) => {
      const file = new File([new Uint8Array(bytes)], 'okay_nabu.tflite');
      const launch = (window as unknown as { launch: (p: { files: unknown[] }) => void }).launch;
      launch({ files: [{ kind: 'file', name: file.name, getFile: () => Promise.resolve(file) }] });
    }, nabu);
    await page.getByText(/okay_nabu\.tflite: TFLite, 55 nodes/).waitFor();
  });

  it('is installable: a valid manifest in each language, its icons the sizes it says, a worker in control', async () => {
    const page = await open();
    await untilOffline(page);
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors).toEqual([]);
    const base = new URL('./', page.url());
    for (const [file, name] of [
      ['manifest.webmanifest', 'Quantization Explorer'],
      ['manifest.zh-CN.webmanifest', '量化探索器'],
    ] as const) {
      const manifest = (await (await page.request.get(new URL(file, base).href)).json()) as {
        name: string;
        short_name: string;
        display: string;
        start_url: string;
        icons: { src: string; sizes: string; purpose: string }[];
        file_handlers: { accept: Record<string, string[]> }[];
      };
      expect(manifest.name).toBe(name);
      expect(manifest.short_name.length).toBeGreaterThan(0);
      expect(manifest.display).toBe('standalone');
      expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual([
        '192x192 any',
        '512x512 any',
        '512x512 maskable',
      ]);
      for (const icon of manifest.icons) {
        const bytes = await (await page.request.get(new URL(icon.src, base).href)).body();
        expect(pngSize(bytes).join('x')).toBe(icon.sizes);
      }
      expect(Object.values(manifest.file_handlers[0]?.accept ?? {}).flat()).toEqual([
        '.tflite',
        '.onnx',
        '.gguf',
        '.npy',
        '.safetensors',
      ]);
    }
    // The page links the manifest of its language.
    const href = () => page.locator('link[rel="manifest"]').getAttribute('href');
    expect(await href()).toBe('./manifest.webmanifest');
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect.poll(href).toBe('./manifest.zh-CN.webmanifest');
  });

  it('never reloads another tab when one tab takes the new version', async () => {
    const page = await open();
    await untilOffline(page);
    const other = await page.context().newPage();
    await other.goto(url);
    await firstCell(other).waitFor();
    // The other tab's page, marked: a reload would lose the mark.
    await other.evaluate(() => Object.assign(window, { notReloaded: true }));
    const sw = join(dir, 'sw.js');
    const before = readFileSync(sw, 'utf8');
    appendFileSync(sw, '\n// version 3\n');
    try {
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
      await page.getByRole('button', { name: 'Reload to update' }).waitFor({ timeout: 30_000 });
      const navigated = page.waitForEvent('load');
      await page.getByRole('button', { name: 'Reload to update' }).click();
      await navigated;
      // The other tab offers the reload and keeps running until asked.
      const offer = other.getByRole('button', { name: 'Reload to update' });
      await offer.waitFor({ timeout: 30_000 });
      await other.waitForTimeout(1000);
      expect(await other.evaluate(() => 'notReloaded' in window)).toBe(true);
      const reloaded = other.waitForEvent('load');
      await offer.click();
      await reloaded;
      expect(await other.evaluate(() => 'notReloaded' in window)).toBe(false);
    } finally {
      writeFileSync(sw, before);
    }
  });

  it('offers a new version without reloading by itself, and reloading into it keeps the edits', async () => {
    const page = await open();
    await untilOffline(page);
    await firstCell(page).fill('0.25');
    await firstCell(page).press('Enter');
    // A new version is deployed: another service worker (its precache list would differ).
    const sw = join(dir, 'sw.js');
    const before = readFileSync(sw, 'utf8');
    appendFileSync(sw, '\n// version 2\n');
    try {
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
      const offer = page.getByRole('button', { name: 'Reload to update' });
      await offer.waitFor({ timeout: 30_000 });
      expect(await seriousViolations(page)).toEqual([]);
      // Nothing reloads by itself: a value being typed stays.
      await firstCell(page).fill('0.3');
      await page.waitForTimeout(1500);
      expect(await firstCell(page).inputValue()).toBe('0.3');
      await firstCell(page).press('Enter');
      const navigated = page.waitForEvent('load');
      await offer.click();
      await navigated;
      await page.getByRole('heading', { name: TITLES[0], level: 2 }).waitFor();
      expect(await firstCell(page).inputValue()).toBe('0.3');
      expect(await page.getByRole('button', { name: 'Reload to update' }).count()).toBe(0);
    } finally {
      writeFileSync(sw, before);
    }
  });
});
