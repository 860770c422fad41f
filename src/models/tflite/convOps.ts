/**
 * TFLite's reference integer kernels for the ops that accumulate (reference_integer_ops/
 * fully_connected.h, conv.h ConvPerChannel, depthwise_conv.h DepthwiseConvPerChannel), paper eq. 4 and 7:
 *
 *     acc[c] = bias[c] + Σ (q_in − Z_in) · (q_w − Z_w)
 *     q_out  = clamp(MultiplyByQuantizedMultiplier(acc, M0[c], shift[c]) + Z_out, act_min, act_max)
 *
 * Layouts are TFLite's: activations NHWC, conv filters [out, h, w, in], depthwise filters
 * [1, h, w, in · depth_multiplier], fully-connected weights [out, depth].
 */
import { refuseModel } from '../problems.ts';
import type { ModelNode } from '../types.ts';
import { newArray, type KernelResult, type Value } from '../values.ts';
import type { Requantization } from './prepare.ts';
import { dotProductsI16, roundUp, simd, type Simd, multiplyByQuantizedMultiplier } from '../../engine/index.ts';

/** A requantized output element. */
function requantize(acc: number, c: number, r: Requantization): number {
  const out = multiplyByQuantizedMultiplier(acc, r.multipliers[c] as number, r.shifts[c] as number) + r.outputZeroPoint;
  return Math.min(Math.max(out, r.outputMin), r.outputMax);
}

/** Z_w of output channel c. */
const filterZeroPoint = (x: ConvInputs, c: number): number =>
  x.filterZeroPoints[x.filterZeroPoints.length > 1 ? c : 0] ?? 0;

/** Inputs of an accumulating node: input, filter, optional bias. */
export interface ConvInputs {
  readonly input: Value;
  readonly filter: Value;
  readonly bias: Value | null;
  /** Z_w per output channel (0 for TFLite's symmetric int8 weights). */
  readonly filterZeroPoints: Int32Array;
  readonly outputDtype: string;
}

/** FULLY_CONNECTED: out[b, c] over the input's last dimension. */
export function fullyConnected(node: ModelNode, x: ConvInputs, r: Requantization): KernelResult {
  const [outDepth = 0, depth = 0] = x.filter.shape;
  const batches = depth === 0 ? 0 : x.input.data.length / depth;
  if (!Number.isInteger(batches))
    refuseModel({
      kind: 'unsupportedForm',
      node: -1,
      op: node.op,
      detail: `input size ${x.input.data.length} by depth ${depth}`,
    });
  const acc = new Int32Array(batches * outDepth);
  const out = newArray(x.outputDtype, batches * outDepth);
  const input = x.input.data;
  const filter = x.filter.data;
  const zIn = r.inputZeroPoint;
  const kernels = simd();
  if (!kernels || !fullyConnectedSimd(kernels, batches, depth, outDepth, x, zIn, acc)) {
    for (let b = 0; b < batches; b++) {
      for (let c = 0; c < outDepth; c++) {
        const zW = filterZeroPoint(x, c);
        let sum = 0;
        for (let d = 0; d < depth; d++)
          sum = (sum + Math.imul((input[b * depth + d] as number) - zIn, (filter[c * depth + d] as number) - zW)) | 0;
        acc[b * outDepth + c] = sum;
      }
    }
  }
  for (let b = 0; b < batches; b++) {
    for (let c = 0; c < outDepth; c++) {
      const o = b * outDepth + c;
      const sum = x.bias ? ((acc[o] as number) + (x.bias.data[c] as number)) | 0 : (acc[o] as number);
      acc[o] = sum;
      out[o] = requantize(sum, r.multipliers.length > 1 ? c : 0, r);
    }
  }
  const keep = node.attributes.keep_num_dims === 1;
  const shape = keep ? [...x.input.shape.slice(0, -1), outDepth] : [batches, outDepth];
  return { outputs: [{ shape, dtype: x.outputDtype, data: out }], accumulators: acc };
}

/** Convolution geometry (ComputePaddingHeightWidth). */
export interface ConvGeometry {
  readonly batches: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly outH: number;
  readonly outW: number;
  readonly outC: number;
  readonly filterH: number;
  readonly filterW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly padTop: number;
  readonly padLeft: number;
}

function outSize(padding: number, input: number, filter: number, stride: number, dilation: number): number {
  const effective = (filter - 1) * dilation + 1;
  // Padding SAME = 0, VALID = 1.
  return padding === 0 ? Math.floor((input + stride - 1) / stride) : Math.floor((input + stride - effective) / stride);
}

function pad(stride: number, dilation: number, input: number, filter: number, out: number): number {
  const effective = (filter - 1) * dilation + 1;
  const total = Math.max((out - 1) * stride + effective - input, 0);
  return Math.floor(total / 2);
}

/** CONV_2D's or DEPTHWISE_CONV_2D's geometry from the shapes and options. */
export function convGeometry(node: ModelNode, input: Value, filter: Value): ConvGeometry {
  const a = node.attributes;
  const num = (k: string, d: number) => (typeof a[k] === 'number' ? a[k] : d);
  const [batches = 1, inH = 1, inW = 1, inC = 1] = input.shape;
  const depthwise = node.op === 'DEPTHWISE_CONV_2D';
  const [f0 = 1, filterH = 1, filterW = 1, f3 = 1] = filter.shape;
  const strideH = num('stride_h', 1);
  const strideW = num('stride_w', 1);
  const dilationH = num('dilation_h_factor', 1);
  const dilationW = num('dilation_w_factor', 1);
  const padding = num('padding', 0);
  const outH = outSize(padding, inH, filterH, strideH, dilationH);
  const outW = outSize(padding, inW, filterW, strideW, dilationW);
  return {
    batches,
    inH,
    inW,
    inC,
    outH,
    outW,
    outC: depthwise ? f3 : f0,
    filterH,
    filterW,
    strideH,
    strideW,
    dilationH,
    dilationW,
    padTop: pad(strideH, dilationH, inH, filterH, outH),
    padLeft: pad(strideW, dilationW, inW, filterW, outW),
  };
}

/** CONV_2D (ConvPerChannel, grouped when the filter's depth divides the input's). */
export function conv2d(node: ModelNode, x: ConvInputs, r: Requantization): KernelResult {
  const g = convGeometry(node, x.input, x.filter);
  const filterDepth = x.filter.shape[3] ?? 1;
  if (filterDepth <= 0 || g.inC % filterDepth !== 0)
    refuseModel({
      kind: 'unsupportedForm',
      node: -1,
      op: node.op,
      detail: `input depth ${g.inC} by filter depth ${filterDepth}`,
    });
  const perGroup = g.outC / (g.inC / filterDepth);
  const count = g.batches * g.outH * g.outW * g.outC;
  const acc = new Int32Array(count);
  const out = newArray(x.outputDtype, count);
  const input = x.input.data;
  const filter = x.filter.data;
  const zIn = r.inputZeroPoint;
  const kernels = filterDepth === g.inC ? simd() : null;
  if (!kernels || !convSimd(kernels, g, x, zIn, acc)) {
    let o = 0;
    for (let b = 0; b < g.batches; b++)
      for (let oy = 0; oy < g.outH; oy++)
        for (let ox = 0; ox < g.outW; ox++)
          for (let c = 0; c < g.outC; c++, o++) {
            const group = Math.floor(c / perGroup);
            const zW = filterZeroPoint(x, c);
            let sum = 0;
            for (let fy = 0; fy < g.filterH; fy++) {
              const iy = oy * g.strideH - g.padTop + g.dilationH * fy;
              if (iy < 0 || iy >= g.inH) continue;
              for (let fx = 0; fx < g.filterW; fx++) {
                const ix = ox * g.strideW - g.padLeft + g.dilationW * fx;
                if (ix < 0 || ix >= g.inW) continue;
                const inBase = ((b * g.inH + iy) * g.inW + ix) * g.inC + group * filterDepth;
                const fBase = ((c * g.filterH + fy) * g.filterW + fx) * filterDepth;
                for (let ic = 0; ic < filterDepth; ic++)
                  sum =
                    (sum + Math.imul((input[inBase + ic] as number) - zIn, (filter[fBase + ic] as number) - zW)) | 0;
              }
            }
            acc[o] = sum;
          }
  }
  for (let o = 0; o < count; o++) {
    const c = o % g.outC;
    const sum = x.bias ? ((acc[o] as number) + (x.bias.data[c] as number)) | 0 : (acc[o] as number);
    acc[o] = sum;
    out[o] = requantize(sum, r.multipliers.length > 1 ? c : 0, r);
  }
  return {
    outputs: [{ shape: [g.batches, g.outH, g.outW, g.outC], dtype: x.outputDtype, data: out }],
    accumulators: acc,
  };
}

/** DEPTHWISE_CONV_2D (DepthwiseConvPerChannel): output channel c = ic · depth_multiplier + m. */
export function depthwiseConv2d(node: ModelNode, x: ConvInputs, r: Requantization): KernelResult {
  const g = convGeometry(node, x.input, x.filter);
  const multiplier = g.inC === 0 ? 0 : g.outC / g.inC;
  if (!Number.isInteger(multiplier))
    refuseModel({
      kind: 'unsupportedForm',
      node: -1,
      op: node.op,
      detail: `output depth ${g.outC} by input depth ${g.inC}`,
    });
  const count = g.batches * g.outH * g.outW * g.outC;
  const acc = new Int32Array(count);
  const out = newArray(x.outputDtype, count);
  const input = x.input.data;
  const filter = x.filter.data;
  const zIn = r.inputZeroPoint;
  let o = 0;
  for (let b = 0; b < g.batches; b++)
    for (let oy = 0; oy < g.outH; oy++)
      for (let ox = 0; ox < g.outW; ox++)
        for (let c = 0; c < g.outC; c++, o++) {
          const ic = Math.floor(c / multiplier);
          const zW = filterZeroPoint(x, c);
          let sum = 0;
          for (let fy = 0; fy < g.filterH; fy++) {
            const iy = oy * g.strideH - g.padTop + g.dilationH * fy;
            if (iy < 0 || iy >= g.inH) continue;
            for (let fx = 0; fx < g.filterW; fx++) {
              const ix = ox * g.strideW - g.padLeft + g.dilationW * fx;
              if (ix < 0 || ix >= g.inW) continue;
              const q = input[((b * g.inH + iy) * g.inW + ix) * g.inC + ic] as number;
              const w = filter[(fy * g.filterW + fx) * g.outC + c] as number;
              sum = (sum + Math.imul(q - zIn, w - zW)) | 0;
            }
          }
          if (x.bias) sum = (sum + (x.bias.data[c] as number)) | 0;
          acc[o] = sum;
          out[o] = requantize(sum, r.multipliers.length > 1 ? c : 0, r);
        }
  return {
    outputs: [{ shape: [g.batches, g.outH, g.outW, g.outC], dtype: x.outputDtype, data: out }],
    accumulators: acc,
  };
}

/**
 * FULLY_CONNECTED's sums Σ (q_in − Z_in)(q_w − Z_w) by the WebAssembly kernel (engine/simd.ts):
 * the input rows and the weight rows packed as int16 less their zero points, the depth padded with
 * zeros to a multiple of 8. The same integers as the loop above in any order: int32 sums wrap alike.
 * False (nothing done) when the kernel's memory cannot hold them.
 */
function fullyConnectedSimd(
  kernels: Simd,
  batches: number,
  depth: number,
  outDepth: number,
  x: ConvInputs,
  zIn: number,
  acc: Int32Array,
): boolean {
  if (batches === 0 || outDepth === 0) return true;
  const input = x.input.data;
  const filter = x.filter.data;
  const result = dotProductsI16(
    kernels,
    batches,
    outDepth,
    depth,
    (b, i16, at) => {
      for (let d = 0; d < depth; d++) i16[at + d] = (input[b * depth + d] as number) - zIn;
    },
    (c, i16, at) => {
      const zW = filterZeroPoint(x, c);
      for (let d = 0; d < depth; d++) i16[at + d] = (filter[c * depth + d] as number) - zW;
    },
  );
  if (!result) return false;
  const { sums, stride } = result;
  for (let b = 0; b < batches; b++) acc.set(sums.subarray(b * stride, b * stride + outDepth), b * outDepth);
  return true;
}

/**
 * CONV_2D's sums (one group) by the WebAssembly kernel: the input packed as int16 less Z_in into an
 * image bordered with zeros wide enough for every tap of every output (a tap in the padding adds
 * 0, as the reference kernel's skipped taps do), the channels padded to a multiple of 8; the filter
 * as [fy][fx][out channel][in channel] less Z_w. Each output row and tap is then one call of the
 * kernel: output pixels × output channels over the input channels. False (nothing done) when the
 * kernel's memory cannot hold them.
 */
function convSimd(kernels: Simd, g: ConvGeometry, x: ConvInputs, zIn: number, acc: Int32Array): boolean {
  const cp = roundUp(g.inC, 8);
  const np = roundUp(g.outC, 4);
  const wp = roundUp(g.outW, 2);
  // The padded image covers input rows −padTop … (outH − 1)·strideH − padTop + dilationH·(filterH − 1), columns likewise for wp outputs.
  const imageH = Math.max((g.outH - 1) * g.strideH + g.dilationH * (g.filterH - 1) + 1, g.padTop + g.inH);
  const imageW = Math.max((wp - 1) * g.strideW + g.dilationW * (g.filterW - 1) + 1, g.padLeft + g.inW);
  const taps = g.filterH * g.filterW;
  const imageAt = 0;
  const filterAt = imageAt + g.batches * imageH * imageW * cp * 2;
  const outAt = filterAt + taps * np * cp * 2;
  const rowBytes = wp * np * 4;
  const heap = kernels.heap(outAt + g.batches * g.outH * rowBytes);
  if (!heap) return false;
  const { i16, i32 } = heap;
  i16.fill(0, 0, outAt / 2);
  i32.fill(0, outAt / 4, outAt / 4 + (g.batches * g.outH * rowBytes) / 4);
  const input = x.input.data;
  for (let b = 0; b < g.batches; b++)
    for (let iy = 0; iy < g.inH; iy++)
      for (let ix = 0; ix < g.inW; ix++) {
        const from = ((b * g.inH + iy) * g.inW + ix) * g.inC;
        const to = ((b * imageH + iy + g.padTop) * imageW + ix + g.padLeft) * cp;
        for (let ic = 0; ic < g.inC; ic++) i16[to + ic] = (input[from + ic] as number) - zIn;
      }
  const filter = x.filter.data;
  for (let c = 0; c < g.outC; c++) {
    const zW = filterZeroPoint(x, c);
    for (let t = 0; t < taps; t++) {
      const from = (c * taps + t) * g.inC;
      const to = filterAt / 2 + (t * np + c) * cp;
      for (let ic = 0; ic < g.inC; ic++) i16[to + ic] = (filter[from + ic] as number) - zW;
    }
  }
  const pixelBytes = cp * 2;
  for (let b = 0; b < g.batches; b++)
    for (let oy = 0; oy < g.outH; oy++) {
      const rowAt = outAt + (b * g.outH + oy) * rowBytes;
      for (let fy = 0; fy < g.filterH; fy++)
        for (let fx = 0; fx < g.filterW; fx++) {
          const pixel = (b * imageH + oy * g.strideH + fy * g.dilationH) * imageW + fx * g.dilationW;
          const tapAt = filterAt + (fy * g.filterW + fx) * np * pixelBytes;
          kernels.dotI16(
            imageAt + pixel * pixelBytes,
            g.strideW * pixelBytes,
            tapAt,
            pixelBytes,
            rowAt,
            np * 4,
            wp,
            np,
            cp,
          );
        }
      const o = (b * g.outH + oy) * g.outW * g.outC;
      for (let ox = 0; ox < g.outW; ox++) {
        const from = rowAt / 4 + ox * np;
        acc.set(i32.subarray(from, from + g.outC), o + ox * g.outC);
      }
    }
  return true;
}
