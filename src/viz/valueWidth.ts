/**
 * How wide a float32 prints (formatFloat32: the shortest round-trip decimal, at most 9 significant
 * digits, JavaScript's fixed notation for 1e−6 ≤ |x| < 1e21, exponent notation outside), in digit
 * widths: an upper bound from each value's magnitude alone, so that a whole matrix is measured
 * without formatting every value. The grid sizes its cells by it, so no value is ever cut off.
 */

/** Widths in digits of what is not a digit (tabular digits are all one width; a minus sign is wider). */
const MINUS = 1.4;
const POINT = 0.6;
const E = 1;

/**
 * The width of the widest value in `data`, in digit widths (at least 1). Between the places where
 * the notation changes, a magnitude's width only falls (below 1: fewer leading zeros or exponent
 * digits) or only grows (from 1 to 1e21: more digits), so the widest value of each sign is one of
 * four: its smallest nonzero magnitude, its smallest from about 1e−6 (fixed notation) on, its
 * largest below 1e21, its largest. One pass of comparisons, then at most eight widths.
 */
export function widestValue(data: ArrayLike<number>): number {
  const pos = [Infinity, Infinity, 0, 0];
  const neg = [Infinity, Infinity, 0, 0];
  let negativeZero = false;
  for (let t = 0; t < data.length; t++) {
    const x = data[t] as number;
    if (x === 0 || x !== x) {
      if (Object.is(x, -0)) negativeZero = true;
      continue;
    }
    const side = x > 0 ? pos : neg;
    const a = x > 0 ? x : -x;
    if (a < (side[0] as number)) side[0] = a;
    if (a >= FIXED_FROM && a < (side[1] as number)) side[1] = a;
    if (a < FIXED_UNTIL && a > (side[2] as number)) side[2] = a;
    if (a > (side[3] as number)) side[3] = a;
  }
  let widest = negativeZero ? MINUS + 1 : 1;
  for (const a of pos) if (a > 0 && a < Infinity) widest = Math.max(widest, magnitudeWidth(a));
  for (const a of neg) if (a > 0 && a < Infinity) widest = Math.max(widest, MINUS + magnitudeWidth(a));
  return widest;
}

/** Where fixed notation starts and ends (with a margin: near the edges a value may print either way). */
const FIXED_FROM = 0.99e-6;
const FIXED_UNTIL = 1e21;

/** Width of a positive value's digits, point and exponent (near 1e−6 and 1e21 it may print either way: the wider). */
function magnitudeWidth(a: number): number {
  const e = Math.floor(Math.log10(a));
  const exponential = 9 + POINT + E + MINUS + (Math.abs(e) >= 10 ? 2 : 1); // d.dddddddde−XX
  // ddd.dddddd (never narrower than 9 digits and a point, so that widths only grow from 1 up), 0.000ddddddddd
  const fixed = e >= 0 ? Math.max(e + 1, 9 + POINT) : 1 + POINT + (-e - 1) + 9;
  if (a >= FIXED_UNTIL || a < FIXED_FROM) return exponential;
  if (a >= 0.99e21 || a < 1.01e-6) return Math.max(fixed, exponential);
  return fixed;
}
