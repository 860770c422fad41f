/**
 * TFLite Micro's int8 and int16 ADD against its own reference kernel (golden outputs of
 * add_common.cc's parameters and reference_integer_ops::Add / BroadcastAdd4DSlow, reference_ops'
 * int16 ones, made by make-tflite-fixtures.sh), the element walk against the kernel, an
 * independent BigInt computation of the fixed-point pipeline with its own broadcasting, typed
 * refusals, and .tflite files run whole: one written by the tests, one built by flatc.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRunner, readModel, type ModelNode, type ModelTensor } from '../../src/models/index.ts';
import { addOp } from '../../src/models/tflite/addOp.ts';
import { addTrace } from '../../src/models/tflite/addTrace.ts';
import { addParams } from '../../src/models/tflite/prepare.ts';
import type { Value } from '../../src/models/values.ts';
import type { AddCase } from '../fixtures/tflite/goldenCase.ts';
import { writeAdd } from '../helpers/tfliteWriter.ts';
import { problemOf } from '../helpers/problemOf.ts';

interface Expected {
  multipliers: number[];
  shifts: number[];
  activationRange: number[];
  outputs: number[];
}
const fixtures = resolve(import.meta.dirname, '../fixtures/tflite');
const golden = JSON.parse(readFileSync(resolve(fixtures, 'reference_kernels.json'), 'utf8')) as {
  add: (AddCase & { expected: Expected })[];
};
const dtypeOf = (c: AddCase) => c.dtype ?? 'int8';

function nodeOf(c: AddCase, activation = c.activation): { tensors: ModelTensor[]; node: ModelNode } {
  const tensors = c.shapes.map((shape, k) => ({
    name: ['x', 'y', 'sum'][k] ?? '',
    shape,
    dtype: dtypeOf(c),
    quantization: {
      scales: Float32Array.of(c.scales[k] ?? 1),
      zeroPoints: Int32Array.of(c.zeroPoints[k] ?? 0),
      axis: 0,
    },
    data: null,
  }));
  return {
    tensors,
    node: { op: 'ADD', inputs: [0, 1], outputs: [2], attributes: { fused_activation_function: activation } },
  };
}

const value = (c: AddCase, k: 0 | 1): Value => ({
  shape: c.shapes[k],
  dtype: dtypeOf(c),
  data: dtypeOf(c) === 'int16' ? Int16Array.from(c.inputs[k]) : Int8Array.from(c.inputs[k]),
});
const values = (c: AddCase) => [value(c, 0), value(c, 1)];

/** gemmlowp's SaturatingRoundingDoublingHighMul and RoundingDivideByPOT in BigInt (exact). */
function srdhm(a: bigint, b: bigint): bigint {
  if (a === -(2n ** 31n) && b === a) return 2n ** 31n - 1n;
  const ab = a * b;
  const nudge = ab >= 0n ? 2n ** 30n : 1n - 2n ** 30n;
  return (ab + nudge) / 2n ** 31n; // BigInt division truncates toward zero, as C++'s does.
}
function rdbpot(x: bigint, exponent: bigint): bigint {
  const mask = (1n << exponent) - 1n;
  const remainder = x & mask;
  const threshold = (mask >> 1n) + (x < 0n ? 1n : 0n);
  return (x >> exponent) + (remainder > threshold ? 1n : 0n);
}

/** The input element output element `e` reads, by strides (numpy's rule, written independently of broadcast.ts). */
function readAt(c: AddCase, k: 0 | 1, e: number): number {
  const out = c.shapes[2];
  const shape = [...new Array<number>(out.length - c.shapes[k].length).fill(1), ...c.shapes[k]];
  let rest = e;
  let flat = 0;
  let stride = 1;
  for (let d = out.length - 1; d >= 0; d--) {
    const i = rest % (out[d] ?? 1);
    rest = Math.floor(rest / (out[d] ?? 1));
    if (shape[d] !== 1) flat += i * stride;
    stride *= shape[d] ?? 1;
  }
  return c.inputs[k][flat] ?? NaN;
}

const cases = golden.add.map((c) => [c.source, c] as const);

describe('ADD (int8, int16), as TFLite Micro computes it', () => {
  it('has golden cases of both dtypes, every activation, broadcasting and the extreme codes', () => {
    expect(new Set(golden.add.map(dtypeOf))).toEqual(new Set(['int8', 'int16']));
    expect(new Set(golden.add.map((c) => c.activation))).toEqual(new Set([0, 1, 2, 3]));
    expect(golden.add.some((c) => c.shapes[0].length !== c.shapes[1].length)).toBe(true);
    for (const c of golden.add)
      expect(c.inputs[0].slice(0, 2)).toEqual(dtypeOf(c) === 'int8' ? [-128, 127] : [-32768, 32767]);
  });

  it.each(cases)('%s: Prepare’s multipliers and shifts, every output', (_s, c) => {
    const { tensors, node } = nodeOf(c);
    const p = addParams(tensors, node, 0);
    expect(p.leftShift).toBe(dtypeOf(c) === 'int16' ? 15 : 20);
    expect([...p.multipliers]).toEqual(c.expected.multipliers);
    expect([...p.shifts]).toEqual(c.expected.shifts);
    expect([p.outputMin, p.outputMax]).toEqual(c.expected.activationRange);
    const out = addOp(tensors, node, 0, value(c, 0), value(c, 1));
    expect(out.shape).toEqual(c.shapes[2]);
    expect(out.dtype).toBe(dtypeOf(c));
    expect(Array.from(out.data)).toEqual(c.expected.outputs);
  });

  it.each(cases)('%s: the walk of every element ends at the kernel’s code, each step from the last', (_s, c) => {
    const { tensors, node } = nodeOf(c);
    c.expected.outputs.forEach((expected, e) => {
      const t = addTrace(tensors, node, 0, values(c), e);
      expect(t.code).toBe(expected);
      t.sides.forEach((s, k) => {
        expect(s.q).toBe(readAt(c, k as 0 | 1, e));
        expect(s.offset).toBe(-(c.zeroPoints[k] ?? 0));
        expect(s.shifted).toBe((s.q + s.offset) * 2 ** t.leftShift);
        expect(s.scaled).toBe(s.divide.result);
        expect(s.scale).toBe(Math.fround(c.scales[k] ?? 0));
      });
      expect(t.rawSum).toBe(t.sides[0].scaled + t.sides[1].scaled);
      expect(t.unclamped).toBe(t.divide.result + t.zOut);
      expect(t.code).toBe(Math.min(Math.max(t.unclamped, t.outputMin), t.outputMax));
      // Against the real sum: within the final rounding, and the inputs' own (M_out of a code each).
      if (t.code === t.unclamped)
        expect(Math.abs(t.unclamped - t.idealCode)).toBeLessThanOrEqual(0.5 + t.outputRealMultiplier + 1e-6);
    });
  });

  it.each(cases)('%s: agrees with an exact BigInt computation of the fixed-point pipeline', (_s, c) => {
    const { tensors, node } = nodeOf(c);
    const p = addParams(tensors, node, 0);
    const shift = BigInt(dtypeOf(c) === 'int16' ? 15 : 20);
    c.expected.outputs.forEach((expected, e) => {
      const t = addTrace(tensors, node, 0, values(c), e);
      const scaled = ([0, 1] as const).map((k) => {
        const x = BigInt(readAt(c, k, e) - c.zeroPoints[k]) << shift;
        return rdbpot(srdhm(x, BigInt(c.expected.multipliers[k] ?? 0)), BigInt(-(c.expected.shifts[k] ?? 0)));
      });
      expect(t.sides.map((s) => BigInt(s.scaled))).toEqual(scaled);
      const sum = (scaled[0] ?? 0n) + (scaled[1] ?? 0n);
      expect(BigInt(t.rawSum)).toBe(sum);
      const raw =
        rdbpot(srdhm(sum, BigInt(c.expected.multipliers[2] ?? 0)), BigInt(-(c.expected.shifts[2] ?? 0))) +
        BigInt(c.zeroPoints[2]);
      expect(BigInt(t.unclamped)).toBe(raw);
      const code = raw < BigInt(p.outputMin) ? p.outputMin : raw > BigInt(p.outputMax) ? p.outputMax : Number(raw);
      expect(code).toBe(expected);
    });
  });

  it('the trace shows each input’s coordinate after broadcasting and the real sum', () => {
    const c = golden.add.find((x) => x.source.startsWith('ADD channel broadcast'));
    if (!c) throw new Error('no case');
    const { tensors, node } = nodeOf(c);
    const t = addTrace(tensors, node, 0, values(c), 1 * 12 + 2 * 3 + 2); // [0, 1, 2, 2]
    expect(t.at).toEqual([0, 1, 2, 2]);
    expect(t.sides[0].at).toEqual([0, 1, 2, 2]);
    expect(t.sides[1].at).toEqual([0, 0, 0, 2]);
    expect(t.sides[1].index).toBe(2);
    const [s1, s2] = [Math.fround(c.scales[0]), Math.fround(c.scales[1])];
    expect(t.real).toBeCloseTo(s1 * (t.sides[0].q - c.zeroPoints[0]) + s2 * (t.sides[1].q - c.zeroPoints[1]), 12);
    expect(t.idealCode).toBeCloseTo(t.real / Math.fround(c.scales[2]) + c.zeroPoints[2], 9);
    expect(t.sides[0].realMultiplier).toBe(s1 / (2 * Math.max(s1, s2)));
    expect(t.outputRealMultiplier).toBe((2 * Math.max(s1, s2)) / (2 ** 20 * Math.fround(c.scales[2])));
  });

  it('refuses what TFLite Micro does not run with a typed problem', () => {
    const c = golden.add[0];
    if (!c) throw new Error('no case');
    const { tensors, node } = nodeOf(c);
    const mixed = tensors.map((t, k) => (k === 1 ? { ...t, dtype: 'int16' } : t));
    expect(problemOf(() => addParams(mixed, node, 3))).toMatchObject({ kind: 'unsupportedForm', node: 3, op: 'ADD' });
    const float = tensors.map((t) => ({ ...t, dtype: 'float32', quantization: null }));
    expect(problemOf(() => addParams(float, node, 0))).toMatchObject({ kind: 'unsupportedForm', op: 'ADD' });
    expect(
      problemOf(() => addParams(tensors, { ...node, attributes: { fused_activation_function: 4 } }, 0)),
    ).toMatchObject({ kind: 'unsupportedForm', detail: 'fused activation TANH' });
    const perChannel = tensors.map((t, k) =>
      k === 0 && t.quantization
        ? { ...t, quantization: { scales: Float32Array.of(0.1, 0.2), zeroPoints: Int32Array.of(0, 0), axis: 3 } }
        : t,
    );
    expect(problemOf(() => addParams(perChannel, node, 0))).toMatchObject({ kind: 'unsupportedForm' });
    // M_out = 2 · max(S1, S2) / (2^20 · S_out) ≥ 1: QuantizeMultiplierSmallerThanOneExp's check.
    const tinyOut = tensors.map((t, k) =>
      k === 2 && t.quantization ? { ...t, quantization: { ...t.quantization, scales: Float32Array.of(1e-9) } } : t,
    );
    expect(problemOf(() => addParams(tinyOut, node, 0))).toMatchObject({ kind: 'unsupportedForm', op: 'ADD' });
    const a: Value = { shape: [2, 3], dtype: 'int8', data: new Int8Array(6) };
    const b: Value = { shape: [4], dtype: 'int8', data: new Int8Array(4) };
    expect(problemOf(() => addOp(tensors, node, 0, a, b))).toEqual({
      kind: 'unsupportedForm',
      node: 0,
      op: 'ADD',
      detail: 'shapes [2,3] and [4]',
    });
    expect(problemOf(() => addTrace(tensors, node, 0, values(c), c.expected.outputs.length))).toMatchObject({
      kind: 'unsupportedForm',
      detail: 'element',
    });
    expect(problemOf(() => addTrace(tensors, node, 0, [value(c, 0), null], 0))).toEqual({
      kind: 'missingInput',
      node: 0,
      input: 1,
    });
  });

  it('runs a written .tflite with one ADD node (the reader’s options, the runner) to the reference outputs', () => {
    for (const c of golden.add) {
      const model = readModel(writeAdd(c.scales, c.zeroPoints, c.activation, c.shapes, dtypeOf(c)));
      expect(model.nodes.map((n) => n.op)).toEqual(['ADD']);
      const out = createRunner(model).invoke([c.inputs[0], c.inputs[1]]);
      expect(Array.from(out[model.outputs[0] ?? -1] ?? [])).toEqual(c.expected.outputs);
    }
  });

  it('runs add_int8.tflite (built by flatc from add_int8.json against TFLite’s schema) to the reference outputs', () => {
    const c = golden.add[1];
    if (!c) throw new Error('no case');
    const model = readModel(new Uint8Array(readFileSync(resolve(fixtures, 'add_int8.tflite'))));
    expect(model.format).toBe('tflite');
    expect(model.nodes).toEqual([
      expect.objectContaining({
        op: 'ADD',
        inputs: [0, 1],
        outputs: [2],
        attributes: expect.objectContaining({ fused_activation_function: 1 }) as unknown,
      }),
    ]);
    expect(model.inputs).toEqual([0]);
    expect(model.tensors.map((t) => [t.dtype, t.shape])).toEqual(c.shapes.map((s) => ['int8', s]));
    expect(model.tensors.map((t) => t.quantization?.scales[0])).toEqual(c.scales.map((s) => Math.fround(s)));
    expect(model.tensors.map((t) => t.quantization?.zeroPoints[0])).toEqual(c.zeroPoints);
    // y is a constant of the file.
    expect(Array.from(model.tensors[1]?.data ?? [])).toEqual(c.inputs[1]);
    const out = createRunner(model).invoke([c.inputs[0]]);
    expect(Array.from(out[2] ?? [])).toEqual(c.expected.outputs);
  });
});
