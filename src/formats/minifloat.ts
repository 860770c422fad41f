/**
 * Small floating-point formats (FP8, FP6, FP4, float16, bfloat16) described by their exponent and
 * mantissa widths, bias and special values: exact decoding, round-half-to-even onto the grid, and
 * encoding. Shared by the ONNX reader (its float8/float4 dtypes) and the weight formats.
 */
import { roundHalfToEven } from '../engine/index.ts';

/** 'ieee': all-ones exponent is ∞/NaN; 'fn': only all-ones is NaN; 'fnuz': 0x80 is NaN; 'none': no specials. */
export type Specials = 'ieee' | 'fn' | 'fnuz' | 'none';

export interface MiniFloat {
  readonly e: number;
  readonly m: number;
  readonly bias: number;
  readonly specials: Specials;
}

/** 2^k for every integer k a double can hold (−1074 … 1023), exact: `2 ** k` costs a call of Math.pow. */
const POW2 = Float64Array.from({ length: 2098 }, (_, t) => 2 ** (t - 1074));
const pow2 = (k: number): number => POW2[k + 1074] ?? 2 ** k;

const maxima = new WeakMap<MiniFloat, number>();

/** The largest finite value of a minifloat (computed once per format). */
export function maxFinite(f: MiniFloat): number {
  let max = maxima.get(f);
  if (max === undefined) {
    max = largestFinite(f);
    maxima.set(f, max);
  }
  return max;
}

function largestFinite(f: MiniFloat): number {
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

const tables = new WeakMap<MiniFloat, Float64Array>();

/** decodeMinifloat of every code of the format (at most 256), computed once per format. */
export function decodeTable(f: MiniFloat): Float64Array {
  let table = tables.get(f);
  if (!table) {
    table = Float64Array.from({ length: 2 ** (1 + f.e + f.m) }, (_, code) => decodeMinifloat(f, code));
    tables.set(f, table);
  }
  return table;
}

/** floor(log2 a) exactly, for a finite a > 0. */
function exponentOf(a: number): number {
  let k = Math.floor(Math.log2(a));
  if (pow2(k) > a) k--;
  else if (pow2(k + 1) <= a) k++;
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
  const r = roundHalfToEven(a / pow2(k)) * pow2(k);
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
  const top = pow2(f.e) - 1;
  if (Number.isNaN(v)) {
    if (f.specials === 'fnuz') return signBit;
    return (top << f.m) | (pow2(f.m) - 1);
  }
  const sign = v < 0 || Object.is(v, -0) ? signBit : 0;
  const a = Math.abs(v);
  if (a === Infinity) return sign | (top << f.m);
  if (a === 0) return f.specials === 'fnuz' ? 0 : sign;
  if (a < pow2(1 - f.bias)) return sign | (a / pow2(1 - f.bias - f.m));
  const k = exponentOf(a);
  return sign | ((k + f.bias) << f.m) | ((a / pow2(k) - 1) * pow2(f.m));
}
