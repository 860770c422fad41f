/**
 * Incremental products: when only some LHS rows (or RHS columns) changed since a previous
 * product, only the output rows (columns) that depend on them are recomputed. Each output cell
 * is computed by exactly the same operations either way, so the result is bit-identical.
 */
import type { Matrix, MatrixData } from './matrix.ts';

/** A previous product and the LHS rows or RHS columns that changed since (one of the two). */
export interface ProductUpdate<T extends MatrixData> {
  readonly previous: Matrix<T>;
  readonly rows?: readonly number[];
  readonly cols?: readonly number[];
}

function bits(m: Matrix): Uint8Array {
  return new Uint8Array(m.data.buffer, m.data.byteOffset, m.data.byteLength);
}

/** Whether two matrices have the same shape and the same bits (so −0 ≠ 0). */
export function sameMatrix(a: Matrix, b: Matrix): boolean {
  if (a === b) return true;
  if (a.rows !== b.rows || a.cols !== b.cols || a.data.constructor !== b.data.constructor) return false;
  const x = bits(a);
  const y = bits(b);
  for (let t = 0; t < x.length; t++) if (x[t] !== y[t]) return false;
  return true;
}

/** Rows whose bits differ between two same-shaped matrices; null if the shapes differ. */
export function changedRows(before: Matrix, after: Matrix): number[] | null {
  if (before.rows !== after.rows || before.cols !== after.cols || before.data.constructor !== after.data.constructor)
    return null;
  const x = bits(before);
  const y = bits(after);
  const rowBytes = x.length / before.rows;
  const out: number[] = [];
  for (let i = 0; i < before.rows; i++) {
    for (let t = i * rowBytes; t < (i + 1) * rowBytes; t++) {
      if (x[t] !== y[t]) {
        out.push(i);
        break;
      }
    }
  }
  return out;
}

/** Columns whose entries differ between two same-shaped matrices; null if the shapes differ. */
export function changedCols(before: Matrix, after: Matrix): number[] | null {
  if (before.rows !== after.rows || before.cols !== after.cols || before.data.constructor !== after.data.constructor)
    return null;
  const changed = new Set<number>();
  const x = before.data;
  const y = after.data;
  for (let t = 0; t < x.length; t++) if (!Object.is(x[t], y[t])) changed.add(t % before.cols);
  return [...changed].sort((p, q) => p - q);
}

/** The output cells to compute: all, or those in the updated rows/columns; and the starting buffer. */
export function plan<T extends MatrixData>(
  rows: number,
  cols: number,
  fresh: () => T,
  update: ProductUpdate<T> | undefined,
): { out: T; rowList: readonly number[] | null; colList: readonly number[] | null } {
  const usable = update && update.previous.rows === rows && update.previous.cols === cols;
  if (!usable) return { out: fresh(), rowList: null, colList: null };
  return {
    out: update.previous.data.slice() as T,
    rowList: update.rows ?? (update.cols ? null : []),
    colList: update.cols ?? null,
  };
}

/** 0, 1, …, n − 1: every row or column, where an update lists none. */
export const indices = (n: number): number[] => Array.from({ length: n }, (_, t) => t);
