/**
 * ONNX element types: names, widths, and the small floats' codes. A minifloat with e exponent bits,
 * m mantissa bits and bias b reads
 *   v = (−1)^s · 2^(1−b) · M/2^m            (E = 0, subnormal)
 *   v = (−1)^s · 2^(E−b) · (1 + M/2^m)      (otherwise),
 * and rounding to it is round-half-to-even on the grid of its binade: q = 2^k · rint(x / 2^k).
 */
import { roundHalfToEven } from '../../engine/rounding.ts';

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

/** 'ieee': all-ones exponent is ∞/NaN; 'fn': only all-ones is NaN; 'fnuz': 0x80 is NaN; 'none': no specials. */
type Specials = 'ieee' | 'fn' | 'fnuz' | 'none';

interface MiniFloat {
  readonly e: number;
  readonly m: number;
  readonly bias: number;
  readonly specials: Specials;
}

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

/** The largest finite value of a minifloat. */
export function maxFinite(f: MiniFloat): number {
  const top = 2 ** f.e - 1;
  if (f.specials === 'ieee') return (2 - 2 ** -f.m) * 2 ** (top - 1 - f.bias);
  if (f.specials === 'fn') return (2 - 2 ** (1 - f.m)) * 2 ** (top - f.bias);
  return (2 - 2 ** -f.m) * 2 ** (top - f.bias);
}

/** The value of a minifloat code. */
export function decodeMinifloat(f: MiniFloat, code: number): number {
  const width = 1 + f.e + f.m;
  const sign = (code >> (width - 1)) & 1 ? -1 : 1;
  const E = (code >> f.m) & (2 ** f.e - 1);
  const M = code & (2 ** f.m - 1);
  const top = 2 ** f.e - 1;
  if (f.specials === 'fnuz' && code === 1 << (width - 1)) return NaN;
  if (f.specials === 'ieee' && E === top) return M === 0 ? sign * Infinity : NaN;
  if (f.specials === 'fn' && E === top && M === 2 ** f.m - 1) return NaN;
  if (E === 0) return sign * M * 2 ** (1 - f.bias - f.m);
  return sign * (1 + M / 2 ** f.m) * 2 ** (E - f.bias);
}

/** floor(log2 a) exactly, for a finite a > 0. */
function exponentOf(a: number): number {
  let k = Math.floor(Math.log2(a));
  if (2 ** k > a) k--;
  else if (2 ** (k + 1) <= a) k++;
  return k;
}

/**
 * x rounded half to even onto the minifloat's grid (no overflow handling): the exact value, possibly
 * one step past the largest finite one.
 */
function roundOntoGrid(f: MiniFloat, x: number): number {
  const a = Math.abs(x);
  if (a === 0 || !Number.isFinite(a)) return x;
  const k = Math.max(exponentOf(a), 1 - f.bias) - f.m;
  const r = roundHalfToEven(a / 2 ** k) * 2 ** k;
  return x < 0 ? -r : r === 0 && Object.is(x, -0) ? -0 : r;
}

/**
 * x rounded to the minifloat's nearest value (ties to even). Past the largest finite value:
 * `saturate` clamps; otherwise ±∞ where the format has it, else NaN ('none' formats always clamp).
 */
export function roundToMinifloat(f: MiniFloat, x: number, saturate: boolean): number {
  if (Number.isNaN(x)) return NaN;
  const max = maxFinite(f);
  const clampAll = saturate || f.specials === 'none';
  const r = roundOntoGrid(f, clampAll ? Math.min(Math.max(x, -max), max) : x);
  if (Math.abs(r) <= max) return r;
  return f.specials === 'ieee' ? Math.sign(r) * Infinity : NaN;
}

/** The code of a value the minifloat holds exactly (a result of roundToMinifloat). */
export function encodeMinifloat(f: MiniFloat, v: number): number {
  const width = 1 + f.e + f.m;
  const signBit = 1 << (width - 1);
  const top = 2 ** f.e - 1;
  if (Number.isNaN(v)) {
    if (f.specials === 'fnuz') return signBit;
    return (top << f.m) | (2 ** f.m - 1);
  }
  const sign = v < 0 || Object.is(v, -0) ? signBit : 0;
  const a = Math.abs(v);
  if (a === Infinity) return sign | (top << f.m);
  if (a === 0) return f.specials === 'fnuz' ? 0 : sign;
  if (a < 2 ** (1 - f.bias)) return sign | (a / 2 ** (1 - f.bias - f.m));
  const k = exponentOf(a);
  return sign | ((k + f.bias) << f.m) | ((a / 2 ** k - 1) * 2 ** f.m);
}

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
