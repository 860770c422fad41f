/**
 * MatMulInteger and QLinearMatMul (numpy matmul broadcasting over leading dims):
 *   C[i,j] = Σ_k (a[i,k] − a_zero_point)(b[k,j] − b_zero_point[j])           (int32, wrapping)
 *   y[i,j] = saturate(round_half_even(C[i,j] · M[j] + y_zero_point)),  M[j] = a_scale · b_scale[j] / y_scale
 * with M in the scales' float type (float32 or float16, as the reference's numpy does) and C · M in
 * float64.
 */
import { INT_RANGES, roundToFloat } from './dtypes.ts';
import { roundHalfToEven } from '../../engine/index.ts';
import type { ModelNode } from '../types.ts';
import { arrayFor, input, sizeOf, unsupported, type Kernel, type Value } from './kernel.ts';

const QUANTIZED = new Set(['uint8', 'int8']);

/** Refuses integer inputs other than uint8 / int8 (the four integer matmuls and convolutions share this). */
export function refuseCodes(node: ModelNode, index: number, a: Value, b: Value): void {
  if (!QUANTIZED.has(a.dtype) || !QUANTIZED.has(b.dtype)) unsupported(node, index, `dtype:${a.dtype}/${b.dtype}`);
}

/** QLinearMatMul's scales' float type (all float32 or all float16), refusing any other mix. */
export function matMulScaleType(node: ModelNode, index: number, scales: readonly Value[]): 'float32' | 'float16' {
  const sType = scales[0]?.dtype;
  if ((sType !== 'float32' && sType !== 'float16') || scales.some((s) => s.dtype !== sType))
    unsupported(node, index, `scaleDtype:${sType}`);
  return sType;
}

/** One value of a per-tensor parameter (absent: 0), refusing more than one element. */
export function scalar(node: ModelNode, index: number, v: Value | null, what: string): number {
  if (!v) return 0;
  if (v.data.length !== 1) unsupported(node, index, `${what}:perAxis`);
  return v.data[0] ?? 0;
}

/** One value per column j < n (a single value broadcast), refusing other shapes. */
export function perColumn(node: ModelNode, index: number, v: Value | null, n: number, what: string): Float64Array {
  const out = new Float64Array(n);
  if (!v) return out;
  if (v.data.length === 1) return out.fill(v.data[0] ?? 0);
  if (v.data.length !== n || (v.shape.at(-1) ?? 0) !== n) unsupported(node, index, `${what}:shape`);
  for (let j = 0; j < n; j++) out[j] = v.data[j] ?? 0;
  return out;
}

/** A matmul's shapes: [batch…, m, k] · [batch…, k, n], the batch dimensions padded with 1s to one rank and broadcast. */
export interface MatMulGeometry {
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly rank: number;
  /** a's and b's batch dimensions padded to `rank`, and the broadcast batch. */
  readonly pa: readonly number[];
  readonly pb: readonly number[];
  readonly batch: readonly number[];
}

/** numpy.matmul's shapes for a and b, refusing rank < 2, a k mismatch, or batches that do not broadcast. */
export function matMulGeometry(node: ModelNode, index: number, a: Value, b: Value): MatMulGeometry {
  if (a.shape.length < 2 || b.shape.length < 2) unsupported(node, index, 'rank');
  const [m = 0, k = 0] = a.shape.slice(-2);
  const [k2 = 0, n = 0] = b.shape.slice(-2);
  if (k !== k2) unsupported(node, index, 'innerDimension');
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  const rank = Math.max(aBatch.length, bBatch.length);
  const pad = (s: readonly number[]) => [...Array<number>(rank - s.length).fill(1), ...s];
  const [pa, pb] = [pad(aBatch), pad(bBatch)];
  const batch = pa.map((d, i) => {
    const e = pb[i] ?? 1;
    if (d !== e && d !== 1 && e !== 1) unsupported(node, index, 'batchBroadcast');
    return Math.max(d, e);
  });
  return { m, k, n, rank, pa, pb, batch };
}

/**
 * C = (a − za)(b − zb) over broadcast batches, in int32 with wrap-around: the accumulators and the
 * output shape.
 */
export function integerMatMul(
  node: ModelNode,
  index: number,
  a: Value,
  b: Value,
  aZero: number,
  bZero: (n: number) => Float64Array,
): { acc: Int32Array; shape: number[]; n: number } {
  const { m, k, n, rank, pa, pb, batch } = matMulGeometry(node, index, a, b);
  const zb = bZero(n);
  const batches = sizeOf(batch);
  const acc = new Int32Array(batches * m * n);
  const offsetIn = (padded: readonly number[], flat: number) => {
    let rest = flat;
    let offset = 0;
    let stride = 1;
    for (let d = rank - 1; d >= 0; d--) {
      const size = batch[d] ?? 1;
      const coord = rest % size;
      rest = Math.floor(rest / size);
      if ((padded[d] ?? 1) !== 1) offset += coord * stride;
      stride *= padded[d] ?? 1;
    }
    return offset;
  };
  for (let t = 0; t < batches; t++) {
    const aOff = offsetIn(pa, t) * m * k;
    const bOff = offsetIn(pb, t) * k * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        const z = zb[j] ?? 0;
        for (let p = 0; p < k; p++) {
          const av = (a.data[aOff + i * k + p] ?? 0) - aZero;
          const bv = (b.data[bOff + p * n + j] ?? 0) - z;
          sum = (sum + Math.imul(av, bv)) | 0;
        }
        acc[(t * m + i) * n + j] = sum;
      }
    }
  }
  return { acc, shape: [...batch, m, n], n };
}

export const matMulInteger: Kernel = (node, inputs, index) => {
  const a = input(inputs, 0, index);
  const b = input(inputs, 1, index);
  refuseCodes(node, index, a, b);
  const aZero = scalar(node, index, inputs[2] ?? null, 'a_zero_point');
  const { acc, shape } = integerMatMul(node, index, a, b, aZero, (n) =>
    perColumn(node, index, inputs[3] ?? null, n, 'b_zero_point'),
  );
  return { outputs: [{ shape, data: acc, dtype: 'int32' }], accumulators: acc };
};

export const qlinearMatMul: Kernel = (node, inputs, index) => {
  const a = input(inputs, 0, index);
  const aScale = input(inputs, 1, index);
  const b = input(inputs, 3, index);
  const bScale = input(inputs, 4, index);
  const yScale = input(inputs, 6, index);
  const yZero = inputs[7] ?? null;
  refuseCodes(node, index, a, b);
  const sType = matMulScaleType(node, index, [aScale, bScale, yScale]);
  const aZero = scalar(node, index, inputs[2] ?? null, 'a_zero_point');
  const { acc, shape, n } = integerMatMul(node, index, a, b, aZero, (cols) =>
    perColumn(node, index, inputs[5] ?? null, cols, 'b_zero_point'),
  );
  const as = scalar(node, index, aScale, 'a_scale');
  const ys = scalar(node, index, yScale, 'y_scale');
  const multipliers = Array.from(perColumn(node, index, bScale, n, 'b_scale'), (bs) =>
    roundToFloat(sType, roundToFloat(sType, as * bs) / ys),
  );
  const dtype = yZero?.dtype ?? a.dtype;
  const [qmin, qmax] = INT_RANGES[dtype] ?? unsupported(node, index, `outputDtype:${dtype}`);
  const zy = scalar(node, index, yZero, 'y_zero_point');
  const y = arrayFor(dtype, acc.length);
  for (let i = 0; i < acc.length; i++) {
    const r = roundHalfToEven((acc[i] ?? 0) * (multipliers[i % n] ?? NaN) + zy);
    y[i] = Math.min(Math.max(r, qmin), qmax);
  }
  return { outputs: [{ shape, data: y, dtype }], accumulators: acc };
};
