/**
 * Requantization: how the int32 accumulator becomes the output's scale, acc · S1·S2/S3, in the five
 * ways the libraries do it (../shared/reference/schemes.md §2.3–2.4, §4.4, §1.8):
 *
 * | method                 | multiplier                              | acc · M                                   |
 * |------------------------|-----------------------------------------|-------------------------------------------|
 * | gemmlowp               | f32(f32(S1·S2) / S3) → M0, right shift n | RoundingDivideByPOT(SRDHM(acc, M0), n)    |
 * | tflite                 | S1·S2/S3 in double → M0, signed shift    | MultiplyByQuantizedMultiplier (2 roundings)|
 * | tflite-single-rounding | the same (shift ≤ 30)                    | (acc · M0 + 2^(30−shift)) >> (31 − shift)  |
 * | float32                | ORT: f32(f32(S1·S2) / S3); PyTorch QNNPACK: f32(f32(S1·S2) · f32(1/S3)) | round½even(f32(f32(acc) · M)) |
 * | float64                | ONNX reference: f32(f32(S1·S2) / S3)     | round½even(acc · M in double)             |
 *
 * Then + Z3 and the clamp, the same for all.
 */
import { refuse } from './errors.ts';
import {
  multiplyByQuantizedMultiplier,
  multiplyByQuantizedMultiplierSingleRounding,
  roundingDivideByPOT,
  saturatingRoundingDoublingHighMul,
} from './fixedPoint.ts';
import { multiplierSteps, quantizeMultiplier } from './multiplier.ts';
import { roundHalfToEven } from './rounding.ts';
import type { Library } from './schemes.ts';

/** The requantization methods, in the order the app lists them. */
export const REQUANTIZATIONS = ['gemmlowp', 'tflite', 'tflite-single-rounding', 'float32', 'float64'] as const;

/** How the accumulator is brought to the output's scale. */
export type Requantization = (typeof REQUANTIZATIONS)[number];

/** One multiplier as a method holds it. */
export interface Requantizer {
  readonly method: Requantization;
  /** The real multiplier the method starts from (float32, or double for TFLite). */
  readonly real: number;
  /** Fixed point: M0 (int32); 0 for the float methods. */
  readonly quantizedMultiplier: number;
  /** Fixed point: the signed shift (> 0 left, < 0 right; gemmlowp's right shift n is −shift); 0 for the float methods. */
  readonly shift: number;
}

/**
 * The multiplier of S1 · S2 / S3 for a method (`resultLibrary` picks ORT's or PyTorch QNNPACK's
 * float32 formula). Throws an EngineError where the method cannot represent it (gemmlowp needs
 * 0 < M < 1 and M ≥ 2^−32; TFLite M < 2^31).
 */
export function requantizer(
  method: Requantization,
  s1: number,
  s2: number,
  s3: number,
  resultLibrary: Library = 'onnx',
): Requantizer {
  const f = Math.fround;
  switch (method) {
    case 'gemmlowp': {
      const real = f(f(s1 * s2) / s3);
      const { quantizedMultiplier, rightShift } = multiplierSteps(real);
      return { method, real, quantizedMultiplier, shift: -rightShift };
    }
    case 'tflite':
    case 'tflite-single-rounding': {
      // PopulateConvolutionQuantizationParams: double(S1) · double(S2) / double(S3).
      const real = (s1 * s2) / s3;
      let { quantizedMultiplier, shift } = quantizeMultiplier(real);
      if (method === 'tflite-single-rounding' && shift > 30) {
        shift = 30; // TFLITE_SINGLE_ROUNDING: the largest multiplier it can apply
        quantizedMultiplier = 2 ** 31 - 1;
      }
      return { method, real, quantizedMultiplier, shift };
    }
    case 'float32': {
      const real = resultLibrary === 'pytorch' ? f(f(s1 * s2) * f(1 / s3)) : f(f(s1 * s2) / s3);
      if (!Number.isFinite(real)) refuse({ kind: 'multiplierNotFinite', m: real });
      return { method, real, quantizedMultiplier: 0, shift: 0 };
    }
    case 'float64': {
      const real = f(f(s1 * s2) / s3);
      if (!Number.isFinite(real)) refuse({ kind: 'multiplierNotFinite', m: real });
      return { method, real, quantizedMultiplier: 0, shift: 0 };
    }
  }
}

/** acc brought to the output's scale (before + Z3), and the high multiply of the fixed-point methods. */
export function requantize(r: Requantizer, acc: number): { highMul: number; scaled: number } {
  switch (r.method) {
    case 'gemmlowp': {
      const highMul = saturatingRoundingDoublingHighMul(acc, r.quantizedMultiplier);
      return { highMul, scaled: roundingDivideByPOT(highMul, -r.shift) };
    }
    case 'tflite': {
      const left = r.shift > 0 ? r.shift : 0;
      const scaled = multiplyByQuantizedMultiplier(acc, r.quantizedMultiplier, r.shift);
      return { highMul: saturatingRoundingDoublingHighMul(acc * 2 ** left, r.quantizedMultiplier), scaled };
    }
    case 'tflite-single-rounding': {
      const scaled = multiplyByQuantizedMultiplierSingleRounding(acc, r.quantizedMultiplier, r.shift);
      return { highMul: scaled, scaled };
    }
    case 'float32': {
      // MlasRequantizeOutput: float(acc) · scale in float32, round half to even (cvtps).
      const scaled = roundHalfToEven(Math.fround(Math.fround(acc) * r.real)) + 0; // + 0: an integer, never −0
      return { highMul: scaled, scaled };
    }
    case 'float64': {
      const scaled = roundHalfToEven(acc * r.real) + 0;
      return { highMul: scaled, scaled };
    }
  }
}

/**
 * Which groups output (row, col) of a product uses: its LHS row's (or the only one), its RHS
 * column's (or the only one), and the index of its multiplier among one per pair of groups.
 */
export function cellGroups(
  lhsGroups: number,
  rhsGroups: number,
  row: number,
  col: number,
): { readonly lhs: number; readonly rhs: number; readonly requantizer: number } {
  const lhs = lhsGroups > 1 ? row : 0;
  const rhs = rhsGroups > 1 ? col : 0;
  return { lhs, rhs, requantizer: lhs * rhsGroups + rhs };
}
