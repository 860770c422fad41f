/**
 * ONNX's QDQ form: a float MatMul or Conv between DequantizeLinear nodes (the activation's, and a
 * constant weight's, optionally a constant int32 bias's) and one QuantizeLinear of its output.
 * ONNX Runtime's graph transformer (QDQ selectors) fuses such a group into the integer op
 * QLinearMatMul / QLinearConv: the integer codes and scales go straight in, and the bias goes in as
 * its int32 codes — taken to have the scale S_x·S_w[c] (ONNX Runtime's quantizer writes it so).
 * Gemm groups become com.microsoft QGemm, which the app lists but does not run.
 */
import type { Model, ModelNode } from '../types.ts';
import { ONNX_KERNELS } from './ops.ts';
import type { Value } from './kernel.ts';

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
   * w_zero_point, y_scale, y_zero_point, and for QLinearConv B.
   */
  readonly inputs: readonly number[];
  /** Its output: the QuantizeLinear's. */
  readonly output: number;
  /**
   * Whether the bias's own DequantizeLinear scale is S_x·S_w[c] for every channel (as float32
   * products), as the fused op assumes; null without a bias.
   */
  readonly biasScaleAgrees: boolean | null;
}

const FUSED = { Conv: 'QLinearConv', MatMul: 'QLinearMatMul', Gemm: 'QGemm' } as const;

/** Every QDQ group of `model`, in the order of their float ops. */
export function findQdqGroups(model: Model): QdqGroup[] {
  const producer = new Map<number, number>();
  const consumers = new Map<number, number[]>();
  model.nodes.forEach((n, k) => {
    n.outputs.forEach((t) => producer.set(t, k));
    n.inputs.forEach((t) => consumers.set(t, [...(consumers.get(t) ?? []), k]));
  });
  const dq = (t: number | undefined): ModelNode | null => {
    const k = t === undefined ? undefined : producer.get(t);
    const n = k === undefined ? undefined : model.nodes[k];
    return n?.op === 'DequantizeLinear' ? n : null;
  };
  const constant = (t: number | undefined) => t !== undefined && t >= 0 && model.tensors[t]?.data != null;
  const groups: QdqGroup[] = [];
  model.nodes.forEach((n, k) => {
    const fused = FUSED[n.op as keyof typeof FUSED] as QdqGroup['fused'] | undefined;
    if (!fused) return;
    const [x, w, b] = n.inputs;
    const dx = dq(x);
    const dw = dq(w);
    const db = b !== undefined && b >= 0 ? dq(b) : null;
    if (!dx || !dw || !constant(dw.inputs[0])) return;
    if (b !== undefined && b >= 0 && (!db || !constant(db.inputs[0]))) return;
    const out = n.outputs[0] ?? -1;
    const users = consumers.get(out) ?? [];
    const q = users.length === 1 ? users[0] : undefined;
    const qNode = q === undefined ? undefined : model.nodes[q];
    if (q === undefined || qNode?.op !== 'QuantizeLinear') return;
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
    groups.push({
      dqInput: producer.get(x ?? -1) ?? -1,
      dqWeight: producer.get(w ?? -1) ?? -1,
      dqBias: db ? (producer.get(b ?? -1) ?? -1) : -1,
      op: k,
      quantize: q,
      fused,
      inputs,
      output: slot(qNode, 0) >= 0 ? (qNode.outputs[0] ?? -1) : -1,
      biasScaleAgrees: db ? biasAgrees(model, dx, dw, db) : null,
    });
  });
  return groups;
}

function biasAgrees(model: Model, dx: ModelNode, dw: ModelNode, db: ModelNode): boolean {
  const data = (t: number | undefined) => (t === undefined || t < 0 ? null : model.tensors[t]?.data);
  const sx = data(dx.inputs[1])?.[0];
  const sw = data(dw.inputs[1]);
  const sb = data(db.inputs[1]);
  if (sx === undefined || !sw || !sb) return false;
  const channels = Math.max(sw.length, sb.length);
  for (let c = 0; c < channels; c++) {
    const want = Math.fround(sx * (sw[sw.length > 1 ? c : 0] ?? NaN));
    if (Math.fround(sb[sb.length > 1 ? c : 0] ?? NaN) !== want) return false;
  }
  return true;
}

/**
 * The fused integer op's output codes for a group, on the tensors' values of a run (`values[t]`:
 * tensor t's data, or null for constants, which the model holds); null for QGemm.
 */
export function runQdqGroup(
  model: Model,
  group: QdqGroup,
  values: readonly (ArrayLike<number> | null)[],
): ArrayLike<number> | null {
  const kernel = ONNX_KERNELS[group.fused];
  const opNode = model.nodes[group.op];
  if (!kernel || !opNode) return null;
  const node: ModelNode = {
    op: group.fused,
    inputs: group.inputs.map((_, j) => j),
    outputs: [],
    attributes: opNode.attributes,
  };
  const inputs = group.inputs.map((t): Value | null => {
    const tensor = t >= 0 ? model.tensors[t] : undefined;
    const data = tensor ? (values[t] ?? tensor.data) : null;
    return tensor && data ? { shape: tensor.shape, dtype: tensor.dtype, data } : null;
  });
  return kernel(node, inputs, group.op).outputs[0]?.data ?? null;
}
