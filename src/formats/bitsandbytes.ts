/**
 * bitsandbytes' 4-bit formats, NF4 and FP4 (QLoRA), as its CUDA kernels compute them (csrc/kernels.cu
 * @95f9af3: kQuantizeBlockwise, dQuantizeNF4, dQuantizeFP4, kDequantizeBlockwise): blocks of 64
 * values, each block's absmax kept in float32, each value x·(1/absmax) coded by a tree of strict `>`
 * comparisons with float32 thresholds, two codes per byte, the first in the high nibble.
 *
 *     absmax = max |x|,  q = tree(x · f32(1 / absmax)),  x̂ = code[q] · absmax
 *
 * An all-zero block has absmax 0: 1/0 = ∞, 0·∞ = NaN, and NaN fails every comparison — NF4 codes it
 * 0 (−1.0), so x̂ = −1.0 · 0 = −0; FP4 codes it 0 (+0).
 *
 * Double quantization (quantize_4bit(compress_statistics=True)): offset = mean(absmax) and the
 * absmax values minus the offset quantized by quantize_blockwise — blocks of 256, the 8-bit dynamic
 * code, dQuantize's binary search. The mean is the exact mean rounded to float32; torch's float32
 * reduction on the GPU may differ from it in the last bit.
 *
 * Here a block of the flat byte form is the absmax (float32, little-endian) then the 32 bytes of
 * codes: bitsandbytes keeps the two in separate tensors (`weight`, `absmax`).
 */
import { DYNAMIC_MAP } from './dynamicMap.ts';

const f = Math.fround;

/** nf4_dequantization_lut: the NF4 code's 16 values (float32). */
export const NF4_CODE: Float32Array = Float32Array.of(
  -1.0,
  -0.6961928009986877,
  -0.5250730514526367,
  -0.39491748809814453,
  -0.28444138169288635,
  -0.18477343022823334,
  -0.09105003625154495,
  0.0,
  0.07958029955625534,
  0.16093020141124725,
  0.24611230194568634,
  0.33791524171829224,
  0.44070982933044434,
  0.5626170039176941,
  0.7229568362236023,
  1.0,
);

/** fp4_dequantization_lut (the magnitudes, bit 3 is the sign): FP4 E2M1 with bias 3, divided by its max 12. */
const FP4_LUT: Float32Array = Float32Array.of(0.0, 0.005208333333, 0.66666667, 1.0, 0.33333333, 0.5, 0.16666667, 0.25);

/** dDequantizeFP4Tree: the FP4 code's value. */
export const fp4Value = (q: number): number => f((q & 8 ? -1 : 1) * (FP4_LUT[q & 7] ?? 0));

/** The 16 values of FP4's code, index 0…15. */
export const FP4_CODE: Float32Array = Float32Array.from({ length: 16 }, (_, q) => fp4Value(q));

// dQuantizeNF4's thresholds, float32 as the C literals are.
const T = (x: number) => f(x);
const N = [
  0.03979014977812767, 0.3893125355243683, 0.6427869200706482, 0.8614784181118011, 0.5016634166240692,
  0.2035212516784668, 0.2920137718319893, 0.1202552504837513, -0.33967943489551544, -0.13791173323988914,
  -0.045525018125772476, -0.23460740596055984, -0.6106329262256622, -0.4599952697753906, -0.8480964004993439,
].map(T) as unknown as readonly number[] & { length: 15 };

/** dQuantizeNF4: the tree of strict comparisons (NaN fails them all: code 0). */
export function quantizeNf4Value(x: number): number {
  const t = (i: number) => N[i] as number;
  if (x > t(0)) {
    if (x > t(1)) {
      if (x > t(2)) return x > t(3) ? 0b1111 : 0b1110;
      return x > t(4) ? 0b1101 : 0b1100;
    }
    if (x > t(5)) return x > t(6) ? 0b1011 : 0b1010;
    return x > t(7) ? 0b1001 : 0b1000;
  }
  if (x > t(8)) {
    if (x > t(9)) return x > t(10) ? 0b0111 : 0b0110;
    return x > t(11) ? 0b0101 : 0b0100;
  }
  if (x > t(12)) return x > t(13) ? 0b0011 : 0b0010;
  return x > t(14) ? 0b0001 : 0b0000;
}

const P = [0.29166667, 0.583333, 0.8333333, 0.4166667, 0.0859375, 0.20833333, 0.00260417].map(T);

/** dQuantizeFP4: sign bit, then a tree of strict comparisons of |x| (NaN: code 0). */
export function quantizeFp4Value(x: number): number {
  const sign = x < 0 ? 0b1000 : 0;
  const a = Math.abs(x);
  const t = (i: number) => P[i] as number;
  if (a > t(0)) {
    if (a > t(1)) return (a > t(2) ? 0b0011 : 0b0010) + sign;
    return (a > t(3) ? 0b0101 : 0b0100) + sign;
  }
  if (a > t(4)) return (a > t(5) ? 0b0111 : 0b0110) + sign;
  return (a > t(6) ? 0b0001 : 0b0000) + sign;
}

export type Bnb4Type = 'nf4' | 'fp4';

/** The value of a 4-bit code. */
export const bnb4Value = (type: Bnb4Type, q: number): number =>
  (type === 'nf4' ? NF4_CODE[q & 15] : FP4_CODE[q & 15]) ?? NaN;

/** Values per block (quantize_4bit's default blocksize) and bytes per block of the flat form. */
export const BNB_BLOCK = { blockValues: 64, blockBytes: 36 } as const;

/** fmaxf as CUDA and C define it: a NaN operand is ignored. */
const fmaxf = (a: number, b: number) => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b));

/** Each block's absmax (starting at −FLT_MAX, as the kernel does; an empty block keeps it). */
function blockAbsmax(values: Float32Array, size: number): Float32Array {
  const out = new Float32Array(Math.ceil(values.length / size));
  for (let b = 0; b < out.length; b++) {
    let m = -3.4028234663852886e38;
    for (let j = b * size; j < Math.min(values.length, (b + 1) * size); j++) m = fmaxf(m, Math.abs(values[j] ?? 0));
    out[b] = m;
  }
  return out;
}

/** The 4-bit codes and absmax of `values` (blocks of 64; an odd last value is paired with 0). */
export function quantize4bit(type: Bnb4Type, values: Float32Array): { packed: Uint8Array; absmax: Float32Array } {
  const size = BNB_BLOCK.blockValues;
  const absmax = blockAbsmax(values, size);
  const code = type === 'nf4' ? quantizeNf4Value : quantizeFp4Value;
  const packed = new Uint8Array(Math.ceil(values.length / 2));
  for (let b = 0; b < absmax.length; b++) {
    const inv = f(1 / (absmax[b] ?? 0));
    const end = Math.min(values.length, (b + 1) * size);
    for (let j = b * size; j < end; j += 2) {
      const hi = code(f((values[j] ?? 0) * inv));
      const lo = j + 1 < end ? code(f((values[j + 1] ?? 0) * inv)) : code(0);
      packed[j / 2] = (hi << 4) | lo;
    }
  }
  return { packed, absmax };
}

/** kDequantizeBlockwise for 4-bit codes: code[q] · absmax in float32. */
export function dequantize4bit(type: Bnb4Type, packed: Uint8Array, absmax: Float32Array, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const byte = packed[i >> 1] ?? 0;
    const q = i % 2 ? byte & 15 : byte >> 4;
    out[i] = f(bnb4Value(type, q) * (absmax[Math.floor(i / BNB_BLOCK.blockValues)] ?? NaN));
  }
  return out;
}

/** dQuantize<0>: the binary search over the sorted 256-value code, then the nearer neighbour (ties to the middle pivot). */
export function quantizeDynamicValue(x: number, code: Float32Array = DYNAMIC_MAP): number {
  let pivot = 127;
  let upperPivot = 255;
  let lowerPivot = 0;
  let lower = -1;
  let upper = 1;
  let val = code[pivot] as number;
  for (let i = 64; i > 0; i >>= 1) {
    if (x > val) {
      lowerPivot = pivot;
      lower = val;
      pivot += i;
    } else {
      upperPivot = pivot;
      upper = val;
      pivot -= i;
    }
    val = code[pivot] as number;
  }
  if (upperPivot === 255) upper = code[upperPivot] as number;
  if (lowerPivot === 0) lower = code[lowerPivot] as number;
  if (x > val) return x > f(f(upper + val) * 0.5) ? upperPivot : pivot;
  return x < f(f(lower + val) * 0.5) ? lowerPivot : pivot;
}

/** Blocks of the 8-bit blockwise quantizer (quantize_blockwise's blocksize for the absmax values). */
export const NESTED_BLOCK = 256;

/** quantize_blockwise with the dynamic code: each block's absmax and each value's code. */
export function quantizeBlockwise(values: Float32Array): { codes: Uint8Array; absmax: Float32Array } {
  const absmax = blockAbsmax(values, NESTED_BLOCK);
  const codes = new Uint8Array(values.length);
  for (let b = 0; b < absmax.length; b++) {
    const inv = f(1 / (absmax[b] ?? 0));
    for (let j = b * NESTED_BLOCK; j < Math.min(values.length, (b + 1) * NESTED_BLOCK); j++) {
      codes[j] = quantizeDynamicValue(f((values[j] ?? 0) * inv));
    }
  }
  return { codes, absmax };
}

/** dequantize_blockwise: code[q] · absmax in float32. */
export function dequantizeBlockwise(codes: Uint8Array, absmax: Float32Array): Float32Array {
  return Float32Array.from(codes, (q, j) => f((DYNAMIC_MAP[q] ?? NaN) * (absmax[Math.floor(j / NESTED_BLOCK)] ?? NaN)));
}

/** NF4/FP4 with double quantization: the 4-bit codes, the absmax values as 8-bit codes, their own absmax and the offset. */
export interface DoubleQuantized {
  readonly packed: Uint8Array;
  readonly absmaxCodes: Uint8Array;
  readonly absmax2: Float32Array;
  readonly offset: number;
}

/** quantize_4bit(compress_statistics=True). */
export function quantize4bitDouble(type: Bnb4Type, values: Float32Array): DoubleQuantized {
  const { packed, absmax } = quantize4bit(type, values);
  let sum = 0;
  for (const a of absmax) sum += a;
  const offset = f(sum / absmax.length);
  const nested = quantizeBlockwise(Float32Array.from(absmax, (a) => f(a - offset)));
  return { packed, absmaxCodes: nested.codes, absmax2: nested.absmax, offset };
}

/** dequantize_4bit of a double-quantized state: absmax = dequantize_blockwise(...) + offset, then code · absmax. */
export function dequantize4bitDouble(type: Bnb4Type, state: DoubleQuantized, count: number): Float32Array {
  const absmax = Float32Array.from(dequantizeBlockwise(state.absmaxCodes, state.absmax2), (a) => f(a + state.offset));
  return dequantize4bit(type, state.packed, absmax, count);
}

/**
 * Bits per weight as stored: 4 per value and 32 per block's absmax; with double quantization 8 per
 * block, 32 per 256 blocks and the 32-bit offset once.
 */
export function bnbBitsPerWeight(count: number, double: boolean): number {
  const blocks = Math.ceil(count / BNB_BLOCK.blockValues);
  const bits = double ? blocks * 8 + Math.ceil(blocks / NESTED_BLOCK) * 32 + 32 : blocks * 32;
  return 4 + bits / count;
}

/** The flat form: per block the absmax (float32 LE) then its 32 bytes of codes. `values.length` a multiple of 64. */
export function quantizeBnbBlocks(type: Bnb4Type, values: Float32Array): Uint8Array {
  const { packed, absmax } = quantize4bit(type, values);
  const out = new Uint8Array(absmax.length * BNB_BLOCK.blockBytes);
  const view = new DataView(out.buffer);
  for (let b = 0; b < absmax.length; b++) {
    view.setFloat32(b * 36, absmax[b] ?? 0, true);
    out.set(packed.subarray(b * 32, b * 32 + 32), b * 36 + 4);
  }
  return out;
}

/** Dequantizes the flat form. */
export function dequantizeBnbBlocks(type: Bnb4Type, bytes: Uint8Array, count: number): Float32Array {
  const blocks = Math.ceil(count / 64);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const absmax = Float32Array.from({ length: blocks }, (_, b) => view.getFloat32(b * 36, true));
  const packed = new Uint8Array(blocks * 32);
  for (let b = 0; b < blocks; b++) packed.set(bytes.subarray(b * 36 + 4, b * 36 + 36), b * 32);
  return dequantize4bit(type, packed, absmax, count);
}

/** Bytes per block of the double-quantized flat form: the absmax's 8-bit code, then the 32 code bytes. */
export const BNB_DOUBLE_BLOCK_BYTES = 33;

/** The double-quantized flat form and what decodes its absmax codes (absmax2 per 256 blocks, the offset). */
export interface DoubleQuantBlocks {
  readonly bytes: Uint8Array;
  readonly absmax2: Float32Array;
  readonly offset: number;
  /** Each block's absmax as quantize_4bit computed it (the 4-bit codes use it) and as decoded. */
  readonly absmax: Float32Array;
  readonly restored: Float32Array;
}

/** quantize_4bit(compress_statistics=True) in the flat form; `values.length` a multiple of 64. */
export function quantizeBnbDoubleBlocks(type: Bnb4Type, values: Float32Array): DoubleQuantBlocks {
  const state = quantize4bitDouble(type, values);
  const blocks = state.absmaxCodes.length;
  const bytes = new Uint8Array(blocks * BNB_DOUBLE_BLOCK_BYTES);
  for (let b = 0; b < blocks; b++) {
    bytes[b * BNB_DOUBLE_BLOCK_BYTES] = state.absmaxCodes[b] ?? 0;
    bytes.set(state.packed.subarray(b * 32, b * 32 + 32), b * BNB_DOUBLE_BLOCK_BYTES + 1);
  }
  const restored = Float32Array.from(dequantizeBlockwise(state.absmaxCodes, state.absmax2), (a) => f(a + state.offset));
  return { bytes, absmax2: state.absmax2, offset: state.offset, absmax: quantize4bit(type, values).absmax, restored };
}

/** dequantize_4bit of the double-quantized flat form. */
export function dequantizeBnbDoubleBlocks(type: Bnb4Type, d: DoubleQuantBlocks, count: number): Float32Array {
  const blocks = d.bytes.length / BNB_DOUBLE_BLOCK_BYTES;
  const packed = new Uint8Array(blocks * 32);
  for (let b = 0; b < blocks; b++) packed.set(d.bytes.subarray(b * 33 + 1, b * 33 + 33), b * 32);
  return dequantize4bit(type, packed, d.restored, count);
}
