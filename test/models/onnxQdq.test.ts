/**
 * The QDQ form: found in a model as ONNX Runtime's QDQ selectors find it, with the fused op's
 * parameters, and run as the fused integer op beside the model's own float path (DequantizeLinear →
 * float Conv / MatMul → QuantizeLinear, each as ONNX's reference computes it). The two paths differ
 * by one code at most, and only where the exact value acc·S_x·S_w/S_y + Z_y lies on a .5 tie.
 */
import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/engine/random.ts';
import { createRunner, readModel, type Model } from '../../src/models/index.ts';
import { findQdqGroups, runQdqGroup, runQdqGroupAsInteger, type QdqGroup } from '../../src/models/onnx/qdqGroups.ts';
import { onnxElementTrace } from '../../src/models/onnx/trace.ts';
import { problemOf } from '../helpers/problemOf.ts';
import { floatTensor, intTensor, modelBytes, node, qdqConv } from './onnxBytes.ts';

const ints = (random: () => number, n: number, lo: number, hi: number) =>
  Array.from({ length: n }, () => lo + Math.floor(random() * (hi - lo + 1)));

const only = (model: Model): QdqGroup => {
  const groups = findQdqGroups(model);
  expect(groups).toHaveLength(1);
  const g = groups[0];
  if (!g) throw new Error('no group');
  return g;
};

/** TensorProto element types. */
const U8 = 2;
const I8 = 3;

interface MatMulOptions {
  readonly xType?: number;
  readonly wType?: number;
  readonly yType?: number;
  readonly axis?: number;
  readonly scales?: { x: number; w: number[]; y: number };
  readonly k?: number;
  readonly n?: number;
  readonly outputs?: string[];
  readonly weightConstant?: boolean;
}

/** DequantizeLinear → MatMul (weights [k, n], per column when w has n scales) → QuantizeLinear. */
function qdqMatMul(o: MatMulOptions = {}): Model {
  const { xType = I8, wType = I8, yType = xType, k = 6, n = 4 } = o;
  const s = o.scales ?? { x: 0.05, w: [0.01, 0.02, 0.005, 0.013], y: 0.11 };
  const random = lcg(5);
  const [wlo, whi] = wType === U8 ? [0, 255] : [-127, 127];
  const zero = (type: number) => (type === U8 ? 128 : 0);
  const weights = intTensor('bq', wType, [k, n], ints(random, k * n, wlo, whi));
  return readModel(
    modelBytes(
      [
        node('DequantizeLinear', ['aq', 'as', 'az'], ['a']),
        node('DequantizeLinear', ['bq', 'bs', 'bz'], ['b'], o.axis === undefined ? {} : { axis: o.axis }),
        node('MatMul', ['a', 'b'], ['y']),
        node('QuantizeLinear', ['y', 'ys', 'yz'], ['yq']),
      ],
      [
        floatTensor('as', [], [s.x]),
        intTensor('az', xType, [], [zero(xType) - 3]),
        ...(o.weightConstant === false ? [] : [weights]),
        floatTensor('bs', s.w.length > 1 ? [s.w.length] : [], s.w),
        intTensor(
          'bz',
          wType,
          s.w.length > 1 ? [s.w.length] : [],
          s.w.map(() => zero(wType)),
        ),
        floatTensor('ys', [], [s.y]),
        intTensor('yz', yType, [], [zero(yType) + 2]),
      ],
      [
        { name: 'aq', elemType: xType, dims: [3, k] },
        ...(o.weightConstant === false ? [{ name: 'bq', elemType: wType, dims: [k, n] }] : []),
      ],
      o.outputs ?? ['yq'],
    ),
  );
}

/**
 * The fused op beside the float path over `trials` random inputs: how many codes differ, the
 * largest difference, and for each differing code how far the exact value's fraction is from .5.
 */
function compareRuns(model: Model, trials: number, seed: number) {
  const g = only(model);
  const random = lcg(seed);
  const input = model.tensors[model.inputs[0] ?? -1];
  const size = input?.shape.reduce((a, b) => a * b, 1) ?? 0;
  const [lo, hi] = input?.dtype === 'uint8' ? [0, 255] : [-128, 127];
  let count = 0;
  let differing = 0;
  let max = 0;
  let farthestFromTie = 0;
  for (let t = 0; t < trials; t++) {
    const values = createRunner(model).invoke([ints(random, size, lo, hi)]);
    const fused = runQdqGroup(model, g, values);
    const float = values[g.output];
    if (!fused || !float) throw new Error('no output');
    count += fused.length;
    for (let e = 0; e < fused.length; e++) {
      const d = Math.abs((fused[e] ?? 0) - (float[e] ?? 0));
      max = Math.max(max, d);
      if (d === 0) continue;
      differing++;
      // The walk of this element through the fused op: its ideal code S_x·S_w·acc / S_y + Z_y (float64).
      const fusedNode = { op: g.fused, inputs: g.inputs.map((_, j) => j), outputs: [], attributes: {} };
      const inputs = g.inputs.map((i) => {
        const tensor = i >= 0 ? model.tensors[i] : undefined;
        const data = tensor ? (values[i] ?? tensor.data) : null;
        return tensor && data ? { shape: tensor.shape, dtype: tensor.dtype, data } : null;
      });
      const trace = onnxElementTrace(
        model.tensors,
        { ...fusedNode, attributes: model.nodes[g.op]?.attributes ?? {} },
        g.op,
        inputs,
        e,
      );
      expect(trace.code).toBe(fused[e]);
      const fraction = trace.idealCode - Math.floor(trace.idealCode);
      farthestFromTie = Math.max(farthestFromTie, Math.abs(fraction - 0.5));
    }
  }
  return { count, differing, max, farthestFromTie };
}

describe('QDQ groups, as ONNX Runtime’s selectors find them', () => {
  it('finds DequantizeLinear → Conv → QuantizeLinear, names the QLinearConv and gives its parameters', () => {
    const model = readModel(qdqConv());
    const g = only(model);
    expect(g).toMatchObject({ dqInput: 0, dqWeight: 1, dqBias: 2, op: 3, quantize: 4, fused: 'QLinearConv' });
    const names = ['xq', 'xs', 'xz', 'wq', 'ws', 'wz', 'ys', 'yz', 'bq'];
    expect(g.inputs.map((t) => model.tensors[t]?.name)).toEqual(names);
    expect(model.tensors[g.output]?.name).toBe('yq');
    const f = Math.fround;
    const ws = [0.0041, 0.0107, 0.0029].map(f);
    const p = g.params;
    expect(p).toMatchObject({
      xScale: f(0.0213),
      xZeroPoint: 131,
      xDtype: 'uint8',
      wAxis: 0,
      wDtype: 'int8',
      wAxisFits: true,
      wZeroPointsEqual: true,
      yScale: f(0.0377),
      yZeroPoint: 118,
      yDtype: 'uint8',
    });
    expect(Array.from(p?.wScales ?? [])).toEqual(ws);
    expect(Array.from(p?.wZeroPoints ?? [])).toEqual([0, 0, 0]);
    const bias = p?.bias;
    const fusedScales = ws.map((s) => f(f(0.0213) * s));
    expect(Array.from(bias?.fusedScales ?? [])).toEqual(fusedScales);
    expect(Array.from(bias?.scales ?? [])).toEqual(fusedScales);
    expect(Array.from(bias?.codes ?? [])).toEqual([-3100, 250, 3977]);
    // Written with S_x·S_w[c] and zero point 0, ONNX Runtime's quantizer gives back the same codes.
    expect(Array.from(bias?.requantized ?? [])).toEqual([-3100, 250, 3977]);
    expect([bias?.scaleAgrees, bias?.zeroPointsZero, g.biasScaleAgrees]).toEqual([true, true, true]);
  });

  it('says when the bias’s DequantizeLinear scale is not S_x·S_w[c], and what ONNX Runtime’s quantizer would write', () => {
    const model = readModel(qdqConv([0.001, 0.002, 0.003]));
    const g = only(model);
    const bias = g.params?.bias;
    expect([g.biasScaleAgrees, bias?.scaleAgrees, bias?.zeroPointsZero]).toEqual([false, false, true]);
    // b = float32(code · 0.001…), requantized = rint(b / float32(S_x·S_w[c])).
    const f = Math.fround;
    const want = [-3100, 250, 3977].map((q, c) => {
      const b = f(q * f([0.001, 0.002, 0.003][c] ?? NaN));
      return Math.round(b / (bias?.fusedScales[c] ?? NaN));
    });
    expect(Array.from(bias?.requantized ?? [])).toEqual(want);
    // The fused op reads the codes with its own scale: far from the float path. Requantized, within one code.
    const random = lcg(3);
    const values = createRunner(model).invoke([ints(random, 60, 0, 255)]);
    const float = values[g.output];
    const asCodes = runQdqGroup(model, g, values);
    const requantized = runQdqGroup(model, g, values, 'requantized');
    if (!float || !asCodes || !requantized) throw new Error('no output');
    const gap = (a: ArrayLike<number>) => Math.max(...Array.from(a, (x, i) => Math.abs(x - (float[i] ?? 0))));
    expect(gap(asCodes)).toBeGreaterThan(10);
    expect(gap(requantized)).toBeLessThanOrEqual(1);
  });

  it('says when the bias’s DequantizeLinear has a zero point: the fused op reads B as if it were 0', () => {
    const bias = only(readModel(qdqConv(undefined, [0, 5, 0]))).params?.bias;
    expect([bias?.scaleAgrees, bias?.zeroPointsZero]).toEqual([true, false]);
    expect(Array.from(bias?.requantized ?? [])).toEqual([-3100, 245, 3977]);
  });

  it('finds a MatMul with per-column weight scales (axis 1) and fuses it into QLinearMatMul', () => {
    const g = only(qdqMatMul({ axis: 1 }));
    expect(g.fused).toBe('QLinearMatMul');
    expect(g.inputs).toHaveLength(8);
    expect(g.params).toMatchObject({ wAxis: 1, wAxisFits: true, xDtype: 'int8', yDtype: 'int8', bias: null });
    expect(g.biasScaleAgrees).toBeNull();
  });

  it('reads a per-tensor weight as per tensor (axis null)', () => {
    const g = only(qdqMatMul({ xType: U8, wType: U8, scales: { x: 0.1, w: [0.3], y: 0.06 } }));
    expect(g.params).toMatchObject({ wAxis: null, wAxisFits: true, xDtype: 'uint8', wDtype: 'uint8' });
  });

  it('leaves alone what ONNX Runtime does not fuse', () => {
    // int8 activations with uint8 weights; an output of another type than the activation's.
    expect(findQdqGroups(qdqMatMul({ xType: I8, wType: U8, scales: { x: 0.1, w: [0.3], y: 0.06 } }))).toEqual([]);
    expect(findQdqGroups(qdqMatMul({ xType: U8, wType: I8, yType: I8 }))).toEqual([]);
    // uint8 activations with int8 weights are fine (U8S8).
    expect(findQdqGroups(qdqMatMul({ xType: U8, wType: I8 }))).toHaveLength(1);
    // The float op's output is also a graph output; the weight is a graph input, not a constant.
    expect(findQdqGroups(qdqMatMul({ outputs: ['y', 'yq'] }))).toEqual([]);
    expect(findQdqGroups(qdqMatMul({ weightConstant: false }))).toEqual([]);
  });

  it('leaves alone a float op whose output feeds more than one node', () => {
    const model = readModel(
      modelBytes(
        [
          node('DequantizeLinear', ['aq', 'as', 'az'], ['a']),
          node('DequantizeLinear', ['bq', 'as', 'az'], ['b']),
          node('MatMul', ['a', 'b'], ['y']),
          node('QuantizeLinear', ['y', 'as', 'az'], ['yq']),
          node('Relu', ['y'], ['r']),
        ],
        [floatTensor('as', [], [0.05]), intTensor('az', 3, [], [0]), intTensor('bq', 3, [2, 2], [1, 2, 3, 4])],
        [{ name: 'aq', elemType: 3, dims: [2, 2] }],
        ['yq', 'r'],
      ),
    );
    expect(findQdqGroups(model)).toEqual([]);
  });

  it('refuses to run a weight quantized along an axis the fused op does not read (per row of B)', () => {
    const model = qdqMatMul({ axis: 0, k: 4, n: 4 });
    const g = only(model);
    expect(g.params).toMatchObject({ wAxis: 0, wAxisFits: false });
    expect(problemOf(() => runQdqGroupAsInteger(model, g, new Array<number>(12).fill(0)))).toEqual({
      kind: 'unsupportedForm',
      node: 2,
      op: 'QLinearMatMul',
      detail: 'weightAxis:0',
    });
  });

  it('lists Gemm as QGemm, which it does not run', () => {
    const model = readModel(
      modelBytes(
        [
          node('DequantizeLinear', ['aq', 'as', 'az'], ['a']),
          node('DequantizeLinear', ['bq', 'as', 'az'], ['b']),
          node('Gemm', ['a', 'b'], ['y']),
          node('QuantizeLinear', ['y', 'as', 'az'], ['yq']),
        ],
        [floatTensor('as', [], [0.05]), intTensor('az', 3, [], [0]), intTensor('bq', 3, [2, 2], [1, 2, 3, 4])],
        [{ name: 'aq', elemType: 3, dims: [2, 2] }],
        ['yq'],
      ),
    );
    const g = only(model);
    expect(g.fused).toBe('QGemm');
    expect(runQdqGroup(model, g, [])).toBeNull();
    expect(problemOf(() => runQdqGroupAsInteger(model, g, [1, 2, 3, 4]))).toEqual({
      kind: 'unsupportedOp',
      node: 2,
      op: 'QGemm',
    });
  });

  it('flags per-channel weight zero points that differ (ONNX Runtime’s CPU QLinearConv refuses them)', () => {
    const model = readModel(
      modelBytes(
        [
          node('DequantizeLinear', ['xq', 'xs', 'xz'], ['x']),
          node('DequantizeLinear', ['wq', 'ws', 'wz'], ['w'], { axis: 0 }),
          node('Conv', ['x', 'w'], ['y']),
          node('QuantizeLinear', ['y', 'xs', 'xz'], ['yq']),
        ],
        [
          floatTensor('xs', [], [0.02]),
          intTensor('xz', U8, [], [128]),
          intTensor('wq', U8, [2, 1, 1, 1], [130, 120]),
          floatTensor('ws', [2], [0.01, 0.02]),
          intTensor('wz', U8, [2], [128, 127]),
        ],
        [{ name: 'xq', elemType: U8, dims: [1, 1, 2, 2] }],
        ['yq'],
      ),
    );
    const g = only(model);
    expect(g.params).toMatchObject({ wAxis: 0, wZeroPointsEqual: false, bias: null });
    // ONNX's reference (and the app) computes it all the same.
    expect(runQdqGroupAsInteger(model, g, [0, 100, 200, 255]).shape).toEqual([1, 2, 2, 2]);
  });
});

describe('the fused integer op beside the float QDQ path', () => {
  it('runs the fused op on the activation’s codes alone, as on a whole run', () => {
    const model = readModel(qdqConv());
    const g = only(model);
    const codes = ints(lcg(9), 60, 0, 255);
    const values = createRunner(model).invoke([codes]);
    const fused = runQdqGroupAsInteger(model, g, codes);
    expect(fused).toMatchObject({ shape: [1, 3, 4, 3], dtype: 'uint8' });
    expect(Array.from(fused.data)).toEqual(Array.from(runQdqGroup(model, g, values) ?? []));
  });

  // Counts on seeded inputs. The float path rounds S_x(q − Z_x) and S_w(w − Z_w) to float32, sums
  // in double, rounds y to float32 and y / S_y in float32; the fused op multiplies the exact int32
  // acc by M = float32(float32(S_x·S_w)/S_y) in double. Both are within ~1e-7 (relative) of the
  // exact value, so they can only round differently where that value is a .5 tie — which happens
  // when S_x·S_w/S_y is a ratio of small integers (0.05·0.01/0.11 = 1/220, 0.1·0.3/0.06 = 1/2).
  it('QLinearConv (S_x·S_w/S_y not a simple ratio): no code differs in 18,000', () => {
    const c = compareRuns(readModel(qdqConv()), 500, 1);
    expect(c).toMatchObject({ count: 18000, differing: 0, max: 0 });
  });

  it('QLinearMatMul per column (M·220 = 1 for column 0): 1 LSB apart on 20 of 12,000, all ties', () => {
    const c = compareRuns(qdqMatMul({ axis: 1 }), 1000, 2);
    expect(c.count).toBe(12000);
    expect(c.max).toBe(1);
    expect(c.differing).toBe(20);
    expect(c.farthestFromTie).toBeLessThan(1e-4);
  });

  it('QLinearMatMul uint8 with S_x·S_w/S_y = 1/2: every odd accumulator a tie, 1 LSB apart on 46 of 12,000', () => {
    const c = compareRuns(qdqMatMul({ xType: U8, wType: U8, scales: { x: 0.1, w: [0.3], y: 0.06 } }), 1000, 3);
    expect(c.count).toBe(12000);
    expect(c.max).toBe(1);
    expect(c.differing).toBe(46);
    expect(c.farthestFromTie).toBeLessThan(1e-4);
  });
});
