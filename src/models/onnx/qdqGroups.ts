/**
 * ONNX's QDQ form: a float MatMul, Conv or Gemm between DequantizeLinear nodes (the activation's,
 * a constant weight's, optionally a constant int32 bias's) and one QuantizeLinear of its output.
 * ONNX Runtime's QDQ selectors (qdq_selectors.cc: ConvNodeGroupSelector, MatMulNodeGroupSelector,
 * GemmNodeGroupSelector) fuse such a group into QLinearConv / QLinearMatMul (Gemm: com.microsoft
 * QGemm, which the app lists but does not run) when the float op's only consumer is that
 * QuantizeLinear, the activation and output are the same 8-bit type, an int8 activation has int8
 * weights, and the bias is int32. The fused op (qdq_actions.cc ConvMoves) takes the codes, scales
 * and zero points as they are — the bias as its int32 codes, read with the scale S_x·S_w[c] and zero
 * point 0, which is how ONNX Runtime's quantizer writes it (base_quantizer.py quantize_bias_static_impl):
 *
 *     B[c] = clip_int32(rint(float64(b[c]) / float64(float32(S_x · S_w[c]))))
 *
 * A bias whose DequantizeLinear says another scale or a zero point is read differently by the fused op.
 */
import { roundHalfToEven } from '../../engine/index.ts';
import { refuseModel } from '../problems.ts';
import type { Model, ModelNode } from '../types.ts';
import { ONNX_DTYPES, roundToFloat } from './dtypes.ts';
import { ONNX_KERNELS } from './ops.ts';
import type { Value } from './kernel.ts';

/** The fused op's parameters, from the group's constants. */
export interface QdqFusedParameters {
  /** S_x, Z_x (per tensor) and the activation's code type. */
  readonly xScale: number;
  readonly xZeroPoint: number;
  readonly xDtype: string;
  /** S_w, Z_w: one value (per tensor) or one per index of `wAxis` of the weight (null: per tensor). */
  readonly wScales: Float32Array;
  readonly wZeroPoints: Int32Array;
  readonly wAxis: number | null;
  readonly wDtype: string;
  /** Whether that axis is the one the fused op reads: QLinearConv's output channel (0), QLinearMatMul's column (the last). */
  readonly wAxisFits: boolean;
  /** All weight zero points equal (ONNX Runtime's CPU QLinearConv refuses per-channel zero points that differ). */
  readonly wZeroPointsEqual: boolean;
  /** S_y, Z_y and the output's code type. */
  readonly yScale: number;
  readonly yZeroPoint: number;
  readonly yDtype: string;
  readonly bias: QdqBias | null;
}

/** The bias of a QLinearConv group. */
export interface QdqBias {
  /** The int32 codes the fused op reads as its B, unchanged. */
  readonly codes: Int32Array;
  /** The bias DequantizeLinear's own scale and zero point, per channel. */
  readonly scales: Float32Array;
  readonly zeroPoints: Int32Array;
  /** The scale the fused op assumes, float32(S_x·S_w[c]) per channel. */
  readonly fusedScales: Float32Array;
  /** The bias's real values (its DequantizeLinear's output), quantized with fusedScales and zero point 0 as ONNX Runtime's quantizer does. */
  readonly requantized: Int32Array;
  /** scales = fusedScales in every channel; zero points all 0. Both: codes = requantized and the fused op adds the float path's bias. */
  readonly scaleAgrees: boolean;
  readonly zeroPointsZero: boolean;
}

/** One QDQ group and the fused op ONNX Runtime runs instead. */
export interface QdqGroup {
  /** The DequantizeLinear of the activation, of the weight, of the bias (−1: none), the float op, the QuantizeLinear. */
  readonly dqInput: number;
  readonly dqWeight: number;
  readonly dqBias: number;
  readonly op: number;
  readonly quantize: number;
  readonly fused: 'QLinearConv' | 'QLinearMatMul' | 'QGemm';
  /**
   * The fused op's inputs as tensor indices (−1: absent): x, x_scale, x_zero_point, w, w_scale,
   * w_zero_point, y_scale, y_zero_point, and for QLinearConv B (QGemm's bias: in params only).
   */
  readonly inputs: readonly number[];
  /** Its output: the QuantizeLinear's. */
  readonly output: number;
  /** The fused op's parameters; null when S_x, Z_x, S_y or Z_y is computed at run time (not a constant). */
  readonly params: QdqFusedParameters | null;
  /** params.bias.scaleAgrees (null without a bias or without params). */
  readonly biasScaleAgrees: boolean | null;
}

const FUSED = { Conv: 'QLinearConv', MatMul: 'QLinearMatMul', Gemm: 'QGemm' } as const;
const CODES = new Set(['uint8', 'int8']);

/** Every QDQ group of `model` that ONNX Runtime's selectors would fuse, in the order of their float ops. */
export function findQdqGroups(model: Model): QdqGroup[] {
  const producer = new Map<number, number>();
  const consumers = new Map<number, number[]>();
  model.nodes.forEach((n, k) => {
    n.outputs.forEach((t) => producer.set(t, k));
    n.inputs.forEach((t) => consumers.set(t, [...(consumers.get(t) ?? []), k]));
  });
  const dqOf = (t: number | undefined): ModelNode | null => {
    const k = t === undefined || t < 0 ? undefined : producer.get(t);
    const n = k === undefined ? undefined : model.nodes[k];
    return n?.op === 'DequantizeLinear' ? n : null;
  };
  const constant = (t: number | undefined) => t !== undefined && t >= 0 && model.tensors[t]?.data != null;
  const dtype = (t: number | undefined) => (t === undefined || t < 0 ? '' : (model.tensors[t]?.dtype ?? ''));
  // A value's code type: its zero point's (the same by the spec), else its own, else what the
  // QuantizeLinear making it writes (y_zero_point's type, output_dtype, or uint8).
  const codeType = (t: number | undefined, zeroPoint: number | undefined): string => {
    if (zeroPoint !== undefined && zeroPoint >= 0 && dtype(zeroPoint)) return dtype(zeroPoint);
    const own = dtype(t);
    if (own && own !== 'unknown') return own;
    const maker = t === undefined ? undefined : model.nodes[producer.get(t) ?? -1];
    if (maker?.op !== 'QuantizeLinear') return own;
    const z = maker.inputs[2];
    const code = typeof maker.attributes.output_dtype === 'number' ? maker.attributes.output_dtype : 0;
    return z !== undefined && z >= 0 ? dtype(z) : (ONNX_DTYPES[code] ?? 'uint8');
  };
  const groups: QdqGroup[] = [];
  model.nodes.forEach((n, k) => {
    const fused = FUSED[n.op as keyof typeof FUSED] as QdqGroup['fused'] | undefined;
    if (!fused) return;
    const [x, w, b] = n.inputs;
    const hasBias = b !== undefined && b >= 0;
    const dx = dqOf(x);
    const dw = dqOf(w);
    const db = hasBias ? dqOf(b) : null;
    if (!dx || !dw || !constant(dw.inputs[0]) || (hasBias && (!db || !constant(db.inputs[0])))) return;
    const out = n.outputs[0] ?? -1;
    const users = consumers.get(out) ?? [];
    const q = users.length === 1 ? users[0] : undefined;
    const qNode = q === undefined ? undefined : model.nodes[q];
    if (q === undefined || qNode?.op !== 'QuantizeLinear' || model.outputs.includes(out)) return;
    const [xType, wType, yType] = [
      codeType(dx.inputs[0], dx.inputs[2]),
      codeType(dw.inputs[0], dw.inputs[2]),
      codeType(qNode.outputs[0], undefined),
    ];
    if (!CODES.has(xType) || !CODES.has(wType) || yType !== xType || (xType === 'int8' && wType !== 'int8')) return;
    if (db && dtype(db.inputs[0]) !== 'int32') return;
    if (fused === 'QGemm' && hasBias && (n.attributes.beta ?? 1) !== 1) return;
    const slot = (node: ModelNode, j: number) => node.inputs[j] ?? -1;
    const inputs = [
      slot(dx, 0),
      slot(dx, 1),
      slot(dx, 2),
      slot(dw, 0),
      slot(dw, 1),
      slot(dw, 2),
      slot(qNode, 1),
      slot(qNode, 2),
      ...(fused === 'QLinearConv' ? [db ? slot(db, 0) : -1] : []),
    ];
    const params = fusedParameters(model, fused, inputs, n, dw, db, { x: xType, w: wType, y: yType });
    groups.push({
      dqInput: producer.get(x ?? -1) ?? -1,
      dqWeight: producer.get(w ?? -1) ?? -1,
      dqBias: db ? (producer.get(b ?? -1) ?? -1) : -1,
      op: k,
      quantize: q,
      fused,
      inputs,
      output: qNode.outputs[0] ?? -1,
      params,
      biasScaleAgrees: params?.bias?.scaleAgrees ?? null,
    });
  });
  return groups;
}

function fusedParameters(
  model: Model,
  fused: QdqGroup['fused'],
  inputs: readonly number[],
  op: ModelNode,
  dw: ModelNode,
  db: ModelNode | null,
  codes: { x: string; w: string; y: string },
): QdqFusedParameters | null {
  const tensor = (j: number) => {
    const t = inputs[j] ?? -1;
    return t >= 0 ? model.tensors[t] : undefined;
  };
  const data = (j: number) => tensor(j)?.data ?? null;
  const [xs, xz, ws, wz, ys, yz] = [1, 2, 4, 5, 6, 7].map(data);
  const absent = (j: number) => (inputs[j] ?? -1) < 0;
  if (!xs || !ys || (!xz && !absent(2)) || (!yz && !absent(7)) || !ws || (!wz && !absent(5))) return null;
  const wScales = Float32Array.from(ws);
  const wZeroPoints = wz ? Int32Array.from(wz) : new Int32Array(wScales.length);
  const rank = tensor(3)?.shape.length ?? 0;
  const rawAxis = typeof dw.attributes.axis === 'number' ? dw.attributes.axis : 1;
  const blocked = typeof dw.attributes.block_size === 'number' && dw.attributes.block_size > 0;
  const wAxis = wScales.length > 1 ? (rawAxis < 0 ? rawAxis + rank : rawAxis) : null;
  // QGemm reads B's columns, which transB = 1 stores along axis 0.
  const transB = fused === 'QGemm' && op.attributes.transB === 1;
  const want = fused === 'QLinearConv' || transB ? 0 : rank - 1;
  const xScale = Math.fround(xs[0] ?? NaN);
  return {
    xScale,
    xZeroPoint: xz?.[0] ?? 0,
    xDtype: codes.x,
    wScales,
    wZeroPoints,
    wAxis,
    wDtype: codes.w,
    wAxisFits: !blocked && (wAxis === null || wAxis === want),
    wZeroPointsEqual: wZeroPoints.every((z) => z === wZeroPoints[0]),
    yScale: Math.fround(ys[0] ?? NaN),
    yZeroPoint: yz?.[0] ?? 0,
    yDtype: codes.y,
    bias: db ? biasOf(model, db, xScale, wScales) : null,
  };
}

/** The bias as the fused op reads it, and as ONNX Runtime's quantizer would write it from its real values. */
function biasOf(model: Model, db: ModelNode, xScale: number, wScales: Float32Array): QdqBias | null {
  const value = (t: number | undefined): Value | null => {
    const tensor = t === undefined || t < 0 ? undefined : model.tensors[t];
    return tensor?.data ? { shape: tensor.shape, dtype: tensor.dtype, data: tensor.data } : null;
  };
  const [codes, scale, zero] = [0, 1, 2].map((j) => value(db.inputs[j]));
  if (!codes || !scale || (!zero && (db.inputs[2] ?? -1) >= 0)) return null;
  const n = codes.data.length;
  const per = (a: ArrayLike<number>, c: number) => a[a.length > 1 ? c : 0] ?? NaN;
  const scales = Float32Array.from({ length: n }, (_, c) => per(scale.data, c));
  const zeroPoints = Int32Array.from({ length: n }, (_, c) => (zero ? per(zero.data, c) : 0));
  const fusedScales = Float32Array.from({ length: n }, (_, c) => Math.fround(xScale * per(wScales, c)));
  // The bias's real values as DequantizeLinear computes them for int32 codes (quantizeOps.ts, after
  // ONNX's reference): (float32(q) − z) · s in float64, stored in the scale's float type.
  if (scale.dtype !== 'float32' && scale.dtype !== 'float16') return null;
  const real = (c: number) =>
    roundToFloat(scale.dtype, (Math.fround(codes.data[c] ?? 0) - (zeroPoints[c] ?? 0)) * (scales[c] ?? 0));
  // float64(b) / float64(float32 scale), numpy's round (half to even), clipped to int32.
  const requantized = Int32Array.from({ length: n }, (_, c) => {
    const q = roundHalfToEven(real(c) / (fusedScales[c] ?? NaN));
    return Math.min(Math.max(q, -(2 ** 31)), 2 ** 31 - 1);
  });
  return {
    codes: Int32Array.from(codes.data),
    scales,
    zeroPoints,
    fusedScales,
    requantized,
    scaleAgrees: scales.every((s, c) => s === fusedScales[c]),
    zeroPointsZero: zeroPoints.every((z) => z === 0),
  };
}

/** Which bias the fused op gets: its int32 codes unchanged (what ONNX Runtime does), or requantized with S_x·S_w[c]. */
export type QdqBiasChoice = 'codes' | 'requantized';

function runFused(
  model: Model,
  group: QdqGroup,
  values: readonly (ArrayLike<number> | null)[],
  bias: QdqBiasChoice,
): Value | null {
  const kernel = ONNX_KERNELS[group.fused];
  const opNode = model.nodes[group.op];
  if (!kernel || !opNode) return null;
  if (group.params && !group.params.wAxisFits)
    refuseModel({
      kind: 'unsupportedForm',
      node: group.op,
      op: group.fused,
      detail: `weightAxis:${group.params.wAxis ?? -1}`,
    });
  const node: ModelNode = {
    op: group.fused,
    inputs: group.inputs.map((_, j) => j),
    outputs: [],
    attributes: opNode.attributes,
  };
  const inputs = group.inputs.map((t, j): Value | null => {
    const tensor = t >= 0 ? model.tensors[t] : undefined;
    const requantized = j === 8 && bias === 'requantized' ? group.params?.bias?.requantized : undefined;
    const data = tensor ? (requantized ?? values[t] ?? tensor.data) : null;
    return tensor && data ? { shape: tensor.shape, dtype: tensor.dtype, data } : null;
  });
  return kernel(node, inputs, group.op).outputs[0] ?? null;
}

/**
 * The fused integer op's output codes for a group, on the tensors' values of a run (`values[t]`:
 * tensor t's data, or null for constants, which the model holds); null for QGemm.
 */
export function runQdqGroup(
  model: Model,
  group: QdqGroup,
  values: readonly (ArrayLike<number> | null)[],
  bias: QdqBiasChoice = 'codes',
): ArrayLike<number> | null {
  return runFused(model, group, values, bias)?.data ?? null;
}

/**
 * The fused integer op on the activation's codes `inputCodes` (the DequantizeLinear's input, in the
 * model's shape for it), every other input a constant of the model. Refuses QGemm (unsupportedOp).
 */
export function runQdqGroupAsInteger(
  model: Model,
  group: QdqGroup,
  inputCodes: ArrayLike<number>,
  bias: QdqBiasChoice = 'codes',
): Value {
  if (group.fused === 'QGemm') return refuseModel({ kind: 'unsupportedOp', node: group.op, op: 'QGemm' });
  const values = model.tensors.map((_, t): ArrayLike<number> | null => (t === group.inputs[0] ? inputCodes : null));
  return (
    runFused(model, group, values, bias) ?? refuseModel({ kind: 'unsupportedOp', node: group.op, op: group.fused })
  );
}
