/**
 * The float reference product r3 = r1 · r2 as gemmlowp's example computes it: float32
 * multiply, float32 accumulate, j ascending, no fused multiply-add.
 */
import { refuse } from './errors.ts';
import { indices, plan, type ProductUpdate } from './incremental.ts';
import type { FloatMatrix, Matrix } from './matrix.ts';
import { roundUp, simd, type Simd } from './simd.ts';

/** Throws an EngineError unless lhs (M×N) and rhs (N×K) can be multiplied. */
export function assertMultipliable(lhs: Matrix, rhs: Matrix): void {
  if (lhs.cols !== rhs.rows) {
    refuse({ kind: 'depthMismatch', lhsRows: lhs.rows, lhsCols: lhs.cols, rhsRows: rhs.rows, rhsCols: rhs.cols });
  }
}

/**
 * lhs · rhs in float32, bit-exact with the C++ reference loop. With `update`, only the output
 * rows of the changed LHS rows (or columns of the changed RHS columns) are recomputed and the
 * rest copied from `update.previous`. Throws on mismatched depth.
 */
export function floatMatMul(lhs: FloatMatrix, rhs: FloatMatrix, update?: ProductUpdate<Float32Array>): FloatMatrix {
  assertMultipliable(lhs, rhs);
  const { rows, cols: depth } = lhs;
  const cols = rhs.cols;
  const a = lhs.data;
  const b = rhs.data;
  const { out, rowList, colList } = plan(rows, cols, () => new Float32Array(rows * cols), update);
  const kernels = simd();
  if (kernels && productSimd(kernels, lhs, rhs, rowList ?? indices(rows), colList ?? indices(cols), out))
    return { rows, cols, data: out };
  // RHS by column, so that the inner loop reads memory in order.
  const bT = new Float32Array(depth * cols);
  for (let j = 0; j < depth; j++) for (let k = 0; k < cols; k++) bT[k * depth + j] = b[j * cols + k] as number;
  const f = Math.fround;
  if (colList) {
    for (let i = 0; i < rows; i++) for (const k of colList) out[i * cols + k] = dot(a, i * depth, bT, k * depth, depth);
    return { rows, cols, data: out };
  }
  for (const i of rowList ?? indices(rows)) {
    const ro = i * depth;
    let k = 0;
    // Four output cells at once: four independent float32 chains, each still j-ascending, so the
    // CPU overlaps their latencies without changing a single rounding.
    for (; k + 3 < cols; k += 4) {
      const c0 = k * depth;
      const c1 = c0 + depth;
      const c2 = c1 + depth;
      const c3 = c2 + depth;
      let acc0 = 0;
      let acc1 = 0;
      let acc2 = 0;
      let acc3 = 0;
      for (let j = 0; j < depth; j++) {
        const l = a[ro + j] as number;
        acc0 = f(acc0 + f(l * (bT[c0 + j] as number)));
        acc1 = f(acc1 + f(l * (bT[c1 + j] as number)));
        acc2 = f(acc2 + f(l * (bT[c2 + j] as number)));
        acc3 = f(acc3 + f(l * (bT[c3 + j] as number)));
      }
      out[i * cols + k] = acc0;
      out[i * cols + k + 1] = acc1;
      out[i * cols + k + 2] = acc2;
      out[i * cols + k + 3] = acc3;
    }
    for (; k < cols; k++) out[i * cols + k] = dot(a, ro, bT, k * depth, depth);
  }
  return { rows, cols, data: out };
}

/** One float32 dot product, j ascending: acc = f32(acc + f32(a·b)). */
function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, n: number): number {
  const f = Math.fround;
  let acc = 0;
  for (let j = 0; j < n; j++) acc = f(acc + f((a[ao + j] as number) * (b[bo + j] as number)));
  return acc;
}

/**
 * The outputs (i, k) for i in `rowList`, k in `colList` by the WebAssembly kernel: the chosen LHS
 * rows and RHS columns copied into its memory (rows padded to a multiple of 4 and columns of 8 with
 * zeros, whose outputs are dropped), then written into `out` (rows × cols). False (nothing done)
 * when the kernel's memory cannot hold them.
 */
function productSimd(
  kernels: Simd,
  lhs: FloatMatrix,
  rhs: FloatMatrix,
  rowList: readonly number[],
  colList: readonly number[],
  out: Float32Array,
): boolean {
  const depth = lhs.cols;
  const cols = rhs.cols;
  const m = rowList.length;
  const n = colList.length;
  if (m === 0 || n === 0) return true;
  const mp = roundUp(m, 4);
  const np = roundUp(n, 8);
  const aAt = 0;
  const bAt = mp * depth * 4;
  const cAt = bAt + depth * np * 4;
  const heap = kernels.heap(cAt + mp * np * 4);
  if (!heap) return false;
  const { f32 } = heap;
  const a = lhs.data;
  for (let r = 0; r < m; r++) {
    const i = rowList[r] as number;
    f32.set(a.subarray(i * depth, (i + 1) * depth), r * depth);
  }
  f32.fill(0, m * depth, mp * depth);
  const b = rhs.data;
  const b0 = bAt / 4;
  if (n === cols && np === cols) f32.set(b, b0);
  else {
    f32.fill(0, b0, b0 + depth * np);
    for (let j = 0; j < depth; j++) {
      const from = j * cols;
      const to = b0 + j * np;
      for (let t = 0; t < n; t++) f32[to + t] = b[from + (colList[t] as number)] as number;
    }
  }
  kernels.matmulF32(aAt, bAt, cAt, mp, depth, np);
  const c0 = cAt / 4;
  for (let r = 0; r < m; r++) {
    const o = (rowList[r] as number) * cols;
    const from = c0 + r * np;
    if (n === cols) out.set(f32.subarray(from, from + n), o);
    else for (let t = 0; t < n; t++) out[o + (colList[t] as number)] = f32[from + t] as number;
  }
  return true;
}
