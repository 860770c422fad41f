/** The width bound the grid sizes its cells by is never below what formatFloat32 prints. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFloat32 } from '../../src/viz/format.ts';
import { widestValue } from '../../src/viz/valueWidth.ts';

/** The printed width in digit widths, counting a minus sign as 1.4 and a point as 0.6 (as the bound does). */
function printed(x: number): number {
  return Array.from(formatFloat32(x), (c) => (c === '−' ? 1.4 : c === '.' ? 0.6 : 1)).reduce((w, c) => w + c, 0);
}

describe('widestValue', () => {
  it('bounds the printed width of any float32 from above', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (x) => widestValue([x]) >= printed(x) - 1e-9),
      { seed: 12, numRuns: 20_000 },
    );
  });
  it('takes the widest of a matrix, as each value alone would', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { maxLength: 40 }), (xs) => {
        const each = Math.max(1, ...xs.map((x) => widestValue([x])));
        return widestValue(Float32Array.from(xs)) === each;
      }),
      { seed: 14, numRuns: 5000 },
    );
    // Where the notation changes: the widest is not always the smallest or the largest magnitude.
    for (const xs of [
      [12345678, 123456792],
      [2e-6, 1e-45],
      [0.5, 3e20, 2e21],
      [-1e-7, -3e-6, -0.25],
    ]) {
      const f32 = Float32Array.from(xs);
      expect(widestValue(f32)).toBe(Math.max(...Array.from(f32, (x) => widestValue([x]))));
    }
    expect(widestValue([0.5, -0.42495307, 12])).toBe(widestValue([-0.42495307]));
    expect(widestValue([Math.fround(1e-8), 1])).toBeGreaterThan(widestValue([1]));
    expect(widestValue([0, 0])).toBe(1);
  });
});
