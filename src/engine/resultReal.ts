/**
 * The real side of the product (quantizedMatMul.ts): the float reference, the ideal output and the
 * result's parameters and clamp, everything the result's parameter card shows without the integer
 * pipeline (which loads on demand).
 */
import { activateReal, activationBounds, type Activation } from './epilogue.ts';
import { EngineError, refuse } from './errors.ts';
import { floatMatMul } from './floatMatMul.ts';
import { changedCols, changedRows, sameMatrix, type ProductUpdate } from './incremental.ts';
import type { FloatMatrix, Matrix } from './matrix.ts';
import { findMinMax } from './minMax.ts';
import { chooseQuantizationParams, paramsOf, type QuantizationParams } from './quantizationParams.ts';
import type { QuantizedMatMulOptions } from './quantizedMatMul.ts';
import { chooseSchemeParams, PRESETS, sameScheme, type Scheme } from './schemes.ts';

/** The paper's scheme, with the example's own fast path. */
export const PAPER: Scheme = PRESETS.gemmlowp;

/** The incremental plan for one product given what changed on each side (null: compute all). */
export function updateFor<T extends Int32Array | Float32Array>(
  previous: Matrix<T>,
  lhsBefore: Matrix,
  lhsAfter: Matrix,
  rhsBefore: Matrix,
  rhsAfter: Matrix,
): ProductUpdate<T> | undefined {
  if (sameMatrix(rhsBefore, rhsAfter)) {
    const rows = changedRows(lhsBefore, lhsAfter);
    if (rows) return { previous, rows };
  } else if (sameMatrix(lhsBefore, lhsAfter)) {
    const cols = changedCols(rhsBefore, rhsAfter);
    if (cols) return { previous, cols };
  }
  return undefined;
}

/** activation(reference + bias[k]) in float32; `reference` itself when there is neither. */
function idealOutput(reference: FloatMatrix, bias: ArrayLike<number> | null, activation: Activation): FloatMatrix {
  if (!bias && activation === 'none') return reference;
  const { rows, cols } = reference;
  const data = new Float32Array(rows * cols);
  for (let t = 0; t < data.length; t++) {
    const withBias = bias
      ? Math.fround((reference.data[t] as number) + (bias[t % cols] as number))
      : (reference.data[t] as number);
    data[t] = activateReal(activation, withBias);
  }
  return { rows, cols, data };
}

/** The real side of the product: what the integer result approximates, and the result's (S3, Z3) and clamp. */
export interface ResultReal {
  /** The float reference product (no bias, no activation). */
  readonly reference: FloatMatrix;
  /** activation(reference + bias) in float32 (= reference by default). */
  readonly ideal: FloatMatrix;
  readonly resultParams: QuantizationParams;
  readonly resultScheme: Scheme;
  readonly activation: Activation;
  /** The clamp interval of the output: the result's [qmin, qmax] narrowed by the activation. */
  readonly clampLow: number;
  readonly clampHigh: number;
}

/** Options of {@link resultReal}: those of the product, with any earlier product or real side as `previous`. */
export interface ResultRealOptions extends Omit<QuantizedMatMulOptions, 'previous' | 'real'> {
  readonly previous?: { readonly lhs: FloatMatrix; readonly rhs: FloatMatrix; readonly result: ResultReal };
}

/**
 * The float reference, the ideal output and the result's parameters and clamp: everything of
 * the product that does not need the integer pipeline (the result's parameter card shows only
 * this). Input errors are reported first, as by {@link quantizedMatMul}.
 */
export function resultReal(lhs: FloatMatrix, rhs: FloatMatrix, options: ResultRealOptions = {}): ResultReal {
  const prev = options.previous;
  if (!prev || !sameMatrix(prev.lhs, lhs)) paramsOf(lhs, 'lhs');
  if (!prev || !sameMatrix(prev.rhs, rhs)) paramsOf(rhs, 'rhs');
  const reference = floatMatMul(lhs, rhs, prev && updateFor(prev.result.reference, prev.lhs, lhs, prev.rhs, rhs));
  // A plain loop: findIndex's callback per output cost the pipeline a millisecond at 256×256.
  let overflow = -1;
  for (let t = 0; t < reference.data.length && overflow < 0; t++) if (!Number.isFinite(reference.data[t])) overflow = t;
  if (overflow >= 0) {
    refuse(
      { kind: 'productOverflow', row: Math.floor(overflow / reference.cols), col: overflow % reference.cols },
      'result',
    );
  }
  const activation = options.activation ?? 'none';
  const bias = options.bias ?? null;
  if (bias && bias.length !== rhs.cols) refuse({ kind: 'biasLength', length: bias.length, cols: rhs.cols }, 'bias');
  const ideal = idealOutput(reference, bias, activation);
  const resultScheme = options.resultScheme ?? PAPER;
  if (resultScheme.granularity.kind !== 'tensor') refuse({ kind: 'resultNotPerTensor' }, 'result');
  let resultParams: QuantizationParams;
  try {
    const range = options.resultRange ?? findMinMax(ideal.data);
    resultParams = sameScheme(resultScheme, PAPER)
      ? chooseQuantizationParams(range.min, range.max)
      : chooseSchemeParams(resultScheme, range.min, range.max);
  } catch (e) {
    throw e instanceof EngineError ? new EngineError(e.problem, 'result') : e;
  }
  const { lo: clampLow, hi: clampHigh } = activationBounds(activation, resultParams);
  return { reference, ideal, resultParams, resultScheme, activation, clampLow, clampHigh };
}
