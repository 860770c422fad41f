/**
 * The fixed-point output stage of gemmlowp (fixedpoint/fixedpoint.h) and TFLite
 * (kernels/internal/common.h), paper eq. 6: M · acc = M0 · 2^−n · acc with M0 an int32 in
 * [2^30, 2^31) standing for M0 / 2^31 ∈ [0.5, 1).
 *
 * The two rounding steps round ties differently: the doubling high multiply rounds ties toward
 * +∞ (−0.5 → 0), the rounding divide rounds ties away from zero (−1.5 → −2).
 */
import { refuse } from './errors.ts';
import { addInt64, mulInt32Exact, roundingMulShift, type Int64 } from './int64.ts';
import { simd } from './simd.ts';

/** The smallest int32. */
export const INT32_MIN = -2147483648;
/** The largest int32. */
export const INT32_MAX = 2147483647;

function assertInt32(operand: string, x: number): void {
  if ((x | 0) !== x) refuse({ kind: 'notInt32', operand, value: x });
}

/**
 * SaturatingRoundingDoublingHighMul of two int32s, unchecked: floor((a·b + 2^30) / 2^31) without
 * a 64-bit product. With b = bh·2^16 + bl (bl in [0, 2^16)) and p = a·bh = ph·2^15 + pl (pl in
 * [0, 2^15)), a·b = ph·2^31 + pl·2^16 + a·bl, and every term below is exact in a double
 * (|a·bh| < 2^46, |pl·2^16 + a·bl + 2^30| < 2^48). gemmlowp's nudge (1 − 2^30 below 0, then
 * truncation toward zero) is the same floor.
 */
function doublingHighMul(a: number, b: number): number {
  if (a === INT32_MIN && b === INT32_MIN) return INT32_MAX;
  const p = a * (b >> 16);
  const ph = Math.floor(p / 32768);
  return ph + Math.floor(((p - ph * 32768) * 65536 + a * (b & 0xffff) + 1073741824) / 2147483648);
}

/** RoundingDivideByPOT of an int32 by 2^exponent, unchecked, given mask = 2^exponent − 1. */
const divideByPOT = (x: number, exponent: number, mask: number): number =>
  (x >> exponent) + ((x & mask) > (mask >> 1) + (x < 0 ? 1 : 0) ? 1 : 0);

/** 2^exponent − 1 as an int32 (exponent 0…31). */
const maskOf = (exponent: number): number => (2 ** exponent - 1) | 0;

/**
 * SaturatingRoundingDoublingHighMul(a, b) = round(a · b / 2^31), ties toward +∞, computed from
 * the exact 64-bit product. The one overflow, INT32_MIN · INT32_MIN (= 2^62, whose doubled high
 * half 2^31 is not an int32), saturates to INT32_MAX. Throws if a or b is not an int32.
 */
export function saturatingRoundingDoublingHighMul(a: number, b: number): number {
  assertInt32('a', a);
  assertInt32('b', b);
  return doublingHighMul(a, b);
}

/**
 * The output stage's two steps over many accumulators with one M0 and one shift:
 * highMul[t] = SaturatingRoundingDoublingHighMul(acc[t], m0), shifted[t] = RoundingDivideByPOT(highMul[t], shift),
 * checked once rather than per element, or gemmlowp's int64 arithmetic in the WebAssembly kernel
 * (simd.ts).
 * Throws as they do for a bad M0 or shift.
 */
export function highMulAndDivide(
  acc: Int32Array,
  m0: number,
  shift: number,
  highMul: Int32Array,
  shifted: Int32Array,
): void {
  assertInt32('b', m0);
  assertExponent(shift);
  const kernels = simd();
  const heap = kernels?.heap(acc.length * 12);
  if (kernels && heap && acc.length > 0) {
    const n = acc.length;
    const { i32 } = heap;
    i32.set(acc, 0);
    kernels.highMulDivide(0, n, m0, shift, n * 4, n * 8);
    highMul.set(i32.subarray(n, 2 * n));
    shifted.set(i32.subarray(2 * n, 3 * n));
    return;
  }
  const mask = maskOf(shift);
  for (let t = 0; t < acc.length; t++) {
    const h = doublingHighMul(acc[t] as number, m0);
    highMul[t] = h;
    shifted[t] = divideByPOT(h, shift, mask);
  }
}

/** SaturatingRoundingDoublingHighMul written out as gemmlowp computes it, for display. */
export interface HighMulSteps {
  /** The exact 64-bit product a · b. */
  readonly product: Int64;
  /** 2^30 for a product ≥ 0, 1 − 2^30 below: what makes C's truncating division round to nearest. */
  readonly nudge: number;
  /** a · b + nudge. */
  readonly sum: Int64;
  /** INT32_MIN · INT32_MIN, the one product whose doubled high half is not an int32. */
  readonly saturated: boolean;
  /** (a · b + nudge) / 2^31 truncated toward zero, or INT32_MAX when saturated. */
  readonly result: number;
}

/** The steps of {@link saturatingRoundingDoublingHighMul}(a, b). */
export function highMulSteps(a: number, b: number): HighMulSteps {
  const product = mulInt32Exact(a, b);
  const nudge = product.hi >= 0 ? 2 ** 30 : 1 - 2 ** 30;
  return {
    product,
    nudge,
    sum: addInt64(product, nudge),
    saturated: a === INT32_MIN && b === INT32_MIN,
    result: saturatingRoundingDoublingHighMul(a, b),
  };
}

/** The shift RoundingDivideByPOT accepts: 0 to 31 (the shifts of a 32-bit register; the C++ is undefined beyond). */
function assertExponent(exponent: number): void {
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > 31)
    refuse({ kind: 'shiftOutOfRange', shift: exponent, min: 0, max: 31 });
}

/** RoundingDivideByPOT's mask 2^e − 1 and its threshold mask / 2 (+ 1 for a negative x). */
function maskAndThreshold(x: number, exponent: number): { mask: number; threshold: number } {
  const mask = maskOf(exponent);
  return { mask, threshold: (mask >> 1) + (x < 0 ? 1 : 0) };
}

/**
 * RoundingDivideByPOT(x, exponent) = x / 2^exponent rounded to nearest, ties away from zero
 * (gemmlowp: mask, remainder, threshold). Throws if x is not an int32 or the exponent is not an
 * integer in 0..31.
 */
export function roundingDivideByPOT(x: number, exponent: number): number {
  assertInt32('x', x);
  assertExponent(exponent);
  return divideByPOT(x, exponent, maskOf(exponent));
}

/** RoundingDivideByPOT written out as gemmlowp computes it, for display. */
export interface DivideSteps {
  readonly mask: number;
  /** x & mask: the low `exponent` bits. */
  readonly remainder: number;
  readonly threshold: number;
  /** x / 2^exponent, the exact quotient being rounded. */
  readonly quotient: number;
  /** x >> exponent: the arithmetic shift, which rounds toward −∞. */
  readonly truncated: number;
  readonly roundedUp: boolean;
  readonly result: number;
}

/** The steps of {@link roundingDivideByPOT}(x, exponent). */
export function divideSteps(x: number, exponent: number): DivideSteps {
  const result = roundingDivideByPOT(x, exponent);
  const { mask, threshold } = maskAndThreshold(x, exponent);
  const truncated = x >> exponent;
  const quotient = x / 2 ** exponent;
  return { mask, remainder: x & mask, threshold, quotient, truncated, roundedUp: result !== truncated, result };
}

/**
 * TFLite MultiplyByQuantizedMultiplier with its default double rounding:
 * RoundingDivideByPOT(SRDHM(x · 2^max(shift, 0), qm), max(−shift, 0)). `shift` > 0 is a left
 * shift (TFLite's sign convention). Throws where the C++ is undefined: x · 2^shift not an
 * int32, or a right shift beyond 31.
 */
export function multiplyByQuantizedMultiplier(x: number, quantizedMultiplier: number, shift: number): number {
  assertInt32('x', x);
  if (!Number.isInteger(shift) || shift < -31 || shift > 31)
    refuse({ kind: 'shiftOutOfRange', shift, min: -31, max: 31 });
  const leftShift = shift > 0 ? shift : 0;
  const rightShift = shift > 0 ? 0 : -shift;
  const shifted = x * 2 ** leftShift;
  if ((shifted | 0) !== shifted) refuse({ kind: 'leftShiftOverflow', x, shift: leftShift });
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
  if (quantizedMultiplier < 0) refuse({ kind: 'multiplierNegative', m: quantizedMultiplier });
  if (!Number.isInteger(shift) || shift < -31 || shift > 30)
    refuse({ kind: 'shiftOutOfRange', shift, min: -31, max: 30 });
  const result = roundingMulShift(x, quantizedMultiplier, 31 - shift);
  if (result < INT32_MIN || result > INT32_MAX) refuse({ kind: 'resultNotInt32', value: result });
  return result;
}
