/**
 * Derived data: everything the views show, computed from the store's inputs by memoized pure
 * functions keyed on the input matrices' identity. Editing the LHS makes a new LHS object, so
 * the RHS analysis is reused untouched; the product is recomputed because it depends on both.
 */
import {
  dequantize,
  errorMetrics,
  paramsOf,
  quantizedMatMul,
  quantizeMatrix,
  type ErrorMetrics,
  type FloatMatrix,
  type Matrix,
  type QuantizationParams,
  type QuantizedMatMulResult,
} from '../engine/index.ts';
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
  /** Flat indices of the cells holding the observed min and max. */
  readonly minCells: readonly number[];
  readonly maxCells: readonly number[];
}

const LABELS: Record<MatrixId, string> = { lhs: 'LHS', rhs: 'RHS', result: 'Result' };

function indicesOf(data: Float32Array, value: number): number[] {
  const out: number[] = [];
  data.forEach((v, t) => {
    if (v === value) out.push(t);
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
    minCells: indicesOf(real.data, params.observedMin),
    maxCells: indicesOf(real.data, params.observedMax),
  };
}

const inputCache = new WeakMap<FloatMatrix, Derived<TensorView>>();

/** The quantization of one input matrix (memoized on the matrix object). */
export function inputView(id: 'lhs' | 'rhs', m: FloatMatrix): Derived<TensorView> {
  const hit = inputCache.get(m);
  if (hit) return hit;
  let out: Derived<TensorView>;
  try {
    const params = paramsOf(m, LABELS[id]);
    out = { ok: true, value: tensorView(id, m, params, quantizeMatrix(params, m)) };
  } catch (e) {
    out = { ok: false, message: describe(e) };
  }
  inputCache.set(m, out);
  return out;
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

const productCache = new WeakMap<FloatMatrix, WeakMap<FloatMatrix, ProductEntry>>();
/** The last successful product: an edit usually changes one row or column of it. */
let lastProduct: { lhs: FloatMatrix; rhs: FloatMatrix; result: QuantizedMatMulResult } | undefined;

function productEntry(lhs: FloatMatrix, rhs: FloatMatrix): ProductEntry {
  let byRhs = productCache.get(lhs);
  if (!byRhs) {
    byRhs = new WeakMap();
    productCache.set(lhs, byRhs);
  }
  const hit = byRhs.get(rhs);
  if (hit) return hit;
  let entry: ProductEntry;
  try {
    const result = quantizedMatMul(lhs, rhs, { previous: lastProduct });
    lastProduct = { lhs, rhs, result };
    const view = tensorView('result', result.ideal, result.resultParams, result.output, result.dequantized.data);
    entry = { product: { ok: true, value: { result, view } }, tensor: { ok: true, value: view } };
  } catch (e) {
    const failed = { ok: false, message: describe(e) } as const;
    entry = { product: failed, tensor: failed };
  }
  byRhs.set(rhs, entry);
  return entry;
}

/** The whole integer pipeline for lhs · rhs (memoized on both matrix objects). */
export function productView(lhs: FloatMatrix, rhs: FloatMatrix): Derived<ProductView> {
  return productEntry(lhs, rhs).product;
}

/** Selector: the view of any matrix. Returns the same object while its inputs are unchanged. */
export function selectTensor(state: Pick<State, 'lhs' | 'rhs'>, id: MatrixId): Derived<TensorView> {
  return id === 'result' ? productEntry(state.lhs, state.rhs).tensor : inputView(id, state[id]);
}
