/**
 * The real multiplier M = S1 · S2 / S3 (paper eq. 5) as an int32 and a shift (eq. 6):
 *
 *     M = 2^−n · M0,   M0 ∈ [0.5, 1) stored as round(M0 · 2^31), an int32 in [2^30, 2^31)
 *
 * Two conventions: gemmlowp's example returns a right shift n ≥ 0 and needs M ∈ (0, 1); TFLite's
 * QuantizeMultiplier returns a signed shift (> 0 means left) and accepts any M ≥ 0.
 */
import { refuse } from './errors.ts';
import { roundHalfAwayFromZero } from './rounding.ts';

const TWO_31 = 2147483648;

/** gemmlowp's form: M ≈ quantizedMultiplier / 2^31 · 2^−rightShift. */
export interface GemmlowpMultiplier {
  readonly quantizedMultiplier: number;
  readonly rightShift: number;
}

/** TFLite's form: M ≈ quantizedMultiplier / 2^31 · 2^shift (shift > 0: left shift). */
export interface TfliteMultiplier {
  readonly quantizedMultiplier: number;
  readonly shift: number;
}

/** The value M0 · 2^(shift − 31) that a quantized multiplier stands for (shift > 0: left), exactly. */
export function multiplierValue(quantizedMultiplier: number, shift: number): number {
  return quantizedMultiplier * 2 ** (shift - 31);
}

/** gemmlowp's derivation of (M0, n), every step kept for display. */
export interface MultiplierSteps extends GemmlowpMultiplier {
  /** float32(M · 2^s) for s = 0 … n: M doubled until it is in [0.5, 1). */
  readonly doublings: readonly number[];
  /** M0 · 2^(−31−n), what the integers stand for. */
  readonly approximation: number;
  /** |approximation − M| / M against the float32 M. */
  readonly relativeError: number;
}

/**
 * QuantizeMultiplierSmallerThanOne(float M) from gemmlowp's doc/quantization_example.cc, with its
 * steps. M is rounded to float32 first (the C++ parameter is a float) and doubled in float32
 * until it is ≥ 0.5. Throws an EngineError where the C++ asserts or cannot be used: M not
 * finite, M ≤ 0, M ≥ 1, or M < 2^−32 (the right shift would exceed 31, which
 * RoundingDivideByPOT cannot do).
 */
export function multiplierSteps(m: number): MultiplierSteps {
  if (!Number.isFinite(m)) refuse({ kind: 'multiplierNotFinite', m });
  let real = Math.fround(m);
  if (real <= 0) refuse({ kind: 'multiplierNotPositive', m });
  if (real >= 1) refuse({ kind: 'multiplierNotBelowOne', m });
  const doublings = [real];
  let s = 0;
  while (real < 0.5) {
    real = Math.fround(real * 2);
    doublings.push(real);
    s++;
  }
  let q = roundHalfAwayFromZero(real * TWO_31);
  // Unreachable for a float32 M (q is then a multiple of 128 below 2^31), kept as in the C++.
  if (q === TWO_31) {
    q /= 2;
    s--;
  }
  if (s > 31) refuse({ kind: 'multiplierTooSmall', m, shift: s });
  const approximation = multiplierValue(q, -s);
  const float = doublings[0] as number;
  return {
    quantizedMultiplier: q,
    rightShift: s,
    doublings,
    approximation,
    relativeError: Math.abs(approximation - float) / float,
  };
}

/** QuantizeMultiplierSmallerThanOne(float M) from gemmlowp's doc/quantization_example.cc (see {@link multiplierSteps}). */
export function quantizeMultiplierSmallerThanOne(m: number): GemmlowpMultiplier {
  const { quantizedMultiplier, rightShift } = multiplierSteps(m);
  return { quantizedMultiplier, rightShift };
}

/**
 * TFLite QuantizeMultiplier(double M) (kernels/internal/quantization_util.cc): frexp, then
 * round(q · 2^31); a result of 2^31 is halved with shift + 1; a shift below −31 (M < 2^−32) is
 * flushed to (0, 0), as TFLite does, because every result would be 0. M = 0 gives (0, 0).
 * Throws for NaN/±∞, negative M, or M ≥ 2^31 (the left shift would exceed 31).
 */
export function quantizeMultiplier(m: number): TfliteMultiplier {
  if (!Number.isFinite(m)) refuse({ kind: 'multiplierNotFinite', m });
  if (m < 0) refuse({ kind: 'multiplierNegative', m });
  if (m === 0) return { quantizedMultiplier: 0, shift: 0 };
  const { mantissa, exponent } = frexp(m);
  let shift = exponent;
  let q = roundHalfAwayFromZero(mantissa * TWO_31);
  if (q === TWO_31) {
    q /= 2;
    shift++;
  }
  if (shift < -31) return { quantizedMultiplier: 0, shift: 0 };
  if (shift > 31) refuse({ kind: 'multiplierTooLarge', m, shift });
  return { quantizedMultiplier: q, shift };
}

/** std::frexp for a positive finite double: m = mantissa · 2^exponent, mantissa ∈ [0.5, 1). */
export function frexp(m: number): { mantissa: number; exponent: number } {
  if (m < 2 ** -1000) {
    // Scale subnormals up first so that 2^-exponent below stays finite.
    const scaled = frexp(m * 2 ** 100);
    return { mantissa: scaled.mantissa, exponent: scaled.exponent - 100 };
  }
  let exponent = Math.floor(Math.log2(m)) + 1;
  let mantissa = m * 2 ** -exponent; // exact: scaling by a power of two
  // Math.log2 may be off by one near powers of two; fix up exactly.
  while (mantissa < 0.5) {
    mantissa *= 2;
    exponent--;
  }
  while (mantissa >= 1) {
    mantissa /= 2;
    exponent++;
  }
  return { mantissa, exponent };
}
