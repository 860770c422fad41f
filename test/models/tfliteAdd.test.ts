/**
 * TFLite Micro's int8 ADD against its own reference kernel (golden outputs of add_common.cc's
 * parameters and reference_integer_ops::Add / BroadcastAdd4DSlow, made by make-tflite-fixtures.sh),
 * an independent BigInt computation of the fixed-point pipeline, and a written .tflite run whole.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRunner, readModel, type ModelNode, type ModelTensor } from '../../src/models/index.ts';
import { addOp, addParams, addTrace } from '../../src/models/tflite/addOp.ts';
import type { AddCase } from '../fixtures/tflite/goldenCase.ts';
import { writeAdd } from '../helpers/tfliteWriter.ts';

interface Expected {
  multipliers: number[];
  shifts: number[];
  activationRange: number[];
  outputs: number[];
}
const golden = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../fixtures/tflite/reference_kernels.json'), 'utf8'),
) as { add: (AddCase & { expected: Expected })[] };

function nodeOf(c: AddCase): { tensors: ModelTensor[]; node: ModelNode } {
  const tensors = c.shapes.map((shape, k) => ({
    name: ['x', 'y', 'sum'][k] ?? '',
    shape,
    dtype: 'int8',
    quantization: {
      scales: Float32Array.of(c.scales[k] ?? 1),
      zeroPoints: Int32Array.of(c.zeroPoints[k] ?? 0),
      axis: 0,
    },
    data: null,
  }));
  return {
    tensors,
    node: { op: 'ADD', inputs: [0, 1], outputs: [2], attributes: { fused_activation_function: c.activation } },
  };
}

const value = (c: AddCase, k: 0 | 1) => ({ shape: c.shapes[k], dtype: 'int8', data: Int8Array.from(c.inputs[k]) });

/** gemmlowp's SaturatingRoundingDoublingHighMul and RoundingDivideByPOT in BigInt (exact). */
function srdhm(a: bigint, b: bigint): bigint {
  if (a === -(2n ** 31n) && b === a) return 2n ** 31n - 1n;
  const ab = a * b;
  const nudge = ab >= 0n ? 2n ** 30n : 1n - 2n ** 30n;
  const q = (ab + nudge) / 2n ** 31n; // BigInt division truncates toward zero, as C++'s does.
  return q;
}
function rdbpot(x: bigint, exponent: bigint): bigint {
  const mask = (1n << exponent) - 1n;
  const remainder = x & mask;
  const threshold = (mask >> 1n) + (x < 0n ? 1n : 0n);
  return (x >> exponent) + (remainder > threshold ? 1n : 0n);
}

describe('ADD (int8), as TFLite Micro computes it', () => {
  it.each(golden.add.map((c) => [c.source, c] as const))(
    '%s: Prepare’s multipliers and shifts, every output',
    (_s, c) => {
      const { tensors, node } = nodeOf(c);
      const p = addParams(tensors, node, 0);
      expect([...p.multipliers]).toEqual(c.expected.multipliers);
      expect([...p.shifts]).toEqual(c.expected.shifts);
      expect([p.outputMin, p.outputMax]).toEqual(c.expected.activationRange);
      const out = addOp(tensors, node, 0, value(c, 0), value(c, 1));
      expect(out.shape).toEqual(c.shapes[2]);
      expect(Array.from(out.data)).toEqual(c.expected.outputs);
      // The walk of each element ends at the kernel's code.
      const traced = c.expected.outputs.map((_, e) => addTrace(tensors, node, 0, [value(c, 0), value(c, 1)], e).code);
      expect(traced).toEqual(c.expected.outputs);
    },
  );

  it('agrees with an exact BigInt computation of the fixed-point pipeline, term by term', () => {
    const c = golden.add.find((x) => x.source.includes('1000×')) ?? golden.add[0];
    if (!c) throw new Error('no case');
    const { tensors, node } = nodeOf(c);
    const p = addParams(tensors, node, 0);
    c.expected.outputs.forEach((_, e) => {
      const t = addTrace(tensors, node, 0, [value(c, 0), value(c, 1)], e);
      const scaled = t.sides.map((s, k) => {
        const x = BigInt(s.q - (p.zeroPoints[k] ?? 0)) << 20n;
        return rdbpot(srdhm(x, BigInt(p.multipliers[k] ?? 0)), BigInt(-(p.shifts[k] ?? 0)));
      });
      expect(t.sides.map((s) => BigInt(s.scaled))).toEqual(scaled);
      const sum = (scaled[0] ?? 0n) + (scaled[1] ?? 0n);
      const raw = rdbpot(srdhm(sum, BigInt(p.multipliers[2])), BigInt(-p.shifts[2])) + BigInt(p.zeroPoints[2]);
      const code = raw < BigInt(p.outputMin) ? p.outputMin : raw > BigInt(p.outputMax) ? p.outputMax : Number(raw);
      expect(t.code).toBe(code);
    });
  });

  it('runs a written .tflite with one ADD node (the reader’s options, the runner) to the reference outputs', () => {
    for (const c of golden.add) {
      const model = readModel(writeAdd(c.scales, c.zeroPoints, c.activation, c.shapes));
      expect(model.nodes.map((n) => n.op)).toEqual(['ADD']);
      const values = createRunner(model).invoke([c.inputs[0], c.inputs[1]]);
      expect(Array.from(values[model.outputs[0] ?? -1] ?? [])).toEqual(c.expected.outputs);
    }
  });
});
