/** chooseQuantizationParams: the float32-vs-double pitfall, and the ranges the C++ leaves undefined. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chooseQuantizationParams, quantize } from '../../src/engine/index.ts';
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

describe('the code range travels with the parameters', () => {
  it('is uint8 [0, 255] by default, as in gemmlowp’s example', () => {
    expect(chooseQuantizationParams(-1, 1)).toMatchObject({ qmin: 0, qmax: 255 });
  });
  it('computes S = (max − min) / (qmax − qmin) and Z = round(qmin − min / S) for another range, e.g. int8', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: -0.001, noNaN: true }),
        fc.double({ min: 0.001, max: 100, noNaN: true }),
        (min, max) => {
          const p = chooseQuantizationParams(min, max, { qmin: -128, qmax: 127 });
          const lo = Math.fround(min);
          const hi = Math.fround(max);
          const scale = Math.fround(Math.fround(hi - lo) / 255);
          const z0 = -128 - lo / scale; // in double, from the float32 scale
          const away = Math.sign(z0) * Math.floor(Math.abs(z0) + 0.5); // std::round: ties away from zero
          const z = Math.min(127, Math.max(-128, away));
          return p.qmin === -128 && p.qmax === 127 && p.scale === scale && p.zeroPoint === z;
        },
      ),
      { seed: 9, numRuns: 2000 },
    );
  });
  it('quantizes into the range and the narrowest typed array that holds it', () => {
    const p = chooseQuantizationParams(-1, 1, { qmin: -128, qmax: 127 });
    const xs = [-5, -1, -0.3, 0, 0.3, 1, 5];
    const q = quantize(p, xs);
    expect(q).toBeInstanceOf(Int8Array);
    // Independently: float32 Z + x / S, clamped to [−128, 127], then rounded half away from zero.
    const expected = xs.map((x) => {
      const t = Math.min(127, Math.max(-128, Math.fround(p.zeroPoint + Math.fround(x / p.scale))));
      return Math.sign(t) * Math.floor(Math.abs(t) + 0.5);
    });
    expect(Array.from(q)).toEqual(expected);
    expect([q[0], q[6]]).toEqual([-128, 127]);
    expect(quantize(chooseQuantizationParams(-1, 1), [0])).toBeInstanceOf(Uint8Array);
  });
});
