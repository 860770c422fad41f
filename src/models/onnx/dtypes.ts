/**
 * ONNX element types: names, widths, and the small floats' codes. A minifloat with e exponent bits,
 * m mantissa bits and bias b reads
 *   v = (−1)^s · 2^(1−b) · M/2^m            (E = 0, subnormal)
 *   v = (−1)^s · 2^(E−b) · (1 + M/2^m)      (otherwise),
 * and rounding to it is round-half-to-even on the grid of its binade: q = 2^k · rint(x / 2^k).
 */
import { decodeMinifloat, roundToMinifloat, type MiniFloat } from '../../formats/minifloat.ts';

/** TensorProto.DataType code → the app's dtype name. */
export const ONNX_DTYPES: Readonly<Record<number, string>> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  14: 'complex64',
  15: 'complex128',
  16: 'bfloat16',
  17: 'float8e4m3fn',
  18: 'float8e4m3fnuz',
  19: 'float8e5m2',
  20: 'float8e5m2fnuz',
  21: 'uint4',
  22: 'int4',
  23: 'float4e2m1',
  24: 'float8e8m0',
  25: 'uint2',
  26: 'int2',
};

/** Bits per element of each dtype the reader decodes (string and complex are not decoded). */
export const DTYPE_BITS: Readonly<Record<string, number>> = {
  float32: 32,
  uint8: 8,
  int8: 8,
  uint16: 16,
  int16: 16,
  int32: 32,
  int64: 64,
  bool: 8,
  float16: 16,
  float64: 64,
  uint32: 32,
  uint64: 64,
  bfloat16: 16,
  float8e4m3fn: 8,
  float8e4m3fnuz: 8,
  float8e5m2: 8,
  float8e5m2fnuz: 8,
  float8e8m0: 8,
  uint4: 4,
  int4: 4,
  float4e2m1: 4,
  uint2: 2,
  int2: 2,
};

/** The integer dtypes' ranges [qmin, qmax]. */
export const INT_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  uint8: [0, 255],
  int8: [-128, 127],
  uint16: [0, 65535],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  uint4: [0, 15],
  int4: [-8, 7],
  uint2: [0, 3],
  int2: [-2, 1],
};

export type { MiniFloat } from '../../formats/minifloat.ts';
export { decodeMinifloat, encodeMinifloat, maxFinite, roundToMinifloat } from '../../formats/minifloat.ts';

/** The small floats, by dtype. float16 and bfloat16 are kept as their values, the others as their codes. */
export const MINIFLOATS: Readonly<Record<string, MiniFloat>> = {
  float16: { e: 5, m: 10, bias: 15, specials: 'ieee' },
  bfloat16: { e: 8, m: 7, bias: 127, specials: 'ieee' },
  float8e4m3fn: { e: 4, m: 3, bias: 7, specials: 'fn' },
  float8e4m3fnuz: { e: 4, m: 3, bias: 8, specials: 'fnuz' },
  float8e5m2: { e: 5, m: 2, bias: 15, specials: 'ieee' },
  float8e5m2fnuz: { e: 5, m: 2, bias: 16, specials: 'fnuz' },
  float4e2m1: { e: 2, m: 1, bias: 1, specials: 'none' },
};

/** Dtypes whose data the reader and the kernels keep as raw codes (decode with decodeMinifloat). */
export const CODED_FLOATS = new Set(['float8e4m3fn', 'float8e4m3fnuz', 'float8e5m2', 'float8e5m2fnuz', 'float4e2m1']);

/** float16 bits → value. */
export const float16Value = (bits: number): number => decodeMinifloat(MINIFLOATS.float16 as MiniFloat, bits);
/** bfloat16 bits → value. */
export const bfloat16Value = (bits: number): number => decodeMinifloat(MINIFLOATS.bfloat16 as MiniFloat, bits);

/**
 * x rounded to `dtype` as numpy would store it: float32 (Math.fround), float16 / bfloat16 (ties to
 * even, overflow → ±∞), float64 (x).
 */
export function roundToFloat(dtype: string, x: number): number {
  if (dtype === 'float32') return Math.fround(x);
  if (dtype === 'float64') return x;
  const f = MINIFLOATS[dtype];
  if (!f || CODED_FLOATS.has(dtype)) throw new RangeError(dtype);
  return roundToMinifloat(f, x, false);
}
