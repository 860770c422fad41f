/** Journey: a new user opens the app and sees the gemmlowp example's numbers, with no errors. */
import { describe, expect, it } from 'vitest';
import { canRunBrowser, openPage, useSession } from './browser.ts';

describe.runIf(canRunBrowser)('the production build in Chromium', () => {
  const current = useSession();

  it('loads the gemmlowp example with its exact numbers and no console error', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors);
    await page.getByRole('heading', { name: 'Quantization Explorer' }).waitFor();
    await page.getByTestId('multiplier').waitFor(); // sections 5 and 6 load after the first paint
    const text = (await page.locator('main').textContent()) ?? '';
    for (const expected of ['0.0066029881', '113', '0.0070503601', '114', '0.0106628919', '118', '1200097792']) {
      expect(text).toContain(expected);
    }
    await expect.poll(() => page.getByTestId('multiplier').textContent()).toMatch(/1200097792.*7/s);
    // CSP: the production page forbids inline scripts.
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self'");
    expect(errors).toEqual([]);
    await page.close();
  });
});
