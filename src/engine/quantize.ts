/**
 * Quantize and Dequantize from gemmlowp's doc/quantization_example.cc (paper eq. 1):
 *
 *     q = round(clamp(Z + r / S, 0, 255))      r̂ = S · (q − Z)
 *
 * All in float32 as the C++ does: r / S is a float division, Z + (r / S) a float addition. The
 * value is clamped to [0, 255] first and rounded (half away from zero) after.
 */
import { refuse } from './errors.ts';
import type { QuantizationParams } from './quantizationParams.ts';

type Params = Pick<QuantizationParams, 'scale' | 'zeroPoint'>;

/**
 * uint8 codes of `values`. ±∞ clamp to 0 or 255 as in the C++; NaN throws (the C++ would give
 * 255 for NaN through std::min's argument order, which no one means). `out` may be passed
 * to avoid an allocation in hot loops.
 */
export function quantize(params: Params, values: ArrayLike<number>, out?: Uint8Array): Uint8Array {
  const { scale, zeroPoint } = params;
  const n = values.length;
  const dst = out ?? new Uint8Array(n);
  const f = Math.fround;
  for (let i = 0; i < n; i++) {
    const t = f(zeroPoint + f((values[i] as number) / scale));
    if (t !== t) refuse({ kind: 'notFinite', index: i, value: values[i] as number });
    const c = t < 0 ? 0 : t > 255 ? 255 : t;
    // c is a float32 in [0, 255], so c + 0.5 is exact in double and floor() is std::round here.
    dst[i] = Math.floor(c + 0.5);
  }
  return dst;
}

/** Real values S · (q − Z), rounded to float32 as the C++ float multiplication does. */
export function dequantize(params: Params, q: ArrayLike<number>, out?: Float32Array): Float32Array {
  const { scale, zeroPoint } = params;
  const n = q.length;
  const dst = out ?? new Float32Array(n);
  for (let i = 0; i < n; i++) dst[i] = scale * ((q[i] as number) - zeroPoint);
  return dst;
}
