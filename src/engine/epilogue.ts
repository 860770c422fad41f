/**
 * What happens to the int32 accumulator besides the multiplier (paper §2.4, eq. 10–11):
 *
 *     bias:        int32, scale S_bias = S1 · S2, zero point 0, added to the accumulator
 *     activation:  fused as a clamp in the quantized domain — ReLU: q ≥ Z3 (real 0);
 *                  ReLU6: q ≤ Z3 + round(6 / S3) (real 6), within [qmin, qmax]
 */
import { refuse } from './errors.ts';
import { INT32_MAX, INT32_MIN } from './fixedPoint.ts';
import type { QuantizationParams } from './quantizationParams.ts';
import { roundHalfAwayFromZero } from './rounding.ts';

/** The fused activation functions, in menu order. */
export const ACTIVATIONS = ['none', 'relu', 'relu6'] as const;

/** A fused activation function. */
export type Activation = (typeof ACTIVATIONS)[number];

/** S_bias = float32(S1 · S2), the scale of the int32 bias (its zero point is 0). */
export function biasScale(lhsScale: number, rhsScale: number): number {
  return Math.fround(lhsScale * rhsScale);
}

/**
 * The int32 bias: round(b / S_bias), ties away from zero, with one scale or one per column
 * (per-column weights). Throws an EngineError (about the bias) for a non-finite bias or one that
 * does not fit in an int32 at this scale.
 */
export function quantizeBias(bias: ArrayLike<number>, scales: number | ArrayLike<number>): Int32Array {
  const out = new Int32Array(bias.length);
  for (let k = 0; k < bias.length; k++) {
    const b = bias[k] as number;
    const scale = typeof scales === 'number' ? scales : (scales[k] as number);
    if (!Number.isFinite(b)) refuse({ kind: 'notFinite', index: k, value: b }, 'bias');
    const q = roundHalfAwayFromZero(b / scale);
    if (q < INT32_MIN || q > INT32_MAX) refuse({ kind: 'biasTooLarge', index: k, value: b, scale }, 'bias');
    out[k] = q;
  }
  return out;
}

/** The interval the output codes are clamped to: [qmin, qmax] narrowed by the fused activation. */
export function activationBounds(
  activation: Activation,
  result: Pick<QuantizationParams, 'scale' | 'zeroPoint' | 'qmin' | 'qmax'>,
): { lo: number; hi: number } {
  const { zeroPoint: z, qmin, qmax } = result;
  if (activation === 'relu') return { lo: Math.max(qmin, z), hi: qmax };
  if (activation === 'relu6') {
    return { lo: Math.max(qmin, z), hi: Math.min(qmax, z + roundHalfAwayFromZero(6 / result.scale)) };
  }
  return { lo: qmin, hi: qmax };
}

/** The activation on a real value (for the float reference). */
export function activateReal(activation: Activation, x: number): number {
  if (activation === 'none') return x;
  const relu = x > 0 ? x : 0;
  return activation === 'relu6' ? Math.min(6, relu) : relu;
}
