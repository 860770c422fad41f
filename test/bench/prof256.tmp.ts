import { openPage, startSession } from '../e2e/browser.ts';
const session = await startSession();
const page = await openPage(session);
await page.getByRole('textbox', { name: 'LHS row 1, column 1' }).waitFor();
const txt = (s: number) =>
  Array.from({ length: 256 }, (_, i) =>
    Array.from({ length: 256 }, (_, j) => Math.sin((i * 256 + j) * s).toFixed(4)).join('\t'),
  ).join('\n');
for (const [id, s] of [
  ['LHS', 1],
  ['RHS', 2],
] as const) {
  const editor = page.getByRole('region', { name: new RegExp(`^${id}`) });
  await editor.getByText('Paste a block as text…').click();
  await editor.getByRole('textbox', { name: new RegExp(`${id} as spreadsheet`) }).fill(txt(s));
  await editor.getByRole('button', { name: `Load into ${id}` }).click();
  await page.getByRole('grid', { name: `${id} values, 256 × 256` }).waitFor({ timeout: 60000 });
}
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.start');
for (let k = 0; k < 10; k++) {
  await page.evaluate(
    async (text) => {
      const input = document.querySelector<HTMLInputElement>('input[aria-label="LHS row 1, column 1"]')!;
      input.focus();
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      await new Promise((r) => setTimeout(r, 300));
    },
    String(2 + k),
  );
}
const { profile } = await cdp.send('Profiler.stop');
const self = new Map<string, number>();
const dt = profile.timeDeltas ?? [];
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
(profile.samples ?? []).forEach((id, i) => {
  const n = byId.get(id)!;
  const key = `${n.callFrame.functionName || '(anon)'} :${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
});
console.log(
  [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 22)
    .map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`)
    .join('\n'),
);
await session.close();
