/**
 * Row-major matrices over typed arrays: element (i, j) lives at data[i * cols + j].
 * The typed array says what a number is: Float32Array for real values, the narrowest integer
 * array of the code range for quantized values (Uint8Array for uint8), Int32Array for accumulators.
 */
import { refuse } from './errors.ts';

/** The largest side of a matrix the app handles (pastes, links, the step trace). */
export const MAX_MATRIX_DIM = 512;

/** Any typed array the engine stores matrix entries in. */
export type MatrixData = Float32Array | Float64Array | Uint8Array | Int8Array | Uint16Array | Int16Array | Int32Array;

/** A rows × cols matrix, row-major. */
export interface Matrix<T extends MatrixData = MatrixData> {
  readonly rows: number;
  readonly cols: number;
  readonly data: T;
}

/** A float32 matrix of real values (the inputs and the float reference product). */
export type FloatMatrix = Matrix<Float32Array>;

/** Builds a float32 matrix from an array of rows; every row must have the same length. */
export function matrixFromRows(rows: readonly (readonly number[])[]): FloatMatrix {
  const cols = rows[0]?.length ?? 0;
  if (rows.length === 0 || cols === 0) refuse({ kind: 'matrixEmpty' });
  const data = new Float32Array(rows.length * cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) refuse({ kind: 'raggedRows', row: i, length: row.length, expected: cols });
    data.set(row, i * cols);
  });
  return { rows: rows.length, cols, data };
}

/** The matrix as an array of rows of plain numbers (for display and tests). */
export function matrixToRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

/** The entry at row i, column j (no bounds check beyond the typed array's own). */
export function entry(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j] ?? Number.NaN;
}
