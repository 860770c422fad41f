/**
 * The float reference product r3 = r1 · r2 as gemmlowp's example computes it: float32
 * multiply, float32 accumulate, j ascending, no fused multiply-add.
 */
import { refuse } from './errors.ts';
import { plan, type ProductUpdate } from './incremental.ts';
import type { FloatMatrix, Matrix } from './matrix.ts';

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
  // RHS by column, so that the inner loop reads memory in order.
  const bT = new Float32Array(depth * cols);
  for (let j = 0; j < depth; j++) for (let k = 0; k < cols; k++) bT[k * depth + j] = b[j * cols + k] as number;
  const f = Math.fround;
  if (colList) {
    for (let i = 0; i < rows; i++) for (const k of colList) out[i * cols + k] = dot(a, i * depth, bT, k * depth, depth);
    return { rows, cols, data: out };
  }
  for (const i of rowList ?? range(rows)) {
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

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
