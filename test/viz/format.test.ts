/** How numbers are printed: shortest float32 digits, a real minus, scales as in the docs, code ranges by name. */
import { describe, expect, it } from 'vitest';
import { codeRangeName, formatFloat32, formatScale, formatShort } from '../../src/viz/format.ts';

describe('formatFloat32', () => {
  it('prints the shortest decimal that reads back to the same float32, with a real minus sign', () => {
    expect(formatFloat32(Math.fround(0.629447340965271))).toBe('0.62944734');
    expect(formatFloat32(Math.fround(-0.42495307))).toBe('−0.42495307');
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(-0)).toBe('−0');
    expect(formatFloat32(Math.fround(1e-45))).toBe('1e−45');
    expect(formatFloat32(Math.fround(3.4028234663852886e38))).toBe('3.4028235e+38');
  });
  it('never prints NaN or ∞', () => {
    expect([
      formatFloat32(Number.NaN),
      formatFloat32(Infinity),
      formatShort(Number.NaN),
      formatScale(-Infinity),
    ]).toEqual(['—', '—', '—', '—']);
  });
});

describe('formatScale and formatShort', () => {
  it('print scales with ten decimals in the everyday range, exponents outside', () => {
    expect(formatScale(Math.fround(0.006602988))).toBe('0.0066029881');
    expect(formatScale(2e-7)).toBe('2e−7');
    expect(formatScale(-0.5)).toBe('−0.5');
  });
  it('rounds to significant digits', () => {
    expect(formatShort(0.0123456, 3)).toBe('0.0123');
    expect(formatShort(-1234.5)).toBe('−1235');
    expect(formatShort(-1.5e-9)).toBe('−1.5e−9');
  });
});

describe('codeRangeName', () => {
  it.each([
    [0, 255, 'uint8'],
    [-128, 127, 'int8'],
    [-8, 7, 'int4'],
    [0, 15, 'uint4'],
    [-127, 127, '[−127, 127]'],
    [0, 127, 'uint7'],
  ])('names [%i, %i] %s', (qmin, qmax, name) => {
    expect(codeRangeName({ qmin, qmax })).toBe(name);
  });
});
