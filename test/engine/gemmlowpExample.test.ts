/**
 * Every number of gemmlowp's doc/quantization_example.cc run, reproduced bit for bit.
 * Golden data: test/fixtures/gemmlowp_example.json (never the engine's own output).
 */
import { describe, expect, it } from 'vitest';
import {
  resultReal,
  chooseQuantizationParams,
  cellTrace,
  dequantize,
  findMinMax,
  floatMatMul,
  matrixFromRows,
  matrixToRows,
  quantize,
  quantizedMatMul,
  quantizeMultiplierSmallerThanOne,
  roundingDivideByPOT,
  saturatingRoundingDoublingHighMul,
} from '../../src/engine/index.ts';
import { example } from '../helpers/fixture.ts';
import { f32Hex, fromF32Hex } from '../helpers/float32.ts';
import { problemOf } from '../helpers/problem.ts';

const lhs = matrixFromRows(example.lhs_float);
const rhs = matrixFromRows(example.rhs_float);
const hexRows = (rows: number[][]): string[][] => rows.map((r) => r.map(f32Hex));

describe('the golden inputs', () => {
  it('parse to exactly the recorded float32 bits', () => {
    expect(hexRows(matrixToRows(lhs))).toEqual(example.lhs_float_f32_hex);
    expect(hexRows(matrixToRows(rhs))).toEqual(example.rhs_float_f32_hex);
  });
});

describe('floatMatMul', () => {
  it('reproduces the float reference product bit for bit', () => {
    const product = floatMatMul(lhs, rhs);
    expect(hexRows(matrixToRows(product))).toEqual(example.reference_float_result_f32_hex);
    expect(matrixToRows(product)).toEqual(example.reference_float_result);
  });
});

describe.each([
  ['LHS', () => lhs.data, example.lhs_qparams],
  ['RHS', () => rhs.data, example.rhs_qparams],
  ['result', () => floatMatMul(lhs, rhs).data, example.result_qparams],
] as const)('%s quantization parameters', (_name, values, golden) => {
  it('finds the recorded min and max', () => {
    const { min, max } = findMinMax(values());
    expect(f32Hex(min)).toBe(golden.min_f32_hex);
    expect(f32Hex(max)).toBe(golden.max_f32_hex);
  });
  it('chooses the recorded float32 scale and zero point', () => {
    const { min, max } = findMinMax(values());
    const params = chooseQuantizationParams(min, max);
    expect(f32Hex(params.scale)).toBe(golden.scale_f32_hex);
    expect(params.scale).toBe(fromF32Hex(golden.scale_f32_hex));
    expect(params.zeroPoint).toBe(golden.zero_point);
  });
});

describe('quantize / dequantize', () => {
  it('quantizes LHS and RHS to the recorded uint8 matrices', () => {
    const lp = chooseQuantizationParams(example.lhs_qparams.min, example.lhs_qparams.max);
    const rp = chooseQuantizationParams(example.rhs_qparams.min, example.rhs_qparams.max);
    expect(Array.from(quantize(lp, lhs.data))).toEqual(example.lhs_uint8.flat());
    expect(Array.from(quantize(rp, rhs.data))).toEqual(example.rhs_uint8.flat());
  });
  it('dequantizes the uint8 result to the recorded float32 bits', () => {
    const params = chooseQuantizationParams(example.result_qparams.min, example.result_qparams.max);
    const deq = dequantize(params, example.result_uint8.flat());
    expect(Array.from(deq, f32Hex)).toEqual(example.dequantized_result_f32_hex.flat());
  });
});

describe('the fixed-point multiplier', () => {
  it('turns the float32 real multiplier into 1200097792 and right shift 7', () => {
    const { quantizedMultiplier, rightShift } = quantizeMultiplierSmallerThanOne(example.real_multiplier);
    expect(quantizedMultiplier).toBe(example.quantized_multiplier);
    expect(rightShift).toBe(example.right_shift);
  });
  it('reproduces each output-stage step per entry', () => {
    const accs = example.int32_accumulators.flat();
    const high = accs.map((a) => saturatingRoundingDoublingHighMul(a, example.quantized_multiplier));
    expect(high).toEqual(example.after_saturating_rounding_doubling_high_mul.flat());
    expect(high.map((h) => roundingDivideByPOT(h, example.right_shift))).toEqual(
      example.after_rounding_divide_by_pot.flat(),
    );
  });
});

describe('resultReal on the example', () => {
  it('gives the recorded result parameters and float reference without the integer pipeline', () => {
    const real = resultReal(lhs, rhs);
    expect(f32Hex(real.resultParams.scale)).toBe(example.result_qparams.scale_f32_hex);
    expect(real.resultParams.zeroPoint).toBe(example.result_offset);
    expect(hexRows(matrixToRows(real.reference))).toEqual(example.reference_float_result_f32_hex);
    expect([real.clampLow, real.clampHigh]).toEqual([0, 255]);
  });
});

describe('quantizedMatMul on the example', () => {
  const r = quantizedMatMul(lhs, rhs);
  it('reports the recorded parameters and multiplier', () => {
    expect(f32Hex(r.lhsParams.scale)).toBe(example.lhs_qparams.scale_f32_hex);
    expect(f32Hex(r.rhsParams.scale)).toBe(example.rhs_qparams.scale_f32_hex);
    expect(f32Hex(r.resultParams.scale)).toBe(example.result_qparams.scale_f32_hex);
    expect([r.lhsParams.zeroPoint, r.rhsParams.zeroPoint, r.resultParams.zeroPoint]).toEqual([
      -example.lhs_offset,
      -example.rhs_offset,
      example.result_offset,
    ]);
    expect(f32Hex(r.realMultiplier)).toBe(example.real_multiplier_f32_hex);
    expect(r.quantizedMultiplier).toBe(example.quantized_multiplier);
    expect(r.rightShift).toBe(example.right_shift);
  });
  it('reproduces every intermediate matrix', () => {
    expect(matrixToRows(r.lhsQuantized)).toEqual(example.lhs_uint8);
    expect(matrixToRows(r.rhsQuantized)).toEqual(example.rhs_uint8);
    expect(matrixToRows(r.accumulators)).toEqual(example.int32_accumulators);
    expect(matrixToRows(r.afterHighMul)).toEqual(example.after_saturating_rounding_doubling_high_mul);
    expect(matrixToRows(r.afterShift)).toEqual(example.after_rounding_divide_by_pot);
    expect(matrixToRows(r.afterOffset)).toEqual(example.after_adding_result_offset_unclamped);
    expect(matrixToRows(r.output)).toEqual(example.result_uint8);
    expect([r.clampedLow, r.clampedHigh]).toEqual([example.num_clamped_low, example.num_clamped_high]);
    expect(hexRows(matrixToRows(r.reference))).toEqual(example.reference_float_result_f32_hex);
    expect(hexRows(matrixToRows(r.dequantized))).toEqual(example.dequantized_result_f32_hex);
  });
  it('has the recorded float32 differences and max |error|', () => {
    const diff = Array.from(r.dequantized.data, (d, t) => Math.fround(d - (r.reference.data[t] as number)));
    expect(diff.map(f32Hex)).toEqual(example.diff_actual_minus_reference_f32.flat().map(f32Hex));
    expect(Math.max(...diff.map(Math.abs))).toBe(example.max_abs_error_f32);
  });
});

describe('cellTrace on the example', () => {
  const r = quantizedMatMul(lhs, rhs);
  it.each([
    [0, 0],
    [0, 2],
    [1, 0],
    [1, 1],
  ])('walks output (%i, %i) to the recorded numbers', (i, k) => {
    const trace = cellTrace(r, i, k);
    const frames = Array.from({ length: trace.length }, (_, s) => trace.frame(s));
    const at = (rows: number[][]): number => rows[i]?.[k] as number;
    const lastAcc = frames[3];
    expect(lastAcc).toMatchObject({ kind: 'accumulate', j: 3, accumulator: at(example.int32_accumulators) });
    expect(frames[4]).toMatchObject({ kind: 'decomposition', direct: at(example.int32_accumulators) });
    expect(frames[5]).toMatchObject({
      kind: 'highMul',
      result: at(example.after_saturating_rounding_doubling_high_mul),
    });
    expect(frames[6]).toMatchObject({ kind: 'shift', result: at(example.after_rounding_divide_by_pot) });
    expect(frames[7]).toMatchObject({ kind: 'offset', result: at(example.after_adding_result_offset_unclamped) });
    expect(frames[8]).toMatchObject({ kind: 'clamp', result: at(example.result_uint8) });
  });
  it('computes each product from the uint8 operands and zero points', () => {
    const f = cellTrace(r, 0, 0).frame(0);
    expect(f).toMatchObject({
      kind: 'accumulate',
      lhsValue: example.lhs_uint8[0]?.[0],
      rhsValue: example.rhs_uint8[0]?.[0],
      product:
        ((example.lhs_uint8[0]?.[0] as number) + example.lhs_offset) *
        ((example.rhs_uint8[0]?.[0] as number) + example.rhs_offset),
    });
  });
  it('refuses steps and cells outside the product', () => {
    expect(problemOf(() => cellTrace(r, 2, 0)).problem).toEqual({
      kind: 'cellOutside',
      row: 2,
      col: 0,
      rows: 2,
      cols: 3,
    });
    expect(problemOf(() => cellTrace(r, 0, 0).frame(9)).problem).toEqual({ kind: 'stepOutside', step: 9, length: 9 });
  });
});
