/**
 * The float reference product r3 = r1 · r2 as gemmlowp's example computes it: float32
 * multiply, float32 accumulate, j ascending, no fused multiply-add.
 */
import type { FloatMatrix, Matrix } from './matrix.ts';

/** Throws a readable Error unless lhs (M×N) and rhs (N×K) can be multiplied. */
export function assertMultipliable(lhs: Matrix, rhs: Matrix): void {
  if (lhs.cols !== rhs.rows) {
    throw new Error(
      `Cannot multiply a ${lhs.rows}×${lhs.cols} LHS by a ${rhs.rows}×${rhs.cols} RHS: the LHS has ${lhs.cols} columns but the RHS has ${rhs.rows} rows.`,
    );
  }
}

/** lhs · rhs in float32, bit-exact with the C++ reference loop. Throws on mismatched depth. */
export function floatMatMul(lhs: FloatMatrix, rhs: FloatMatrix): FloatMatrix {
  assertMultipliable(lhs, rhs);
  const { rows, cols: depth } = lhs;
  const cols = rhs.cols;
  const a = lhs.data;
  const b = rhs.data;
  const out = new Float32Array(rows * cols);
  const f = Math.fround;
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < cols; k++) {
      let acc = 0;
      for (let j = 0; j < depth; j++) acc = f(acc + f((a[i * depth + j] as number) * (b[j * cols + k] as number)));
      out[i * cols + k] = acc;
    }
  }
  return { rows, cols, data: out };
}
