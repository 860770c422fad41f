/**
 * Which values an ONNX graph quantizes, and how, as Netron shows them: a value v that a
 * QuantizeLinear produces, a DequantizeLinear consumes, or a QLinear* op reads or writes together with
 * constant (scale, zero point) initializers holds r = scale[c] · (q − zero_point[c]), c its index along
 * `axis` (per tensor: one scale, axis 0).
 */
import type { ModelNode, ModelTensor, TensorQuantization } from '../types.ts';

/** Where a value is, and where its scale and zero point are: 'in' k = node input k, 'out' k = output k. */
type Triple = readonly [side: 'in' | 'out', value: number, scale: number, zeroPoint: number];

/** The (value, scale, zero point) triples of each quantized op (ai.onnx and com.microsoft). */
const TRIPLES: Readonly<Record<string, readonly Triple[]>> = {
  QuantizeLinear: [['out', 0, 1, 2]],
  DequantizeLinear: [['in', 0, 1, 2]],
  QLinearMatMul: [
    ['in', 0, 1, 2],
    ['in', 3, 4, 5],
    ['out', 0, 6, 7],
  ],
  QLinearConv: [
    ['in', 0, 1, 2],
    ['in', 3, 4, 5],
    ['out', 0, 6, 7],
  ],
  QLinearAdd: [
    ['in', 0, 1, 2],
    ['in', 3, 4, 5],
    ['out', 0, 6, 7],
  ],
  QLinearMul: [
    ['in', 0, 1, 2],
    ['in', 3, 4, 5],
    ['out', 0, 6, 7],
  ],
  QGemm: [
    ['in', 0, 1, 2],
    ['in', 3, 4, 5],
    ['out', 0, 7, 8],
  ],
};

/** The quantized dimension for per-channel parameters of value `side`/`k` of `node`. */
function axisOf(node: ModelNode, side: 'in' | 'out', k: number, rank: number): number {
  const attr = node.attributes.axis;
  if (node.op === 'QuantizeLinear' || node.op === 'DequantizeLinear') {
    const axis = typeof attr === 'number' ? attr : 1;
    return axis < 0 ? axis + rank : axis;
  }
  // Weights: QLinearConv per output channel (0), QLinearMatMul / QGemm per column (the last).
  if (side === 'in' && k === 3) return node.op === 'QLinearConv' ? 0 : Math.max(rank - 1, 0);
  return 0;
}

/** Quantization of each tensor index that has one. */
export function quantizationOf(
  tensors: readonly ModelTensor[],
  nodes: readonly ModelNode[],
): Map<number, TensorQuantization> {
  const found = new Map<number, TensorQuantization>();
  for (const node of nodes) {
    const blocked = typeof node.attributes.block_size === 'number' && node.attributes.block_size > 0;
    for (const [side, k, s, z] of TRIPLES[node.op] ?? []) {
      const value = side === 'in' ? node.inputs[k] : node.outputs[k];
      const scale = tensors[node.inputs[s] ?? -1];
      const zeroIndex = node.inputs[z] ?? -1;
      const zero = zeroIndex >= 0 ? tensors[zeroIndex] : undefined;
      if (value === undefined || value < 0 || found.has(value) || blocked) continue;
      if (!scale?.data || !scale.dtype.startsWith('float') || (zeroIndex >= 0 && !zero?.data)) continue;
      const scales = Float32Array.from(scale.data);
      const zeroPoints = zero?.data ? Int32Array.from(zero.data) : new Int32Array(scales.length);
      if (zeroPoints.length !== scales.length || scales.length === 0) continue;
      const rank = tensors[value]?.shape.length ?? 0;
      found.set(value, { scales, zeroPoints, axis: scales.length > 1 ? axisOf(node, side, k, rank) : 0 });
    }
  }
  return found;
}
