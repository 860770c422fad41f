/**
 * The whole pipeline of gemmlowp's doc/quantization_example.cc (paper eq. 4–6):
 *
 *     q3[i,k] = clamp(Z3 + M · Σj (q1[i,j] − Z1)(q2[j,k] − Z2), qmin, qmax),   M = S1 · S2 / S3
 *
 * with M applied as the integer-only output stage acc → SRDHM(acc, M0) → RoundingDivideByPOT(·, n),
 * and optionally an int32 bias added before it and a fused activation clamp after + Z3 (eq. 11).
 */
import { isEightBit, newCodeArray, type CodeArray, type EightBitCodes } from './codes.ts';
import { activateReal, activationBounds, biasScale, quantizeBias, type Activation } from './epilogue.ts';
import { EngineError, refuse, type Subject } from './errors.ts';
import { INT32_MAX, INT32_MIN, roundingDivideByPOT, saturatingRoundingDoublingHighMul } from './fixedPoint.ts';
import { floatMatMul } from './floatMatMul.ts';
import { integerMatMul } from './integerMatMul.ts';
import { changedCols, changedRows, sameMatrix, type ProductUpdate } from './incremental.ts';
import type { FloatMatrix, Matrix } from './matrix.ts';
import { findMinMax, type MinMax } from './minMax.ts';
import { multiplierSteps, type MultiplierSteps } from './multiplier.ts';
import { dequantize, quantize } from './quantize.ts';
import { chooseQuantizationParams, type QuantizationParams } from './quantizationParams.ts';

/** Options of {@link quantizedMatMul}. */
export interface QuantizedMatMulOptions {
  /** The result's real range (in a network, learned in training). Default: min/max of `ideal`. */
  readonly resultRange?: MinMax;
  /** A real bias per output column (length K), quantized to int32 at scale S1·S2. */
  readonly bias?: ArrayLike<number> | null;
  /** A fused activation: a clamp in the quantized domain. Default 'none'. */
  readonly activation?: Activation;
  /**
   * A previous product of matrices of the same shapes. When only LHS rows or only RHS columns
   * changed, only the affected outputs of the float and integer products are recomputed; the
   * result is bit-identical to a full computation.
   */
  readonly previous?: { readonly lhs: FloatMatrix; readonly rhs: FloatMatrix; readonly result: QuantizedMatMulResult };
  /** The real side, already computed by {@link resultReal} for these very inputs and options. */
  readonly real?: ResultReal;
}

/** The incremental plan for one product given what changed on each side (null: compute all). */
function updateFor<T extends Int32Array | Float32Array>(
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

/** Every intermediate of the integer-only product, for display and for checking. */
export interface QuantizedMatMulResult extends ResultReal {
  readonly lhsParams: QuantizationParams;
  readonly rhsParams: QuantizationParams;
  /** The inputs' codes (8 bits: what the integer GEMM multiplies). */
  readonly lhsQuantized: Matrix<EightBitCodes>;
  readonly rhsQuantized: Matrix<EightBitCodes>;
  /** M = float32(float32(S1 · S2) / S3). */
  readonly realMultiplier: number;
  /** M0 as an int32 in [2^30, 2^31). */
  readonly quantizedMultiplier: number;
  /** n, with M ≈ M0 / 2^31 · 2^−n. */
  readonly rightShift: number;
  /** How (M0, n) came from M, step by step. */
  readonly multiplier: MultiplierSteps;
  /** S1 · S2 / S3 in double precision, and how far M0 · 2^(−31−n) is from it (relative). */
  readonly exactMultiplier: number;
  readonly exactRelativeError: number;
  /** Σj (q1 − Z1)(q2 − Z2), int32. */
  readonly accumulators: Matrix<Int32Array>;
  /** The real bias per column as given (null without bias). */
  readonly bias: ArrayLike<number> | null;
  /** The int32 bias per column (null without bias) and its scale S1·S2. */
  readonly biasQuantized: Int32Array | null;
  readonly biasScale: number;
  /** accumulators + bias (the same object as `accumulators` without bias). */
  readonly biased: Matrix<Int32Array>;
  /** SaturatingRoundingDoublingHighMul(acc, M0). */
  readonly afterHighMul: Matrix<Int32Array>;
  /** RoundingDivideByPOT(·, n). */
  readonly afterShift: Matrix<Int32Array>;
  /** + Z3, before clamping. */
  readonly afterOffset: Matrix<Int32Array>;
  /** The result's codes, clamped to [clampLow, clampHigh] (within the result's [qmin, qmax]). */
  readonly output: Matrix<CodeArray>;
  /** How many outputs were clamped up to clampLow / down to clampHigh. */
  readonly clampedLow: number;
  readonly clampedHigh: number;
  /** S3 · (output − Z3), float32. */
  readonly dequantized: FloatMatrix;
}

/**
 * Quantization parameters of a float matrix from its own min/max (the example's calibration).
 * Its EngineErrors name the matrix as their subject.
 */
export function paramsOf(m: FloatMatrix, subject: Subject | null = null): QuantizationParams {
  try {
    const { min, max } = findMinMax(m.data);
    return chooseQuantizationParams(min, max);
  } catch (e) {
    if (e instanceof EngineError && subject) throw new EngineError(e.problem, subject);
    throw e;
  }
}

/** The codes of `m` under `params`. */
export function quantizeMatrix(params: QuantizationParams, m: FloatMatrix): Matrix<CodeArray> {
  return { rows: m.rows, cols: m.cols, data: quantize(params, m.data) };
}

/** The codes of an input of the integer GEMM, which multiplies 8-bit codes. */
function eightBitCodes(params: QuantizationParams, m: FloatMatrix, subject: Subject): Matrix<EightBitCodes> {
  const { data } = quantizeMatrix(params, m);
  if (!isEightBit(data)) refuse({ kind: 'codesTooWide', qmin: params.qmin, qmax: params.qmax }, subject);
  return { rows: m.rows, cols: m.cols, data };
}

/** The output stage, every intermediate kept: SRDHM, RoundingDivideByPOT, + Z3, clamp to [lo, hi]. */
function outputStage(
  accumulators: Matrix<Int32Array>,
  m0: number,
  shift: number,
  result: QuantizationParams,
  lo: number,
  hi: number,
) {
  const n = accumulators.data.length;
  const z3 = result.zeroPoint;
  const highMul = new Int32Array(n);
  const shifted = new Int32Array(n);
  const offset = new Int32Array(n);
  const output = newCodeArray(result, n);
  let clampedLow = 0;
  let clampedHigh = 0;
  for (let t = 0; t < n; t++) {
    const h = saturatingRoundingDoublingHighMul(accumulators.data[t] as number, m0);
    const s = roundingDivideByPOT(h, shift);
    const v = s + z3;
    highMul[t] = h;
    shifted[t] = s;
    offset[t] = v;
    if (v < lo) clampedLow++;
    else if (v > hi) clampedHigh++;
    output[t] = v < lo ? lo : v > hi ? hi : v;
  }
  const shape = { rows: accumulators.rows, cols: accumulators.cols };
  return {
    afterHighMul: { ...shape, data: highMul },
    afterShift: { ...shape, data: shifted },
    afterOffset: { ...shape, data: offset },
    output: { ...shape, data: output },
    clampedLow,
    clampedHigh,
  };
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

/** accumulators + bias per column, in int32; throws where the sum leaves the int32 range. */
function addBias(acc: Matrix<Int32Array>, bias: Int32Array): Matrix<Int32Array> {
  const data = new Int32Array(acc.data.length);
  for (let t = 0; t < data.length; t++) {
    const v = (acc.data[t] as number) + (bias[t % acc.cols] as number);
    if (v < INT32_MIN || v > INT32_MAX) refuse({ kind: 'biasOverflow', index: t }, 'result');
    data[t] = v;
  }
  return { rows: acc.rows, cols: acc.cols, data };
}

/** The real side of the product: what the integer result approximates, and the result's (S3, Z3) and clamp. */
export interface ResultReal {
  /** The float reference product (no bias, no activation). */
  readonly reference: FloatMatrix;
  /** activation(reference + bias) in float32 (= reference by default). */
  readonly ideal: FloatMatrix;
  readonly resultParams: QuantizationParams;
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
  const overflow = reference.data.findIndex((v) => !Number.isFinite(v));
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
  let resultParams: QuantizationParams;
  try {
    const range = options.resultRange ?? findMinMax(ideal.data);
    resultParams = chooseQuantizationParams(range.min, range.max);
  } catch (e) {
    throw e instanceof EngineError ? new EngineError(e.problem, 'result') : e;
  }
  const { lo: clampLow, hi: clampHigh } = activationBounds(activation, resultParams);
  return { reference, ideal, resultParams, activation, clampLow, clampHigh };
}

/**
 * The example's pipeline on float32 matrices lhs (M×N) and rhs (N×K) (see the file's comment).
 * Throws an EngineError when the depths differ, a matrix holds NaN/∞, a range cannot be
 * quantized, or M = S1·S2/S3 is not in (2^−32, 1) (see the functions it calls).
 */
export function quantizedMatMul(
  lhs: FloatMatrix,
  rhs: FloatMatrix,
  options: QuantizedMatMulOptions = {},
): QuantizedMatMulResult {
  const real = options.real ?? resultReal(lhs, rhs, options);
  const { reference, ideal, resultParams, activation, clampLow, clampHigh } = real;
  const prev = options.previous;
  // An input that did not change since `previous` keeps its parameters and codes.
  const lhsKept = prev && sameMatrix(prev.lhs, lhs) ? prev.result : null;
  const rhsKept = prev && sameMatrix(prev.rhs, rhs) ? prev.result : null;
  const lhsParams = lhsKept?.lhsParams ?? paramsOf(lhs, 'lhs');
  const rhsParams = rhsKept?.rhsParams ?? paramsOf(rhs, 'rhs');
  const bias = options.bias ?? null;
  const lhsQuantized = lhsKept?.lhsQuantized ?? eightBitCodes(lhsParams, lhs, 'lhs');
  const rhsQuantized = rhsKept?.rhsQuantized ?? eightBitCodes(rhsParams, rhs, 'rhs');
  const f = Math.fround;
  const realMultiplier = f(f(lhsParams.scale * rhsParams.scale) / resultParams.scale);
  const multiplier = multiplierSteps(realMultiplier);
  const exactMultiplier = (lhsParams.scale * rhsParams.scale) / resultParams.scale;
  const { quantizedMultiplier, rightShift } = multiplier;
  // The accumulators depend only on the codes and zero points: reuse them where those did not change.
  const p = prev?.result;
  const sameZeroPoints =
    p && p.lhsParams.zeroPoint === lhsParams.zeroPoint && p.rhsParams.zeroPoint === rhsParams.zeroPoint;
  const accumulators = integerMatMul(
    lhsQuantized,
    lhsParams.zeroPoint,
    rhsQuantized,
    rhsParams.zeroPoint,
    sameZeroPoints ? updateFor(p.accumulators, p.lhsQuantized, lhsQuantized, p.rhsQuantized, rhsQuantized) : undefined,
  );
  const sBias = biasScale(lhsParams.scale, rhsParams.scale);
  const biasQuantized = bias ? quantizeBias(bias, sBias) : null;
  const biased = biasQuantized ? addBias(accumulators, biasQuantized) : accumulators;
  const { afterHighMul, afterShift, afterOffset, output, clampedLow, clampedHigh } = outputStage(
    biased,
    quantizedMultiplier,
    rightShift,
    resultParams,
    clampLow,
    clampHigh,
  );
  const dequantized = { rows: output.rows, cols: output.cols, data: dequantize(resultParams, output.data) };
  return {
    lhsParams,
    rhsParams,
    resultParams,
    lhsQuantized,
    rhsQuantized,
    realMultiplier,
    quantizedMultiplier,
    rightShift,
    multiplier,
    exactMultiplier,
    exactRelativeError: Math.abs(multiplier.approximation - exactMultiplier) / exactMultiplier,
    accumulators,
    bias,
    biasQuantized,
    biasScale: sBias,
    biased,
    activation,
    clampLow,
    clampHigh,
    afterHighMul,
    afterShift,
    afterOffset,
    output,
    clampedLow,
    clampedHigh,
    reference,
    ideal,
    dequantized,
  };
}

/** The error of output #t in output steps (LSBs): (r̂ − ideal) / S3. */
export function outputErrorLsb(result: QuantizedMatMulResult, t: number): number {
  return ((result.dequantized.data[t] as number) - (result.ideal.data[t] as number)) / result.resultParams.scale;
}
