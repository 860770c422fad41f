/**
 * The int32 accumulation of the integer-only product (paper eq. 4, the sum of eq. 7):
 *
 *     acc[i,k] = Σj (q1[i,j] − Z1) · (q2[j,k] − Z2)
 *
 * With |q − Z| ≤ 255 on both sides, a depth up to 33025 cannot overflow int32.
 */
import { assertMultipliable } from './floatMatMul.ts';
import { INT32_MAX, INT32_MIN } from './fixedPoint.ts';
import type { Matrix } from './matrix.ts';

/** Depth up to which Σ (q1 − Z1)(q2 − Z2) provably fits in an int32 for uint8 operands. */
export const SAFE_UINT8_DEPTH = Math.floor(INT32_MAX / (255 * 255));

/**
 * int32 accumulators of (lhs − lhsZero) · (rhs − rhsZero). Sums are exact in doubles; a sum that
 * leaves the int32 range (possible only for depth > 33025) throws instead of wrapping as the C++
 * would. Throws on mismatched depth.
 */
export function integerMatMul(
  lhs: Matrix<Uint8Array>,
  lhsZeroPoint: number,
  rhs: Matrix<Uint8Array>,
  rhsZeroPoint: number,
): Matrix<Int32Array> {
  assertMultipliable(lhs, rhs);
  const { rows, cols: depth } = lhs;
  const cols = rhs.cols;
  // Subtract the zero points once, and lay the RHS out by column so the inner loop is contiguous.
  const a = new Int32Array(rows * depth);
  for (let t = 0; t < a.length; t++) a[t] = (lhs.data[t] as number) - lhsZeroPoint;
  const bT = new Int32Array(depth * cols);
  for (let j = 0; j < depth; j++) {
    for (let k = 0; k < cols; k++) bT[k * depth + j] = (rhs.data[j * cols + k] as number) - rhsZeroPoint;
  }
  const out = new Int32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const rowStart = i * depth;
    for (let k = 0; k < cols; k++) {
      const colStart = k * depth;
      let acc = 0;
      for (let j = 0; j < depth; j++) acc += (a[rowStart + j] as number) * (bT[colStart + j] as number);
      if (acc < INT32_MIN || acc > INT32_MAX) {
        throw new Error(
          `The int32 accumulator of output (${i + 1}, ${k + 1}) overflows (${acc}); depth ${depth} exceeds the safe ${SAFE_UINT8_DEPTH}.`,
        );
      }
      out[i * cols + k] = acc;
    }
  }
  return { rows, cols, data: out };
}
