/**
 * TFLite Micro's QUANTIZE and DEQUANTIZE against its reference kernels (golden outputs of
 * quantize_common.cc's AffineQuantize / Requantize and dequantize.cc's Dequantize, made by
 * make-tflite-fixtures.sh), and quantizeTrace's walk of every element against the run.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quantizeTrace } from '../../src/models/tflite/quantizeTrace.ts';
import { runTfliteNode } from '../../src/models/tflite/run.ts';
import type { ModelNode, ModelTensor } from '../../src/models/types.ts';
import { newArray, type Value } from '../../src/models/values.ts';
import type { QuantizeCase } from '../fixtures/tflite/goldenCase.ts';
import { problemOf } from '../helpers/problemOf.ts';

interface Expected {
  multiplier?: number;
  shift?: number;
  outputs: number[];
}
const golden = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../fixtures/tflite/reference_kernels.json'), 'utf8'),
) as { quantize: (QuantizeCase & { expected: Expected })[] };

const quantization = (scale: number, zeroPoint: number) => ({
  scales: Float32Array.of(scale),
  zeroPoints: Int32Array.of(zeroPoint),
  axis: 0,
});

function graphOf(c: QuantizeCase, inType = c.inType, outType = c.outType) {
  const tensors: ModelTensor[] = [
    {
      name: 'in',
      shape: [c.inputs.length],
      dtype: inType,
      quantization: inType === 'float32' ? null : quantization(c.inScale, c.inZp),
      data: null,
    },
    {
      name: 'out',
      shape: [c.inputs.length],
      dtype: outType,
      quantization: outType === 'float32' ? null : quantization(c.outScale, c.outZp),
      data: null,
    },
  ];
  const node: ModelNode = { op: c.op, inputs: [0], outputs: [1], attributes: {} };
  const input: Value = { shape: [c.inputs.length], dtype: inType, data: newArray(inType, c.inputs.length) };
  (input.data as number[]).forEach((_, k, data) => (data[k] = c.inputs[k] ?? 0));
  return { tensors, node, input };
}

const context = { variables: new Map<string, Value>(), runSubgraph: () => undefined };
const run = (g: ReturnType<typeof graphOf>) =>
  runTfliteNode({ tensors: g.tensors, nodes: [g.node] }, 0, [g.input], context).outputs[0];

const cases = golden.quantize.map((c) => [c.source, c] as const);

describe('QUANTIZE and DEQUANTIZE, as TFLite Micro computes them', () => {
  it('has golden cases of every pair quantize_common.cc and dequantize.cc run', () => {
    const pairs = golden.quantize.map((c) => `${c.op} ${c.inType}>${c.outType}`);
    for (const p of [
      'QUANTIZE float32>int8',
      'QUANTIZE float32>int16',
      'QUANTIZE int8>int8',
      'QUANTIZE int8>uint8',
      'QUANTIZE int8>int16',
      'QUANTIZE int8>int32',
      'QUANTIZE int16>int8',
      'QUANTIZE int16>int16',
      'QUANTIZE int16>int32',
      'QUANTIZE int32>int8',
      'QUANTIZE int32>int16',
      'QUANTIZE uint8>int8',
      'DEQUANTIZE int8>float32',
      'DEQUANTIZE int16>float32',
      'DEQUANTIZE uint8>float32',
    ])
      expect(pairs).toContain(p);
  });

  it.each(cases)('%s: every output, and the walk of every element ends there', (_s, c) => {
    const g = graphOf(c);
    const out = run(g);
    if (!out) throw new Error('no output');
    expect(out.dtype).toBe(c.outType);
    const expected = c.op === 'DEQUANTIZE' ? c.expected.outputs.map((v) => Math.fround(v)) : c.expected.outputs;
    expect(Array.from(out.data)).toEqual(expected);
    c.inputs.forEach((_, e) => {
      const t = quantizeTrace(g.tensors, g.node, 0, g.input, e);
      expect(t.element).toBe(e);
      if (t.kind === 'dequantize') {
        expect(t.q).toBe(c.inputs[e]);
        expect(t.real).toBe(Math.fround(t.scale * (t.q - t.zIn)));
        expect(Object.is(t.real, out.data[e])).toBe(true);
        return;
      }
      expect(t.code).toBe(out.data[e]);
      expect(t.code).toBe(Math.min(Math.max(t.code, t.qmin), t.qmax));
      if (t.kind === 'quantize') {
        expect(t.x).toBe(Math.fround(c.inputs[e] ?? NaN));
        expect(t.divided).toBe(Math.fround(t.x / t.scale));
        expect(Math.abs(t.rounded - t.divided)).toBeLessThanOrEqual(0.5);
        expect(t.code).toBe(Math.min(Math.max(t.rounded + t.zOut, t.qmin), t.qmax));
      } else {
        expect([t.multiplier, t.shift]).toEqual([c.expected.multiplier, c.expected.shift]);
        expect(t.leftShifted).toBe((t.q - t.zIn) * 2 ** Math.max(t.shift, 0));
        // Two roundings of half a code each, and M0's own error (relative 2^−31).
        const exact = (t.q - t.zIn) * t.realMultiplier;
        expect(Math.abs(t.divide.result - exact)).toBeLessThanOrEqual(1 + Math.abs(exact) * 2 ** -30);
        expect(t.code).toBe(Math.min(Math.max(t.divide.result + t.zOut, t.qmin), t.qmax));
      }
    });
  });

  it('rounds float ties away from zero (x / S = ±k + ½ exactly)', () => {
    const c = golden.quantize.find((x) => x.source.includes('exact ties'));
    if (!c) throw new Error('no case');
    const g = graphOf(c);
    const rounded = [0, 1, 2, 3, 4, 5].map((e) => {
      const t = quantizeTrace(g.tensors, g.node, 0, g.input, e);
      return t.kind === 'quantize' ? [t.divided, t.rounded] : null;
    });
    expect(rounded).toEqual([
      [-2.5, -3],
      [-1.5, -2],
      [-0.5, -1],
      [0.5, 1],
      [1.5, 2],
      [2.5, 3],
    ]);
  });

  it('refuses the pairs TFLite Micro does not run, with a typed problem', () => {
    const c = golden.quantize[0];
    if (!c) throw new Error('no case');
    for (const [op, inType, outType] of [
      ['QUANTIZE', 'float32', 'uint8'],
      ['QUANTIZE', 'float32', 'int32'],
      ['QUANTIZE', 'int32', 'int32'],
      ['QUANTIZE', 'uint8', 'int16'],
      ['DEQUANTIZE', 'int32', 'float32'],
      ['DEQUANTIZE', 'int8', 'int8'],
    ] as const) {
      const g = graphOf({ ...c, op, inScale: 0.1 }, inType, outType);
      const problem = { kind: 'unsupportedForm', node: 0, op, detail: `${inType} → ${outType}` };
      expect(problemOf(() => run(g))).toEqual(problem);
      expect(problemOf(() => quantizeTrace(g.tensors, g.node, 0, g.input, 0))).toEqual(problem);
    }
    const g = graphOf(c);
    expect(problemOf(() => quantizeTrace(g.tensors, g.node, 0, g.input, c.inputs.length))).toMatchObject({
      kind: 'unsupportedForm',
      detail: 'element',
    });
  });
});
