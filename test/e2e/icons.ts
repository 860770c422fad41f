/**
 * `npx tsx test/e2e/icons.ts`: draws the app's icons (public/icons/*.png, committed) from the
 * favicon's design in headless Chromium: 192 and 512 px with rounded corners ("any"), and a
 * 512 px maskable one whose mark keeps inside the central 80 % safe zone on a full-bleed
 * background (a launcher may crop it to a circle). Run by hand after changing the design.
 */
import { chromium } from 'playwright-core';
import { chromiumPath } from './browser.ts';

const ACCENT = '#1f4e79';
/** The favicon's mark (public/favicon.svg) on its 16 × 16 grid. */
const MARK = '<path d="M3 12h2V8h2v4h2V5h2v7h2" stroke="#fff" fill="none" stroke-width="1.4"/>';
const ANY = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="${ACCENT}"/>${MARK}</svg>`;
// Full bleed; the mark (x 3…13, y 5…12.7) scaled to 60 % about the centre, well inside the safe circle.
const MASKABLE = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="${ACCENT}"/><g transform="translate(8 8) scale(0.6) translate(-8 -8.5)">${MARK}</g></svg>`;

if (!chromiumPath) throw new Error('Chromium not found.');
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true });
try {
  for (const [name, svg, size] of [
    ['icon-192.png', ANY, 192],
    ['icon-512.png', ANY, 512],
    ['icon-maskable-512.png', MASKABLE, 512],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const src = `data:image/svg+xml,${encodeURIComponent(svg)}`;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}</style><img src="${src}" width="${size}" height="${size}">`,
    );
    await page.locator('img').screenshot({ path: `public/icons/${name}`, omitBackground: true });
    await page.close();
    console.log(`public/icons/${name}`);
  }
} finally {
  await browser.close();
}
