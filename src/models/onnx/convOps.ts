/**
 * ConvInteger and QLinearConv (NCHW, 1-D or 2-D, group, pads, strides, dilations, auto_pad):
 *   acc[n,m,y,x] = B[m] + Σ_{c,i,j} (x[n,c,y·s+i·d−p, x·s+j·d−p] − x_zero_point)(w[m,c,i,j] − w_zero_point[m])
 * (taps in the padding contribute 0), and for QLinearConv
 *   y = saturate(round_half_even(acc · M[m] + y_zero_point)),  M[m] = x_scale · w_scale[m] / y_scale (float32).
 */
import { roundHalfToEven } from '../../engine/index.ts';
import type { ModelNode } from '../types.ts';
import { INT_RANGES } from './dtypes.ts';
import { arrayFor, input, intAttr, intsAttr, unsupported, type Kernel, type Value } from './kernel.ts';
import { refuseCodes } from './matmulOps.ts';

interface Conv {
  readonly acc: Int32Array;
  readonly shape: number[];
  readonly channels: number;
}

/** One value per output channel (a single value broadcast). */
export function perChannel(node: ModelNode, index: number, v: Value | null, m: number, what: string): Float64Array {
  const out = new Float64Array(m);
  if (!v) return out;
  if (v.data.length === 1) return out.fill(v.data[0] ?? 0);
  if (v.data.length !== m || v.shape.length !== 1) unsupported(node, index, `${what}:shape`);
  for (let c = 0; c < m; c++) out[c] = v.data[c] ?? 0;
  return out;
}

/** A convolution's geometry as the attributes give it (1-D as 2-D with height 1). */
export interface OnnxConvGeometry {
  readonly spatial: 1 | 2;
  readonly batch: number;
  readonly cin: number;
  readonly ih: number;
  readonly iw: number;
  /** Output channels, input channels per group, kernel size. */
  readonly m: number;
  readonly cg: number;
  readonly kh: number;
  readonly kw: number;
  readonly group: number;
  readonly sh: number;
  readonly sw: number;
  readonly dh: number;
  readonly dw: number;
  /** Padding at the start of each spatial axis. */
  readonly ph: number;
  readonly pw: number;
  readonly oh: number;
  readonly ow: number;
}

/** The geometry of a ConvInteger or QLinearConv: group, pads or auto_pad, strides, dilations. */
export function onnxConvGeometry(node: ModelNode, index: number, x: Value, w: Value): OnnxConvGeometry {
  const spatial = x.shape.length - 2;
  if ((spatial !== 1 && spatial !== 2) || w.shape.length !== x.shape.length) unsupported(node, index, 'rank');
  const two = (v: readonly number[], fill: number) => (spatial === 1 ? [fill, ...v] : [...v]);
  const [batch = 0, cin = 0, ...inSize] = x.shape;
  const [m = 0, cg = 0, ...kSize] = w.shape;
  const [ih = 1, iw = 1] = two(inSize, 1);
  const [kh = 1, kw = 1] = two(kSize, 1);
  const group = intAttr(node, 'group', 1);
  if (group < 1 || cin !== cg * group || m % group !== 0) unsupported(node, index, 'group');
  const kernelShape = intsAttr(node, 'kernel_shape');
  if (kernelShape && kernelShape.join() !== kSize.join()) unsupported(node, index, 'kernelShape');
  const [sh = 1, sw = 1] = two(intsAttr(node, 'strides') ?? Array<number>(spatial).fill(1), 1);
  const [dh = 1, dw = 1] = two(intsAttr(node, 'dilations') ?? Array<number>(spatial).fill(1), 1);
  if (sh < 1 || sw < 1 || dh < 1 || dw < 1) unsupported(node, index, 'stridesOrDilations');
  const ekh = (kh - 1) * dh + 1;
  const ekw = (kw - 1) * dw + 1;
  const autoPad = node.attributes.auto_pad ?? 'NOTSET';
  let [ph, pw, phEnd, pwEnd] = [0, 0, 0, 0];
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    const same = (size: number, s: number, k: number) => {
      const needed = Math.max(0, (Math.ceil(size / s) - 1) * s + k - size);
      const head = autoPad === 'SAME_LOWER' ? Math.ceil(needed / 2) : Math.floor(needed / 2);
      return [head, needed - head] as const;
    };
    [ph, phEnd] = same(ih, sh, ekh);
    [pw, pwEnd] = same(iw, sw, ekw);
  } else if (autoPad === 'NOTSET') {
    const pads = intsAttr(node, 'pads') ?? Array<number>(2 * spatial).fill(0);
    [ph = 0, pw = 0, phEnd = 0, pwEnd = 0] =
      spatial === 1 ? [0, pads[0] ?? 0, 0, pads[1] ?? 0] : [pads[0], pads[1], pads[2], pads[3]];
  } else if (autoPad !== 'VALID') {
    unsupported(node, index, 'autoPad');
  }
  if ([ph, pw, phEnd, pwEnd].some((p) => p < 0)) unsupported(node, index, 'pads');
  const oh = Math.floor((ih + ph + phEnd - ekh) / sh) + 1;
  const ow = Math.floor((iw + pw + pwEnd - ekw) / sw) + 1;
  if (oh < 1 || ow < 1) unsupported(node, index, 'outputSize');
  return { spatial, batch, cin, ih, iw, m, cg, kh, kw, group, sh, sw, dh, dw, ph, pw, oh, ow };
}

/** The integer convolution's accumulators: bias + Σ (x − zx)(w − zw[m]). */
export function integerConv(
  node: ModelNode,
  index: number,
  x: Value,
  w: Value,
  xZero: Value | null,
  wZero: Value | null,
  bias: Value | null,
): Conv {
  const { spatial, batch, cin, ih, iw, m, cg, kh, kw, group, sh, sw, dh, dw, ph, pw, oh, ow } = onnxConvGeometry(
    node,
    index,
    x,
    w,
  );
  if (xZero && xZero.data.length !== 1) unsupported(node, index, 'x_zero_point:perAxis');
  const zx = xZero?.data[0] ?? 0;
  const zw = perChannel(node, index, wZero, m, 'w_zero_point');
  const b = bias ? perChannel(node, index, bias, m, 'B') : new Float64Array(m);
  const acc = new Int32Array(batch * m * oh * ow);
  const mg = m / group;
  for (let n = 0; n < batch; n++) {
    for (let oc = 0; oc < m; oc++) {
      const g = Math.floor(oc / mg);
      const z = zw[oc] ?? 0;
      for (let y = 0; y < oh; y++) {
        for (let xo = 0; xo < ow; xo++) {
          let sum = b[oc] ?? 0;
          for (let c = 0; c < cg; c++) {
            const xBase = (n * cin + g * cg + c) * ih;
            const wBase = (oc * cg + c) * kh;
            for (let i = 0; i < kh; i++) {
              const yy = y * sh - ph + i * dh;
              if (yy < 0 || yy >= ih) continue;
              for (let j = 0; j < kw; j++) {
                const xx = xo * sw - pw + j * dw;
                if (xx < 0 || xx >= iw) continue;
                const xv = (x.data[(xBase + yy) * iw + xx] ?? 0) - zx;
                const wv = (w.data[(wBase + i) * kw + j] ?? 0) - z;
                sum = (sum + Math.imul(xv, wv)) | 0;
              }
            }
          }
          acc[((n * m + oc) * oh + y) * ow + xo] = sum;
        }
      }
    }
  }
  const shape = spatial === 1 ? [batch, m, ow] : [batch, m, oh, ow];
  return { acc, shape, channels: m };
}

/**
 * Refuses the QLinearConv forms the kernel does not run: scales other than float32, x_scale or
 * y_scale per axis, y_zero_point per axis, a bias other than int32.
 */
export function refuseQLinearConvForm(
  node: ModelNode,
  index: number,
  scales: readonly Value[],
  yZero: Value | null,
  bias: Value | null,
): void {
  if (scales.some((s) => s.dtype !== 'float32')) unsupported(node, index, 'scaleDtype');
  if (bias && bias.dtype !== 'int32') unsupported(node, index, `biasDtype:${bias.dtype}`);
  if (scales[0]?.data.length !== 1 || scales[2]?.data.length !== 1) unsupported(node, index, 'scale:perAxis');
  if (yZero && yZero.data.length !== 1) unsupported(node, index, 'y_zero_point:perAxis');
}

export const convInteger: Kernel = (node, inputs, index) => {
  const x = input(inputs, 0, index);
  const w = input(inputs, 1, index);
  refuseCodes(node, index, x, w);
  const { acc, shape } = integerConv(node, index, x, w, inputs[2] ?? null, inputs[3] ?? null, null);
  return { outputs: [{ shape, data: acc, dtype: 'int32' }], accumulators: acc };
};

export const qlinearConv: Kernel = (node, inputs, index) => {
  const x = input(inputs, 0, index);
  const xScale = input(inputs, 1, index);
  const w = input(inputs, 3, index);
  const wScale = input(inputs, 4, index);
  const yScale = input(inputs, 6, index);
  const yZero = inputs[7] ?? null;
  const bias = inputs[8] ?? null;
  refuseCodes(node, index, x, w);
  refuseQLinearConvForm(node, index, [xScale, wScale, yScale], yZero, bias);
  const { acc, shape, channels } = integerConv(node, index, x, w, inputs[2] ?? null, inputs[5] ?? null, bias);
  const f = Math.fround;
  const xs = xScale.data[0] ?? NaN;
  const ys = yScale.data[0] ?? NaN;
  const multipliers = Array.from(perChannel(node, index, wScale, channels, 'w_scale'), (ws) => f(f(xs * ws) / ys));
  const dtype = yZero?.dtype ?? x.dtype;
  const [qmin, qmax] = INT_RANGES[dtype] ?? unsupported(node, index, `outputDtype:${dtype}`);
  const zy = yZero?.data[0] ?? 0;
  const plane = acc.length / Math.max(1, (shape[0] ?? 1) * channels);
  const y = arrayFor(dtype, acc.length);
  for (let i = 0; i < acc.length; i++) {
    const m = multipliers[Math.floor(i / plane) % channels] ?? NaN;
    y[i] = Math.min(Math.max(roundHalfToEven((acc[i] ?? 0) * m + zy), qmin), qmax);
  }
  return { outputs: [{ shape, data: y, dtype }], accumulators: acc };
};
