/**
 * One output element of ONNX's integer matmuls and convolutions walked as the kernels compute it
 * (matmulOps.ts, convOps.ts — ONNX's reference, checked against ONNX's node tests):
 *
 *     acc  = B[c] + Σ (q_x − Z_x)(q_w − Z_w[c])                        (int32; MatMulInteger / ConvInteger stop here)
 *     code = saturate(round_half_even(acc · M[c] + Z_y)),  M[c] = (S_x·S_w[c] rounded to T) / S_y rounded to T
 *
 * T the scales' float type (float32; QLinearMatMul also float16), acc · M + Z_y in float64 as
 * numpy computes it. ONNX Runtime's MLAS (schemes.md 4.4) instead rounds acc to float32 and
 * multiplies in float32, which can move a value next to a .5 tie by one code: both are given.
 * Every term comes with the input and weight elements it reads (NCHW; for a convolution its
 * receptive field, taps in the padding counted and skipped), beside the same element in real numbers.
 */
import { roundHalfToEven } from '../../engine/index.ts';
import type { Term } from '../tflite/trace.ts';
import type { ModelNode, ModelTensor } from '../types.ts';
import { coordinate, sizeOf } from '../values.ts';
import { onnxConvGeometry, perChannel, refuseQLinearConvForm } from './convOps.ts';
import { INT_RANGES, roundToFloat } from './dtypes.ts';
import { input, unsupported, type Value } from './kernel.ts';
import { matMulGeometry, matMulScaleType, perColumn, refuseCodes, scalar } from './matmulOps.ts';

/** What every walk holds: the element, its terms, the int32 accumulator, and the same in real numbers. */
interface OnnxTraceBase {
  /** Flat index into the output. */
  readonly element: number;
  /** Where in the output: [batch…, row, column] for a matmul, [n, channel, (y,) x] for a convolution. */
  readonly at: readonly number[];
  /** The output channel (a matmul's column), whose weight zero point, scale and bias apply. */
  readonly channel: number;
  /** The input's zero point, and the weight's for this channel (per tensor, or per channel / column). */
  readonly zIn: number;
  readonly zW: number;
  /** The products in the kernel's order, each with the int32 sum after it. */
  readonly terms: readonly Term[];
  /** Taps of the receptive field that fall in the padding (skipped: they add 0). */
  readonly padded: number;
  /** Σ of the terms (int32, wrapping), the bias (QLinearConv's B; else 0), and their int32 sum. */
  readonly sum: number;
  readonly bias: number;
  readonly acc: number;
  /** The output: QLinear*'s saturated code, or the int32 accumulator itself. */
  readonly code: number;
  /** Σ S_x(q−Z_x)·S_w(w−Z_w) + S_x·S_w·B in float64 (the integer ops: the unwrapped integer sum), and that / S_y + Z_y. */
  readonly real: number;
  readonly idealCode: number;
}

/** MatMulInteger or ConvInteger: the int32 accumulator is the output (code = acc). */
export interface OnnxIntegerTrace extends OnnxTraceBase {
  readonly kind: 'integer';
}

/** QLinearMatMul or QLinearConv: the requantization of acc to the output's code. */
export interface OnnxQLinearTrace extends OnnxTraceBase {
  readonly kind: 'qlinear';
  /** S_x, S_w[c] and S_y as stored (their float type's values). */
  readonly xScale: number;
  readonly wScale: number;
  readonly yScale: number;
  /** The float type M is rounded to after each of its two operations. */
  readonly multiplierType: 'float32' | 'float16';
  /** M = round_T(round_T(S_x·S_w[c]) / S_y). */
  readonly multiplier: number;
  readonly zOut: number;
  /** acc · M + Z_y in float64, its round half to even, and the output type's range. */
  readonly scaled: number;
  readonly rounded: number;
  readonly qmin: number;
  readonly qmax: number;
  /**
   * ONNX Runtime's MLAS: float32(float32(acc) · float32 M), clamped to [qmin − Z_y, qmax − Z_y],
   * rounded half to even, + Z_y. Null for float16 scales (ORT's CPU kernels take float32 only).
   */
  readonly ortScaled: number | null;
  readonly ortCode: number | null;
}

/** The walk of one output element of QLinearMatMul, QLinearConv, MatMulInteger or ConvInteger. */
export type OnnxElementTrace = OnnxIntegerTrace | OnnxQLinearTrace;

/** Input slots: x, x_scale, x_zero_point, w, w_scale, w_zero_point, y_scale, y_zero_point, bias (−1: none). */
const SLOTS: Readonly<Record<string, readonly number[]>> = {
  QLinearMatMul: [0, 1, 2, 3, 4, 5, 6, 7, -1],
  QLinearConv: [0, 1, 2, 3, 4, 5, 6, 7, 8],
  MatMulInteger: [0, -1, 2, 1, -1, 3, -1, -1, -1],
  ConvInteger: [0, -1, 2, 1, -1, 3, -1, -1, -1],
};

const flatOf = (shape: readonly number[], at: readonly number[]) =>
  at.reduce((offset, i, k) => offset * (shape[k] ?? 1) + i, 0);

/** The receptive field of one element: its coordinate, channel, weight zero point, bias and terms. */
interface Field {
  readonly at: number[];
  readonly channel: number;
  readonly channels: number;
  readonly zW: number;
  readonly bias: number;
  readonly taps: { input: number; weight: number; inputAt: number[]; weightAt: number[] }[];
  readonly padded: number;
}

function refuseElement(node: ModelNode, index: number, element: number, count: number): void {
  if (!(Number.isInteger(element) && element >= 0 && element < count)) unsupported(node, index, 'element');
}

/** A convolution's taps for one element (NCHW, group, pads, strides, dilations as convOps.ts reads them). */
function convField(
  node: ModelNode,
  index: number,
  x: Value,
  w: Value,
  zw: Value | null,
  b: Value | null,
  e: number,
): Field {
  const g = onnxConvGeometry(node, index, x, w);
  const outShape = g.spatial === 1 ? [g.batch, g.m, g.ow] : [g.batch, g.m, g.oh, g.ow];
  refuseElement(node, index, e, sizeOf(outShape));
  const at = coordinate(outShape, e);
  const [n = 0, oc = 0] = at;
  const [y, xo] = g.spatial === 1 ? [0, at[2] ?? 0] : [at[2] ?? 0, at[3] ?? 0];
  const group = Math.floor(oc / (g.m / g.group));
  const taps: Field['taps'] = [];
  let padded = 0;
  for (let c = 0; c < g.cg; c++)
    for (let i = 0; i < g.kh; i++) {
      const yy = y * g.sh - g.ph + i * g.dh;
      for (let j = 0; j < g.kw; j++) {
        const xx = xo * g.sw - g.pw + j * g.dw;
        if (yy < 0 || yy >= g.ih || xx < 0 || xx >= g.iw) {
          padded++;
          continue;
        }
        const ic = group * g.cg + c;
        const inputAt = g.spatial === 1 ? [n, ic, xx] : [n, ic, yy, xx];
        const weightAt = g.spatial === 1 ? [oc, c, j] : [oc, c, i, j];
        taps.push({ input: flatOf(x.shape, inputAt), weight: flatOf(w.shape, weightAt), inputAt, weightAt });
      }
    }
  return {
    at,
    channel: oc,
    channels: g.m,
    zW: perChannel(node, index, zw, g.m, 'w_zero_point')[oc] ?? 0,
    bias: b ? (perChannel(node, index, b, g.m, 'B')[oc] ?? 0) : 0,
    taps,
    padded,
  };
}

/** A matmul's row of taps for one element (numpy broadcasting: a batch dimension of size 1 reads index 0). */
function matMulField(node: ModelNode, index: number, x: Value, w: Value, zw: Value | null, e: number): Field {
  const { m, k, n, rank, pa, pb, batch } = matMulGeometry(node, index, x, w);
  const outShape = [...batch, m, n];
  refuseElement(node, index, e, sizeOf(outShape));
  const at = coordinate(outShape, e);
  const bAt = at.slice(0, rank);
  const [row = 0, col = 0] = at.slice(rank);
  const xLead = bAt.map((c, d) => ((pa[d] ?? 1) === 1 ? 0 : c)).slice(rank - (x.shape.length - 2));
  const wLead = bAt.map((c, d) => ((pb[d] ?? 1) === 1 ? 0 : c)).slice(rank - (w.shape.length - 2));
  const taps: Field['taps'] = [];
  for (let p = 0; p < k; p++) {
    const inputAt = [...xLead, row, p];
    const weightAt = [...wLead, p, col];
    taps.push({ input: flatOf(x.shape, inputAt), weight: flatOf(w.shape, weightAt), inputAt, weightAt });
  }
  const zW = perColumn(node, index, zw, n, 'b_zero_point')[col] ?? 0;
  return { at, channel: col, channels: n, zW, bias: 0, taps, padded: 0 };
}

/**
 * Element `element` (flat, into the output) of node `index` — one of the four ops — on `values`, its
 * inputs in the node's order. Refuses (ModelError: unsupportedForm / missingInput) what the kernel refuses.
 */
export function onnxElementTrace(
  _tensors: readonly ModelTensor[],
  node: ModelNode,
  index: number,
  values: readonly (Value | null)[],
  element: number,
): OnnxElementTrace {
  const slots = SLOTS[node.op];
  if (!slots) return unsupported(node, index, 'notStepped');
  const slot = (k: number) => ((slots[k] ?? -1) >= 0 ? (values[slots[k] ?? -1] ?? null) : null);
  const need = (k: number) => input(values, slots[k] ?? k, index);
  const x = need(0);
  const w = need(3);
  refuseCodes(node, index, x, w);
  const qlinear = node.op.startsWith('QLinear');
  const conv = node.op.includes('Conv');
  const scales = qlinear ? [need(1), need(4), need(6)] : [];
  if (qlinear && conv) refuseQLinearConvForm(node, index, scales, slot(7), slot(8));
  const scaleType = qlinear ? (conv ? 'float32' : matMulScaleType(node, index, scales)) : 'float32';
  // The inputs' names as the kernels give them in their refusals.
  const [xName, wName] = conv ? ['x', 'w'] : ['a', 'b'];
  const zIn = scalar(node, index, slot(2), `${xName}_zero_point`);
  const field = conv
    ? convField(node, index, x, w, slot(5), slot(8), element)
    : matMulField(node, index, x, w, slot(5), element);
  const { zW, bias } = field;
  const terms: Term[] = [];
  let running = 0;
  let exact = 0;
  for (const tap of field.taps) {
    const q = x.data[tap.input] ?? 0;
    const wv = w.data[tap.weight] ?? 0;
    const product = Math.imul(q - zIn, wv - zW);
    running = (running + product) | 0;
    exact += (q - zIn) * (wv - zW);
    terms.push({ ...tap, q, w: wv, product, running });
  }
  const acc = (running + bias) | 0;
  const base = { element, at: field.at, channel: field.channel, zIn, zW, terms, padded: field.padded };
  const sums = { sum: running, bias, acc };
  if (!qlinear) {
    const real = exact + bias;
    return { kind: 'integer', ...base, ...sums, code: acc, real, idealCode: real };
  }
  const [xs, ws, ys] = scales as [Value, Value, Value];
  const xScale = scalar(node, index, xs, `${xName}_scale`);
  const yScale = scalar(node, index, ys, 'y_scale');
  const wScale =
    (conv ? perChannel : perColumn)(node, index, ws, field.channels, `${wName}_scale`)[field.channel] ?? NaN;
  const multiplier = roundToFloat(scaleType, roundToFloat(scaleType, xScale * wScale) / yScale);
  const yZero = slot(7);
  const zOut = scalar(node, index, yZero, 'y_zero_point');
  const dtype = yZero?.dtype ?? x.dtype;
  const [qmin, qmax] = INT_RANGES[dtype] ?? unsupported(node, index, `outputDtype:${dtype}`);
  const scaled = acc * multiplier + zOut;
  // + 0: a tie rounded to −0 is the code 0.
  const rounded = roundHalfToEven(scaled) + 0;
  const code = Math.min(Math.max(rounded, qmin), qmax);
  // MLAS's MlasRequantizeOutput: float(acc) * scale in float32, clamp, RNE (cvtps / magic number), + zp.
  const f = Math.fround;
  const ortScaled = scaleType === 'float32' ? f(f(acc) * multiplier) : null;
  const ortCode =
    ortScaled === null ? null : roundHalfToEven(Math.min(Math.max(ortScaled, qmin - zOut), qmax - zOut)) + zOut + 0;
  let real = 0;
  for (const t of terms) real += xScale * (t.q - zIn) * (wScale * (t.w - zW));
  real += xScale * wScale * bias;
  return {
    kind: 'qlinear',
    ...base,
    ...sums,
    code,
    real,
    idealCode: real / yScale + zOut,
    xScale,
    wScale,
    yScale,
    multiplierType: scaleType,
    multiplier,
    zOut,
    scaled,
    rounded,
    qmin,
    qmax,
    ortScaled,
    ortCode,
  };
}
