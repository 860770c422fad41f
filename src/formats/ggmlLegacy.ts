/**
 * ggml's 32-value block formats (ggml-quants.c quantize_row_<t>_ref and dequantize_row_<t>), every
 * float operation in float32 as the C does it:
 *
 *     Q4_0  d = max/−8 (max: the value of largest |x|), q = min(15, (int8)(x/d + 8.5)),  x̂ = (q − 8)·d
 *     Q4_1  d = (max − min)/15, m = min,  q = min(15, (int8)((x − m)/d + 0.5)),          x̂ = q·d + m
 *     Q5_0  d = max/−16, q = min(31, (int8)(x/d + 16.5)), the 5th bits in qh,            x̂ = (q − 16)·d
 *     Q5_1  d = (max − min)/31, m = min, q = (uint8)((x − m)/d + 0.5),                  x̂ = q·d + m
 *     Q8_0  d = amax/127, q = roundf(x/d),                                               x̂ = q·d
 *
 * with d and m stored as fp16 (ggml's conversion). Casting a float that is NaN or out of range to
 * an integer is undefined in C; these follow gcc on x86-64 (cvttss2si: 0x80000000, then the low
 * byte), as ggml's reference files are made.
 */
import { float32ToFp16, fp16ToFloat32 } from './fp16.ts';

export type LegacyFormat = 'q4_0' | 'q4_1' | 'q5_0' | 'q5_1' | 'q8_0';

/** Values and bytes per block. */
export const LEGACY_FORMATS: Readonly<Record<LegacyFormat, { blockValues: number; blockBytes: number }>> = {
  q4_0: { blockValues: 32, blockBytes: 18 },
  q4_1: { blockValues: 32, blockBytes: 20 },
  q5_0: { blockValues: 32, blockBytes: 22 },
  q5_1: { blockValues: 32, blockBytes: 24 },
  q8_0: { blockValues: 32, blockBytes: 34 },
};

const f = Math.fround;
const QK = 32;
const FLT_MAX = 3.4028234663852886e38;

/** C's float → int conversion as gcc compiles it on x86-64 (cvttss2si): NaN and out of range give INT_MIN. */
function cvtt(v: number): number {
  return v > -2147483649 && v < 2147483648 ? Math.trunc(v) : -2147483648;
}
/** (int8_t) of a float, (uint8_t) of a float. */
export const toInt8 = (v: number) => (cvtt(v) << 24) >> 24;
export const toUint8 = (v: number) => cvtt(v) & 0xff;

/** roundf: half away from zero. */
export const roundf = (v: number) => (v < 0 ? -Math.floor(-v + 0.5) : Math.floor(v + 0.5));

function writeFp16(out: Uint8Array, at: number, x: number): void {
  const h = float32ToFp16(x);
  out[at] = h & 0xff;
  out[at + 1] = h >>> 8;
}

const readFp16 = (bytes: Uint8Array, at: number) => fp16ToFloat32((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8));

/** The value of largest magnitude (the first of equal ones), and that magnitude. */
export function absMax(x: Float32Array, from: number): { amax: number; max: number } {
  let amax = 0;
  let max = 0;
  for (let j = 0; j < QK; j++) {
    const v = x[from + j] ?? 0;
    if (amax < Math.abs(v)) {
      amax = Math.abs(v);
      max = v;
    }
  }
  return { amax, max };
}

export function minMax(x: Float32Array, from: number): { min: number; max: number } {
  let min = FLT_MAX;
  let max = -FLT_MAX;
  for (let j = 0; j < QK; j++) {
    const v = x[from + j] ?? 0;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** One block of `format` from x[from … from + 31] into out[at …]. */
function quantizeBlock(format: LegacyFormat, x: Float32Array, from: number, out: Uint8Array, at: number): void {
  if (format === 'q8_0') {
    const { amax } = absMax(x, from);
    const d = f(amax / 127);
    const id = d ? f(1 / d) : 0;
    writeFp16(out, at, d);
    for (let j = 0; j < QK; j++) out[at + 2 + j] = toInt8(roundf(f((x[from + j] ?? 0) * id))) & 0xff;
    return;
  }
  const affine = format === 'q4_1' || format === 'q5_1';
  const five = format === 'q5_0' || format === 'q5_1';
  const levels = five ? 31 : 15;
  let d: number;
  let m = 0;
  if (affine) {
    const { min, max } = minMax(x, from);
    d = f(f(max - min) / levels);
    m = min;
  } else {
    d = f(absMax(x, from).max / (five ? -16 : -8));
  }
  const id = d ? f(1 / d) : 0;
  writeFp16(out, at, d);
  if (affine) writeFp16(out, at + 2, m);
  const qs = at + (affine ? 4 : 2) + (five ? 4 : 0);
  const offset = five ? 16.5 : 8.5;
  const code = (v: number): number => {
    const scaled = f((affine ? f(v - m) : v) * id);
    if (format === 'q5_1') return toUint8(f(scaled + 0.5));
    const q = toInt8(f(scaled + (affine ? 0.5 : offset)));
    return Math.min(levels, q) & 0xff;
  };
  let qh = 0;
  for (let j = 0; j < QK / 2; j++) {
    const q0 = code(x[from + j] ?? 0);
    const q1 = code(x[from + j + QK / 2] ?? 0);
    out[qs + j] = (q0 & 0x0f) | ((q1 & 0x0f) << 4);
    if (five) qh |= (((q0 & 0x10) >>> 4) << j) | (((q1 & 0x10) >>> 4) << (j + QK / 2));
  }
  if (five) {
    const h = at + (affine ? 4 : 2);
    for (let b = 0; b < 4; b++) out[h + b] = (qh >>> (8 * b)) & 0xff;
  }
}

/** One block of `format` at bytes[at …] into y[to … to + 31]. */
function dequantizeBlock(format: LegacyFormat, bytes: Uint8Array, at: number, y: Float32Array, to: number): void {
  const d = readFp16(bytes, at);
  if (format === 'q8_0') {
    for (let j = 0; j < QK; j++) y[to + j] = f((((bytes[at + 2 + j] ?? 0) << 24) >> 24) * d);
    return;
  }
  const affine = format === 'q4_1' || format === 'q5_1';
  const five = format === 'q5_0' || format === 'q5_1';
  const m = affine ? readFp16(bytes, at + 2) : 0;
  const h = at + (affine ? 4 : 2);
  const qh = five
    ? ((bytes[h] ?? 0) | ((bytes[h + 1] ?? 0) << 8) | ((bytes[h + 2] ?? 0) << 16) | ((bytes[h + 3] ?? 0) << 24)) >>> 0
    : 0;
  const qs = h + (five ? 4 : 0);
  const centre = affine ? 0 : five ? 16 : 8;
  for (let j = 0; j < QK / 2; j++) {
    const byte = bytes[qs + j] ?? 0;
    const h0 = five ? ((qh >>> j) << 4) & 0x10 : 0;
    const h1 = five ? (qh >>> (j + 12)) & 0x10 : 0;
    const x0 = ((byte & 0x0f) | h0) - centre;
    const x1 = ((byte >>> 4) | h1) - centre;
    y[to + j] = affine ? f(f(x0 * d) + m) : f(x0 * d);
    y[to + j + QK / 2] = affine ? f(f(x1 * d) + m) : f(x1 * d);
  }
}

/** quantize_row_<format>_ref: `values` (a multiple of 32 of them) as the format's blocks. */
export function quantizeLegacy(format: LegacyFormat, values: Float32Array): Uint8Array {
  const { blockBytes } = LEGACY_FORMATS[format];
  const blocks = Math.floor(values.length / QK);
  const out = new Uint8Array(blocks * blockBytes);
  for (let i = 0; i < blocks; i++) quantizeBlock(format, values, i * QK, out, i * blockBytes);
  return out;
}

/** dequantize_row_<format>: the first `count` values (a multiple of 32) of `bytes`. */
export function dequantizeLegacy(format: LegacyFormat, bytes: Uint8Array, count: number): Float32Array {
  const { blockBytes } = LEGACY_FORMATS[format];
  const y = new Float32Array(count);
  for (let i = 0; i < count / QK; i++) dequantizeBlock(format, bytes, i * blockBytes, y, i * QK);
  return y;
}
