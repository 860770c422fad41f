import { describe, expect, it } from 'vitest';
import { compareRoundingModes, quantizeMultiplier } from '../../src/engine/index.ts';

describe('compareRoundingModes', () => {
  it('finds M = 0.25, x = 1 (double rounding 1, single 0) and counts exactly the disagreements', () => {
    const { quantizedMultiplier, shift } = quantizeMultiplier(0.25);
    const r = compareRoundingModes(quantizedMultiplier, shift, -20, 20);
    expect(r.examples).toContainEqual({ x: 1, double: 1, single: 0 });
    // Independent: x/4 with ties — double rounding: ties away from zero after a first rounding
    // toward +∞ of x/2; single rounding: ties toward +∞ of x/4.
    let expected = 0;
    for (let x = -20; x <= 20; x++) {
      const half = Math.floor((x + 1) / 2); // SRDHM(x, 2^30) = round(x/2), ties up
      const dbl = half < 0 ? -Math.floor((-half + 1) / 2) : Math.floor((half + 1) / 2); // ties away from 0
      const single = Math.floor((x + 2) / 4);
      if (dbl !== single) expected++;
    }
    expect(r.count).toBe(expected);
  });
  it('reports none where the multiplier is exact in one step (M = 0.5 · 2^0, any x)', () => {
    const { quantizedMultiplier, shift } = quantizeMultiplier(0.5);
    expect(compareRoundingModes(quantizedMultiplier, shift, -50, 50).count).toBe(0);
  });
});
