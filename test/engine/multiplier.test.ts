/** The multiplier M → (M0, shift) in gemmlowp's and TFLite's conventions. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frexp, quantizeMultiplier, quantizeMultiplierSmallerThanOne } from '../../src/engine/index.ts';
import { problemOf, kindOf } from '../helpers/problem.ts';

const SEED = 42;

describe('quantizeMultiplierSmallerThanOne', () => {
  it('normalises any float32 M in [2^−32, 1) into M0 ∈ [2^30, 2^31) with M0·2^−31−n = M exactly', () => {
    fc.assert(
      fc.property(fc.float({ min: Math.fround(2 ** -32), max: Math.fround(0.99999994), noNaN: true }), (m) => {
        const { quantizedMultiplier: q, rightShift: n } = quantizeMultiplierSmallerThanOne(m);
        // A float32 M has 24 significant bits, so the int32 M0 represents it exactly.
        return q >= 2 ** 30 && q < 2 ** 31 && n >= 0 && n <= 31 && q * 2 ** (-31 - n) === m;
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
  it('gives M0 = 2^30 and n = 1 for M = 0.25', () => {
    expect(quantizeMultiplierSmallerThanOne(0.25)).toEqual({ quantizedMultiplier: 2 ** 30, rightShift: 1 });
  });
  it('refuses M ≤ 0, M ≥ 1, NaN and M below 2^−32 with a reason', () => {
    expect(kindOf(() => quantizeMultiplierSmallerThanOne(0))).toBe('multiplierNotPositive');
    expect(kindOf(() => quantizeMultiplierSmallerThanOne(-0.5))).toBe('multiplierNotPositive');
    expect(kindOf(() => quantizeMultiplierSmallerThanOne(1))).toBe('multiplierNotBelowOne');
    expect(kindOf(() => quantizeMultiplierSmallerThanOne(Number.NaN))).toBe('multiplierNotFinite');
    expect(problemOf(() => quantizeMultiplierSmallerThanOne(2 ** -33)).problem).toEqual({
      kind: 'multiplierTooSmall',
      m: 2 ** -33,
      shift: 32,
    });
  });
});

describe('quantizeMultiplier (TFLite)', () => {
  it('gives (2^30, +1) for M = 1 and (0, 0) for M = 0', () => {
    expect(quantizeMultiplier(1)).toEqual({ quantizedMultiplier: 2 ** 30, shift: 1 });
    expect(quantizeMultiplier(0)).toEqual({ quantizedMultiplier: 0, shift: 0 });
  });
  it('rounds a mantissa that would reach 2^31 into the next binade', () => {
    const m = 1 - 2 ** -40; // q · 2^31 rounds to 2^31
    expect(quantizeMultiplier(m)).toEqual({ quantizedMultiplier: 2 ** 30, shift: 1 });
  });
  it('flushes multipliers below 2^−32 to (0, 0) as TFLite does', () => {
    expect(quantizeMultiplier(2 ** -33)).toEqual({ quantizedMultiplier: 0, shift: 0 });
    expect(quantizeMultiplier(2 ** -32)).toEqual({ quantizedMultiplier: 2 ** 30, shift: -31 });
  });
  it('is within half an M0 step of any double M in [2^−31, 2^30)', () => {
    fc.assert(
      fc.property(fc.double({ min: 2 ** -31, max: 2 ** 30, noNaN: true }), (m) => {
        const { quantizedMultiplier: q, shift } = quantizeMultiplier(m);
        const approx = q * 2 ** (shift - 31);
        return q >= 2 ** 30 && q < 2 ** 31 && Math.abs(approx - m) <= 2 ** (shift - 32);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
  it('refuses negative, non-finite and huge multipliers', () => {
    expect(kindOf(() => quantizeMultiplier(-1))).toBe('multiplierNegative');
    expect(kindOf(() => quantizeMultiplier(Infinity))).toBe('multiplierNotFinite');
    expect(problemOf(() => quantizeMultiplier(2 ** 40)).problem).toEqual({
      kind: 'multiplierTooLarge',
      m: 2 ** 40,
      shift: 41,
    });
  });
});

/** mantissa · 2^exponent, in exact power-of-two steps (2^1024 and 2^−1075 alone are not doubles). */
function ldexp(mantissa: number, exponent: number): number {
  let x = mantissa;
  let e = exponent;
  while (e > 0) {
    const step = Math.min(e, 500);
    x *= 2 ** step;
    e -= step;
  }
  while (e < 0) {
    const step = Math.max(e, -500);
    x *= 2 ** step;
    e -= step;
  }
  return x;
}

describe('frexp', () => {
  it('matches m = mantissa · 2^exponent with mantissa in [0.5, 1), subnormals included', () => {
    for (const m of [1, 0.5, 3, 2 ** -1074, 2 ** 1023 * 1.5, 0.1]) {
      const { mantissa, exponent } = frexp(m);
      expect(mantissa).toBeGreaterThanOrEqual(0.5);
      expect(mantissa).toBeLessThan(1);
      expect(ldexp(mantissa, exponent)).toBe(m);
    }
  });
});
