/**
 * What TFLite Micro's Prepare derives for a quantized node before any run (kernel_util.cc,
 * fully_connected_common.cc): per output channel the real multiplier
 *
 *     M[c] = S_in · S_w[c] / S_out   (paper eq. 5)
 *
 * as QuantizeMultiplier's (M0, shift), M ≈ M0 · 2^(shift − 31), and the output's clamp from the
 * fused activation: ReLU clamps at Z_out + round(0 / S_out), ReLU6 also at Z_out + round(6 / S_out).
 * One pitfall kept: a per-tensor FULLY_CONNECTED multiplies S_in · S_w in float32 before the
 * double division (GetQuantizedConvolutionMultipler), per-channel ops multiply in double.
 *
 * ADD (add_common.cc CalculateOpDataAdd) brings both inputs to a common scale instead:
 *
 *     left_shift = 20 (int8) or 15 (int16), twice_max = 2 · max(S1, S2)
 *     M1 = S1 / twice_max, M2 = S2 / twice_max, M_out = twice_max / (2^left_shift · S_out)
 *
 * each in (0, 1) as QuantizeMultiplierSmallerThanOneExp's (M0, shift ≤ 0).
 */
import { quantizeMultiplier, roundHalfAwayFromZero } from '../../engine/index.ts';
import { refuseModel } from '../problems.ts';
import type { Model, ModelNode, ModelTensor } from '../types.ts';
import { dtypeRange } from '../values.ts';

/** TFLite's ActivationFunctionType numbers. */
export const ACTIVATION_NAMES: Readonly<Record<number, string>> = {
  0: 'NONE',
  1: 'RELU',
  2: 'RELU_N1_TO_1',
  3: 'RELU6',
  4: 'TANH',
  5: 'SIGN_BIT',
};

/** The ops whose output is requantized from an int32 accumulator. */
export const ACCUMULATING_OPS = new Set(['FULLY_CONNECTED', 'CONV_2D', 'DEPTHWISE_CONV_2D']);

/** A node's requantization: per output channel M[c], its (M0, shift), and the output's clamp. */
export interface Requantization {
  /** M[c] in double, as Prepare computes it before QuantizeMultiplier. */
  readonly realMultipliers: Float64Array;
  readonly multipliers: Int32Array;
  readonly shifts: Int32Array;
  readonly outputZeroPoint: number;
  readonly inputZeroPoint: number;
  readonly outputMin: number;
  readonly outputMax: number;
  /** S_in · S_w[c] per channel, the scale the int32 bias must have. */
  readonly biasScales: Float64Array;
}

function scaleOf(tensor: ModelTensor, node: number, op: string): number {
  const q = tensor.quantization;
  if (!q || q.scales.length !== 1)
    refuseModel({ kind: 'unsupportedForm', node, op, detail: `per-tensor quantization of ${tensor.name}` });
  return q.scales[0] as number;
}

/** TFLite's Quantize(scale, zero_point, f): zero_point + round(f / scale) in float32. */
function quantizeActivation(value: number, scale: number, zeroPoint: number): number {
  return zeroPoint + roundHalfAwayFromZero(Math.fround(value / scale));
}

/** CalculateActivationRangeQuantized for a fused activation. */
export function activationRange(
  activation: number,
  output: ModelTensor,
  node: number,
  op: string,
): { outputMin: number; outputMax: number } {
  const range = dtypeRange(output.dtype);
  if (!range) refuseModel({ kind: 'unsupportedForm', node, op, detail: `output dtype ${output.dtype}` });
  const scale = scaleOf(output, node, op);
  const zeroPoint = output.quantization?.zeroPoints[0] ?? 0;
  const at = (v: number) => quantizeActivation(v, scale, zeroPoint);
  switch (activation) {
    case 0:
      return { outputMin: range.qmin, outputMax: range.qmax };
    case 1:
      return { outputMin: Math.max(range.qmin, at(0)), outputMax: range.qmax };
    case 2:
      return { outputMin: Math.max(range.qmin, at(-1)), outputMax: Math.min(range.qmax, at(1)) };
    case 3:
      return { outputMin: Math.max(range.qmin, at(0)), outputMax: Math.min(range.qmax, at(6)) };
    default:
      return refuseModel({
        kind: 'unsupportedForm',
        node,
        op,
        detail: `fused activation ${ACTIVATION_NAMES[activation] ?? activation}`,
      });
  }
}

/** Prepare's requantization of an accumulating node (null for other ops). */
export function tfliteRequantization(
  tensors: readonly ModelTensor[],
  node: ModelNode,
  index: number,
): Requantization | null {
  if (!ACCUMULATING_OPS.has(node.op)) return null;
  const tensor = (k: number) => {
    const t = tensors[node.inputs[k] ?? -1];
    if (!t) refuseModel({ kind: 'missingInput', node: index, input: k });
    return t;
  };
  const input = tensor(0);
  const filter = tensor(1);
  const output = tensors[node.outputs[0] ?? -1];
  if (!output) refuseModel({ kind: 'missingInput', node: index, input: -1 });
  const sIn = scaleOf(input, index, node.op);
  const sOut = scaleOf(output, index, node.op);
  const fq = filter.quantization;
  if (!fq) refuseModel({ kind: 'unsupportedForm', node: index, op: node.op, detail: `unquantized ${filter.name}` });
  const channels =
    fq.scales.length > 1
      ? fq.scales.length
      : node.op === 'DEPTHWISE_CONV_2D'
        ? (filter.shape[3] ?? 1)
        : (filter.shape[0] ?? 1);
  const perChannel = fq.scales.length > 1;
  const realMultipliers = new Float64Array(channels);
  const biasScales = new Float64Array(channels);
  const multipliers = new Int32Array(channels);
  const shifts = new Int32Array(channels);
  for (let c = 0; c < channels; c++) {
    const sW = fq.scales[perChannel ? c : 0] as number;
    // Per tensor FULLY_CONNECTED: static_cast<double>(input->params.scale * filter->params.scale).
    const product = !perChannel && node.op === 'FULLY_CONNECTED' ? Math.fround(sIn * sW) : sIn * sW;
    biasScales[c] = sIn * sW;
    realMultipliers[c] = product / sOut;
    const { quantizedMultiplier, shift } = quantizeMultiplier(realMultipliers[c] as number);
    multipliers[c] = quantizedMultiplier;
    shifts[c] = shift;
  }
  const activation =
    typeof node.attributes.fused_activation_function === 'number' ? node.attributes.fused_activation_function : 0;
  return {
    realMultipliers,
    multipliers,
    shifts,
    biasScales,
    inputZeroPoint: input.quantization?.zeroPoints[0] ?? 0,
    outputZeroPoint: output.quantization?.zeroPoints[0] ?? 0,
    ...activationRange(activation, output, index, node.op),
  };
}

/** The model's main-graph requantization of node `node`. */
export function requantizationOf(model: Model, node: number): Requantization | null {
  const n = model.nodes[node];
  return n ? tfliteRequantization(model.tensors, n, node) : null;
}

/** What AddPrepare derives for a quantized ADD (CalculateOpDataAdd). */
export interface AddParams {
  /** The dtype of both inputs and the output. */
  readonly dtype: 'int8' | 'int16';
  /** 20 for int8, 15 for int16. */
  readonly leftShift: number;
  /** S1, S2, S_out (float32, as the file has them). */
  readonly scales: readonly [number, number, number];
  /** Z1, Z2, Z_out. */
  readonly zeroPoints: readonly [number, number, number];
  /** M1, M2, M_out in double, before QuantizeMultiplierSmallerThanOneExp. */
  readonly realMultipliers: readonly [number, number, number];
  readonly multipliers: readonly [number, number, number];
  /** ≤ 0: right shifts. */
  readonly shifts: readonly [number, number, number];
  readonly outputMin: number;
  readonly outputMax: number;
}

/** AddPrepare for int8 or int16 inputs and output (the float32 scales widened to double, as TFLite does). */
export function addParams(tensors: readonly ModelTensor[], node: ModelNode, index: number): AddParams {
  const [a, b] = node.inputs.map((t) => tensors[t]);
  const out = tensors[node.outputs[0] ?? -1];
  if (!a || !b || !out) refuseModel({ kind: 'missingInput', node: index, input: !a ? 0 : !b ? 1 : -1 });
  const dtype = out.dtype;
  if ((dtype !== 'int8' && dtype !== 'int16') || a.dtype !== dtype || b.dtype !== dtype)
    refuseModel({ kind: 'unsupportedForm', node: index, op: 'ADD', detail: `${a.dtype} + ${b.dtype} → ${dtype}` });
  const s = [scaleOf(a, index, 'ADD'), scaleOf(b, index, 'ADD'), scaleOf(out, index, 'ADD')] as const;
  const z = (t: ModelTensor) => t.quantization?.zeroPoints[0] ?? 0;
  const leftShift = dtype === 'int16' ? 15 : 20;
  const twiceMax = 2 * Math.max(s[0], s[1]);
  const real = [s[0] / twiceMax, s[1] / twiceMax, twiceMax / (2 ** leftShift * s[2])] as const;
  const fixed = real.map((m) => {
    // QuantizeMultiplierSmallerThanOneExp checks 0 < M < 1, and shift ≤ 0 after rounding (M0 rounding up to
    // 2^31; unreachable from float32 scales, kept as the C++ has it).
    const f = m > 0 && m < 1 ? quantizeMultiplier(m) : null;
    if (!f || f.shift > 0)
      refuseModel({ kind: 'unsupportedForm', node: index, op: 'ADD', detail: `multiplier ${m} not in (0, 1)` });
    return f;
  });
  const activation =
    typeof node.attributes.fused_activation_function === 'number' ? node.attributes.fused_activation_function : 0;
  const three = (f: (k: number) => number) => [f(0), f(1), f(2)] as const;
  return {
    dtype,
    leftShift,
    scales: s,
    zeroPoints: [z(a), z(b), z(out)],
    realMultipliers: real,
    multipliers: three((k) => fixed[k]?.quantizedMultiplier ?? 0),
    shifts: three((k) => fixed[k]?.shift ?? 0),
    ...activationRange(activation, out, index, 'ADD'),
  };
}

/** The dtype pairs TFLite Micro runs: QUANTIZE (quantize_common.cc), DEQUANTIZE (dequantize_common.cc); input → outputs. */
const QUANTIZE_PAIRS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  QUANTIZE: {
    float32: ['int8', 'int16'],
    int32: ['int8', 'int16'],
    int16: ['int8', 'int16', 'int32'],
    int8: ['int8', 'uint8', 'int16', 'int32'],
    uint8: ['int8'],
  },
  DEQUANTIZE: { int8: ['float32'], int16: ['float32'], uint8: ['float32'] },
};

/** Refuses a QUANTIZE or DEQUANTIZE from `input` to `output` dtype that TFLite Micro does not run. */
export function checkQuantizeTypes(op: string, input: string, output: string, node: number): void {
  if (!QUANTIZE_PAIRS[op]?.[input]?.includes(output))
    refuseModel({ kind: 'unsupportedForm', node, op, detail: `${input} → ${output}` });
}
