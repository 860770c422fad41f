/**
 * The OCP Microscaling formats (MX v1.0: MXFP8 E4M3/E5M2, MXFP6 E2M3/E3M2, MXFP4 E2M1) as the
 * spec's reference library computes them — microsoft/microxcaling @7bc4195, mx/cpp quantize.cuh
 * (quantize_elemwise, bit for bit on the float32's fields), shared_exp.cuh (mx_get_shared_scale),
 * funcs.h (quantize_mx_cpp) — and FP8 E4M3FN / E5M2 on their own, as ONNX's Cast computes them.
 *
 * MX: blocks of 32 values sharing one E8M0 scale X = 2^(e − 127):
 *
 *     e = exponent of max |x| − emax_elem (clamped to −127…127; NaN or ∞ in the block: e = 255, NaN),
 *     q = element(f32(x / X)),  x̂ = f32(q · X)
 *
 * where element() rounds the mantissa half away from zero (microxcaling's default "nearest"; the spec
 * leaves the rounding to the implementation) and clamps past the largest normal (saturate_normals).
 *
 * Layout: the E8M0 byte, then the 32 element codes packed from the low bit up (the spec fixes the
 * codes' bits, not how they sit in memory; 8-bit codes one per byte, 4-bit ones two per byte with the
 * first in the low nibble, as ggml's MXFP4 is not: ggml puts values j and j+16 in one byte).
 *
 * FP8 (fp8_e4m3fn, fp8_e5m2): one value per byte, no scale; round half to even onto the grid, and past
 * the largest finite value saturate to ±max (ONNX Cast's default saturate=1, also ±∞ → ±max). PyTorch's
 * `.to(torch.float8_e4m3fn)` does not saturate (NaN); saturate=false gives that: E4M3FN → NaN, E5M2 → ±∞.
 */
import { decodeTable, encodeMinifloat, maxFinite, roundToMinifloat, type MiniFloat } from './minifloat.ts';

const f = Math.fround;
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const bitsOf = (x: number) => {
  f32[0] = x;
  return u32[0] ?? 0;
};
const fromBits = (b: number) => {
  u32[0] = b >>> 0;
  return f32[0] ?? NaN;
};

/** An MX element type: its float layout, and microxcaling's (ebits, mbits with sign and implicit bit, max_norm). */
export interface MxElement {
  readonly float: MiniFloat;
  readonly ebits: number;
  readonly mbits: number;
  readonly maxNorm: number;
  readonly bits: number;
}

const element = (e: number, m: number, bias: number, specials: MiniFloat['specials']): MxElement => {
  const float = { e, m, bias, specials };
  return { float, ebits: e, mbits: m + 2, maxNorm: maxFinite(float), bits: 1 + e + m };
};

/** The element types (formats.py _get_format_params; E4M3's max 448, as its all-ones code is NaN). */
export const MX_ELEMENTS = {
  e4m3: element(4, 3, 7, 'fn'),
  e5m2: element(5, 2, 15, 'ieee'),
  e2m3: element(2, 3, 1, 'none'),
  e3m2: element(3, 2, 3, 'none'),
  e2m1: element(2, 1, 1, 'none'),
} as const;

export type MxElementName = keyof typeof MX_ELEMENTS;

/** quantize_elemwise (allow_denorm): x rounded onto the element's grid from its float32 fields. */
export function quantizeElemwise(
  input: number,
  el: Pick<MxElement, 'ebits' | 'mbits' | 'maxNorm'>,
  rounding: 'away' | 'even',
  saturate: boolean,
): number {
  if (input === 0) return 0;
  const u = bitsOf(input);
  let biasedExp = (u >>> 23) & 0xff;
  const sign = u >>> 31;
  let mant = u & 0x7fffff;
  const mbits = el.mbits - 1;
  const newBiasedExp = biasedExp - 127 + (1 << (el.ebits - 1)) - 1;
  const expDiff = Math.min(newBiasedExp <= 0 ? 1 - newBiasedExp : 0, 24);
  const subnormal = biasedExp === 0;
  // shift_right_round_mantissa(allow_overflow = true)
  mant = subnormal ? mant : mant + (1 << 23);
  const sigBits = subnormal ? 23 : 24;
  let tieEven = false;
  if (rounding === 'even') {
    const tbits = expDiff + (sigBits - mbits);
    const tie = (mant & ((1 << (tbits - 1)) - 1)) === 0;
    const even = (mant & (1 << tbits)) === 0;
    tieEven = tie && even;
  }
  mant = (mant >> expDiff) >> (sigBits - mbits - 1);
  if (!tieEven) mant += 1;
  mant >>= 1;
  if (mant === 0) return 0;
  // shift_left_mantissa
  mant <<= sigBits - mbits + expDiff;
  const overflow = mant >= 1 << sigBits;
  if (overflow && !subnormal) mant >>= 1;
  mant &= (1 << 23) - 1;
  if (overflow) biasedExp++;
  const out = fromBits((mant | (biasedExp << 23) | (sign << 31)) >>> 0);
  // `abs(output)` in quantize.cuh is C's int abs: the float is truncated to int first (cvttss2si gives
  // INT_MIN past ±2^31, and abs(INT_MIN) stays negative), so values that large are not clamped. Inside
  // an MX block the scaled values never come near that.
  const truncated = out > -2147483649 && out < 2147483648 ? Math.trunc(out) : -2147483648;
  if (Math.abs(truncated) > el.maxNorm && truncated !== -2147483648) {
    return saturate ? (sign ? -el.maxNorm : el.maxNorm) : sign ? -Infinity : Infinity;
  }
  return out;
}

/** E8M0's value: 2^(e − 127), NaN at 255 (mx_get_shared_scale's float; 2^-127 is a float32 subnormal). */
export const e8m0Value = (e: number): number => (e === 255 ? NaN : 2 ** (e - 127));

/** The E8M0 scale byte of a block whose max |x| is `amax` (mx_get_shared_scale of its biased exponent). */
export function mxScaleByte(amax: number, el: MxElement): number {
  const biased = Number.isNaN(amax) || amax === Infinity ? 255 : (bitsOf(amax) >>> 23) & 0xff;
  if (biased === 255) return 255;
  const elemEmax = ((bitsOf(el.maxNorm) >>> 23) & 0xff) - 127;
  const e = biased - elemEmax;
  if (e - 127 > 127) return 255;
  return e - 127 < -127 ? 0 : e;
}

/** Bytes of one MX block of 32: the scale and the packed codes. */
export const mxBlockBytes = (el: MxElement): number => 1 + (32 * el.bits) / 8;

function packCodes(out: Uint8Array, at: number, codes: readonly number[], bits: number): void {
  for (let j = 0; j < codes.length; j++) {
    for (let b = 0; b < bits; b++) {
      const bit = j * bits + b;
      if (((codes[j] ?? 0) >> b) & 1) out[at + (bit >> 3)] = (out[at + (bit >> 3)] ?? 0) | (1 << (bit & 7));
    }
  }
}

/** Element j's code of a block whose codes start at `at`. */
export function mxCodeAt(bytes: Uint8Array, at: number, j: number, bits: number): number {
  let code = 0;
  for (let b = 0; b < bits; b++) code |= (((bytes[at + ((j * bits + b) >> 3)] ?? 0) >> ((j * bits + b) & 7)) & 1) << b;
  return code;
}

/** quantize_mx_cpp over blocks of 32 (values.length a multiple of 32), as bytes. */
export function quantizeMx(name: MxElementName, values: Float32Array): Uint8Array {
  const el = MX_ELEMENTS[name];
  const size = mxBlockBytes(el);
  const blocks = Math.floor(values.length / 32);
  const out = new Uint8Array(blocks * size);
  for (let i = 0; i < blocks; i++) {
    let amax = 0;
    for (let j = 0; j < 32; j++) {
      const a = Math.abs(values[i * 32 + j] ?? 0);
      if (Number.isNaN(a) || a > amax) amax = a;
      if (Number.isNaN(amax)) break;
    }
    const e = mxScaleByte(amax, el);
    out[i * size] = e;
    if (e === 255) continue;
    const scale = e8m0Value(e);
    const codes = Array.from({ length: 32 }, (_, j) =>
      encodeMinifloat(el.float, quantizeElemwise(f((values[i * 32 + j] ?? 0) / scale), el, 'away', true)),
    );
    packCodes(out, i * size + 1, codes, el.bits);
  }
  return out;
}

/** Dequantizes MX blocks: each code's value times the block's scale, in float32 (an E8M0 of 255 is NaN). */
export function dequantizeMx(name: MxElementName, bytes: Uint8Array, count: number): Float32Array {
  const el = MX_ELEMENTS[name];
  const size = mxBlockBytes(el);
  const table = decodeTable(el.float);
  const out = new Float32Array(count);
  for (let i = 0; i < count / 32; i++) {
    const scale = e8m0Value(bytes[i * size] ?? 0);
    for (let j = 0; j < 32; j++) {
      out[i * 32 + j] = f((table[mxCodeAt(bytes, i * size + 1, j, el.bits)] as number) * scale);
    }
  }
  return out;
}

/** FP8 on its own (ONNX Cast): x's code, round half to even, saturating unless `saturate` is false. */
export function fp8Code(name: 'e4m3' | 'e5m2', x: number, saturate = true): number {
  const { float } = MX_ELEMENTS[name];
  return encodeMinifloat(float, roundToMinifloat(float, f(x), saturate));
}

/** FP8 codes of every value. */
export function quantizeFp8(name: 'e4m3' | 'e5m2', values: Float32Array, saturate = true): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = fp8Code(name, values[i] as number, saturate);
  return out;
}

/** FP8 values of the first `count` codes. */
export function dequantizeFp8(name: 'e4m3' | 'e5m2', bytes: Uint8Array, count: number): Float32Array {
  const table = decodeTable(MX_ELEMENTS[name].float);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = table[bytes[i] as number] as number;
  return out;
}
