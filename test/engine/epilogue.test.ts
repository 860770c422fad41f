/** Bias (eq. 11) and fused activations, against independent computations. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activationBounds, cellTrace, matrixFromRows, quantizedMatMul, quantizeBias } from '../../src/engine/index.ts';
import { UINT8 } from '../../src/engine/codes.ts';
import { example } from '../helpers/fixture.ts';
import { problemOf } from '../helpers/problem.ts';

const lhs = matrixFromRows(example.lhs_float);
const rhs = matrixFromRows(example.rhs_float);

describe('bias', () => {
  it('is quantized at S1·S2 (float32) with zero point 0, ties away from zero', () => {
    const s = Math.fround(example.lhs_qparams.scale * example.rhs_qparams.scale);
    expect(Array.from(quantizeBias([0.1, -0.1, 0], s))).toEqual([Math.round(0.1 / s), -Math.round(0.1 / s), 0]);
    expect(Array.from(quantizeBias([2.5, -2.5], 1))).toEqual([3, -3]);
    expect(problemOf(() => quantizeBias([1e30], 1e-10))).toEqual({
      subject: 'bias',
      problem: { kind: 'biasTooLarge', index: 0, value: 1e30, scale: 1e-10 },
    });
    expect(problemOf(() => quantizeBias([Number.NaN], 1))).toEqual({
      subject: 'bias',
      problem: { kind: 'notFinite', index: 0, value: Number.NaN },
    });
  });
  it('is added to the accumulator before requantization, and the result tracks the biased float product', () => {
    const bias = [0.25, -0.5, 0.125];
    const r = quantizedMatMul(lhs, rhs, { bias });
    const s = Math.fround(r.lhsParams.scale * r.rhsParams.scale);
    const qb = bias.map((b) => Math.round(b / s));
    // Accumulators are the example's; the biased ones add the int32 bias per column.
    expect(Array.from(r.accumulators.data)).toEqual(example.int32_accumulators.flat());
    expect(Array.from(r.biased.data)).toEqual(
      example.int32_accumulators.flat().map((a, t) => a + (qb[t % 3] as number)),
    );
    r.ideal.data.forEach((ideal, t) => {
      expect(ideal).toBe(Math.fround((example.reference_float_result.flat()[t] as number) + (bias[t % 3] as number)));
      expect(Math.abs((r.dequantized.data[t] as number) - ideal)).toBeLessThan(2 * r.resultParams.scale);
    });
  });
  it('shows up as its own step in the cell trace', () => {
    const r = quantizedMatMul(lhs, rhs, { bias: [0.25, -0.5, 0.125] });
    const trace = cellTrace(r, 0, 1);
    expect(trace.length).toBe(4 + 6);
    expect(trace.frame(5)).toMatchObject({ kind: 'bias', input: -778, result: r.biased.data[1] });
    expect(trace.frame(6)).toMatchObject({ kind: 'highMul', input: r.biased.data[1] });
  });
  it('must have one value per output column', () => {
    expect(problemOf(() => quantizedMatMul(lhs, rhs, { bias: [1, 2] }))).toEqual({
      subject: 'bias',
      problem: { kind: 'biasLength', length: 2, cols: 3 },
    });
  });
});

describe('fused activations', () => {
  const range = { min: -2, max: 8 };
  it('ReLU clamps at Z3 (real 0) and ReLU6 at Z3 + round(6/S3) (real 6)', () => {
    const relu = quantizedMatMul(lhs, rhs, { activation: 'relu', resultRange: range });
    const z3 = relu.resultParams.zeroPoint;
    expect(relu.clampLow).toBe(z3);
    expect(Math.min(...relu.output.data)).toBe(z3);
    expect(
      relu.output.data.every((q, t) => q === Math.max(z3, Math.min(255, relu.afterOffset.data[t] as number))),
    ).toBe(true);
    const relu6 = quantizedMatMul(lhs, rhs, { activation: 'relu6', resultRange: range });
    expect(relu6.clampHigh).toBe(z3 + Math.round(6 / relu6.resultParams.scale));
  });
  it('keep every output inside the activation bounds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('none', 'relu', 'relu6' as const),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        (activation, s) => {
          const bounds = activationBounds(activation, { ...UINT8, scale: s, zeroPoint: 100 });
          return bounds.lo >= 0 && bounds.hi <= 255 && bounds.lo <= bounds.hi;
        },
      ),
      { seed: 5, numRuns: 200 },
    );
  });
  it('make the ideal float output the activated product', () => {
    const r = quantizedMatMul(lhs, rhs, { activation: 'relu' });
    expect(Array.from(r.ideal.data)).toEqual(
      example.reference_float_result.flat().map((v) => Math.fround(Math.max(0, v))),
    );
  });
});
