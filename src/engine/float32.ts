/**
 * The shortest decimal that reads back to exactly a given float32 (at most 9 significant digits):
 * what the UI shows and what links store. "-0" keeps the sign of −0.
 */
export function shortestFloat32(x: number): string {
  if (Object.is(x, -0)) return '-0';
  for (let p = 1; p <= 9; p++) {
    const s = Number(x.toPrecision(p)).toString();
    if (Math.fround(Number(s)) === x) return s;
  }
  return x.toPrecision(9);
}
