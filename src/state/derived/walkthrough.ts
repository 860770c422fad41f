/**
 * Where the walkthrough is: the followed output cell and the step, clamped to what the current
 * shapes hold (the store keeps what the user chose, which a resize can leave outside), the lazy
 * trace of that cell, and what it lights in each matrix.
 */
import { traceLength, type CellTrace, type QuantizedMatMulResult, type TraceFrame } from '../../engine/index.ts';
import { memoizeRecent } from '../memo.ts';
import type { MatrixId, State } from '../store.ts';

/** The inputs of the walkthrough's position. */
export type PositionInputs = Pick<State, 'lhs' | 'rhs' | 'productOptions' | 'selected' | 'step'>;

/** The followed output cell and step, inside the current shapes. */
export interface Position {
  readonly row: number;
  readonly col: number;
  readonly step: number;
  /** The number of steps of the cell's trace (depth accumulation steps, then the stages). */
  readonly length: number;
  /** The depth N of the product. */
  readonly depth: number;
}

const position = memoizeRecent(
  (row: number, col: number, step: number, length: number, depth: number): Position => ({
    row,
    col,
    step,
    length,
    depth,
  }),
  4,
);

/** The one place where the selection and the step are clamped to the shapes. */
export function walkPosition(state: PositionInputs): Position {
  const { lhs, rhs, productOptions, selected, step } = state;
  const depth = lhs.cols;
  const length = traceLength(depth, productOptions.bias !== null, productOptions.requantization);
  return position(
    Math.max(0, Math.min(selected.row, lhs.rows - 1)),
    Math.max(0, Math.min(selected.col, rhs.cols - 1)),
    Math.max(0, Math.min(step, length - 1)),
    length,
    depth,
  );
}

/** One output cell's lazy trace at the current step. */
export interface TraceView {
  readonly result: QuantizedMatMulResult;
  readonly trace: CellTrace;
  readonly row: number;
  readonly col: number;
  readonly step: number;
  readonly frame: TraceFrame;
}

/** What the walkthrough lights in one matrix: a row (LHS), a column (RHS) and the current cell. */
export interface Lit {
  readonly row: number | null;
  readonly col: number | null;
  readonly cell: { readonly row: number; readonly col: number } | null;
}

/** The lit cells of a position, the same objects while the position is unchanged. */
const litsAt = memoizeRecent(
  (row: number, col: number, j: number | null): Record<MatrixId, Lit> => ({
    lhs: { row, col: null, cell: j === null ? null : { row, col: j } },
    rhs: { row: null, col, cell: j === null ? null : { row: j, col } },
    result: { row: null, col: null, cell: { row, col } },
  }),
  4,
);

/**
 * The lit row, column and cell of a matrix. They follow from the position alone (not from the
 * product's values), so the grids light them without waiting for the integer pipeline.
 */
export function litOf(at: Position, id: MatrixId): Lit {
  return litsAt(at.row, at.col, at.step < at.depth ? at.step : null)[id];
}
