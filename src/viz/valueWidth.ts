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

/** The width of the widest value in `data`, in digit widths (at least 1). */
export function widestValue(data: ArrayLike<number>): number {
  let widest = 1;
  let lastMagnitude = Number.NaN;
  let lastWidth = 0;
  for (let t = 0; t < data.length; t++) {
    const x = data[t] as number;
    if (x === 0 || !Number.isFinite(x)) {
      if (Object.is(x, -0) && widest < MINUS + 1) widest = MINUS + 1;
      continue;
    }
    const a = Math.abs(x);
    let w: number;
    if (a === lastMagnitude) w = lastWidth;
    else {
      w = magnitudeWidth(a);
      lastMagnitude = a;
      lastWidth = w;
    }
    if (x < 0) w += MINUS;
    if (w > widest) widest = w;
  }
  return widest;
}

/** Width of a positive value's digits, point and exponent (near 1e−6 and 1e21 it may print either way: the wider). */
function magnitudeWidth(a: number): number {
  const e = Math.floor(Math.log10(a));
  const exponential = 9 + POINT + E + MINUS + (Math.abs(e) >= 10 ? 2 : 1); // d.dddddddde−XX
  const fixed = e >= 0 ? (e + 1 >= 9 ? e + 1 : 9 + POINT) : 1 + POINT + (-e - 1) + 9; // ddd.dddddd, 0.000ddddddddd
  if (a >= 1e21 || a < 0.99e-6) return exponential;
  if (a >= 0.99e21 || a < 1.01e-6) return Math.max(fixed, exponential);
  return fixed;
}
