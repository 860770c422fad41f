/**
 * Quantize and Dequantize from gemmlowp's doc/quantization_example.cc (paper eq. 1):
 *
 *     q = round(clamp(Z + r / S, qmin, qmax))      r̂ = S · (q − Z)
 *
 * All in float32 as the C++ does: r / S is a float division, Z + (r / S) a float addition. The
 * value is clamped to [qmin, qmax] ([0, 255] in the example) first and rounded (half away from
 * zero) after.
 */
import { newCodeArray, type CodeArray } from './codes.ts';
import { refuse } from './errors.ts';
import type { FloatMatrix, Matrix } from './matrix.ts';
import type { QuantizationParams } from './quantizationParams.ts';

type Params = Pick<QuantizationParams, 'scale' | 'zeroPoint' | 'qmin' | 'qmax'>;

/**
 * The codes of `values`, in the narrowest typed array of the code range. ±∞ clamp to qmin or qmax
 * as in the C++; NaN throws (the C++ would give qmax for NaN through std::min's argument order,
 * which no one means). `out` may be passed to avoid an allocation in hot loops.
 */
export function quantize(params: Params, values: ArrayLike<number>, out?: CodeArray): CodeArray {
  const { scale, zeroPoint, qmin, qmax } = params;
  const n = values.length;
  const dst = out ?? newCodeArray(params, n);
  const f = Math.fround;
  if (qmin === 0 && qmax === 255) {
    // uint8, the paper's codes: the hot path, with the bounds as constants.
    for (let i = 0; i < n; i++) {
      const t = f(zeroPoint + f((values[i] as number) / scale));
      if (t !== t) refuse({ kind: 'notFinite', index: i, value: values[i] as number });
      const c = t < 0 ? 0 : t > 255 ? 255 : t;
      dst[i] = Math.floor(c + 0.5);
    }
    return dst;
  }
  for (let i = 0; i < n; i++) {
    const t = f(zeroPoint + f((values[i] as number) / scale));
    if (t !== t) refuse({ kind: 'notFinite', index: i, value: values[i] as number });
    const c = t < qmin ? qmin : t > qmax ? qmax : t;
    // round(c), half away from zero, for codes of either sign.
    dst[i] = c < 0 ? -Math.floor(0.5 - c) : Math.floor(c + 0.5);
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

/** The codes of `m` under `params`. */
export function quantizeMatrix(params: QuantizationParams, m: FloatMatrix): Matrix<CodeArray> {
  return { rows: m.rows, cols: m.cols, data: quantize(params, m.data) };
}
