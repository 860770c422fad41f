/**
 * One output element of an accumulating node, written out as TFLite Micro computes it (paper eq. 4):
 *
 *     acc  = Σ (q_in − Z_in)(q_w − Z_w) + bias[c]
 *     code = clamp(RoundingDivideByPOT(SRDHM(acc · 2^left, M0[c]), right) + Z_out, act_min, act_max)
 *
 * every term with the input and weight elements it reads (the receptive field; for a convolution
 * its im2col row), beside the same node in real numbers.
 */
import { divideSteps, highMulSteps, type DivideSteps, type HighMulSteps } from '../../engine/index.ts';
import { refuseModel } from '../problems.ts';
import type { ModelNode, ModelTensor } from '../types.ts';
import type { Value } from '../values.ts';
import { convGeometry } from './convOps.ts';
import { tfliteRequantization } from './prepare.ts';

/** One product of the sum. */
export interface Term {
  /** Flat index into the input and the weights. */
  readonly input: number;
  readonly weight: number;
  /** Where in the input (NHWC or [batch, depth]) and in the filter. */
  readonly inputAt: readonly number[];
  readonly weightAt: readonly number[];
  readonly q: number;
  readonly w: number;
  readonly product: number;
  /** The int32 sum after this term. */
  readonly running: number;
}

/** The walk of one output element. */
export interface ElementTrace {
  readonly element: number;
  /** Where in the output (NHWC or [batch, channel]). */
  readonly at: readonly number[];
  readonly channel: number;
  readonly zIn: number;
  readonly zW: number;
  readonly terms: readonly Term[];
  /** Filter taps that fall in the padding (skipped: TFLite adds nothing for them). */
  readonly padded: number;
  readonly sum: number;
  readonly bias: number;
  readonly acc: number;
  readonly multiplier: number;
  readonly shift: number;
  readonly realMultiplier: number;
  readonly leftShifted: number;
  readonly highMul: HighMulSteps;
  readonly divide: DivideSteps;
  readonly zOut: number;
  readonly unclamped: number;
  readonly outputMin: number;
  readonly outputMax: number;
  readonly code: number;
  /** The same element in real numbers: S_in·S_w[c]·Σ + S_b·bias, and that over S_out + Z_out (the ideal code). */
  readonly real: number;
  readonly idealCode: number;
}

const flat = (shape: readonly number[], at: readonly number[]) =>
  at.reduce((offset, i, k) => offset * (shape[k] ?? 1) + i, 0);

/** The trace of output element `element` of node `index` on `values` (input, weights, bias). */
export function elementTrace(
  tensors: readonly ModelTensor[],
  node: ModelNode,
  index: number,
  values: readonly (Value | null)[],
  element: number,
): ElementTrace {
  const r = tfliteRequantization(tensors, node, index);
  const input = values[0];
  const filter = values[1];
  if (!r || !input || !filter) refuseModel({ kind: 'unsupportedOp', node: index, op: node.op });
  const bias = values[2] ?? null;
  const filterT = tensors[node.inputs[1] ?? -1];
  const zIn = r.inputZeroPoint;
  const terms: Term[] = [];
  let running = 0;
  let padded = 0;
  const add = (inputAt: number[], weightAt: number[]) => {
    const i = flat(input.shape, inputAt);
    const j = flat(filter.shape, weightAt);
    const q = input.data[i] as number;
    const w = filter.data[j] as number;
    const product = Math.imul(q - zIn, w - zW);
    running = (running + product) | 0;
    terms.push({ input: i, weight: j, inputAt, weightAt, q, w, product, running });
  };
  let at: number[];
  let channel: number;
  let zW = 0;
  if (node.op === 'FULLY_CONNECTED') {
    const [outDepth = 1, depth = 1] = filter.shape;
    const count = (input.data.length / depth) * outDepth;
    if (!(element >= 0 && element < count))
      refuseModel({ kind: 'unsupportedForm', node: index, op: node.op, detail: 'element' });
    const b = Math.floor(element / outDepth);
    channel = element % outDepth;
    at = [b, channel];
    zW = filterT?.quantization?.zeroPoints[filterT.quantization.zeroPoints.length > 1 ? channel : 0] ?? 0;
    const batchShape = [input.data.length / depth, depth];
    for (let d = 0; d < depth; d++) {
      const i = b * depth + d;
      const j = channel * depth + d;
      const q = input.data[i] as number;
      const w = filter.data[j] as number;
      const product = Math.imul(q - zIn, w - zW);
      running = (running + product) | 0;
      terms.push({
        input: i,
        weight: j,
        inputAt: [b, d].slice(2 - batchShape.length),
        weightAt: [channel, d],
        q,
        w,
        product,
        running,
      });
    }
  } else {
    const g = convGeometry(node, input, filter);
    const count = g.batches * g.outH * g.outW * g.outC;
    if (!(element >= 0 && element < count))
      refuseModel({ kind: 'unsupportedForm', node: index, op: node.op, detail: 'element' });
    channel = element % g.outC;
    const ox = Math.floor(element / g.outC) % g.outW;
    const oy = Math.floor(element / (g.outC * g.outW)) % g.outH;
    const b = Math.floor(element / (g.outC * g.outW * g.outH));
    at = [b, oy, ox, channel];
    zW = filterT?.quantization?.zeroPoints[filterT.quantization.zeroPoints.length > 1 ? channel : 0] ?? 0;
    const depthwise = node.op === 'DEPTHWISE_CONV_2D';
    const filterDepth = depthwise ? 1 : (filter.shape[3] ?? 1);
    const group = depthwise ? 0 : Math.floor(channel / (g.outC / (g.inC / filterDepth)));
    const ic0 = depthwise ? Math.floor(channel / (g.outC / g.inC)) : group * filterDepth;
    for (let fy = 0; fy < g.filterH; fy++)
      for (let fx = 0; fx < g.filterW; fx++) {
        const iy = oy * g.strideH - g.padTop + g.dilationH * fy;
        const ix = ox * g.strideW - g.padLeft + g.dilationW * fx;
        if (iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW) {
          padded += filterDepth;
          continue;
        }
        for (let ic = 0; ic < filterDepth; ic++)
          add([b, iy, ix, ic0 + ic], depthwise ? [0, fy, fx, channel] : [channel, fy, fx, ic]);
      }
  }
  const c = r.multipliers.length > 1 ? channel : 0;
  const biasValue = bias ? (bias.data[channel] as number) : 0;
  const acc = (running + biasValue) | 0;
  const multiplier = r.multipliers[c] as number;
  const shift = r.shifts[c] as number;
  const leftShifted = acc * 2 ** Math.max(shift, 0);
  const highMul = highMulSteps(leftShifted | 0, multiplier);
  const divide = divideSteps(highMul.result, Math.max(-shift, 0));
  const unclamped = divide.result + r.outputZeroPoint;
  const code = Math.min(Math.max(unclamped, r.outputMin), r.outputMax);
  const outT = tensors[node.outputs[0] ?? -1];
  const sOut = outT?.quantization?.scales[0] ?? 1;
  const real = (r.biasScales[c] as number) * acc;
  return {
    element,
    at,
    channel,
    zIn,
    zW,
    terms,
    padded,
    sum: running,
    bias: biasValue,
    acc,
    multiplier,
    shift,
    realMultiplier: r.realMultipliers[c] as number,
    leftShifted,
    highMul,
    divide,
    zOut: r.outputZeroPoint,
    unclamped,
    outputMin: r.outputMin,
    outputMax: r.outputMax,
    code,
    real,
    idealCode: real / sOut + r.outputZeroPoint,
  };
}
