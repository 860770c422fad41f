/**
 * The view of one matrix that the parameter, heatmap and histogram panels share: its real
 * values, parameters, codes, r̂ = S(q − Z), the error r̂ − r and its metrics.
 */
import {
  type CodeArray,
  dequantize,
  errorMetrics,
  paramsOf,
  quantizeMatrix,
  type ErrorMetrics,
  type FloatMatrix,
  type Matrix,
  type QuantizationParams,
} from '../../engine/index.ts';
import type { InputId, MatrixId } from '../store.ts';
import { attempt, type Derived } from './derived.ts';

/** Everything the parameter, heatmap and histogram panels show for one matrix. */
export interface TensorView {
  readonly id: MatrixId;
  /** r: the real values (for the result, the ideal output: float product, bias and activation). */
  readonly real: FloatMatrix;
  readonly params: QuantizationParams;
  /** q: the codes. */
  readonly quantized: Matrix<CodeArray>;
  /** r̂ = S(q − Z). */
  readonly dequantized: FloatMatrix;
  /** r̂ − r (float32). */
  readonly error: FloatMatrix;
  readonly metrics: ErrorMetrics;
  /** Flat indices of the cells holding the observed min and max (marked in the input grids; empty for the result). */
  readonly minCells: ReadonlySet<number>;
  readonly maxCells: ReadonlySet<number>;
}

const NONE: ReadonlySet<number> = new Set();

function indicesOf(data: Float32Array, value: number): Set<number> {
  const out = new Set<number>();
  data.forEach((v, t) => {
    if (v === value) out.add(t);
  });
  return out;
}

/** Builds the view of a matrix from its real values, parameters and codes (and r̂ when already computed). */
export function tensorView(
  id: MatrixId,
  real: FloatMatrix,
  params: QuantizationParams,
  quantized: Matrix<CodeArray>,
  dequantizedData?: Float32Array,
): TensorView {
  const { rows, cols } = real;
  const deq = dequantizedData ?? dequantize(params, quantized.data);
  const err = new Float32Array(deq.length);
  for (let t = 0; t < err.length; t++) err[t] = (deq[t] as number) - (real.data[t] as number);
  return {
    id,
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

/** The quantization of one input matrix from its own min/max. */
export function inputView(id: InputId, m: FloatMatrix): Derived<TensorView> {
  return attempt(() => {
    const params = paramsOf(m, id);
    return tensorView(id, m, params, quantizeMatrix(params, m));
  });
}
