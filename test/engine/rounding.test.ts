/** The three tie rules, written out against their definitions. */
import { describe, expect, it } from 'vitest';
import { roundHalfAwayFromZero, roundHalfToEven } from '../../src/engine/index.ts';

describe('rounding helpers', () => {
  it.each([
    [2.5, 3, 2],
    [-2.5, -3, -2],
    [1.5, 2, 2],
    [-1.5, -2, -2],
    [0.5, 1, 0],
    [-0.5, -1, -0],
    [0.49999999999999994, 0, 0],
    [2.4, 2, 2],
    [-2.6, -3, -3],
  ])('%s → half away %s, half even %s', (x, away, even) => {
    expect(roundHalfAwayFromZero(x)).toBe(away);
    expect(roundHalfToEven(x)).toBe(even);
  });
  it('differs from Math.round on negative ties', () => {
    expect(Math.round(-2.5)).toBe(-2);
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
  });
});
