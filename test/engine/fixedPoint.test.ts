/** The fixed-point output stage against exact BigInt arithmetic (an independent computation). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INT32_MAX,
  INT32_MIN,
  multiplyByQuantizedMultiplier,
  multiplyByQuantizedMultiplierSingleRounding,
  roundingDivideByPOT,
  saturatingRoundingDoublingHighMul,
} from '../../src/engine/index.ts';
import { problemOf, kindOf } from '../helpers/problem.ts';

const SEED = 20180612;
const RUNS = 5000;

/** gemmlowp's SRDHM transcribed literally in BigInt: truncating division with the sign-dependent nudge. */
function srdhmBigInt(a: number, b: number): number {
  if (a === INT32_MIN && b === INT32_MIN) return INT32_MAX;
  const ab = BigInt(a) * BigInt(b);
  const nudge = ab >= 0n ? 1n << 30n : 1n - (1n << 30n);
  return Number((ab + nudge) / (1n << 31n)); // BigInt division truncates, as C++ does
}

/** x / 2^e rounded to nearest, ties away from zero, from exact rationals. */
function roundDivPow2Exact(x: number, e: number): number {
  const d = 1n << BigInt(e);
  const n = BigInt(x);
  const mag = n < 0n ? -n : n;
  const q = (2n * mag + d) / (2n * d); // floor(|x|/d + 1/2): ties go up in magnitude
  return Number(n < 0n ? -q : q);
}

/** int32 values with the edges over-represented. */
const int32 = fc.oneof(
  fc.integer({ min: INT32_MIN, max: INT32_MAX }),
  fc.constantFrom(INT32_MIN, INT32_MIN + 1, -1, 0, 1, INT32_MAX - 1, INT32_MAX, 1 << 30, -(1 << 30)),
  fc.integer({ min: -70000, max: 70000 }),
);

describe('saturatingRoundingDoublingHighMul', () => {
  it('equals the BigInt transcription on random and extreme int32 pairs', () => {
    fc.assert(
      fc.property(int32, int32, (a, b) => saturatingRoundingDoublingHighMul(a, b) === srdhmBigInt(a, b)),
      { seed: SEED, numRuns: RUNS },
    );
  });
  it('saturates INT32_MIN · INT32_MIN to INT32_MAX', () => {
    expect(saturatingRoundingDoublingHighMul(INT32_MIN, INT32_MIN)).toBe(srdhmBigInt(INT32_MIN, INT32_MIN));
    expect(saturatingRoundingDoublingHighMul(INT32_MIN, INT32_MIN)).toBe(2147483647);
  });
  it('rounds ties toward +∞ (−0.5 → 0, −1.5 → −1, 2.5 → 3)', () => {
    const half = 1 << 30; // a · 2^30 / 2^31 = a / 2
    expect(saturatingRoundingDoublingHighMul(-1, half)).toBe(srdhmBigInt(-1, half));
    expect(saturatingRoundingDoublingHighMul(-1, half)).toBe(0);
    expect(saturatingRoundingDoublingHighMul(-3, half)).toBe(-1);
    expect(saturatingRoundingDoublingHighMul(5, half)).toBe(3);
  });
  it('is exact where a float64 product is not (products above 2^53)', () => {
    // Here a·b mod 2^31 sits just below the rounding threshold 2^30, which float64 cannot see.
    const a = 2147483647;
    const b = 1073741825;
    const naive = Math.floor((a * b + 2 ** 30) / 2 ** 31); // float64 product: rounds the wrong way
    expect(saturatingRoundingDoublingHighMul(a, b)).toBe(srdhmBigInt(a, b));
    expect(naive).not.toBe(srdhmBigInt(a, b));
  });
  it('refuses operands that are not int32', () => {
    expect(kindOf(() => saturatingRoundingDoublingHighMul(2 ** 31, 1))).toBe('notInt32');
    expect(kindOf(() => saturatingRoundingDoublingHighMul(1.5, 1))).toBe('notInt32');
    expect(kindOf(() => saturatingRoundingDoublingHighMul(Number.NaN, 1))).toBe('notInt32');
  });
});

describe('roundingDivideByPOT', () => {
  it('rounds x / 2^e to nearest with ties away from zero, for every e in 0..31', () => {
    fc.assert(
      fc.property(
        int32,
        fc.integer({ min: 0, max: 31 }),
        (x, e) => roundingDivideByPOT(x, e) === roundDivPow2Exact(x, e),
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
  it('sends −3/2 to −2 and 3/2 to 2, −5/4 to −1', () => {
    expect(roundingDivideByPOT(-3, 1)).toBe(-2);
    expect(roundingDivideByPOT(3, 1)).toBe(2);
    expect(roundingDivideByPOT(-5, 2)).toBe(-1);
  });
  it('refuses exponents outside 0..31 and non-int32 x', () => {
    expect(problemOf(() => roundingDivideByPOT(5, 32)).problem).toEqual({
      kind: 'shiftOutOfRange',
      shift: 32,
      min: 0,
      max: 31,
    });
    expect(kindOf(() => roundingDivideByPOT(5, -1))).toBe('shiftOutOfRange');
    expect(kindOf(() => roundingDivideByPOT(5, 1.5))).toBe('shiftOutOfRange');
    expect(kindOf(() => roundingDivideByPOT(2 ** 40, 3))).toBe('notInt32');
  });
});

describe('multiplyByQuantizedMultiplier (TFLite double rounding)', () => {
  it('equals the BigInt composition of its two steps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 20), max: 2 ** 20 }),
        fc.integer({ min: 2 ** 30, max: INT32_MAX }),
        fc.integer({ min: -31, max: 10 }),
        (x, qm, shift) => {
          const left = Math.max(shift, 0);
          const expected = roundDivPow2Exact(srdhmBigInt(x * 2 ** left, qm), Math.max(-shift, 0));
          return multiplyByQuantizedMultiplier(x, qm, shift) === expected;
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
  it('refuses a left shift that overflows int32', () => {
    expect(problemOf(() => multiplyByQuantizedMultiplier(2 ** 30, 2 ** 30, 2)).problem).toEqual({
      kind: 'leftShiftOverflow',
      x: 2 ** 30,
      shift: 2,
    });
  });
});

describe('multiplyByQuantizedMultiplierSingleRounding', () => {
  it('equals (x·qm + 2^(t−1)) >> t in BigInt', () => {
    fc.assert(
      fc.property(
        int32,
        fc.integer({ min: 2 ** 30, max: INT32_MAX }),
        fc.integer({ min: -31, max: 0 }),
        (x, qm, shift) => {
          const t = BigInt(31 - shift);
          const expected = Number((BigInt(x) * BigInt(qm) + (1n << (t - 1n))) >> t); // >> on BigInt floors
          return multiplyByQuantizedMultiplierSingleRounding(x, qm, shift) === expected;
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
  it('differs from double rounding where the reference says it does (M = 0.25, x = 1)', () => {
    // M = 0.25 = 2^30 / 2^31 · 2^−1
    expect(multiplyByQuantizedMultiplier(1, 2 ** 30, -1)).toBe(1);
    expect(multiplyByQuantizedMultiplierSingleRounding(1, 2 ** 30, -1)).toBe(0);
  });
});
