/** float32 facts the engine and the app share, and the shortest decimal of a float32. */

/** The largest finite float32, (2 − 2^−23) · 2^127. */
export const FLT_MAX = 3.4028234663852886e38;
/** The smallest normal float32, 2^−126 (below it, subnormals have fewer than 24 significant bits). */
export const FLT_MIN_NORMAL = 2 ** -126;

/**
 * A plain decimal literal: optional sign, digits with an optional point (`5.`, `.5`), an optional
 * exponent. What cells accept (after normalising what people type) and what links store.
 */
export const DECIMAL_LITERAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

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
