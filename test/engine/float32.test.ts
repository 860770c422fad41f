import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shortestFloat32 } from '../../src/engine/index.ts';

describe('shortestFloat32', () => {
  it('reads back to the same float32, and no shorter precision would', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const s = shortestFloat32(x);
        if (Object.is(x, -0)) return s === '-0';
        const digits = s
          .replace(/^-/, '')
          .replace(/e.*$/, '')
          .replace('.', '')
          .replace(/^0+/, '')
          .replace(/0+$/, '').length; // significant digits
        const shorter = digits > 1 ? Math.fround(Number(x.toPrecision(digits - 1))) === x : false;
        return Math.fround(Number(s)) === x && !shorter;
      }),
      { seed: 11, numRuns: 3000 },
    );
  });
  it('writes the gemmlowp example value as the fixture prints it in float32 terms', () => {
    expect(shortestFloat32(Math.fround(0.629447340965271))).toBe('0.62944734');
    expect(shortestFloat32(Math.fround(0.1))).toBe('0.1');
    expect(shortestFloat32(2 ** -149)).toBe('1e-45');
  });
});
