/**
 * `npm run screenshot -- [path-and-query] [out.png] [width] [height] [selector]`: serves the production
 * build, opens it in headless Chromium and saves a full-page screenshot (the README's picture
 * is test/e2e/screenshots/app.png), or only the element matching `selector`. Prints console errors.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openPage, startSession } from './browser.ts';

const [path = '', out = 'test/e2e/screenshots/app.png', width = '1280', height = '900', selector] =
  process.argv.slice(2);
const session = await startSession();
const errors: string[] = [];
try {
  const page = await openPage(session, path, errors);
  await page.setViewportSize({ width: Number(width), height: Number(height) });
  await page.waitForLoadState('networkidle');
  mkdirSync(dirname(out), { recursive: true });
  if (selector) await page.locator(selector).first().screenshot({ path: out });
  else await page.screenshot({ path: out, fullPage: true });
  console.log(`saved ${out}`);
} finally {
  await session.close();
}
if (errors.length > 0) {
  console.error('console errors:', errors);
  process.exitCode = 1;
}
