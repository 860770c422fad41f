/**
 * Half precision as ggml converts it (ggml-impl.h ggml_compute_fp32_to_fp16 and
 * ggml_compute_fp16_to_fp32, after Maratyszcza's FP16 library): every step in float32, so the
 * results are ggml's bit for bit — round to nearest even, overflow to ±∞, NaN to 0x7E00 (sign kept).
 */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function bitsOf(x: number): number {
  f32[0] = x;
  return u32[0] ?? 0;
}

function fromBits(bits: number): number {
  u32[0] = bits >>> 0;
  return f32[0] ?? NaN;
}

/** fp16 bits → float32, as ggml_compute_fp16_to_fp32. */
export function fp16ToFloat32(bits: number): number {
  const w = (bits & 0xffff) * 0x10000;
  const sign = w & 0x80000000;
  const twoW = (w * 2) >>> 0;
  const normalized = Math.fround(fromBits((twoW >>> 4) + (0xe0 << 23)) * 2 ** -112);
  const denormalized = Math.fround(fromBits((twoW >>> 17) | (126 << 23)) - 0.5);
  const result = (sign | (twoW < 2 ** 27 ? bitsOf(denormalized) : bitsOf(normalized))) >>> 0;
  return fromBits(result);
}

/** float32 → fp16 bits, as ggml_compute_fp32_to_fp16. */
export function float32ToFp16(x: number): number {
  const f = Math.fround(x);
  let base = Math.fround(Math.fround(Math.abs(f) * 2 ** 112) * 2 ** -110);
  const w = bitsOf(f);
  const shl1W = (w * 2) % 2 ** 32;
  const sign = w & 0x80000000;
  let bias = shl1W & 0xff000000;
  if (bias >>> 0 < 0x71000000) bias = 0x71000000;
  base = Math.fround(fromBits(((bias >>> 0) >>> 1) + 0x07800000) + base);
  const bits = bitsOf(base);
  const expBits = (bits >>> 13) & 0x00007c00;
  const mantissaBits = bits & 0x00000fff;
  const nonsign = expBits + mantissaBits;
  return ((sign >>> 16) | (shl1W > 0xff000000 ? 0x7e00 : nonsign)) & 0xffff;
}
