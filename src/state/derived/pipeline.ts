/**
 * The product's derived data, loaded on demand (see ../pipelineCode.ts): its real side (float
 * reference, result parameters, clamp), the whole integer pipeline with the result's view, and
 * the walkthrough's traces. Each store keeps its own last successful result, from which an edit
 * of one row or column recomputes only what it touched (bit-identical, see the engine).
 */
import {
  cellTrace,
  quantizedMatMul,
  resultReal,
  type FloatMatrix,
  type QuantizedMatMulResult,
  type ResultReal,
} from '../../engine/index.ts';
import { memoizeRecent } from '../memo.ts';
import type { ProductOptions } from '../slices/gemmSlice.ts';
import { attempt, type Derived } from './derived.ts';
import { tensorView, type TensorView } from './tensor.ts';
import type { Position, TraceView } from './walkthrough.ts';

/** The integer-only product and the result's view. */
export interface ProductView {
  readonly result: QuantizedMatMulResult;
  readonly view: TensorView;
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
    lhsScheme: options.schemes.lhs,
    rhsScheme: options.schemes.rhs,
    resultScheme: options.schemes.result,
    requantization: options.requantization,
  };
}

/** The last successful computation of a product stage, the base of the next incremental one. */
type Last<T> = { lhs: FloatMatrix; rhs: FloatMatrix; result: T } | undefined;

/** How many recent inputs each stage remembers: the live state, the lagging copy's, and one more. */
const RECENT = 3;

/** The pipeline's stages for one store. */
export interface PipelineStages {
  readonly real: (lhs: FloatMatrix, rhs: FloatMatrix, options: ProductOptions) => Derived<ResultReal>;
  readonly product: (lhs: FloatMatrix, rhs: FloatMatrix, options: ProductOptions) => Derived<ProductView>;
  readonly traceAt: (result: QuantizedMatMulResult, at: Position) => TraceView;
}

/** A store's pipeline stages, with their own caches. */
export function createPipelineStages(): PipelineStages {
  let lastReal: Last<ResultReal>;
  let lastProduct: Last<QuantizedMatMulResult>;
  const real = memoizeRecent(
    (lhs: FloatMatrix, rhs: FloatMatrix, options: ProductOptions): Derived<ResultReal> =>
      attempt(() => {
        const result = resultReal(lhs, rhs, { ...engineOptions(rhs, options), previous: lastReal });
        lastReal = { lhs, rhs, result };
        return result;
      }),
    RECENT,
  );
  const product = memoizeRecent((lhs: FloatMatrix, rhs: FloatMatrix, options: ProductOptions): Derived<ProductView> => {
    const side = real(lhs, rhs, options);
    if (!side.ok) return side;
    return attempt(() => {
      const result = quantizedMatMul(lhs, rhs, {
        ...engineOptions(rhs, options),
        previous: lastProduct,
        real: side.value,
      });
      lastProduct = { lhs, rhs, result };
      const view = tensorView('result', result.ideal, result.resultParams, result.output, result.dequantized.data);
      return { result, view };
    });
  }, RECENT);

  const traceOf = memoizeRecent(cellTrace, 3);
  const view = memoizeRecent((result: QuantizedMatMulResult, row: number, col: number, step: number): TraceView => {
    const trace = traceOf(result, row, col);
    return { result, trace, row, col, step, frame: trace.frame(step) };
  }, 3);
  return { real, product, traceAt: (result, at) => view(result, at.row, at.col, at.step) };
}
