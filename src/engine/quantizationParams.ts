/**
 * ChooseQuantizationParams from gemmlowp's doc/quantization_example.cc (paper §2.1, eq. 1):
 *
 *     real_value = scale * (quantized_value - zero_point)
 *
 * Per tensor, onto the integer codes [qmin, qmax] (uint8, [0, 255], in the example). The range is
 * first extended to contain 0 so that real 0 is exactly representable (zero padding must be exact). The scale is a float32 computed in float32; the
 * initial zero point is computed in double from that float32 scale. Both matter: computing the
 * scale in double gives zero point 128 for [-1, 1]; the reference gives 127.
 */
import { UINT8, type CodeRange } from './codes.ts';
import { EngineError, refuse, type Subject } from './errors.ts';
import type { FloatMatrix } from './matrix.ts';
import { findMinMax } from './minMax.ts';
import { FLT_MAX, FLT_MIN_NORMAL } from './float32.ts';
import { roundHalfAwayFromZero } from './rounding.ts';

/** The smallest code of the gemmlowp example (uint8). */
export const QMIN = UINT8.qmin;
/** The largest code of the gemmlowp example (uint8). */
export const QMAX = UINT8.qmax;

/** Why a range needed a defined answer the C++ does not give. */
export type Degeneracy = 'all-zero' | 'subnormal-scale' | null;

/** The quantization parameters of one tensor (with its code range), and the intermediate values the UI explains. */
export interface QuantizationParams extends CodeRange {
  /** S: the real value of one integer step (float32). */
  readonly scale: number;
  /** Z: the integer that real 0 maps to, in [qmin, qmax]. */
  readonly zeroPoint: number;
  /** The observed min and max, as float32, before extension to contain 0. */
  readonly observedMin: number;
  readonly observedMax: number;
  /** The range actually used: min(observedMin, 0) and max(observedMax, 0). */
  readonly min: number;
  readonly max: number;
  /** float32(max − min), the numerator of the scale. */
  readonly range: number;
  /** qmin − min / scale computed in double, before rounding and clamping. */
  readonly initialZeroPoint: number;
  /** Non-null when the range needed a defined answer the C++ does not give (see below). */
  readonly degenerate: Degeneracy;
}

/**
 * Quantization parameters for a tensor whose values lie in [min, max] (inputs rounded to float32).
 *
 * Defined where the C++ is not:
 * - min = max = 0 (all values zero): the C++ computes 0/0 and a NaN zero point. Any scale
 *   represents that tensor exactly; we return scale 1, zero point 0 (the code nearest 0) and
 *   `degenerate: 'all-zero'`.
 * - a range so small that the scale is a float32 subnormal: computed exactly as the C++ does
 *   (IEEE subnormals), flagged `degenerate: 'subnormal-scale'` because it has fewer than 24 bits.
 * Throws an EngineError when min or max is NaN/±∞, when min > max, when the scale overflows
 * float32 (max − min > FLT_MAX) or underflows to 0.
 */
export function chooseQuantizationParams(min: number, max: number, codes: CodeRange = UINT8): QuantizationParams {
  const { qmin, qmax } = codes;
  if (!Number.isFinite(min) || !Number.isFinite(max)) refuse({ kind: 'rangeNotFinite', min, max });
  const observedMin = Math.fround(min);
  const observedMax = Math.fround(max);
  if (observedMin > observedMax) refuse({ kind: 'rangeEmpty', min: observedMin, max: observedMax });
  // std::min(min, 0.f) and std::max(max, 0.f): the range must contain 0.
  const lo = 0 < observedMin ? 0 : observedMin;
  const hi = observedMax < 0 ? 0 : observedMax;
  const range = Math.fround(hi - lo);
  // Objects written out, no spread: a spread cost V8 microseconds per call (per channel or block).
  const params = (scale: number, zeroPoint: number, initialZeroPoint: number, degenerate: Degeneracy) => ({
    qmin,
    qmax,
    observedMin,
    observedMax,
    min: lo,
    max: hi,
    range,
    scale,
    zeroPoint,
    initialZeroPoint,
    degenerate,
  });
  if (range === 0) {
    const zeroPoint = Math.min(qmax, Math.max(qmin, 0));
    return params(1, zeroPoint, zeroPoint, 'all-zero');
  }
  if (range > FLT_MAX || !Number.isFinite(range)) refuse({ kind: 'scaleOverflow', min: lo, max: hi });
  const scale = Math.fround(range / (qmax - qmin));
  if (scale === 0) refuse({ kind: 'scaleUnderflow', min: lo, max: hi, levels: qmax - qmin });
  const initialZeroPoint = qmin - lo / scale; // double, from the float32 scale
  const zeroPoint =
    initialZeroPoint < qmin ? qmin : initialZeroPoint > qmax ? qmax : roundHalfAwayFromZero(initialZeroPoint);
  const degenerate: Degeneracy = scale < FLT_MIN_NORMAL ? 'subnormal-scale' : null;
  return params(scale, zeroPoint, initialZeroPoint, degenerate);
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
