/**
 * The fixed-point output stage of gemmlowp (fixedpoint/fixedpoint.h) and TFLite
 * (kernels/internal/common.h), paper eq. 6: M · acc = M0 · 2^−n · acc with M0 an int32 in
 * [2^30, 2^31) standing for M0 / 2^31 ∈ [0.5, 1).
 *
 * The two rounding steps round ties differently: the doubling high multiply rounds ties toward
 * +∞ (−0.5 → 0), the rounding divide rounds ties away from zero (−1.5 → −2).
 */
import { roundingMulShift } from './int64.ts';

/** The smallest int32. */
export const INT32_MIN = -2147483648;
/** The largest int32. */
export const INT32_MAX = 2147483647;

function assertInt32(name: string, x: number): void {
  if ((x | 0) !== x) throw new Error(`${name} must be an int32 (an integer in [−2147483648, 2147483647]); got ${x}.`);
}

/**
 * SaturatingRoundingDoublingHighMul(a, b) = round(a · b / 2^31), ties toward +∞, computed from
 * the exact 64-bit product. The one overflow, INT32_MIN · INT32_MIN (= 2^62, whose doubled high
 * half 2^31 is not an int32), saturates to INT32_MAX. Throws if a or b is not an int32.
 */
export function saturatingRoundingDoublingHighMul(a: number, b: number): number {
  assertInt32('a', a);
  assertInt32('b', b);
  if (a === INT32_MIN && b === INT32_MIN) return INT32_MAX;
  return roundingMulShift(a, b, 31);
}

/**
 * RoundingDivideByPOT(x, exponent) = x / 2^exponent rounded to nearest, ties away from zero
 * (gemmlowp: mask, remainder, threshold). Throws if x is not an int32 or the exponent is not an
 * integer in 0..31 (the shifts a 32-bit register allows; the C++ is undefined beyond).
 */
export function roundingDivideByPOT(x: number, exponent: number): number {
  assertInt32('x', x);
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > 31) {
    throw new Error(`The right shift must be an integer from 0 to 31; got ${exponent}.`);
  }
  const mask = (2 ** exponent - 1) | 0;
  const remainder = x & mask;
  const threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/**
 * TFLite MultiplyByQuantizedMultiplier with its default double rounding:
 * RoundingDivideByPOT(SRDHM(x · 2^max(shift, 0), qm), max(−shift, 0)). `shift` > 0 is a left
 * shift (TFLite's sign convention). Throws where the C++ is undefined: x · 2^shift not an
 * int32, or a right shift beyond 31.
 */
export function multiplyByQuantizedMultiplier(x: number, quantizedMultiplier: number, shift: number): number {
  assertInt32('x', x);
  if (!Number.isInteger(shift)) throw new Error(`The shift must be an integer; got ${shift}.`);
  const leftShift = shift > 0 ? shift : 0;
  const rightShift = shift > 0 ? 0 : -shift;
  const shifted = x * 2 ** leftShift;
  if ((shifted | 0) !== shifted) {
    throw new Error(
      `${x} · 2^${leftShift} overflows int32 before the multiply; the multiplier is too large for this value.`,
    );
  }
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(shifted, quantizedMultiplier), rightShift);
}

/**
 * TFLite's single-rounding variant (TFLITE_SINGLE_ROUNDING): (x · qm + 2^(t−1)) >> t in int64
 * with t = 31 − shift: one rounding, ties toward +∞. Throws outside TFLite's checked domain
 * (qm ≥ 0, −31 ≤ shift ≤ 30) or when the result is not an int32.
 */
export function multiplyByQuantizedMultiplierSingleRounding(
  x: number,
  quantizedMultiplier: number,
  shift: number,
): number {
  assertInt32('x', x);
  assertInt32('quantizedMultiplier', quantizedMultiplier);
  if (quantizedMultiplier < 0) throw new Error('The quantized multiplier must not be negative.');
  if (!Number.isInteger(shift) || shift < -31 || shift > 30) {
    throw new Error(`Single rounding needs a shift from −31 to 30; got ${shift}.`);
  }
  const result = roundingMulShift(x, quantizedMultiplier, 31 - shift);
  if (result < INT32_MIN || result > INT32_MAX) throw new Error(`The result ${result} does not fit in an int32.`);
  return result;
}
