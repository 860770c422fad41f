/**
 * Exact 64-bit products of two int32s in plain doubles, without BigInt (which is slow in hot
 * loops). A float64 `a * b` is inexact above 2^53; splitting b into 16-bit halves keeps every
 * partial product below 2^48, where doubles are exact integers. Dividing or multiplying an
 * integer-valued double by a power of two is exact, so floor(x / 2^k) splits are exact too.
 */

const TWO_16 = 65536;
const TWO_32 = 4294967296;
const TWO_52 = 4503599627370496;

/** A 64-bit integer hi · 2^32 + lo, with lo in [0, 2^32) (exact in two doubles). */
export interface Int64 {
  hi: number;
  lo: number;
}

/** a · b = hi · 2^32 + lo exactly, for int32 a and b; written into `out` (no allocation in hot loops). */
export function mulInt32Exact(a: number, b: number, out: Int64 = { hi: 0, lo: 0 }): Int64 {
  const approx = a * b;
  if (approx < TWO_52 && approx > -TWO_52) {
    out.hi = Math.floor(approx / TWO_32);
    out.lo = approx - out.hi * TWO_32;
    return out;
  }
  // a·b = a·bh·2^16 + a·bl with bl in [0, 2^16): both partial products below 2^47 in magnitude.
  const bh = Math.floor(b / TWO_16);
  const bl = b - bh * TWO_16;
  const x = a * bh;
  const xHi = Math.floor(x / TWO_16); // a·bh·2^16 = xHi·2^32 + xLo·2^16
  const s = (x - xHi * TWO_16) * TWO_16 + a * bl; // |s| < 2^49: exact
  const sHi = Math.floor(s / TWO_32);
  out.hi = xHi + sHi;
  out.lo = s - sHi * TWO_32;
  return out;
}

/** x + n for a small integer n (|n| < 2^32), exactly. */
export function addInt64(x: Int64, n: number): Int64 {
  const lo = x.lo + n;
  const carry = Math.floor(lo / TWO_32);
  return { hi: x.hi + carry, lo: lo - carry * TWO_32 };
}

const scratch: Int64 = { hi: 0, lo: 0 };

/**
 * floor((a · b + 2^(t−1)) / 2^t) exactly, for int32 a and b and 1 ≤ t ≤ 62: the product
 * rounded to nearest at bit t with ties toward +∞. This is the one operation under both
 * SaturatingRoundingDoublingHighMul (t = 31) and TFLite's single-rounding multiply.
 * Exact whenever the result fits in ±2^53 (always, for the int32 results callers need).
 */
export function roundingMulShift(a: number, b: number, t: number): number {
  const approx = a * b;
  // Below 2^52 the double product is exact, and so are + 2^(t−1) (t ≤ 52) and / 2^t.
  if (t <= 52 && approx < TWO_52 && approx > -TWO_52) return Math.floor((approx + 2 ** (t - 1)) / 2 ** t);
  let { hi, lo } = mulInt32Exact(a, b, scratch);
  // Add the rounding term 2^(t−1), then divide by 2^t rounding toward −∞.
  if (t <= 32) {
    lo += 2 ** (t - 1);
    if (lo >= TWO_32) {
      lo -= TWO_32;
      hi += 1;
    }
  } else {
    hi += 2 ** (t - 33);
  }
  if (t >= 32) return Math.floor(hi / 2 ** (t - 32));
  return hi * 2 ** (32 - t) + Math.floor(lo / 2 ** t);
}
