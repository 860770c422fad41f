/**
 * TFLite's int8 LOGISTIC (reference_integer_ops::Logistic): the input code, less its zero point,
 * is scaled to Q4.27 fixed point (input_multiplier, input_left_shift from the input scale · 2^27),
 * gemmlowp's fixed-point logistic (fixedpoint.h: exp_on_negative_values, then 1 / (1 + x) by
 * Newton–Raphson) gives Q0.31, and RoundingDivideByPOT(·, 23) − 128 the int8 code of σ(x) at
 * scale 1/256. Every int32 operation wraps or saturates exactly as the C++ does.
 */
import { frexp } from '../multiplier.ts';
import {
  multiplyByQuantizedMultiplier,
  roundingDivideByPOT,
  saturatingRoundingDoublingHighMul,
} from '../fixedPoint.ts';
import { roundHalfAwayFromZero } from '../rounding.ts';

const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;

/** Fixed-point product of raw values (integer bits add up): SaturatingRoundingDoublingHighMul. */
const mul = saturatingRoundingDoublingHighMul;
/** int32 addition and subtraction, wrapping as the C++ compiles them. */
const add = (a: number, b: number): number => (a + b) | 0;
const sub = (a: number, b: number): number => (a - b) | 0;

/** gemmlowp SaturatingRoundingMultiplyByPOT<exponent>. */
function multiplyByPOT(x: number, exponent: number): number {
  if (exponent === 0) return x;
  if (exponent < 0) return roundingDivideByPOT(x, -exponent);
  const threshold = (1 << (31 - exponent)) - 1;
  if (x > threshold) return INT32_MAX;
  if (x < -threshold) return INT32_MIN;
  return x << exponent;
}

/** gemmlowp RoundingHalfSum for int32: (a + b ± 1) / 2 in 64 bits, truncated. */
function roundingHalfSum(a: number, b: number): number {
  const sum = a + b;
  return Math.trunc((sum + (sum >= 0 ? 1 : -1)) / 2);
}

/** exp(a) for a ∈ [−1/4, 0), Q0.31 in and out. */
function expOnIntervalNegativeQuarter(a: number): number {
  const constantTerm = 1895147668; // exp(−1/8)
  const oneThird = 715827883;
  const x = add(a, 1 << 28); // a + 1/8
  const x2 = mul(x, x);
  const x3 = mul(x2, x);
  const x4 = mul(x2, x2);
  const x4Over4 = multiplyByPOT(x4, -2);
  const poly = multiplyByPOT(add(mul(add(x4Over4, x3), oneThird), x2), -1);
  return add(constantTerm, mul(constantTerm, add(x, poly)));
}

/** exp(a) for a ≤ 0 with `integerBits` integer bits; Q0.31 out. */
function expOnNegativeValues(a: number, integerBits: number): number {
  const fractionalBits = 31 - integerBits;
  const oneQuarter = 1 << (fractionalBits - 2);
  const mask = oneQuarter - 1;
  const aModQuarterMinusQuarter = sub(a & mask, oneQuarter);
  let result = expOnIntervalNegativeQuarter(multiplyByPOT(aModQuarterMinusQuarter, integerBits));
  const remainder = sub(aModQuarterMinusQuarter, a);
  const barrel: readonly [number, number][] = [
    [-2, 1672461947],
    [-1, 1302514674],
    [0, 790015084],
    [1, 290630308],
    [2, 39332535],
    [3, 720401],
    [4, 242],
  ];
  for (const [exponent, multiplier] of barrel) {
    if (integerBits > exponent && remainder & (1 << (fractionalBits + exponent))) result = mul(result, multiplier);
  }
  if (integerBits > 5 && a < -(1 << (36 - integerBits))) result = 0;
  return a === 0 ? INT32_MAX : result;
}

/** 1 / (1 + a) for a ∈ [0, 1], Q0.31 in and out (Newton–Raphson in Q2.29). */
function oneOverOnePlusX(a: number): number {
  const halfDenominator = roundingHalfSum(a, INT32_MAX);
  const c48over17 = 1515870810;
  const cNeg32over17 = -1010580540;
  const oneQ2 = 1 << 29;
  let x = add(c48over17, mul(halfDenominator, cNeg32over17));
  for (let i = 0; i < 3; i++) {
    const halfDenominatorTimesX = mul(halfDenominator, x);
    const oneMinus = sub(oneQ2, halfDenominatorTimesX);
    x = add(x, multiplyByPOT(mul(x, oneMinus), 2));
  }
  // ExactMulByPot<−1> makes Q2 into Q1 (same raw), Rescale<0> multiplies by 2^1.
  return multiplyByPOT(x, 1);
}

/** gemmlowp::logistic of a raw fixed-point value with `integerBits` integer bits; Q0.31 out. */
export function fixedPointLogistic(a: number, integerBits: number): number {
  if (a === 0) return 1 << 30;
  const abs = a > 0 ? a : -a | 0;
  const positive = oneOverOnePlusX(expOnNegativeValues(-abs | 0, integerBits));
  return a > 0 ? positive : sub(INT32_MAX, positive);
}

/** What TFLite Micro's LOGISTIC Prepare derives from the int8 input's scale (logistic_common.cc). */
export interface LogisticParams {
  readonly inputZeroPoint: number;
  readonly inputMultiplier: number;
  readonly inputLeftShift: number;
  readonly inputRangeRadius: number;
}

/** Prepare: input_real_multiplier = scale · 2^27, frexp, round(q · 2^31); the radius beyond which σ saturates. */
export function logisticParams(inputScale: number, inputZeroPoint: number): LogisticParams {
  const inputIntegerBits = 4;
  const real = Math.fround(inputScale) * 2 ** (31 - inputIntegerBits);
  const { mantissa, exponent } = frexp(real);
  const inputMultiplier = roundHalfAwayFromZero(mantissa * 2 ** 31);
  // CalculateInputRadius(4, shift, 31): floor(15 · 2^27 / 2^shift).
  const inputRangeRadius = Math.floor((15 * 2 ** 27) / 2 ** exponent);
  return { inputZeroPoint, inputMultiplier, inputLeftShift: exponent, inputRangeRadius };
}

/** reference_integer_ops::Logistic on one int8 code. */
export function logisticInt8(code: number, p: LogisticParams): number {
  const input = code - p.inputZeroPoint;
  if (input <= -p.inputRangeRadius) return -128;
  if (input >= p.inputRangeRadius) return 127;
  const inQ4 = multiplyByQuantizedMultiplier(input, p.inputMultiplier, p.inputLeftShift);
  const outQ0 = fixedPointLogistic(inQ4, 4);
  const outQ23 = roundingDivideByPOT(outQ0, 23) - 128;
  return Math.min(Math.max(outQ23, -128), 127);
}
