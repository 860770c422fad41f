/**
 * Real-browser test harness: serves the production build (dist/, built by `npm run test:e2e`)
 * with Vite's preview server and drives Debian's Chromium through playwright-core.
 *
 * Chromium is not downloadable here (`npx playwright install` fails), so it is found on disk:
 * $CHROMIUM_PATH, /usr/bin/chromium or /usr/bin/chromium-browser. When it is missing, outside
 * CI the browser tests are not run and a loud notice says how to install it; under CI=true a
 * missing browser is a failure.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll } from 'vitest';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Path of a Chromium binary, or undefined. */
export const chromiumPath = CANDIDATES.find((p): p is string => typeof p === 'string' && p !== '' && existsSync(p));

const inCI = process.env.CI === 'true' || process.env.CI === '1';

if (!chromiumPath) {
  const message = [
    '',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    "!! Chromium not found: the real-browser tests need Debian's Chromium.",
    '!! Install it with:   sudo apt-get update && sudo apt-get install -y chromium',
    '!! (or set CHROMIUM_PATH to a Chromium binary).',
    inCI ? '!! CI=true: this is a failure.' : '!! Outside CI these tests are NOT RUN until Chromium is installed.',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '',
  ].join('\n');
  console.warn(message);
  if (inCI) throw new Error('Chromium is required under CI (CI=true) but was not found.');
}

/** Whether the browser tests can run here (false only outside CI without Chromium). */
export const canRunBrowser = chromiumPath !== undefined;

/** A served build, a browser, and the page errors collected while a test runs. */
export interface Session {
  readonly url: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** Serves dist/ on a free local port and launches headless Chromium. */
export async function startSession(): Promise<Session> {
  if (!chromiumPath) throw new Error('Chromium not found.');
  if (!existsSync('dist/index.html'))
    throw new Error('dist/ is missing: run `npm run build` first (npm run test:e2e does).');
  const server: PreviewServer = await preview({
    preview: { port: 4300 + Math.floor(Math.random() * 500), strictPort: false, open: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The preview server did not report a URL.');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Opens a page and records console errors and uncaught exceptions into `errors`. By default a
 * 1280 × 900 desktop; `device` makes it e.g. a phone (`{ viewport, hasTouch: true, isMobile: true }`).
 * The service worker is blocked (it would precache the whole build behind every test and bench)
 * unless `device` allows it (`{ serviceWorkers: 'allow' }`, the offline tests).
 */
export async function openPage(
  session: Session,
  path = '',
  errors: string[] = [],
  device: BrowserContextOptions = {},
): Promise<Page> {
  const page = await session.browser.newPage({
    viewport: { width: 1280, height: 900 },
    serviceWorkers: 'block',
    ...device,
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  // Any request leaving localhost is a bug: everything ships with the app.
  await page.route(/^(?!https?:\/\/(localhost|127\.0\.0\.1)[:/])/, (route) => {
    errors.push(`external request: ${route.request().url()}`);
    return route.abort();
  });
  await page.goto(session.url + path);
  return page;
}

/**
 * One served build and browser for a test file: starts before its tests, closes after them.
 * Returns a getter (the session exists only once beforeAll has run).
 */
export function useSession(): () => Session {
  let session: Session | undefined;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('The browser session has not started.');
    return session;
  };
}
