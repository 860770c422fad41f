import { openPage, startSession } from './browser.ts';
const [path = '', out = '/tmp/v.png', width = '1280', height = '720'] = process.argv.slice(2);
const session = await startSession();
const errors: string[] = [];
try {
  const page = await openPage(session, path, errors);
  await page.setViewportSize({ width: Number(width), height: Number(height) });
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: out });
} finally {
  await session.close();
}
console.log(errors);
