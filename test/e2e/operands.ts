/** Operands for the browser tests and benchmarks, loaded into the page as a person would. */
import type { Page } from 'playwright-core';

/** An n × n block of 4-decimal values in [−1, 1) as spreadsheet text (its own LCG: any fixed data will do). */
export function matrixText(n: number, seed: number): string {
  let s = seed;
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
  return Array.from({ length: n }, () => Array.from({ length: n }, () => next().toFixed(4)).join('\t')).join('\n');
}

/** Loads n × n operands into both inputs through the paste boxes, as a person would. */
export async function loadOperands(page: Page, n: number): Promise<void> {
  await page.getByRole('textbox', { name: 'LHS row 1, column 1' }).waitFor();
  for (const [id, seed] of [
    ['LHS', 1],
    ['RHS', 2],
  ] as const) {
    const editor = page.getByRole('region', { name: new RegExp(`^${id}`) });
    await editor.getByText('Paste a block as text…').click();
    await editor.getByRole('textbox', { name: new RegExp(`${id} as spreadsheet`) }).fill(matrixText(n, seed));
    await editor.getByRole('button', { name: `Load into ${id}` }).click();
    await page.getByRole('grid', { name: `${id} values, ${n} × ${n}` }).waitFor({ timeout: 60_000 });
  }
}
