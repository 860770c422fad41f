/**
 * Float MatMul and Conv, so that a QDQ model (DequantizeLinear → MatMul / Conv → QuantizeLinear)
 * runs as written: each output is the exact sum in double (products of float32 values are exact
 * in double; the sum is rounded once per term) then rounded to float32. Runtimes accumulate in
 * float32 in an order of their own, so their float path can differ from this in the last bits.
 */
import { onnxConvGeometry, perChannel } from './convOps.ts';
import { input, sizeOf, unsupported, type Kernel } from './kernel.ts';

const FLOAT = new Set(['float32']);

export const floatMatMul: Kernel = (node, inputs, index) => {
  const a = input(inputs, 0, index);
  const b = input(inputs, 1, index);
  if (!FLOAT.has(a.dtype) || !FLOAT.has(b.dtype)) unsupported(node, index, `dtype:${a.dtype}/${b.dtype}`);
  if (a.shape.length < 2 || b.shape.length !== 2) unsupported(node, index, 'rank');
  const [m = 0, k = 0] = a.shape.slice(-2);
  const [k2 = 0, n = 0] = b.shape;
  if (k !== k2) unsupported(node, index, 'innerDimension');
  const batches = sizeOf(a.shape.slice(0, -2));
  const y = new Float32Array(batches * m * n);
  for (let t = 0; t < batches * m; t++)
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += (a.data[t * k + p] ?? 0) * (b.data[p * n + j] ?? 0);
      y[t * n + j] = sum;
    }
  return { outputs: [{ shape: [...a.shape.slice(0, -2), m, n], dtype: 'float32', data: y }], accumulators: null };
};

export const floatConv: Kernel = (node, inputs, index) => {
  const x = input(inputs, 0, index);
  const w = input(inputs, 1, index);
  const bias = inputs[2] ?? null;
  if (!FLOAT.has(x.dtype) || !FLOAT.has(w.dtype)) unsupported(node, index, `dtype:${x.dtype}/${w.dtype}`);
  const g = onnxConvGeometry(node, index, x, w);
  const b = bias ? perChannel(node, index, bias, g.m, 'B') : new Float64Array(g.m);
  const y = new Float32Array(g.batch * g.m * g.oh * g.ow);
  const mg = g.m / g.group;
  for (let n = 0; n < g.batch; n++)
    for (let oc = 0; oc < g.m; oc++) {
      const group = Math.floor(oc / mg);
      for (let oy = 0; oy < g.oh; oy++)
        for (let ox = 0; ox < g.ow; ox++) {
          let sum = b[oc] ?? 0;
          for (let c = 0; c < g.cg; c++)
            for (let i = 0; i < g.kh; i++) {
              const yy = oy * g.sh - g.ph + i * g.dh;
              if (yy < 0 || yy >= g.ih) continue;
              for (let j = 0; j < g.kw; j++) {
                const xx = ox * g.sw - g.pw + j * g.dw;
                if (xx < 0 || xx >= g.iw) continue;
                sum +=
                  (x.data[((n * g.cin + group * g.cg + c) * g.ih + yy) * g.iw + xx] ?? 0) *
                  (w.data[((oc * g.cg + c) * g.kh + i) * g.kw + j] ?? 0);
              }
            }
          y[((n * g.m + oc) * g.oh + oy) * g.ow + ox] = sum;
        }
    }
  const shape = g.spatial === 1 ? [g.batch, g.m, g.ow] : [g.batch, g.m, g.oh, g.ow];
  return { outputs: [{ shape, dtype: 'float32', data: y }], accumulators: null };
};
