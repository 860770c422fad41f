/**
 * The int32 accumulation of the integer-only product (paper eq. 4, the sum of eq. 7):
 *
 *     acc[i,k] = Σj (q1[i,j] − Z1) · (q2[j,k] − Z2)
 *
 * The codes are 8-bit (uint8 or int8), so |q − Z| ≤ 255 on both sides, and a depth up to 33025
 * cannot overflow int32.
 */
import { refuse } from './errors.ts';
import { assertMultipliable } from './floatMatMul.ts';
import { INT32_MAX, INT32_MIN } from './fixedPoint.ts';
import { indices, plan, type ProductUpdate } from './incremental.ts';
import type { EightBitCodes } from './codes.ts';
import type { Matrix } from './matrix.ts';
import { dotProductsI16, simd, type Simd } from './simd.ts';

/** Depth up to which Σ (q1 − Z1)(q2 − Z2) provably fits in an int32 for 8-bit operands. */
export const SAFE_UINT8_DEPTH = Math.floor(INT32_MAX / (255 * 255));

/** Σ a[ao + j] · b[bo + j] for j < n in int32 arithmetic (caller guarantees no overflow). */
function dotInt32(a: Int16Array, ao: number, b: Int16Array, bo: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    s0 = (s0 + Math.imul(a[ao + j] as number, b[bo + j] as number)) | 0;
    s1 = (s1 + Math.imul(a[ao + j + 1] as number, b[bo + j + 1] as number)) | 0;
    s2 = (s2 + Math.imul(a[ao + j + 2] as number, b[bo + j + 2] as number)) | 0;
    s3 = (s3 + Math.imul(a[ao + j + 3] as number, b[bo + j + 3] as number)) | 0;
  }
  for (; j < n; j++) s0 = (s0 + Math.imul(a[ao + j] as number, b[bo + j] as number)) | 0;
  return (s0 + s1 + s2 + s3) | 0;
}

/**
 * Four dot products at once, of one LHS row with four consecutive RHS columns (laid out by
 * column, `n` apart): each LHS entry is loaded once for four multiply-adds. int32 arithmetic.
 */
function dot4Int32(a: Int16Array, ao: number, b: Int16Array, bo: number, n: number, out: Int32Array, oo: number): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const b1 = bo + n;
  const b2 = b1 + n;
  const b3 = b2 + n;
  for (let j = 0; j < n; j++) {
    const x = a[ao + j] as number;
    s0 = (s0 + Math.imul(x, b[bo + j] as number)) | 0;
    s1 = (s1 + Math.imul(x, b[b1 + j] as number)) | 0;
    s2 = (s2 + Math.imul(x, b[b2 + j] as number)) | 0;
    s3 = (s3 + Math.imul(x, b[b3 + j] as number)) | 0;
  }
  out[oo] = s0;
  out[oo + 1] = s1;
  out[oo + 2] = s2;
  out[oo + 3] = s3;
}

/** The same sum, exact in doubles, for depths where int32 could overflow. */
function dotExact(a: Int16Array, ao: number, b: Int16Array, bo: number, n: number): number {
  let s = 0;
  for (let j = 0; j < n; j++) s += (a[ao + j] as number) * (b[bo + j] as number);
  return s;
}

/** A zero point for the whole matrix, or one per LHS row / per RHS column. */
export type ZeroPoints = number | ArrayLike<number>;

/** The zero point of index t (a row of the LHS, a column of the RHS). */
const zeroAt = (z: ZeroPoints, t: number): number => (typeof z === 'number' ? z : (z[t] as number));

/**
 * int32 accumulators of (lhs − lhsZero) · (rhs − rhsZero), with one zero point per matrix or one
 * per LHS row and per RHS column (the per-channel zero points that factor out of the sum). Up to
 * depth 33025 the sums provably fit and are computed in int32; beyond, they are computed exactly in
 * doubles and a sum that leaves the int32 range throws instead of wrapping as the C++ would. With
 * `update`, only the outputs of the changed LHS rows / RHS columns are recomputed. Throws on
 * mismatched depth.
 */
export function integerMatMul(
  lhs: Matrix<EightBitCodes>,
  lhsZeroPoint: ZeroPoints,
  rhs: Matrix<EightBitCodes>,
  rhsZeroPoint: ZeroPoints,
  update?: ProductUpdate<Int32Array>,
): Matrix<Int32Array> {
  assertMultipliable(lhs, rhs);
  const { rows, cols: depth } = lhs;
  const cols = rhs.cols;
  const kernels = depth <= SAFE_UINT8_DEPTH ? simd() : null;
  if (kernels) {
    const { out, rowList, colList } = plan(rows, cols, () => new Int32Array(rows * cols), update);
    const rowsToDo = rowList ?? indices(rows);
    const colsToDo = colList ?? indices(cols);
    if (productSimd(kernels, lhs, lhsZeroPoint, rhs, rhsZeroPoint, rowsToDo, colsToDo, out))
      return { rows, cols, data: out };
  }
  // Subtract the zero points once (|q − Z| ≤ 255 fits int16), and lay the RHS out by column so
  // that the inner loop reads both operands in order.
  const a = new Int16Array(rows * depth);
  for (let i = 0; i < rows; i++) {
    const z = zeroAt(lhsZeroPoint, i);
    for (let j = 0; j < depth; j++) a[i * depth + j] = (lhs.data[i * depth + j] as number) - z;
  }
  const bT = new Int16Array(depth * cols);
  const zs = Int32Array.from({ length: cols }, (_, k) => zeroAt(rhsZeroPoint, k));
  for (let j = 0; j < depth; j++) {
    for (let k = 0; k < cols; k++) bT[k * depth + j] = (rhs.data[j * cols + k] as number) - (zs[k] as number);
  }
  const dot = depth <= SAFE_UINT8_DEPTH ? dotInt32 : dotExact;
  const { out, rowList, colList } = plan(rows, cols, () => new Int32Array(rows * cols), update);
  const rowsToDo = rowList ?? indices(rows);
  if (colList === null && depth <= SAFE_UINT8_DEPTH) {
    // Whole rows, no possible overflow: the 1×4 kernel, then the remaining columns one by one.
    for (const i of rowsToDo) {
      let k = 0;
      for (; k + 3 < cols; k += 4) dot4Int32(a, i * depth, bT, k * depth, depth, out, i * cols + k);
      for (; k < cols; k++) out[i * cols + k] = dotInt32(a, i * depth, bT, k * depth, depth);
    }
    return { rows, cols, data: out };
  }
  const colsToDo = colList ?? indices(cols);
  for (const i of rowsToDo) {
    for (const k of colsToDo) {
      const acc = dot(a, i * depth, bT, k * depth, depth);
      if (acc < INT32_MIN || acc > INT32_MAX) {
        refuse({ kind: 'accumulatorOverflow', row: i, col: k, value: acc, depth, safeDepth: SAFE_UINT8_DEPTH });
      }
      out[i * cols + k] = acc;
    }
  }
  return { rows, cols, data: out };
}

/**
 * The outputs (i, k) for i in `rowList`, k in `colList` by the WebAssembly kernel (depth within
 * SAFE_UINT8_DEPTH): the chosen LHS rows and RHS columns packed as int16 less their zero points,
 * then written into `out` (rows × cols). False (nothing done) when the kernel's memory cannot hold them.
 */
function productSimd(
  kernels: Simd,
  lhs: Matrix<EightBitCodes>,
  lhsZeroPoint: ZeroPoints,
  rhs: Matrix<EightBitCodes>,
  rhsZeroPoint: ZeroPoints,
  rowList: readonly number[],
  colList: readonly number[],
  out: Int32Array,
): boolean {
  const depth = lhs.cols;
  const cols = rhs.cols;
  const m = rowList.length;
  const n = colList.length;
  if (m === 0 || n === 0) return true;
  const result = dotProductsI16(
    kernels,
    m,
    n,
    depth,
    (r, i16, at) => {
      const i = rowList[r] as number;
      const z = zeroAt(lhsZeroPoint, i);
      for (let j = 0; j < depth; j++) i16[at + j] = (lhs.data[i * depth + j] as number) - z;
    },
    (t, i16, at) => {
      const k = colList[t] as number;
      const z = zeroAt(rhsZeroPoint, k);
      for (let j = 0; j < depth; j++) i16[at + j] = (rhs.data[j * cols + k] as number) - z;
    },
  );
  if (!result) return false;
  const { sums, stride } = result;
  for (let r = 0; r < m; r++) {
    const o = (rowList[r] as number) * cols;
    for (let t = 0; t < n; t++) out[o + (colList[t] as number)] = sums[r * stride + t] as number;
  }
  return true;
}
