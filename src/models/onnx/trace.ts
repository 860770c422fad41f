/**
 * One output element of ONNX's integer matmuls and convolutions walked as the kernels compute it
 * (matmulOps.ts, convOps.ts — ONNX's reference, which ONNX Runtime's CPU kernels agree with):
 *
 *     acc  = B[c] + Σ (q_x − Z_x)(q_w − Z_w[c])                        (int32; MatMulInteger / ConvInteger stop here)
 *     code = saturate(round_half_even(acc · M[c] + Z_y)),  M[c] = S_x·S_w[c]/S_y in float32
 *
 * every term with the input and weight elements it reads (NCHW; for a convolution its receptive
 * field, taps in the padding counted and skipped), beside the same element in real numbers.
 */
import { roundHalfToEven } from '../../engine/rounding.ts';
import type { Term } from '../tflite/trace.ts';
import type { ModelNode, ModelTensor } from '../types.ts';
import { coordinate } from '../values.ts';
import { onnxConvGeometry, perChannel } from './convOps.ts';
import { INT_RANGES, roundToFloat } from './dtypes.ts';
import { input, unsupported, type Value } from './kernel.ts';
import { perColumn, scalar } from './matmulOps.ts';

/** The walk of one output element of QLinearMatMul, QLinearConv, MatMulInteger or ConvInteger. */
export interface OnnxElementTrace {
  /** 'integer': the int32 accumulator is the output (MatMulInteger, ConvInteger). */
  readonly kind: 'qlinear' | 'integer';
  readonly element: number;
  /** Where in the output: [batch…, row, column] for a matmul, [n, channel, y, x] for a convolution. */
  readonly at: readonly number[];
  /** The output channel (a matmul's column), whose weight zero point, scale and bias apply. */
  readonly channel: number;
  readonly zIn: number;
  readonly zW: number;
  readonly terms: readonly Term[];
  readonly padded: number;
  readonly sum: number;
  readonly bias: number;
  readonly acc: number;
  /** QLinear only: M[c] in the scales' float type, acc · M + Z_y (double), its rounding, the saturation. */
  readonly multiplier: number;
  readonly scaled: number;
  readonly zOut: number;
  readonly rounded: number;
  readonly qmin: number;
  readonly qmax: number;
  readonly code: number;
  /** S_x·S_w[c]·acc, and that over S_y + Z_y. */
  readonly real: number;
  readonly idealCode: number;
}

const OPS = new Set(['QLinearMatMul', 'QLinearConv', 'MatMulInteger', 'ConvInteger']);

/** Input slots: x, x_scale, x_zero_point, w, w_scale, w_zero_point, y_scale, y_zero_point, bias (−1: none). */
const SLOTS: Readonly<Record<string, readonly number[]>> = {
  QLinearMatMul: [0, 1, 2, 3, 4, 5, 6, 7, -1],
  QLinearConv: [0, 1, 2, 3, 4, 5, 6, 7, 8],
  MatMulInteger: [0, -1, 2, 1, -1, 3, -1, -1, -1],
  ConvInteger: [0, -1, 2, 1, -1, 3, -1, -1, -1],
};

const flatOf = (shape: readonly number[], at: readonly number[]) =>
  at.reduce((offset, i, k) => offset * (shape[k] ?? 1) + i, 0);

/** Element `element` of node `index` (one of the four ops) on `values` (its inputs, in the node's order). */
export function onnxElementTrace(
  _tensors: readonly ModelTensor[],
  node: ModelNode,
  index: number,
  values: readonly (Value | null)[],
  element: number,
): OnnxElementTrace {
  const slots = SLOTS[node.op];
  if (!slots || !OPS.has(node.op)) return unsupported(node, index, 'notStepped');
  const slot = (k: number) => ((slots[k] ?? -1) >= 0 ? (values[slots[k] ?? -1] ?? null) : null);
  const x = input(values, slots[0] ?? 0, index);
  const w = input(values, slots[3] ?? 3, index);
  const zx = scalar(node, index, slot(2), 'x_zero_point');
  const qlinear = node.op.startsWith('QLinear');
  const conv = node.op.includes('Conv');
  const terms: Term[] = [];
  let running = 0;
  let padded = 0;
  const add = (i: number, j: number, inputAt: number[], weightAt: number[], zw: number) => {
    const q = x.data[i] ?? 0;
    const wv = w.data[j] ?? 0;
    const product = Math.imul(q - zx, wv - zw);
    running = (running + product) | 0;
    terms.push({ input: i, weight: j, inputAt, weightAt, q, w: wv, product, running });
  };
  let at: number[];
  let channel: number;
  let zW: number;
  let bias = 0;
  let channels: number;
  if (conv) {
    const g = onnxConvGeometry(node, index, x, w);
    const outShape = g.spatial === 1 ? [g.batch, g.m, g.ow] : [g.batch, g.m, g.oh, g.ow];
    const count = outShape.reduce((a, b) => a * b, 1);
    if (!(Number.isInteger(element) && element >= 0 && element < count)) unsupported(node, index, 'element');
    at = coordinate(outShape, element);
    const [n = 0, oc = 0] = at;
    const [y, xo] = g.spatial === 1 ? [0, at[2] ?? 0] : [at[2] ?? 0, at[3] ?? 0];
    channel = oc;
    channels = g.m;
    zW = perChannel(node, index, slot(5), g.m, 'w_zero_point')[oc] ?? 0;
    const b = slot(8);
    bias = b ? (perChannel(node, index, b, g.m, 'B')[oc] ?? 0) : 0;
    const group = Math.floor(oc / (g.m / g.group));
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
          add(flatOf(x.shape, inputAt), flatOf(w.shape, weightAt), inputAt, weightAt, zW);
        }
      }
  } else {
    if (x.shape.length < 2 || w.shape.length < 2) unsupported(node, index, 'rank');
    const [m = 0, k = 0] = x.shape.slice(-2);
    const [k2 = 0, n = 0] = w.shape.slice(-2);
    if (k !== k2) unsupported(node, index, 'innerDimension');
    const xBatch = x.shape.slice(0, -2);
    const wBatch = w.shape.slice(0, -2);
    const rank = Math.max(xBatch.length, wBatch.length);
    const pad = (s: readonly number[]) => [...Array<number>(rank - s.length).fill(1), ...s];
    const [px, pw] = [pad(xBatch), pad(wBatch)];
    const batch = px.map((d, i) => Math.max(d, pw[i] ?? 1));
    const outShape = [...batch, m, n];
    const count = outShape.reduce((a, b) => a * b, 1);
    if (!(Number.isInteger(element) && element >= 0 && element < count)) unsupported(node, index, 'element');
    at = coordinate(outShape, element);
    const bAt = at.slice(0, rank);
    const row = at[rank] ?? 0;
    const col = at[rank + 1] ?? 0;
    channel = col;
    channels = n;
    zW = perColumn(node, index, slot(5), n, 'b_zero_point')[col] ?? 0;
    // A broadcast batch dimension (size 1) reads index 0.
    const xLead = bAt.map((c, d) => ((px[d] ?? 1) === 1 ? 0 : c)).slice(rank - xBatch.length);
    const wLead = bAt.map((c, d) => ((pw[d] ?? 1) === 1 ? 0 : c)).slice(rank - wBatch.length);
    for (let p = 0; p < k; p++) {
      const inputAt = [...xLead, row, p];
      const weightAt = [...wLead, p, col];
      add(flatOf(x.shape, inputAt), flatOf(w.shape, weightAt), inputAt, weightAt, zW);
    }
  }
  const acc = (running + bias) | 0;
  const base = {
    element,
    at,
    channel,
    zIn: zx,
    zW,
    terms,
    padded,
    sum: running,
    bias,
    acc,
  };
  if (!qlinear)
    return {
      ...base,
      kind: 'integer',
      multiplier: 1,
      scaled: acc,
      zOut: 0,
      rounded: acc,
      qmin: -(2 ** 31),
      qmax: 2 ** 31 - 1,
      code: acc,
      real: acc,
      idealCode: acc,
    };
  const xScale = input(values, slots[1] ?? 1, index);
  const wScale = input(values, slots[4] ?? 4, index);
  const yScale = input(values, slots[6] ?? 6, index);
  const yZero = slot(7);
  const sType = xScale.dtype;
  const sx = scalar(node, index, xScale, 'x_scale');
  const sy = scalar(node, index, yScale, 'y_scale');
  const sw = (conv ? perChannel : perColumn)(node, index, wScale, channels, 'w_scale')[channel] ?? NaN;
  // As the kernels: float32 for QLinearConv, the scales' own float type for QLinearMatMul.
  const rounding = conv ? 'float32' : sType;
  const multiplier = roundToFloat(rounding, roundToFloat(rounding, sx * sw) / sy);
  const zOut = scalar(node, index, yZero, 'y_zero_point');
  const dtype = yZero?.dtype ?? x.dtype;
  const [qmin, qmax] = INT_RANGES[dtype] ?? unsupported(node, index, `outputDtype:${dtype}`);
  const scaled = acc * multiplier + zOut;
  // + 0: a tie rounded to −0 is the code 0.
  const rounded = roundHalfToEven(scaled) + 0;
  const real = sx * sw * acc;
  return {
    ...base,
    kind: 'qlinear',
    multiplier,
    scaled,
    zOut,
    rounded,
    qmin,
    qmax,
    code: Math.min(Math.max(rounded, qmin), qmax),
    real,
    idealCode: real / sy + zOut,
  };
}
