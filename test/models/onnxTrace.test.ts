/**
 * One output element of ONNX's QLinearMatMul, QLinearConv, MatMulInteger and ConvInteger walked
 * term by term: every element of ONNX's own node tests ends at the official output and at the
 * kernel's; built nodes and built model bytes (read back and run) with per-channel weights,
 * padding, strides, dilations, groups and batches end at the kernel's output, with the terms an
 * independent loop gives; ONNX's reference and ONNX Runtime's MLAS told apart on a tie.
 */
import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/engine/random.ts';
import { createRunner, readModel } from '../../src/models/index.ts';
import { ONNX_KERNELS, type Value } from '../../src/models/onnx/ops.ts';
import { onnxElementTrace, type OnnxElementTrace } from '../../src/models/onnx/trace.ts';
import type { Model, ModelNode } from '../../src/models/types.ts';
import { problemOf } from '../helpers/problemOf.ts';
import { floatTensor, intTensor, modelBytes, node as onnxNode } from './onnxBytes.ts';
import { fixtureNames, loadNodeTest } from './onnxFixtures.ts';

const STEPPED = /^test_(qlinearconv|qlinearmatmul|matmulinteger|convinteger)/;

const random = lcg(7);
const ints = (n: number, lo: number, hi: number) =>
  Array.from({ length: n }, () => lo + Math.floor(random() * (hi - lo + 1)));
const v = (dtype: string, shape: number[], data: ArrayLike<number>): Value => ({ dtype, shape, data });
const f32 = (shape: number[], data: number[]) => v('float32', shape, Float32Array.from(data));

/**
 * Every element's walk against the kernel: the code (or int32 output), the accumulator, Σ of its
 * terms from the values they name, and each term's weight read back; returns the walks.
 */
function agree(node: ModelNode, values: (Value | null)[]): OnnxElementTrace[] {
  const kernel = ONNX_KERNELS[node.op];
  if (!kernel) throw new Error(node.op);
  const { outputs, accumulators } = kernel(node, values, 0);
  const out = outputs[0];
  if (!out || !accumulators) throw new Error('no output');
  const weights = values[node.op.startsWith('QLinear') ? 3 : 1];
  return Array.from(out.data, (want, e) => {
    const t = onnxElementTrace([], node, 0, values, e);
    expect(t.code).toBe(want);
    expect(t.acc).toBe(accumulators[e]);
    const sum = t.terms.reduce((s, term) => {
      expect(term.q).toBe(values[0]?.data[term.input]);
      expect(term.w).toBe(weights?.data[term.weight]);
      return s + (term.q - t.zIn) * (term.w - t.zW);
    }, 0);
    expect(sum + t.bias).toBe(t.acc);
    expect(t.terms.at(-1)?.running ?? 0).toBe(t.sum);
    if (t.kind === 'qlinear') {
      // The real value is S_x·S_w·(Σ + B) up to float64 rounding, and its code is acc · M + Z_y up to M's.
      expect(t.real / (t.xScale * t.wScale)).toBeCloseTo(sum + t.bias, 6);
      // (M rounded twice: ≲ 2^−23 relative in float32, 2^−10 in float16.)
      const eps = t.multiplierType === 'float16' ? 2e-3 : 1e-6;
      expect(Math.abs(t.idealCode - t.scaled)).toBeLessThanOrEqual(eps * Math.abs(t.scaled - t.zOut) + 1e-9);
    } else expect(t.real).toBe(sum + t.bias);
    return t;
  });
}

describe('ONNX node tests, every output element walked to the official output and the kernel’s', () => {
  const names = fixtureNames().filter((n) => STEPPED.test(n));
  it('finds them', () => expect(names.length).toBe(12));
  it.each(names)('%s', (name) => {
    const { model, inputs, expected } = loadNodeTest(name);
    const node = model.nodes[0];
    if (!node) throw new Error('no node');
    const values = node.inputs.map((t) => {
      const tensor = model.tensors[t];
      const k = model.inputs.indexOf(t);
      if (k >= 0) return inputs[k] ?? null;
      return tensor?.data ? { shape: tensor.shape, dtype: tensor.dtype, data: tensor.data } : null;
    });
    const want = expected[0];
    if (!want) throw new Error('no output');
    const traces = agree(node, values);
    expect(traces.map((t) => t.code)).toEqual(Array.from(want.data));
    // On these small accumulators MLAS's float32 requantization lands on the same codes.
    for (const t of traces) if (t.kind === 'qlinear' && t.ortCode !== null) expect(t.ortCode).toBe(t.code);
  });
});

const qmatmul: ModelNode = { op: 'QLinearMatMul', inputs: [0, 1, 2, 3, 4, 5, 6, 7], outputs: [8], attributes: {} };

function qlinear(t: OnnxElementTrace) {
  if (t.kind !== 'qlinear') throw new Error('not a QLinear walk');
  return t;
}

describe('built nodes, every element walked to the kernel’s output', () => {
  const tie = (a: number, zy: number, dtype: 'uint8' | 'int8') => {
    const codes = (...c: number[]) => (dtype === 'uint8' ? Uint8Array.from(c) : Int8Array.from(c));
    return [
      v(dtype, [1, 1], codes(a)),
      f32([], [0.5]),
      v(dtype, [], codes(2)),
      v(dtype, [1, 1], codes(3)),
      f32([], [0.5]),
      v(dtype, [], codes(2)),
      f32([], [1]),
      v(dtype, [], codes(zy)),
    ];
  };
  it('rounds a tie half to even, as ONNX does (schemes.md 7.2: acc 10 · M 0.25 + 10 = 12.5 → 12)', () => {
    const up = qlinear(onnxElementTrace([], qmatmul, 0, tie(12, 10, 'uint8'), 0));
    expect([up.acc, up.multiplier, up.scaled, up.rounded, up.code, up.ortCode]).toEqual([10, 0.25, 12.5, 12, 12, 12]);
    expect(up.multiplierType).toBe('float32');
    expect([up.real, up.idealCode]).toEqual([2.5, 12.5]);
    // −2.5 → −2 (away from zero would give −3); never −0 on screen.
    const down = qlinear(onnxElementTrace([], qmatmul, 0, tie(-8, 0, 'int8'), 0));
    expect([down.acc, down.scaled, down.code]).toEqual([-10, -2.5, -2]);
    expect(Object.is(onnxElementTrace([], qmatmul, 0, tie(4, 0, 'int8'), 0).code, 0)).toBe(true);
    agree(qmatmul, tie(12, 10, 'uint8'));
  });

  it('tells ONNX’s reference (acc · M in float64) from MLAS (float32) where a product lies next to a tie', () => {
    // acc = 60·60 + 13·1 = 3613, M = float32(0.038057014): 3613·M = 137.4999928 in float64, 137.5 in float32.
    const m = Math.fround(0.0380570143461227);
    const values = [
      v('uint8', [1, 2], Uint8Array.of(60, 13)),
      f32([], [m]),
      v('uint8', [], Uint8Array.of(0)),
      v('uint8', [2, 1], Uint8Array.of(60, 1)),
      f32([], [1]),
      v('uint8', [], Uint8Array.of(0)),
      f32([], [1]),
      v('uint8', [], Uint8Array.of(10)),
    ];
    const t = qlinear(agree(qmatmul, values)[0] as OnnxElementTrace);
    expect([t.acc, t.multiplier]).toEqual([3613, m]);
    expect(t.scaled - 10).toBeCloseTo(137.4999928, 6);
    expect([t.rounded, t.code]).toEqual([147, 147]);
    expect([t.ortScaled, t.ortCode]).toEqual([137.5, 148]);
  });

  it('has MLAS round an accumulator above 2^24 to float32 first (19507245 → 19507244), as schemes.md 4.4 says', () => {
    const m = Math.fround(0.000010073181329062209);
    const values = [
      v('uint8', [1, 300], new Uint8Array(300).fill(255)),
      f32([], [m]),
      v('uint8', [], Uint8Array.of(0)),
      v(
        'uint8',
        [300, 1],
        Uint8Array.from({ length: 300 }, (_, i) => (i < 299 ? 255 : 254)),
      ),
      f32([], [1]),
      v('uint8', [], Uint8Array.of(0)),
      f32([], [1]),
      v('uint8', [], Uint8Array.of(0)),
    ];
    const t = qlinear(agree(qmatmul, values)[0] as OnnxElementTrace);
    expect(t.acc).toBe(19507245);
    // float64: 196.5000161 → 197; MLAS: float32(19507244 · M) = 196.5 exactly → 196 (even).
    expect([t.code, t.ortScaled, t.ortCode]).toEqual([197, 196.5, 196]);
  });

  it('keeps float16 scales in float16 (no MLAS line: ONNX Runtime’s CPU kernel takes float32 scales)', () => {
    const h = (x: number) => v('float16', [], Float32Array.of(x));
    const values = [
      v('int8', [2, 3], Int8Array.from(ints(6, -128, 127))),
      h(0.0999755859375),
      v('int8', [], Int8Array.of(1)),
      v('int8', [3, 2], Int8Array.from(ints(6, -128, 127))),
      h(0.0300140380859375),
      v('int8', [], Int8Array.of(0)),
      h(0.199951171875),
      v('int8', [], Int8Array.of(-4)),
    ];
    for (const t of agree(qmatmul, values).map(qlinear)) {
      expect(t.multiplierType).toBe('float16');
      expect(t.ortCode).toBeNull();
    }
  });

  const conv = (attributes: ModelNode['attributes']): ModelNode => ({
    op: 'QLinearConv',
    inputs: [0, 1, 2, 3, 4, 5, 6, 7, 8],
    outputs: [9],
    attributes,
  });
  const convValues = () => [
    v('int8', [2, 4, 7, 6], Int8Array.from(ints(2 * 4 * 7 * 6, -128, 127))),
    f32([], [0.05]),
    v('int8', [], Int8Array.of(-3)),
    v('int8', [6, 2, 3, 3], Int8Array.from(ints(6 * 2 * 9, -127, 127))),
    f32([6], [0.011, 0.02, 0.0031, 0.07, 0.015, 0.009]),
    v('int8', [6], Int8Array.of(0, 0, 0, 0, 0, 0)),
    f32([], [0.2]),
    v('int8', [], Int8Array.of(5)),
    v('int32', [6], Int32Array.from(ints(6, -2000, 2000))),
  ];
  it('QLinearConv int8: per-channel weights, pads, stride 2, dilation 2, two groups, batch 2, bias', () => {
    const values = convValues();
    const traces = agree(conv({ pads: [1, 2, 1, 0], strides: [2, 2], dilations: [2, 1], group: 2 }), values);
    expect(traces.length).toBeGreaterThan(20);
    // Output channel 4 is in group 1: it reads input channels 2 and 3, with its own scale and bias.
    const t = qlinear(traces.find((x) => x.channel === 4 && x.at[0] === 1) as OnnxElementTrace);
    expect(new Set(t.terms.map((term) => term.inputAt[1]))).toEqual(new Set([2, 3]));
    expect(t.terms.every((term) => term.inputAt[0] === 1 && term.weightAt[0] === 4)).toBe(true);
    expect(t.wScale).toBe(Math.fround(0.015));
    expect(t.multiplier).toBe(Math.fround(Math.fround(Math.fround(0.05) * Math.fround(0.015)) / Math.fround(0.2)));
    expect(t.bias).toBe(values[8]?.data[4]);
    expect(traces.every((x) => x.terms.length + x.padded === 2 * 9)).toBe(true);
    // SAME_UPPER padding counts its padded taps: element 0's window hangs over the top and left edges.
    const same = onnxElementTrace([], conv({ auto_pad: 'SAME_UPPER', group: 2 }), 0, values, 0);
    expect(same.padded).toBe(2 * (9 - 4));
    agree(conv({ auto_pad: 'SAME_UPPER', group: 2 }), values);
  });

  it('ConvInteger uint8 1-D with a per-channel weight zero point', () => {
    const node: ModelNode = {
      op: 'ConvInteger',
      inputs: [0, 1, 2, 3],
      outputs: [4],
      attributes: { pads: [2, 1], strides: [3] },
    };
    const zw = Uint8Array.of(120, 128, 130, 0);
    const traces = agree(node, [
      v('uint8', [1, 3, 11], Uint8Array.from(ints(33, 0, 255))),
      v('uint8', [4, 3, 4], Uint8Array.from(ints(48, 0, 255))),
      v('uint8', [], Uint8Array.of(128)),
      v('uint8', [4], zw),
    ]);
    for (const t of traces) {
      expect(t.kind).toBe('integer');
      expect(t.zW).toBe(zw[t.channel]);
      expect(t.code).toBe(t.acc);
    }
  });

  it('QLinearMatMul with per-column b scales over a broadcast batch, and MatMulInteger with per-column b zero points', () => {
    const a = v('uint8', [2, 3, 4], Uint8Array.from(ints(24, 0, 255)));
    const b = v('uint8', [4, 5], Uint8Array.from(ints(20, 0, 255)));
    agree(qmatmul, [
      a,
      f32([], [0.02]),
      v('uint8', [], Uint8Array.of(113)),
      b,
      f32([5], [0.01, 0.003, 0.03, 0.007, 0.0101]),
      v('uint8', [], Uint8Array.of(125)),
      f32([], [0.09]),
      v('uint8', [], Uint8Array.of(128)),
    ]);
    const mi: ModelNode = { op: 'MatMulInteger', inputs: [0, 1, 2, 3], outputs: [4], attributes: {} };
    const zb = Uint8Array.of(0, 1, 2, 200, 255);
    const traces = agree(mi, [a, b, v('uint8', [], Uint8Array.of(12)), v('uint8', [5], zb)]);
    expect(traces.map((t) => t.zW)).toEqual(traces.map((t) => zb[t.channel]));
    // Element [1, 2, 3] reads a's row [1, 2, ·] and b's column 3 (b has no batch: broadcast).
    const t = traces[(1 * 3 + 2) * 5 + 3];
    expect(t?.at).toEqual([1, 2, 3]);
    expect(t?.terms.map((term) => term.inputAt)).toEqual([0, 1, 2, 3].map((p) => [1, 2, p]));
    expect(t?.terms.map((term) => term.weightAt)).toEqual([0, 1, 2, 3].map((p) => [p, 3]));
  });
});

/** Runs a one-node model on `codes` and walks every element of its output against the run. */
function walkModel(model: Model, codes: number[]) {
  const ran = createRunner(model).invoke([codes]);
  const node = model.nodes[0];
  const out = ran[model.outputs[0] ?? -1];
  if (!node || !out) throw new Error('no output');
  const values = node.inputs.map((t) => {
    const tensor = t >= 0 ? model.tensors[t] : undefined;
    const data = tensor ? (ran[t] ?? tensor.data) : null;
    return tensor && data ? { shape: tensor.shape, dtype: tensor.dtype, data } : null;
  });
  const traces = Array.from(out, (_, e) => onnxElementTrace(model.tensors, node, 0, values, e));
  expect(traces.map((t) => t.code)).toEqual(Array.from(out));
  return traces;
}

describe('built model bytes, read back and run: the attributes as the reader gives them', () => {
  it('QLinearConv uint8 × int8 per channel, pads, strides, dilations, group 3, batch 2, bias', () => {
    const model = readModel(
      modelBytes(
        [
          onnxNode('QLinearConv', ['x', 'xs', 'xz', 'w', 'ws', 'wz', 'ys', 'yz', 'b'], ['y'], {
            pads: [2, 0, 1, 1],
            strides: [1, 2],
            dilations: [2, 2],
            group: 3,
          }),
        ],
        [
          floatTensor('xs', [], [0.031]),
          intTensor('xz', 2, [], [120]),
          intTensor('w', 3, [6, 1, 2, 3], ints(36, -127, 127)),
          floatTensor('ws', [6], [0.004, 0.009, 0.0021, 0.013, 0.0077, 0.0052]),
          intTensor('wz', 3, [6], [0, 0, 0, 0, 0, 0]),
          floatTensor('ys', [], [0.043]),
          intTensor('yz', 2, [], [101]),
          intTensor('b', 6, [6], ints(6, -900, 900)),
        ],
        [{ name: 'x', elemType: 2, dims: [2, 3, 6, 7] }],
      ),
    );
    expect(model.nodes[0]?.attributes).toMatchObject({ pads: [2, 0, 1, 1], strides: [1, 2], dilations: [2, 2] });
    const traces = walkModel(model, ints(2 * 3 * 6 * 7, 0, 255));
    // [n, m, oh, ow] = [2, 6, (6+3−3)/1+1, ⌊(7+1−5)/2⌋+1] = [2, 6, 7, 2]
    expect(traces).toHaveLength(2 * 6 * 7 * 2);
    expect(traces.some((t) => t.padded > 0) && traces.some((t) => t.padded === 0)).toBe(true);
    // Channel 5 is group 2: input channel 2 only.
    expect(traces.filter((t) => t.channel === 5).every((t) => t.terms.every((u) => u.inputAt[1] === 2))).toBe(true);
  });

  it('ConvInteger with auto_pad SAME_LOWER, and MatMulInteger int8 over 4-D batches broadcast both ways', () => {
    const conv = readModel(
      modelBytes(
        [onnxNode('ConvInteger', ['x', 'w', 'xz', 'wz'], ['y'], { auto_pad: 'SAME_LOWER', strides: [2, 2] })],
        [
          intTensor('w', 2, [2, 2, 3, 2], ints(24, 0, 255)),
          intTensor('xz', 2, [], [7]),
          intTensor('wz', 2, [2], [9, 250]),
        ],
        [{ name: 'x', elemType: 2, dims: [1, 2, 5, 4] }],
      ),
    );
    expect(conv.nodes[0]?.attributes.auto_pad).toBe('SAME_LOWER');
    const convTraces = walkModel(conv, ints(40, 0, 255));
    expect(convTraces.every((t) => t.kind === 'integer')).toBe(true);
    expect(convTraces[0]?.padded).toBeGreaterThan(0);
    const mm = readModel(
      modelBytes(
        [onnxNode('MatMulInteger', ['a', 'b', 'az', 'bz'], ['y'])],
        [
          intTensor('b', 3, [2, 1, 4, 3], ints(24, -128, 127)),
          intTensor('az', 3, [], [-5]),
          intTensor('bz', 3, [3], [1, -2, 3]),
        ],
        [{ name: 'a', elemType: 3, dims: [1, 3, 2, 4] }],
      ),
    );
    // Batches [1, 3] and [2, 1] broadcast to [2, 3]: element [1, 2, r, c] reads a[0, 2, r, ·] and b[1, 0, ·, c].
    const mmTraces = walkModel(mm, ints(24, -128, 127));
    expect(mmTraces).toHaveLength(2 * 3 * 2 * 3);
    const t = mmTraces[((1 * 3 + 2) * 2 + 1) * 3 + 2];
    expect(t?.at).toEqual([1, 2, 1, 2]);
    expect(t?.terms.map((u) => u.inputAt)).toEqual([0, 1, 2, 3].map((p) => [0, 2, 1, p]));
    expect(t?.terms.map((u) => u.weightAt)).toEqual([0, 1, 2, 3].map((p) => [1, 0, p, 2]));
  });
});

describe('refusals, as typed problems', () => {
  const conv = (over: Partial<Record<number, Value | null>>) => {
    const values: (Value | null)[] = [
      v('uint8', [1, 1, 3, 3], Uint8Array.from(ints(9, 0, 255))),
      f32([], [0.1]),
      v('uint8', [], Uint8Array.of(0)),
      v('uint8', [1, 1, 2, 2], Uint8Array.from(ints(4, 0, 255))),
      f32([], [0.1]),
      v('uint8', [], Uint8Array.of(0)),
      f32([], [0.2]),
      v('uint8', [], Uint8Array.of(0)),
    ];
    for (const [k, x] of Object.entries(over)) values[Number(k)] = x ?? null;
    return values;
  };
  const node: ModelNode = { op: 'QLinearConv', inputs: [0, 1, 2, 3, 4, 5, 6, 7], outputs: [8], attributes: {} };
  const refusal = (values: (Value | null)[], element = 0, n: ModelNode = node) =>
    problemOf(() => onnxElementTrace([], n, 3, values, element));
  const form = (detail: string, op = 'QLinearConv') => ({ kind: 'unsupportedForm', node: 3, op, detail });
  it('refuses what the kernel refuses, with the same problem', () => {
    const cases: [Partial<Record<number, Value | null>>, unknown][] = [
      [{ 0: f32([1, 1, 3, 3], Array<number>(9).fill(0)) }, form('dtype:float32/uint8')],
      [{ 1: f32([2], [0.1, 0.2]) }, form('scale:perAxis')],
      [{ 4: v('float16', [], Float32Array.of(0.1)) }, form('scaleDtype')],
      [{ 8: v('int8', [1], Int8Array.of(1)) }, form('biasDtype:int8')],
      [{ 3: null }, { kind: 'missingInput', node: 3, input: 3 }],
    ];
    for (const [over, want] of cases) {
      const values = conv(over);
      expect(refusal(values)).toEqual(want);
      expect(problemOf(() => ONNX_KERNELS.QLinearConv?.(node, values, 3))).toEqual(want);
    }
  });
  it('refuses an element outside the output, and an op it does not step', () => {
    expect(refusal(conv({}), 4)).toEqual(form('element'));
    expect(refusal(conv({}), -1)).toEqual(form('element'));
    expect(refusal(conv({}), 0.5)).toEqual(form('element'));
    expect(refusal(conv({}), 0, { ...node, op: 'Conv' })).toEqual(form('notStepped', 'Conv'));
    const mm: ModelNode = { ...qmatmul, op: 'MatMulInteger' };
    const a = v('uint8', [2, 2, 3], Uint8Array.from(ints(12, 0, 255)));
    const b = v('uint8', [3, 3, 1], Uint8Array.from(ints(9, 0, 255)));
    expect(problemOf(() => onnxElementTrace([], mm, 3, [a, b], 0))).toEqual(form('batchBroadcast', 'MatMulInteger'));
    // A per-row a_zero_point (the spec allows it; the kernel does not run it), refused alike.
    const rows = [
      v('uint8', [2, 3], Uint8Array.of(1, 2, 3, 4, 5, 6)),
      v('uint8', [3, 1], Uint8Array.of(1, 2, 3)),
      v('uint8', [2], Uint8Array.of(1, 2)),
    ];
    const want = form('a_zero_point:perAxis', 'MatMulInteger');
    expect(problemOf(() => onnxElementTrace([], mm, 3, rows, 0))).toEqual(want);
    expect(problemOf(() => ONNX_KERNELS.MatMulInteger?.(mm, rows, 3))).toEqual(want);
  });
});
