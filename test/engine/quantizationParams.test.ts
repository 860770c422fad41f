/** chooseQuantizationParams: the float32-vs-double pitfall, and the ranges the C++ leaves undefined. */
import { describe, expect, it } from 'vitest';
import { chooseQuantizationParams } from '../../src/engine/index.ts';
import { f32Hex } from '../helpers/float32.ts';
import { problemOf, kindOf } from '../helpers/problem.ts';

/** The same formula with the scale kept in double: the common mistake the reference warns about. */
function zeroPointWithDoubleScale(min: number, max: number): number {
  const scale = (max - min) / 255;
  return Math.round(-min / scale);
}

describe('chooseQuantizationParams', () => {
  it('gives scale 0x3c008081 and zero point 127 (not 128) for [−1, 1]', () => {
    const p = chooseQuantizationParams(-1, 1);
    expect(f32Hex(p.scale)).toBe('0x3c008081');
    expect(p.initialZeroPoint).toBeCloseTo(127.4999925, 6);
    expect(p.zeroPoint).toBe(127);
    expect(zeroPointWithDoubleScale(-1, 1)).toBe(128);
  });
  it.each([0.25, 0.5, 2, 6, 10])('gives 127 for the symmetric range ±%s, where a double scale gives 128', (a) => {
    expect(chooseQuantizationParams(-a, a).zeroPoint).toBe(127);
    expect(zeroPointWithDoubleScale(-a, a)).toBe(128);
  });
  it('extends the range to contain 0 and keeps the observed values', () => {
    const p = chooseQuantizationParams(0.5, 2);
    expect([p.observedMin, p.observedMax, p.min, p.max]).toEqual([0.5, 2, 0, 2]);
    expect(p.zeroPoint).toBe(0);
    const q = chooseQuantizationParams(-3, -1);
    expect([q.min, q.max, q.zeroPoint]).toEqual([-3, 0, 255]);
  });
  it('rounds the inputs to float32 as the C++ float parameters do', () => {
    const p = chooseQuantizationParams(-0.1, 0.1);
    expect(p.observedMin).toBe(Math.fround(-0.1));
    expect(p.range).toBe(Math.fround(Math.fround(0.1) - Math.fround(-0.1)));
  });
  it('defines the all-zero range (0/0 in the C++) as scale 1, zero point 0, flagged', () => {
    const p = chooseQuantizationParams(0, 0);
    expect(p).toMatchObject({ scale: 1, zeroPoint: 0, degenerate: 'all-zero' });
  });
  it('treats a constant non-zero matrix as the range [0, c] (not degenerate)', () => {
    const p = chooseQuantizationParams(0.75, 0.75);
    expect(p.degenerate).toBeNull();
    expect(p.scale).toBe(Math.fround(0.75 / 255));
  });
  it('flags a subnormal scale but computes it as IEEE float32 does', () => {
    const tiny = 1e-37;
    const p = chooseQuantizationParams(0, tiny);
    expect(p.degenerate).toBe('subnormal-scale');
    expect(p.scale).toBe(Math.fround(Math.fround(tiny) / 255));
    expect(Number.isFinite(p.scale) && p.scale > 0).toBe(true);
  });
  it('throws readable errors for NaN, ∞, an empty range, overflow and underflow', () => {
    expect(kindOf(() => chooseQuantizationParams(Number.NaN, 1))).toBe('rangeNotFinite');
    expect(kindOf(() => chooseQuantizationParams(-1, Infinity))).toBe('rangeNotFinite');
    expect(problemOf(() => chooseQuantizationParams(2, 1)).problem).toEqual({ kind: 'rangeEmpty', min: 2, max: 1 });
    expect(kindOf(() => chooseQuantizationParams(-3e38, 3e38))).toBe('scaleOverflow');
    expect(problemOf(() => chooseQuantizationParams(0, 1e-44)).problem).toEqual({
      kind: 'scaleUnderflow',
      min: 0,
      max: Math.fround(1e-44),
      levels: 255,
    });
  });
});
