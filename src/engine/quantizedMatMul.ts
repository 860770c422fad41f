/**
 * The whole pipeline of gemmlowp's doc/quantization_example.cc (paper eq. 4–6):
 *
 *     q3[i,k] = clamp(Z3 + M · Σj (q1[i,j] − Z1)(q2[j,k] − Z2), qmin, qmax),   M = S1 · S2 / S3
 *
 * with M applied as the integer-only output stage acc → SRDHM(acc, M0) → RoundingDivideByPOT(·, n),
 * and optionally an int32 bias added before it and a fused activation clamp after + Z3 (eq. 11).
 *
 * Any scheme pair multiplies the same way (schemes.ts): the LHS per tensor or per row, the RHS per
 * tensor or per column (the scales that factor out of the sum over j), giving one multiplier per
 * (row group, column group); the result per tensor; requantization by any method of requantize.ts.
 * The defaults (the gemmlowp scheme and requantization) are the example exactly.
 */
import { isEightBit, newCodeArray, type CodeArray, type EightBitCodes } from './codes.ts';
import { biasScale, quantizeBias, type Activation } from './epilogue.ts';
import { EngineError, refuse, type Subject } from './errors.ts';
import { highMulAndDivide, INT32_MAX, INT32_MIN } from './fixedPoint.ts';
import { integerMatMul } from './integerMatMul.ts';
import { sameMatrix } from './incremental.ts';
import type { FloatMatrix, Matrix } from './matrix.ts';
import type { MinMax } from './minMax.ts';
import { multiplierSteps, type MultiplierSteps } from './multiplier.ts';
import { dequantize, quantizeMatrix } from './quantize.ts';
import { paramsOf, type QuantizationParams } from './quantizationParams.ts';
import { requantize, requantizer, type Requantization, type Requantizer } from './requantize.ts';
import { PAPER, resultReal, updateFor, type ResultReal } from './resultReal.ts';
import { codesOf, sameScheme, schemeParams, type Scheme } from './schemes.ts';

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
  /** The inputs' and the result's schemes (default: the gemmlowp preset, uint8 per tensor). */
  readonly lhsScheme?: Scheme;
  readonly rhsScheme?: Scheme;
  readonly resultScheme?: Scheme;
  /** How the accumulators are brought to the result's scale (default 'gemmlowp'). */
  readonly requantization?: Requantization;
}

/** Every intermediate of the integer-only product, for display and for checking. */
export interface QuantizedMatMulResult extends ResultReal {
  readonly lhsScheme: Scheme;
  readonly rhsScheme: Scheme;
  readonly requantization: Requantization;
  /** The parameters of the LHS (one, or one per row) and of the RHS (one, or one per column). */
  readonly lhsGroups: readonly QuantizationParams[];
  readonly rhsGroups: readonly QuantizationParams[];
  /** The first of each (the only ones per tensor). */
  readonly lhsParams: QuantizationParams;
  readonly rhsParams: QuantizationParams;
  /** One multiplier per (LHS group, RHS group), row-major: output (i, k) uses [g1(i) · rhsGroups.length + g2(k)]. */
  readonly requantizers: readonly Requantizer[];
  /** The inputs' codes (8 bits: what the integer GEMM multiplies). */
  readonly lhsQuantized: Matrix<EightBitCodes>;
  readonly rhsQuantized: Matrix<EightBitCodes>;
  /** The first multiplier: M = float32(float32(S1 · S2) / S3) for gemmlowp (the method's own otherwise). */
  readonly realMultiplier: number;
  /** Its M0 as an int32 in [2^30, 2^31) (0 for the float methods). */
  readonly quantizedMultiplier: number;
  /** Its n, with M ≈ M0 / 2^31 · 2^−n (TFLite: minus its signed shift). */
  readonly rightShift: number;
  /** How gemmlowp's (M0, n) came from M, step by step (null for the other methods). */
  readonly multiplier: MultiplierSteps | null;
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
  /** SaturatingRoundingDoublingHighMul(acc, M0) (the float and single-rounding methods: = afterShift). */
  readonly afterHighMul: Matrix<Int32Array>;
  /** RoundingDivideByPOT(·, n): acc at the output's scale, before + Z3 (int32-saturated). */
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

/** The codes of an input of the integer GEMM, which multiplies 8-bit codes. */
function eightBitCodes(params: QuantizationParams, m: FloatMatrix, subject: Subject): Matrix<EightBitCodes> {
  const { data } = quantizeMatrix(params, m);
  if (!isEightBit(data)) refuse({ kind: 'codesTooWide', qmin: params.qmin, qmax: params.qmax }, subject);
  return { rows: m.rows, cols: m.cols, data };
}

/** An EngineError of `run` about `subject`. */
function about<T>(subject: Subject, run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw e instanceof EngineError && e.subject === null ? new EngineError(e.problem, subject) : e;
  }
}

/** Whether the integer GEMM can take the scheme on this side: scales that factor out of the sum over j. */
function checkProductSide(scheme: Scheme, subject: 'lhs' | 'rhs'): void {
  const g = scheme.granularity;
  const along = subject === 'lhs' ? 0 : 1;
  if (g.kind === 'tensor' || (g.kind === 'axis' && g.axis === along)) return;
  refuse({ kind: 'granularityAcrossDepth', granularity: g.kind, axis: g.axis }, subject);
}

/** An input's parameters (one or per row/column) and 8-bit codes under its scheme. */
function inputSide(
  m: FloatMatrix,
  scheme: Scheme,
  subject: 'lhs' | 'rhs',
): { groups: QuantizationParams[]; codes: Matrix<EightBitCodes> } {
  if (sameScheme(scheme, PAPER)) {
    const params = paramsOf(m, subject);
    return { groups: [params], codes: eightBitCodes(params, m, subject) };
  }
  checkProductSide(scheme, subject);
  const groups = about(subject, () => schemeParams(m, scheme));
  const codes = codesOf(m, scheme, groups);
  let lo = 0;
  let hi = 0;
  codes.forEach((c) => {
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  });
  const data = lo >= 0 && hi <= 255 ? Uint8Array.from(codes) : lo >= -128 && hi <= 127 ? Int8Array.from(codes) : null;
  if (!data || scheme.qmax - scheme.qmin > 255)
    refuse({ kind: 'codesTooWide', qmin: scheme.qmin, qmax: scheme.qmax }, subject);
  return { groups, codes: { rows: m.rows, cols: m.cols, data } };
}

/**
 * The output stage of any method and any number of multipliers, every intermediate kept: acc at the
 * output's scale (saturated to int32), + Z3, clamp to [lo, hi].
 */
function outputStageOf(
  accumulators: Matrix<Int32Array>,
  requantizers: readonly Requantizer[],
  lhsPerRow: boolean,
  rhsGroupCount: number,
  result: QuantizationParams,
  lo: number,
  hi: number,
) {
  const { rows, cols } = accumulators;
  const n = rows * cols;
  const z3 = result.zeroPoint;
  const highMul = new Int32Array(n);
  const shifted = new Int32Array(n);
  const offset = new Int32Array(n);
  const output = newCodeArray(result, n);
  let clampedLow = 0;
  let clampedHigh = 0;
  for (let i = 0; i < rows; i++) {
    const base = lhsPerRow ? i * rhsGroupCount : 0;
    for (let k = 0; k < cols; k++) {
      const t = i * cols + k;
      // cellGroups(…).requantizer, unrolled: this loop runs for every output.
      const r = requantizers[base + (rhsGroupCount > 1 ? k : 0)] as Requantizer;
      const step = requantize(r, accumulators.data[t] as number);
      const s = Math.max(INT32_MIN, Math.min(INT32_MAX, step.scaled));
      const v = s + z3;
      highMul[t] = Math.max(INT32_MIN, Math.min(INT32_MAX, step.highMul));
      shifted[t] = s;
      offset[t] = v;
      if (v < lo) clampedLow++;
      else if (v > hi) clampedHigh++;
      output[t] = v < lo ? lo : v > hi ? hi : v;
    }
  }
  const shape = { rows, cols };
  return {
    afterHighMul: { ...shape, data: highMul },
    afterShift: { ...shape, data: shifted },
    afterOffset: { ...shape, data: offset },
    output: { ...shape, data: output },
    clampedLow,
    clampedHigh,
  };
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
  highMulAndDivide(accumulators.data, m0, shift, highMul, shifted);
  for (let t = 0; t < n; t++) {
    const v = (shifted[t] as number) + z3;
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
  const { reference, ideal, resultParams, resultScheme, activation, clampLow, clampHigh } = real;
  const lhsScheme = options.lhsScheme ?? PAPER;
  const rhsScheme = options.rhsScheme ?? PAPER;
  const method = options.requantization ?? 'gemmlowp';
  const prev = options.previous;
  // An input that did not change since `previous` (nor its scheme) keeps its parameters and codes.
  const kept = (side: 'lhs' | 'rhs', m: FloatMatrix, scheme: Scheme) =>
    prev &&
    sameMatrix(prev[side], m) &&
    sameScheme(side === 'lhs' ? prev.result.lhsScheme : prev.result.rhsScheme, scheme)
      ? prev.result
      : null;
  const lhsKept = kept('lhs', lhs, lhsScheme);
  const rhsKept = kept('rhs', rhs, rhsScheme);
  const lhsSide = lhsKept
    ? { groups: lhsKept.lhsGroups, codes: lhsKept.lhsQuantized }
    : inputSide(lhs, lhsScheme, 'lhs');
  const rhsSide = rhsKept
    ? { groups: rhsKept.rhsGroups, codes: rhsKept.rhsQuantized }
    : inputSide(rhs, rhsScheme, 'rhs');
  const lhsGroups = lhsSide.groups;
  const rhsGroups = rhsSide.groups;
  const lhsParams = lhsGroups[0] as QuantizationParams;
  const rhsParams = rhsGroups[0] as QuantizationParams;
  const lhsQuantized = lhsSide.codes;
  const rhsQuantized = rhsSide.codes;
  const bias = options.bias ?? null;
  const requantizers = lhsGroups.flatMap((p1) =>
    rhsGroups.map((p2) =>
      about('result', () => requantizer(method, p1.scale, p2.scale, resultParams.scale, resultScheme.library)),
    ),
  );
  const first = requantizers[0] as Requantizer;
  const multiplier = method === 'gemmlowp' ? multiplierSteps(first.real) : null;
  const exactMultiplier = (lhsParams.scale * rhsParams.scale) / resultParams.scale;
  const quantizedMultiplier = first.quantizedMultiplier;
  const rightShift = -first.shift;
  // The accumulators depend only on the codes and zero points: reuse them where those did not change.
  const p = prev?.result;
  const zeroPoints = (groups: readonly QuantizationParams[]) =>
    groups.length === 1 ? (groups[0] as QuantizationParams).zeroPoint : Int32Array.from(groups, (g) => g.zeroPoint);
  const sameZeros = (a: readonly QuantizationParams[], b: readonly QuantizationParams[]) =>
    a.length === b.length && a.every((g, t) => g.zeroPoint === (b[t] as QuantizationParams).zeroPoint);
  const sameZeroPoints = p && sameZeros(p.lhsGroups, lhsGroups) && sameZeros(p.rhsGroups, rhsGroups);
  const accumulators = integerMatMul(
    lhsQuantized,
    zeroPoints(lhsGroups),
    rhsQuantized,
    zeroPoints(rhsGroups),
    sameZeroPoints ? updateFor(p.accumulators, p.lhsQuantized, lhsQuantized, p.rhsQuantized, rhsQuantized) : undefined,
  );
  if (bias && lhsGroups.length > 1) refuse({ kind: 'biasWithPerRowLhs' }, 'bias');
  const sBias = biasScale(lhsParams.scale, rhsParams.scale);
  const biasScales =
    rhsGroups.length > 1 ? Float32Array.from(rhsGroups, (g) => biasScale(lhsParams.scale, g.scale)) : sBias;
  const biasQuantized = bias ? quantizeBias(bias, biasScales) : null;
  const biased = biasQuantized ? addBias(accumulators, biasQuantized) : accumulators;
  const { afterHighMul, afterShift, afterOffset, output, clampedLow, clampedHigh } =
    requantizers.length === 1 && method === 'gemmlowp'
      ? outputStage(biased, quantizedMultiplier, rightShift, resultParams, clampLow, clampHigh)
      : outputStageOf(biased, requantizers, lhsGroups.length > 1, rhsGroups.length, resultParams, clampLow, clampHigh);
  const dequantized = { rows: output.rows, cols: output.cols, data: dequantize(resultParams, output.data) };
  return {
    lhsScheme,
    rhsScheme,
    resultScheme,
    requantization: method,
    lhsGroups,
    rhsGroups,
    requantizers,
    lhsParams,
    rhsParams,
    resultParams,
    lhsQuantized,
    rhsQuantized,
    realMultiplier: first.real,
    quantizedMultiplier,
    rightShift,
    multiplier,
    exactMultiplier,
    exactRelativeError:
      Math.abs((multiplier ? multiplier.approximation : first.real) - exactMultiplier) / exactMultiplier,
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
