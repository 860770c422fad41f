/**
 * The view of one matrix that the parameter, heatmap and histogram panels share: its real
 * values, parameters, codes, r̂ = S(q − Z), the error r̂ − r and its metrics.
 */
import {
  type CodeArray,
  codesOf,
  dequantize,
  EngineError,
  errorMetrics,
  paramsOf,
  PRESETS,
  quantizeMatrix,
  sameScheme,
  schemeParams,
  type ErrorMetrics,
  type Scheme,
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
}

/** An input's observed min and max (the grid marks the cells that hold them). */
export interface Extremes {
  readonly min: number;
  readonly max: number;
}

/** An input's parameters from its own min/max under its scheme (one pass: what the grid and the card need). */
export function inputParams(id: InputId, m: FloatMatrix, scheme: Scheme): Derived<QuantizationParams> {
  return attempt(() => {
    if (sameScheme(scheme, PRESETS.gemmlowp)) return paramsOf(m, id);
    try {
      return schemeParams(m, scheme)[0] as QuantizationParams; // the page offers schemes per tensor
    } catch (e) {
      throw e instanceof EngineError && e.subject === null ? new EngineError(e.problem, id) : e;
    }
  });
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
  };
}

/** The whole quantization of one input (codes, r̂, error, metrics), for the panels that draw it. */
export function inputView(
  id: InputId,
  m: FloatMatrix,
  scheme: Scheme,
  params: Derived<QuantizationParams>,
): Derived<TensorView> {
  if (!params.ok) return params;
  const p = params.value;
  return attempt(() =>
    tensorView(
      id,
      m,
      p,
      sameScheme(scheme, PRESETS.gemmlowp)
        ? quantizeMatrix(p, m)
        : { rows: m.rows, cols: m.cols, data: codesOf(m, scheme, [p]) },
    ),
  );
}
