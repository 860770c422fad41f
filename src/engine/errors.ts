/**
 * Why the engine refused an input: a code with the numbers that explain it. The engine writes no
 * sentences; the components put these into words (in any language).
 */
import type { Library } from './schemes.ts';

/** What the engine cannot compute, and with which numbers. */
export type EngineProblem =
  /** A range of no values. */
  | { readonly kind: 'empty' }
  /** Value #index (0-based) is NaN or ±∞. */
  | { readonly kind: 'notFinite'; readonly index: number; readonly value: number }
  | { readonly kind: 'rangeNotFinite'; readonly min: number; readonly max: number }
  /** min > max. */
  | { readonly kind: 'rangeEmpty'; readonly min: number; readonly max: number }
  /** max − min overflows float32: the scale would be infinite. */
  | { readonly kind: 'scaleOverflow'; readonly min: number; readonly max: number }
  /** (max − min) / (qmax − qmin) underflows float32 to 0. */
  | { readonly kind: 'scaleUnderflow'; readonly min: number; readonly max: number; readonly levels: number }
  | { readonly kind: 'multiplierNotFinite'; readonly m: number }
  /** gemmlowp's form needs M > 0. */
  | { readonly kind: 'multiplierNotPositive'; readonly m: number }
  /** gemmlowp's right-shift form needs M < 1. */
  | { readonly kind: 'multiplierNotBelowOne'; readonly m: number }
  /** TFLite's form needs M ≥ 0. */
  | { readonly kind: 'multiplierNegative'; readonly m: number }
  /** M < 2^−32: a right shift beyond 31. */
  | { readonly kind: 'multiplierTooSmall'; readonly m: number; readonly shift: number }
  /** M ≥ 2^31: a left shift beyond 31. */
  | { readonly kind: 'multiplierTooLarge'; readonly m: number; readonly shift: number }
  | { readonly kind: 'notInt32'; readonly operand: string; readonly value: number }
  | { readonly kind: 'shiftOutOfRange'; readonly shift: number; readonly min: number; readonly max: number }
  /** x · 2^shift overflows int32 before the multiply. */
  | { readonly kind: 'leftShiftOverflow'; readonly x: number; readonly shift: number }
  | { readonly kind: 'resultNotInt32'; readonly value: number }
  /** The integer GEMM multiplies 8-bit codes; this code range is wider. */
  | { readonly kind: 'codesTooWide'; readonly qmin: number; readonly qmax: number }
  /** LHS columns ≠ RHS rows. */
  | {
      readonly kind: 'depthMismatch';
      readonly lhsRows: number;
      readonly lhsCols: number;
      readonly rhsRows: number;
      readonly rhsCols: number;
    }
  /** An int32 accumulator overflows (only for depths beyond `safeDepth`). */
  | {
      readonly kind: 'accumulatorOverflow';
      readonly row: number;
      readonly col: number;
      readonly value: number;
      readonly depth: number;
      readonly safeDepth: number;
    }
  /** The float product overflows float32 at (row, col). */
  | { readonly kind: 'productOverflow'; readonly row: number; readonly col: number }
  | { readonly kind: 'biasLength'; readonly length: number; readonly cols: number }
  | { readonly kind: 'biasTooLarge'; readonly index: number; readonly value: number; readonly scale: number }
  /** Accumulator + bias overflows int32 at output #index. */
  | { readonly kind: 'biasOverflow'; readonly index: number }
  | { readonly kind: 'matrixEmpty' }
  | { readonly kind: 'raggedRows'; readonly row: number; readonly length: number; readonly expected: number }
  | {
      readonly kind: 'cellOutside';
      readonly row: number;
      readonly col: number;
      readonly rows: number;
      readonly cols: number;
    }
  | { readonly kind: 'stepOutside'; readonly step: number; readonly length: number }
  | { readonly kind: 'lengthMismatch'; readonly a: number; readonly b: number }
  /** Codes that are not 2 to 16 bits of integers: qmin ≥ qmax, fewer than 3 or more than 65536 levels. */
  | { readonly kind: 'codeRangeInvalid'; readonly qmin: number; readonly qmax: number }
  /** Real 0 needs a code: qmin ≤ 0 ≤ qmax. */
  | { readonly kind: 'codeRangeWithoutZero'; readonly qmin: number; readonly qmax: number }
  /** The library defines no symmetric scheme. */
  | { readonly kind: 'symmetricUnsupported'; readonly library: Library }
  /** The library's symmetric codes are signed (Z = 0). */
  | { readonly kind: 'symmetricUnsigned'; readonly library: Library; readonly qmin: number; readonly qmax: number }
  | { readonly kind: 'blockSizeInvalid'; readonly blockSize: number; readonly max: number }
  /** Per-channel scales along the depth do not factor out of the integer sum. */
  | { readonly kind: 'granularityAcrossDepth'; readonly granularity: 'axis' | 'block'; readonly axis: 0 | 1 }
  /** The result has one (S3, Z3): its range is one. */
  | { readonly kind: 'resultNotPerTensor' }
  /** A bias per column at scale S1·S2 needs one LHS scale. */
  | { readonly kind: 'biasWithPerRowLhs' }
  /** Fake quantization needs a finite scale above 0. */
  | { readonly kind: 'scaleNotPositive'; readonly scale: number }
  /** A moving average's constant (PyTorch's c, TensorFlow's decay) lies in (0, 1]. */
  | { readonly kind: 'observerConstantInvalid'; readonly constant: number }
  /** Batch #batch (0-based) of an observed stream holds no values. */
  | { readonly kind: 'batchEmpty'; readonly batch: number }
  /** A zero point must be an integer code in [qmin, qmax]. */
  | { readonly kind: 'zeroPointOutside'; readonly zeroPoint: number; readonly qmin: number; readonly qmax: number }
  /** A calibration percentile lies in (0, 100]. */
  | { readonly kind: 'percentileInvalid'; readonly percentile: number }
  /** ONNX Runtime's entropy calibration needs a whole number of bins from 128 (its quantized bins) to 65,536. */
  | { readonly kind: 'binsInvalid'; readonly bins: number }
  /** Histogram calibration works for a largest |x| from 1e-35 to 1e35 (float32's histograms overflow beyond). */
  | { readonly kind: 'calibrationMagnitude'; readonly amax: number }
  /** A block format's code is still loading (it loads when a format is first chosen). */
  | { readonly kind: 'formatLoading' }
  /** The integer pipeline's code is still loading (it loads with the panels that show the product). */
  | { readonly kind: 'pipelineLoading' }
  /** A block format decodes a value to ±∞ or NaN (its fp16 scale overflowed, as it does in the C). */
  | { readonly kind: 'formatNotFinite'; readonly format: string; readonly value: number; readonly decoded: number };

/** What a problem is about: one of the product's matrices, its bias, or nothing named. */
export type Subject = 'lhs' | 'rhs' | 'result' | 'bias';

/** The engine's one kind of error: a problem, and what it is about. */
export class EngineError extends Error {
  constructor(
    readonly problem: EngineProblem,
    readonly subject: Subject | null = null,
  ) {
    super(`${subject ? `${subject}: ` : ''}${problem.kind} ${JSON.stringify(problem)}`);
    this.name = 'EngineError';
  }
}

/** Throws an EngineError of `problem` (about `subject`). */
export function refuse(problem: EngineProblem, subject: Subject | null = null): never {
  throw new EngineError(problem, subject);
}
