/**
 * TFLite models read from their bytes and run as TensorFlow Lite Micro runs them. Golden data:
 * tflite-micro's hello_world_test.cc (its inputs and float tolerance), and
 * test/fixtures/tflite/reference_kernels.json — outputs of tflite-micro's own reference kernels
 * and QuantizeMultiplier compiled with g++ (make-tflite-fixtures.sh), never this engine's output.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logisticInt8, logisticParams } from '../../src/engine/kernels/logistic.ts';
import { ModelError } from '../../src/models/problems.ts';
import { tfliteRequantization } from '../../src/models/tflite/prepare.ts';
import { readTflite } from '../../src/models/tflite/read.ts';
import { runTfliteNode } from '../../src/models/tflite/run.ts';
import { createRunner } from '../../src/models/index.ts';
import type { ModelNode, ModelTensor } from '../../src/models/types.ts';
import { modelBytes } from '../helpers/modelFixture.ts';
import type { Case } from '../fixtures/tflite/goldenCase.ts';

interface GoldenCase extends Case {
  expected: { multipliers: number[]; shifts: number[]; activationRange: number[]; outputs: number[] };
}
const golden = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../fixtures/tflite/reference_kernels.json'), 'utf8'),
) as {
  cases: GoldenCase[];
  logistic: {
    scale: number;
    zeroPoint: number;
    inputMultiplier: number;
    inputLeftShift: number;
    inputRangeRadius: number;
    outputs: number[];
  }[];
};

/** A value the fixture guarantees (fails the test otherwise). */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('missing');
  return value;
}

const hello = () => readTflite(modelBytes('tflite/hello_world_int8.tflite'));
const nabu = () => readTflite(modelBytes('tflite/okay_nabu.tflite'));

const quantized = (
  name: string,
  shape: number[],
  dtype: string,
  scales: number[],
  zeroPoints: number[],
  axis: number,
  data: number[] | null,
): ModelTensor => ({
  name,
  shape,
  dtype,
  quantization: { scales: Float32Array.from(scales), zeroPoints: Int32Array.from(zeroPoints), axis },
  data: data && (dtype === 'int8' ? Int8Array.from(data) : Int32Array.from(data)),
});

describe('readTflite', () => {
  it('reads hello_world: three FULLY_CONNECTED layers 1 → 16 → 16 → 1 with their scales', () => {
    const m = hello();
    expect(m.nodes.map((n) => n.op)).toEqual(['FULLY_CONNECTED', 'FULLY_CONNECTED', 'FULLY_CONNECTED']);
    expect(m.nodes.map((n) => n.attributes.fused_activation_function)).toEqual([1, 1, 0]);
    expect(m.inputs).toEqual([0]);
    const input = must(m.tensors[0]);
    expect(input.dtype).toBe('int8');
    expect(input.shape).toEqual([1, 1]);
    expect(must(m.tensors[must(must(m.nodes[1]).inputs[1])]).shape).toEqual([16, 16]);
    expect(must(m.tensors[must(must(m.nodes[1]).inputs[2])]).dtype).toBe('int32');
  });

  it('reads okay_nabu: per-channel weights along the axis Netron shows, resource variables, an init subgraph', () => {
    const m = nabu();
    const conv = must(m.nodes[17]);
    expect(conv.op).toBe('CONV_2D');
    const filter = must(m.tensors[must(conv.inputs[1])]);
    expect(filter.shape).toEqual([32, 5, 1, 40]);
    expect(must(filter.quantization).axis).toBe(0);
    expect(must(filter.quantization).scales).toHaveLength(32);
    const dw = must(m.tensors[must(must(m.nodes[21]).inputs[1])]);
    expect(must(dw.quantization).axis).toBe(3);
    expect(must(m.nodes[0]).op).toBe('CALL_ONCE');
    expect(m.subgraphs).toHaveLength(1);
    expect(new Set(m.nodes.map((n) => n.op))).toEqual(
      new Set([
        'CALL_ONCE',
        'VAR_HANDLE',
        'RESHAPE',
        'READ_VARIABLE',
        'CONCATENATION',
        'STRIDED_SLICE',
        'ASSIGN_VARIABLE',
        'CONV_2D',
        'DEPTHWISE_CONV_2D',
        'SPLIT_V',
        'FULLY_CONNECTED',
        'LOGISTIC',
        'QUANTIZE',
      ]),
    );
  });
});

describe('hello_world as tflite-micro runs it', () => {
  const run = (code: number) => {
    const m = hello();
    const values: ({ shape: readonly number[]; dtype: string; data: ArrayLike<number> } | null)[] = m.tensors.map(
      (t) => (t.data ? { shape: t.shape, dtype: t.dtype, data: t.data } : null),
    );
    values[0] = { shape: [1, 1], dtype: 'int8', data: Int8Array.of(code) };
    m.nodes.forEach((n, k) => {
      const r = runTfliteNode(
        m,
        k,
        n.inputs.map((t) => values[t] ?? null),
        { variables: new Map(), runSubgraph: () => undefined },
      );
      n.outputs.forEach((t, j) => (values[t] = r.outputs[j] ?? null));
    });
    const o = must(m.outputs[0]);
    const q = must(must(m.tensors[o]).quantization);
    return (must(must(values[o]).data[0]) - must(q.zeroPoints[0])) * must(q.scales[0]);
  };
  it.each([
    [0.77, -96],
    [1.57, -63],
    [2.3, -34],
    [3.14, 0],
  ])('sin(%f) from the code %i within hello_world_test.cc epsilon 0.05', (x, code) => {
    expect(Math.abs(Math.sin(x) - run(code))).toBeLessThanOrEqual(0.05);
  });
});

describe('the reference kernels, bit for bit', () => {
  it.each(golden.cases.map((c) => [c.source, c] as const))('%s', (_, c) => {
    const channels = c.kind === 'DW' ? must(c.filterShape[3]) : must(c.filterShape[0]);
    const axis = c.kind === 'DW' ? 3 : 0;
    const tensors: ModelTensor[] = [
      quantized('input', c.inputShape, 'int8', [c.inScale], [c.inZp], 0, null),
      quantized(
        'filter',
        c.filterShape,
        'int8',
        c.scales,
        c.scales.map(() => 0),
        axis,
        c.filter,
      ),
      quantized(
        'bias',
        [channels],
        'int32',
        c.scales.map((s) => Math.fround(c.inScale) * s),
        c.scales.map(() => 0),
        0,
        c.bias,
      ),
      quantized('output', [], 'int8', [c.outScale], [c.outZp], 0, null),
    ];
    const node: ModelNode = {
      op: { FC: 'FULLY_CONNECTED', CONV: 'CONV_2D', DW: 'DEPTHWISE_CONV_2D' }[c.kind],
      inputs: c.bias.length ? [0, 1, 2] : [0, 1, -1],
      outputs: [3],
      attributes: {
        fused_activation_function: c.activation,
        stride_h: c.strideH,
        stride_w: c.strideW,
        dilation_h_factor: c.dilationH,
        dilation_w_factor: c.dilationW,
        padding: c.padding,
        depth_multiplier: c.depthMultiplier,
      },
    };
    const r = must(tfliteRequantization(tensors, node, 0));
    expect(Array.from(r.multipliers)).toEqual(c.expected.multipliers);
    expect(Array.from(r.shifts)).toEqual(c.expected.shifts);
    expect([r.outputMin, r.outputMax]).toEqual(c.expected.activationRange);
    const values = [
      { shape: c.inputShape, dtype: 'int8', data: Int8Array.from(c.input) },
      { shape: c.filterShape, dtype: 'int8', data: Int8Array.from(c.filter) },
      c.bias.length ? { shape: [channels], dtype: 'int32', data: Int32Array.from(c.bias) } : null,
    ];
    const result = runTfliteNode({ tensors, nodes: [node] }, 0, values, {
      variables: new Map(),
      runSubgraph: () => undefined,
    });
    expect(Array.from(must(result.outputs[0]).data)).toEqual(c.expected.outputs);
  });

  it.each(golden.logistic.map((l) => [l.scale, l.zeroPoint, l] as const))(
    'LOGISTIC at scale %f, zero point %i: every int8 code',
    (_, __, l) => {
      const p = logisticParams(l.scale, l.zeroPoint);
      expect([p.inputMultiplier, p.inputLeftShift, p.inputRangeRadius]).toEqual([
        l.inputMultiplier,
        l.inputLeftShift,
        l.inputRangeRadius,
      ]);
      expect(Array.from({ length: 256 }, (_, k) => logisticInt8(k - 128, p))).toEqual(l.outputs);
    },
  );
});

describe('damaged files', () => {
  const bytes = modelBytes('tflite/okay_nabu.tflite');
  const outcome = (b: Uint8Array): string => {
    try {
      readTflite(b);
      return 'read';
    } catch (e) {
      return e instanceof ModelError ? e.problem.kind : `not a ModelError: ${String(e)}`;
    }
  };
  it('a file cut anywhere gives a typed problem, never another error', () => {
    const kinds = new Set<string>();
    for (let length = 8; length < bytes.length; length += 397) kinds.add(outcome(bytes.subarray(0, length)));
    expect([...kinds].filter((k) => k.startsWith('not'))).toEqual([]);
    expect(kinds.has('outOfBounds')).toBe(true);
    expect(kinds.has('read')).toBe(false);
  });
  it('one byte changed anywhere in the header tables gives a model or a typed problem', () => {
    const kinds = new Set<string>();
    for (let at = 0; at < Math.min(bytes.length, 4000); at += 3) {
      const copy = bytes.slice();
      copy[at] = (must(copy[at]) + 0x5b) & 0xff;
      kinds.add(outcome(copy));
    }
    expect([...kinds].filter((k) => k.startsWith('not'))).toEqual([]);
  });
  it('a buffer of the wrong size for its tensor is named', () => {
    // hello_world's 16×16 weights shortened by one byte: patch its buffer's length prefix.
    const m = hello();
    const weights = must(m.tensors[4]);
    expect(weights.data).toHaveLength(256);
    const b = modelBytes('tflite/hello_world_int8.tflite');
    const data = Int8Array.from(must(weights.data));
    // Find the weights in the file and rewrite the uint32 length before them to 255.
    const at = b.findIndex((_, k) => data.every((v, j) => (must(b[k + j]) << 24) >> 24 === v));
    const view = new DataView(b.buffer, b.byteOffset);
    expect(view.getUint32(at - 4, true)).toBe(256);
    view.setUint32(at - 4, 255, true);
    let problem: unknown = null;
    try {
      readTflite(b);
    } catch (e) {
      problem = e instanceof ModelError ? e.problem : e;
    }
    expect(problem).toMatchObject({ kind: 'dataSizeMismatch', expected: 256, actual: 255 });
  });
});

describe('okay_nabu as a stream, as tflite-micro runs it', () => {
  it('keeps each resource variable between invocations: what ASSIGN_VARIABLE stored is what READ_VARIABLE reads next', () => {
    const m = nabu();
    const runner = createRunner(m);
    const frame = (k: number) => Array.from({ length: 120 }, (_, i) => ((i * 37 + k * 11) % 256) - 128);
    const first = runner.invoke([frame(0)]);
    const second = runner.invoke([frame(1)]);
    const handles = new Map(
      m.nodes.filter((n) => n.op === 'VAR_HANDLE').map((n) => [n.outputs[0], n.attributes.shared_name]),
    );
    const assigned = m.nodes.filter((n) => n.op === 'ASSIGN_VARIABLE');
    const read = m.nodes.filter((n) => n.op === 'READ_VARIABLE');
    expect(assigned).toHaveLength(6);
    for (const a of assigned) {
      const r = must(read.find((n) => handles.get(n.inputs[0]) === handles.get(a.inputs[0])));
      expect(Array.from(must(second[must(r.outputs[0])]))).toEqual(Array.from(must(first[must(a.inputs[1])])));
    }
    // The first invocation reads what CALL_ONCE's initialiser assigned: real 0, the code −128 (Z = −128).
    for (const r of read) expect(new Set(Array.from(must(first[must(r.outputs[0])])))).toEqual(new Set([-128]));
    // One int8 probability out, as uint8 after the final QUANTIZE.
    expect(must(second[must(m.outputs[0])])).toHaveLength(1);
  });
});
