/** quantize / dequantize: invariants of the affine map r = S(q − Z), checked with fast-check. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseQuantizationParams, dequantize, quantize } from '../../src/engine/index.ts';
import { UINT8 } from '../../src/engine/codes.ts';
import { problemOf } from '../helpers/problem.ts';

const SEED = 1712_05877;

const range = fc
  .tuple(
    fc.float({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
    fc.float({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  )
  .map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]))
  .filter(([a, b]) => Math.fround(Math.max(b, 0) - Math.min(a, 0)) > 1e-30);

describe('quantize and dequantize', () => {
  it('maps real 0 exactly to Z, and Z back to exactly 0', () => {
    fc.assert(
      fc.property(range, ([min, max]) => {
        const p = chooseQuantizationParams(min, max);
        const q = quantize(p, [0]);
        return q[0] === p.zeroPoint && dequantize(p, q)[0] === 0;
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
  it('keeps |dequantize(quantize(x)) − x| ≤ S/2 (plus float32 rounding) inside the range', () => {
    fc.assert(
      fc.property(range, fc.double({ min: 0, max: 1, noNaN: true }), ([min, max], t) => {
        const p = chooseQuantizationParams(min, max);
        // Stay inside the representable interval [S(0 − Z), S(255 − Z)].
        const lo = Math.max(p.min, p.scale * -p.zeroPoint);
        const hi = Math.min(p.max, p.scale * (255 - p.zeroPoint));
        const x = Math.fround(lo + t * (hi - lo));
        if (x < lo || x > hi) return true;
        const back = dequantize(p, quantize(p, [x]))[0] as number;
        // Half a step, plus a few float32 ulps of the operands for the two float32 roundings.
        const slack = 4 * 2 ** -23 * Math.max(Math.abs(x), p.scale * 255);
        return Math.abs(back - x) <= p.scale / 2 + slack;
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
  it('clamps then rounds: values outside the range go to 0 or 255, ∞ included', () => {
    const p = chooseQuantizationParams(-1, 1);
    expect(Array.from(quantize(p, [-5, 5, -Infinity, Infinity]))).toEqual([0, 255, 0, 255]);
  });
  it('rounds ties away from zero as std::round does', () => {
    // With S = 1, Z = 0 the transformed value is x itself: 2.5 → 3 (Math.round would also say 3,
    // but numpy's half-to-even says 2), 0.5 → 1.
    const p = { ...UINT8, scale: 1, zeroPoint: 0 };
    expect(Array.from(quantize(p, [2.5, 0.5, 3.5, 0.49999997]))).toEqual([3, 1, 4, 0]);
  });
  it('refuses NaN with a message naming the value', () => {
    const p = chooseQuantizationParams(-1, 1);
    expect(problemOf(() => quantize(p, [0, Number.NaN])).problem).toEqual({
      kind: 'notFinite',
      index: 1,
      value: Number.NaN,
    });
  });
  it('writes into a caller-provided buffer', () => {
    const out = new Uint8Array(2);
    const p = chooseQuantizationParams(-1, 1);
    expect(quantize(p, [-1, 1], out)).toBe(out);
    expect(Array.from(out)).toEqual([0, 255]);
  });
});
