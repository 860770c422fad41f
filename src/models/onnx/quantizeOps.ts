/**
 * QuantizeLinear, DequantizeLinear and DynamicQuantizeLinear as onnx/reference/ops computes them:
 *   y = saturate(round_half_even(x / y_scale) + y_zero_point)        (integer outputs)
 *   y = cast_fp8(x / y_scale), y = cast_fp4(x / y_scale + zero_point) (float8 / float4 codes)
 *   y = (x − x_zero_point) · x_scale                                  (DequantizeLinear)
 * with the division in the inputs' float type (float32, or float16 for float16 x and scale), the
 * dequantized product in float32 (float64 for int32 x) stored in the scale's type.
 */
import { roundHalfToEven } from '../../engine/index.ts';
import type { ModelNode } from '../types.ts';
import {
  CODED_FLOATS,
  INT_RANGES,
  MINIFLOATS,
  ONNX_DTYPES,
  decodeMinifloat,
  encodeMinifloat,
  roundToFloat,
  roundToMinifloat,
} from './dtypes.ts';
import { arrayFor, input, intAttr, parameterIndex, sizeOf, unsupported, type Kernel, type Value } from './kernel.ts';

const FLOATS = new Set(['float32', 'float16', 'bfloat16']);

/** numpy's result type of two float dtypes among FLOATS. */
const promote = (a: string, b: string): string => (a === b ? a : 'float32');

/** The parameter index map for `param` over `x`, refusing shapes that do not fit. */
function indexFor(node: ModelNode, index: number, x: Value, param: Value): Int32Array {
  const rank = x.shape.length;
  const raw = intAttr(node, 'axis', 1);
  const axis = raw < 0 ? raw + rank : raw;
  const map = parameterIndex(x.shape, param.shape, axis, intAttr(node, 'block_size', 0));
  return map ?? unsupported(node, index, 'parameterShape');
}

/** x's value as a float (float8 / float4 codes decoded). */
function valuesOf(v: Value): ArrayLike<number> {
  const f = MINIFLOATS[v.dtype];
  return f && CODED_FLOATS.has(v.dtype) ? Array.from(v.data, (c) => decodeMinifloat(f, c)) : v.data;
}

export const quantizeLinear: Kernel = (node, inputs, index) => {
  const x = input(inputs, 0, index);
  const scale = input(inputs, 1, index);
  const zero = inputs[2] ?? null;
  if (!FLOATS.has(x.dtype) || !FLOATS.has(scale.dtype)) unsupported(node, index, `dtype:${x.dtype}/${scale.dtype}`);
  const requested = ONNX_DTYPES[intAttr(node, 'output_dtype', 0)];
  const dtype = zero?.dtype ?? requested ?? 'uint8';
  if (zero && requested && requested !== zero.dtype) unsupported(node, index, 'outputDtype');
  const precisionCode = intAttr(node, 'precision', 0);
  const precision = precisionCode ? (ONNX_DTYPES[precisionCode] ?? '') : promote(x.dtype, scale.dtype);
  if (!FLOATS.has(precision)) unsupported(node, index, `precision:${precision}`);
  const at = indexFor(node, index, x, scale);
  const zeroAt = zero ? indexFor(node, index, x, zero) : null;
  const count = sizeOf(x.shape);
  const out = arrayFor(dtype, count);
  const quotient = (i: number) => {
    const s = roundToFloat(precision, scale.data[at[i] ?? 0] ?? NaN);
    return roundToFloat(precision, roundToFloat(precision, x.data[i] ?? NaN) / s);
  };
  const range = INT_RANGES[dtype];
  const mini = MINIFLOATS[dtype];
  if (range && dtype !== 'int32') {
    const [qmin, qmax] = range;
    for (let i = 0; i < count; i++) {
      const r = roundHalfToEven(quotient(i));
      const z = zero && zeroAt ? (zero.data[zeroAt[i] ?? 0] ?? 0) : 0;
      // numpy's rint(NaN).astype(int32) is INT32_MIN: the lowest code after clipping.
      out[i] = Number.isNaN(r) ? qmin : Math.min(Math.max(r + z, qmin), qmax);
    }
  } else if (mini && dtype === 'float4e2m1') {
    for (let i = 0; i < count; i++) {
      const z = zero && zeroAt ? decodeMinifloat(mini, zero.data[zeroAt[i] ?? 0] ?? 0) : null;
      const q = z === null ? quotient(i) : Math.fround(quotient(i) + z);
      out[i] = encodeMinifloat(mini, roundToMinifloat(mini, q, true));
    }
  } else if (mini && CODED_FLOATS.has(dtype)) {
    const saturate = intAttr(node, 'saturate', 1) !== 0;
    for (let i = 0; i < count; i++) out[i] = encodeMinifloat(mini, roundToMinifloat(mini, quotient(i), saturate));
  } else {
    unsupported(node, index, `outputDtype:${dtype}`);
  }
  return { outputs: [{ shape: [...x.shape], data: out, dtype }], accumulators: null };
};

export const dequantizeLinear: Kernel = (node, inputs, index) => {
  const x = input(inputs, 0, index);
  const scale = input(inputs, 1, index);
  const zero = inputs[2] ?? null;
  const isInt = INT_RANGES[x.dtype] !== undefined;
  if ((!isInt && !CODED_FLOATS.has(x.dtype)) || !FLOATS.has(scale.dtype))
    unsupported(node, index, `dtype:${x.dtype}/${scale.dtype}`);
  const dtype = ONNX_DTYPES[intAttr(node, 'output_dtype', 0)] ?? scale.dtype;
  if (!FLOATS.has(dtype)) unsupported(node, index, `outputDtype:${dtype}`);
  const at = indexFor(node, index, x, scale);
  let zeroAt: Int32Array | null = null;
  if (zero && isInt) {
    if (zero.dtype !== x.dtype) unsupported(node, index, 'zeroPointDtype');
    zeroAt = indexFor(node, index, x, zero);
  } else if (zero && x.dtype !== 'float4e2m1' && Array.from(valuesOf(zero)).some((z) => z !== 0)) {
    unsupported(node, index, 'float8ZeroPoint');
  }
  // (x − z) and its product with the scale are float32, float64 for int32 x.
  const middle = x.dtype === 'int32' ? 'float64' : 'float32';
  const xs = valuesOf(x);
  const count = sizeOf(x.shape);
  const out = arrayFor(dtype, count);
  for (let i = 0; i < count; i++) {
    const z = zero && zeroAt ? (zero.data[zeroAt[i] ?? 0] ?? 0) : 0;
    const dx = roundToFloat(middle, Math.fround(xs[i] ?? NaN) - z);
    out[i] = roundToFloat(dtype, roundToFloat(middle, dx * (scale.data[at[i] ?? 0] ?? NaN)));
  }
  return { outputs: [{ shape: [...x.shape], data: out, dtype }], accumulators: null };
};

export const dynamicQuantizeLinear: Kernel = (node, inputs, index) => {
  const x = input(inputs, 0, index);
  if (x.dtype !== 'float32') unsupported(node, index, `dtype:${x.dtype}`);
  const f = Math.fround;
  const count = sizeOf(x.shape);
  let max = 0;
  let min = 0;
  for (let i = 0; i < count; i++) {
    const v = x.data[i] ?? NaN;
    // np.max / np.min propagate NaN.
    max = Number.isNaN(v) || Number.isNaN(max) ? NaN : Math.max(max, v);
    min = Number.isNaN(v) || Number.isNaN(min) ? NaN : Math.min(min, v);
  }
  const scale = f((max === min ? 1 : f(max - min)) / 255);
  const initial = f(0 - f(min / scale));
  // Python's max(0, min(255, z)) keeps its first argument unless the second compares past it (NaN: 255).
  const clipped = initial < 255 ? initial : 255;
  const zeroPoint = roundHalfToEven(clipped > 0 ? clipped : 0);
  const y = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const q = roundHalfToEven(f((x.data[i] ?? NaN) / scale)) + zeroPoint;
    y[i] = Number.isNaN(q) ? 0 : Math.min(Math.max(q, 0), 255);
  }
  return {
    outputs: [
      { shape: [...x.shape], data: y, dtype: 'uint8' },
      { shape: [], data: Float32Array.of(scale), dtype: 'float32' },
      { shape: [], data: Uint8Array.of(zeroPoint), dtype: 'uint8' },
    ],
    accumulators: null,
  };
};
