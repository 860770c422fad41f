/**
 * Derived data: everything the views show, computed from the store's inputs by memoized pure
 * functions keyed on the input matrices' identity. Editing the LHS makes a new LHS object, so
 * the RHS analysis is reused untouched; the product is recomputed because it depends on both.
 */
import {
  cellTrace,
  type Activation,
  dequantize,
  errorMetrics,
  paramsOf,
  quantizedMatMul,
  resultReal,
  quantizeMatrix,
  traceLength,
  type ErrorMetrics,
  type FloatMatrix,
  type Matrix,
  type QuantizationParams,
  type QuantizedMatMulResult,
  type ResultReal,
  type CellTrace,
  type TraceFrame,
} from '../engine/index.ts';
import { memoize, memoizeByKey } from './memo.ts';
import type { OutputCell, ProductOptions } from './slices/gemmSlice.ts';
import type { MatrixId, State } from './store.ts';

/** A computed value, or the reason it could not be computed (shown in the panel). */
export type Derived<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Everything the parameter, heatmap and histogram panels show for one matrix. */
export interface TensorView {
  readonly id: MatrixId;
  readonly label: string;
  /** r: the real values (for the result, the float reference product). */
  readonly real: FloatMatrix;
  readonly params: QuantizationParams;
  /** q: uint8 codes. */
  readonly quantized: Matrix<Uint8Array>;
  /** r̂ = S(q − Z). */
  readonly dequantized: FloatMatrix;
  /** r̂ − r (float32). */
  readonly error: FloatMatrix;
  readonly metrics: ErrorMetrics;
  /** Flat indices of the cells holding the observed min and max (marked in the input grids; empty for the result). */
  readonly minCells: ReadonlySet<number>;
  readonly maxCells: ReadonlySet<number>;
}

const LABELS: Record<MatrixId, string> = { lhs: 'LHS', rhs: 'RHS', result: 'Result' };

const NONE: ReadonlySet<number> = new Set();

function indicesOf(data: Float32Array, value: number): Set<number> {
  const out = new Set<number>();
  data.forEach((v, t) => {
    if (v === value) out.add(t);
  });
  return out;
}

function describe(message: unknown): string {
  return message instanceof Error ? message.message : String(message);
}

/** Builds the view of a matrix from its real values, parameters and codes. */
function tensorView(
  id: MatrixId,
  real: FloatMatrix,
  params: QuantizationParams,
  quantized: Matrix<Uint8Array>,
  dequantizedData?: Float32Array,
): TensorView {
  const { rows, cols } = real;
  const deq = dequantizedData ?? dequantize(params, quantized.data);
  const err = new Float32Array(deq.length);
  for (let t = 0; t < err.length; t++) err[t] = (deq[t] as number) - (real.data[t] as number);
  return {
    id,
    label: LABELS[id],
    real,
    params,
    quantized,
    dequantized: { rows, cols, data: deq },
    error: { rows, cols, data: err },
    metrics: errorMetrics(params, real.data, deq),
    minCells: id === 'result' ? NONE : indicesOf(real.data, params.observedMin),
    maxCells: id === 'result' ? NONE : indicesOf(real.data, params.observedMax),
  };
}

function computeInputView(id: 'lhs' | 'rhs', m: FloatMatrix): Derived<TensorView> {
  try {
    const params = paramsOf(m, LABELS[id]);
    return { ok: true, value: tensorView(id, m, params, quantizeMatrix(params, m)) };
  } catch (e) {
    return { ok: false, message: describe(e) };
  }
}

const inputViews = {
  lhs: memoize((m: FloatMatrix) => computeInputView('lhs', m)),
  rhs: memoize((m: FloatMatrix) => computeInputView('rhs', m)),
};

/** The quantization of one input matrix (memoized per side on the matrix object). */
export function inputView(id: 'lhs' | 'rhs', m: FloatMatrix): Derived<TensorView> {
  return inputViews[id](m);
}

/** The integer-only product and the result's view. */
export interface ProductView {
  readonly result: QuantizedMatMulResult;
  readonly view: TensorView;
}

interface ProductEntry {
  readonly product: Derived<ProductView>;
  readonly tensor: Derived<TensorView>;
}

/** The bias fitted to `cols` columns (extra columns get 0), so resizing never breaks the product. */
function fitBias(bias: readonly number[] | null, cols: number): number[] | null {
  return bias ? Array.from({ length: cols }, (_, k) => bias[k] ?? 0) : null;
}

/** The product's options for the engine. */
function engineOptions(rhs: FloatMatrix, options: ProductOptions) {
  return {
    bias: fitBias(options.bias, rhs.cols),
    activation: options.activation,
    ...(options.resultRange ? { resultRange: options.resultRange } : {}),
  };
}

/** The last successful real side and product: an edit usually changes one row or column of them. */
let lastReal: { lhs: FloatMatrix; rhs: FloatMatrix; result: ResultReal } | undefined;
let lastProduct: { lhs: FloatMatrix; rhs: FloatMatrix; result: QuantizedMatMulResult } | undefined;

const realEntry = memoize((lhs: FloatMatrix, rhs: FloatMatrix, options: ProductOptions): Derived<ResultReal> => {
  try {
    const result = resultReal(lhs, rhs, { ...engineOptions(rhs, options), previous: lastReal });
    lastReal = { lhs, rhs, result };
    return { ok: true, value: result };
  } catch (e) {
    return { ok: false, message: describe(e) };
  }
});

/**
 * The real side of the product (float reference, result parameters and clamp): all the result's
 * parameter card needs, without the integer pipeline.
 */
export function resultRealView(state: Pick<State, 'lhs' | 'rhs' | 'productOptions'>): Derived<ResultReal> {
  return realEntry(state.lhs, state.rhs, state.productOptions);
}

const productEntry = memoize((lhs: FloatMatrix, rhs: FloatMatrix, options: ProductOptions): ProductEntry => {
  const real = realEntry(lhs, rhs, options);
  if (!real.ok) return { product: real, tensor: real };
  try {
    const result = quantizedMatMul(lhs, rhs, {
      ...engineOptions(rhs, options),
      previous: lastProduct,
      real: real.value,
    });
    lastProduct = { lhs, rhs, result };
    const view = tensorView('result', result.ideal, result.resultParams, result.output, result.dequantized.data);
    return { product: { ok: true, value: { result, view } }, tensor: { ok: true, value: view } };
  } catch (e) {
    const failed = { ok: false, message: describe(e) } as const;
    return { product: failed, tensor: failed };
  }
});

/** The whole integer pipeline for lhs · rhs under the product options (memoized). */
export function productView(state: Pick<State, 'lhs' | 'rhs' | 'productOptions'>): Derived<ProductView> {
  return productEntry(state.lhs, state.rhs, state.productOptions).product;
}

/** What a parameter card shows: the parameters and, for the result, the activation's clamp. */
export interface ParamsView {
  readonly params: QuantizationParams;
  readonly clamp: { readonly lo: number; readonly hi: number; readonly activation: Activation } | null;
}

const paramsOfTensor = memoize((t: Derived<TensorView>): Derived<ParamsView> =>
  t.ok ? { ok: true, value: { params: t.value.params, clamp: null } } : t,
);

const paramsOfReal = memoize((r: Derived<ResultReal>): Derived<ParamsView> => {
  if (!r.ok) return r;
  const { resultParams: params, activation, clampLow: lo, clampHigh: hi } = r.value;
  return { ok: true, value: { params, clamp: activation === 'none' ? null : { lo, hi, activation } } };
});

/** Selector: a matrix's parameters (the result's without running the integer pipeline). */
export function selectParams(state: Pick<State, 'lhs' | 'rhs' | 'productOptions'>, id: MatrixId): Derived<ParamsView> {
  return id === 'result' ? paramsOfReal(resultRealView(state)) : paramsOfTensor(inputView(id, state[id]));
}

/** Selector: the view of any matrix. Returns the same object while its inputs are unchanged. */
export function selectTensor(state: Pick<State, 'lhs' | 'rhs' | 'productOptions'>, id: MatrixId): Derived<TensorView> {
  return id === 'result' ? productEntry(state.lhs, state.rhs, state.productOptions).tensor : inputView(id, state[id]);
}

/** One output cell's lazy trace, with the selection and step clamped to what exists. */
export interface TraceView {
  readonly result: QuantizedMatMulResult;
  readonly trace: CellTrace;
  readonly row: number;
  readonly col: number;
  readonly step: number;
  readonly frame: TraceFrame;
}

const traceOf = memoize((result: QuantizedMatMulResult, cell: OutputCell): CellTrace => {
  const row = Math.min(cell.row, result.output.rows - 1);
  const col = Math.min(cell.col, result.output.cols - 1);
  return cellTrace(result, row, col);
});

const traceView = memoize(
  (result: QuantizedMatMulResult, cell: OutputCell, step: { value: number }): Derived<TraceView> => {
    const trace = traceOf(result, cell);
    const clamped = Math.min(step.value, trace.length - 1);
    return {
      ok: true,
      value: { result, trace, row: trace.row, col: trace.col, step: clamped, frame: trace.frame(clamped) },
    };
  },
);

/** Interned step boxes, so that a step number can key the identity memo (steps < 512 + 6). */
const stepBox = memoizeByKey(
  (step: number) => step,
  (step: number) => ({ value: step }),
  1024,
);

/** Selector: the walkthrough of the selected cell at the current step. */
export function selectTrace(
  state: Pick<State, 'lhs' | 'rhs' | 'productOptions' | 'selected' | 'step'>,
): Derived<TraceView> {
  const product = productView(state);
  if (!product.ok) return product;
  return traceView(product.value.result, state.selected, stepBox(state.step));
}

/** What the walkthrough lights in one matrix: a row (LHS), a column (RHS) and the current cell. */
export interface Lit {
  readonly row: number | null;
  readonly col: number | null;
  readonly cell: { readonly row: number; readonly col: number } | null;
}

/** The lits of a position, interned so that an unchanged position keeps the same objects (memoized views stay put). */
const litsAt = memoizeByKey(
  (row: number, col: number, j: number | null) => `${row},${col},${j ?? ''}`,
  (row: number, col: number, j: number | null): Record<MatrixId, Lit> => ({
    lhs: { row, col: null, cell: j === null ? null : { row, col: j } },
    rhs: { row: null, col, cell: j === null ? null : { row: j, col } },
    result: { row: null, col: null, cell: { row, col } },
  }),
  256,
);

/**
 * Selector: the lit row, column and cell of a matrix. It follows the walkthrough's position,
 * which depends only on the shapes, the bias and the selection (not on the product's values),
 * so the grids light it without waiting for the integer pipeline.
 */
export function selectLit(
  state: Pick<State, 'lhs' | 'rhs' | 'productOptions' | 'selected' | 'step'>,
  id: MatrixId,
): Lit {
  const { lhs, rhs, productOptions, selected, step } = state;
  const depth = lhs.cols;
  const row = Math.min(selected.row, lhs.rows - 1);
  const col = Math.min(selected.col, rhs.cols - 1);
  const current = Math.min(step, traceLength(depth, productOptions.bias !== null) - 1);
  const j = current < depth ? current : null;
  return litsAt(row, col, j)[id];
}
