/**
 * One block of a format as its bytes hold it: each field named with its place (ggml's struct
 * order) and decoded value, and each value's decoding — its code, the scale and offset it is
 * multiplied by and shifted by, and the value (dequantize's own result for it). Words are the
 * views'; this gives names and numbers.
 */
import { bnb4Value } from './bitsandbytes.ts';
import { fp16ToFloat32 } from './fp16.ts';
import { decodeMinifloat } from './minifloat.ts';
import { e8m0Half, KVALUES_MXFP4 } from './mxfp4.ts';
import { e8m0Value, MX_ELEMENTS, mxCodeAt, type MxElementName } from './mx.ts';
import { q3Scale, scaleMinK4 } from './kQuants.ts';
import type { BlockFormat } from './index.ts';

/** A field of the block: its name as ggml's struct calls it, its bytes, and its decoded value (null: packed codes). */
export interface BlockField {
  readonly name: string;
  readonly offset: number;
  readonly length: number;
  readonly value: number | null;
}

/**
 * One value of the block: value = scale · level + offset, in float32 as dequantize computes it. The
 * level is the code itself for the integer formats, the value it stands for in a table (NF4, FP4) or
 * as a small float (FP8, the MX elements).
 */
export interface ValueDecoding {
  readonly index: number;
  readonly code: number;
  readonly level: number;
  readonly scale: number;
  readonly offset: number;
  readonly value: number;
  /** The bytes of the block (offsets) that hold its code's bits. */
  readonly at: readonly number[];
}

export interface BlockFields {
  readonly format: BlockFormat;
  readonly block: number;
  /** The block's bytes, as the file holds them. */
  readonly bytes: Uint8Array;
  readonly fields: readonly BlockField[];
  readonly values: readonly ValueDecoding[];
}

const fp16At = (b: Uint8Array, at: number) => fp16ToFloat32((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8));

/** The fields and the per-value decoding of one block. */
export function describeLayout(
  format: BlockFormat,
  b: Uint8Array,
  dequantized: Float32Array,
): { fields: BlockField[]; values: ValueDecoding[] } {
  const values: ValueDecoding[] = [];
  const push = (index: number, code: number, scale: number, offset: number, level: number, at: number[]) =>
    values.push({ index, code, level, scale, offset, value: dequantized[index] ?? NaN, at });
  const byte = (at: number) => b[at] ?? 0;
  const int8 = (at: number) => (byte(at) << 24) >> 24;
  switch (format) {
    case 'q4_0':
    case 'q4_1':
    case 'q5_0':
    case 'q5_1': {
      const affine = format === 'q4_1' || format === 'q5_1';
      const five = format === 'q5_0' || format === 'q5_1';
      const d = fp16At(b, 0);
      const m = affine ? fp16At(b, 2) : 0;
      const h = affine ? 4 : 2;
      const qs = h + (five ? 4 : 0);
      const qh = five
        ? ((b[h] ?? 0) | ((b[h + 1] ?? 0) << 8) | ((b[h + 2] ?? 0) << 16) | ((b[h + 3] ?? 0) << 24)) >>> 0
        : 0;
      const fields: BlockField[] = [{ name: 'd', offset: 0, length: 2, value: d }];
      if (affine) fields.push({ name: 'm', offset: 2, length: 2, value: m });
      if (five) fields.push({ name: 'qh', offset: h, length: 4, value: null });
      fields.push({ name: 'qs', offset: qs, length: 16, value: null });
      const centre = affine ? 0 : five ? 16 : 8;
      for (let j = 0; j < 32; j++) {
        const byte = b[qs + (j % 16)] ?? 0;
        const low = j < 16 ? byte & 0x0f : byte >> 4;
        const high = five ? ((qh >>> j) & 1) << 4 : 0;
        const code = (low | high) - centre;
        push(j, code, d, m, code, five ? [qs + (j % 16), h + (j >> 3)] : [qs + (j % 16)]);
      }
      return { fields, values };
    }
    case 'q8_0': {
      const d = fp16At(b, 0);
      for (let j = 0; j < 32; j++) push(j, int8(2 + j), d, 0, int8(2 + j), [2 + j]);
      return {
        fields: [
          { name: 'd', offset: 0, length: 2, value: d },
          { name: 'qs', offset: 2, length: 32, value: null },
        ],
        values,
      };
    }
    case 'mxfp4': {
      const e = b[0] ?? 0;
      const d = e8m0Half(e);
      for (let j = 0; j < 32; j++) {
        const byte = b[1 + (j % 16)] ?? 0;
        const code = j < 16 ? byte & 0x0f : byte >> 4;
        push(j, code, d, 0, KVALUES_MXFP4[code] ?? 0, [1 + (j % 16)]);
      }
      return {
        fields: [
          { name: 'e', offset: 0, length: 1, value: e - 127 },
          { name: 'qs', offset: 1, length: 16, value: null },
        ],
        values,
      };
    }
    case 'q4_K':
    case 'q5_K': {
      const five = format === 'q5_K';
      const d = fp16At(b, 0);
      const dmin = fp16At(b, 2);
      const qs = five ? 48 : 16;
      for (let j = 0; j < 256; j++) {
        const sub = Math.floor(j / 32);
        const { sc, m } = scaleMinK4(sub, b, 4);
        const byte = b[qs + 32 * Math.floor(sub / 2) + (j % 32)] ?? 0;
        const low = sub % 2 ? byte >> 4 : byte & 0x0f;
        const high = five && (b[16 + (j % 32)] ?? 0) & (1 << sub) ? 16 : 0;
        const at = qs + 32 * Math.floor(sub / 2) + (j % 32);
        push(j, low + high, Math.fround(d * sc), -Math.fround(dmin * m), low + high, five ? [at, 16 + (j % 32)] : [at]);
      }
      const fields: BlockField[] = [
        { name: 'd', offset: 0, length: 2, value: d },
        { name: 'dmin', offset: 2, length: 2, value: dmin },
        { name: 'scales', offset: 4, length: 12, value: null },
      ];
      if (five) fields.push({ name: 'qh', offset: 16, length: 32, value: null });
      fields.push({ name: 'qs', offset: qs, length: 128, value: null });
      return { fields, values };
    }
    case 'q2_K': {
      const d = fp16At(b, 80);
      const dmin = fp16At(b, 82);
      for (let j = 0; j < 256; j++) {
        const r = j % 128;
        const sc = byte(Math.floor(j / 16));
        const at = 16 + 32 * Math.floor(j / 128) + (r % 32 >= 16 ? 16 : 0) + (r % 16);
        const q = (byte(at) >> (2 * Math.floor(r / 32))) & 3;
        push(j, q, Math.fround(d * (sc & 0xf)), -Math.fround(dmin * (sc >> 4)), q, [at]);
      }
      return {
        fields: [
          { name: 'scales', offset: 0, length: 16, value: null },
          { name: 'qs', offset: 16, length: 64, value: null },
          { name: 'd', offset: 80, length: 2, value: d },
          { name: 'dmin', offset: 82, length: 2, value: dmin },
        ],
        values,
      };
    }
    case 'q3_K': {
      const d = fp16At(b, 108);
      for (let j = 0; j < 256; j++) {
        const r = j % 128;
        const at = (r % 32 >= 16 ? 16 : 0) + (r % 16);
        const low = (byte(32 + 32 * Math.floor(j / 128) + at) >> (2 * Math.floor(r / 32))) & 3;
        const high = byte(at) & (1 << Math.floor(j / 32)) ? 0 : 4;
        push(j, low - high, Math.fround(d * q3Scale(Math.floor(j / 16), b, 96)), 0, low - high, [
          32 + 32 * Math.floor(j / 128) + at,
          at,
        ]);
      }
      return {
        fields: [
          { name: 'hmask', offset: 0, length: 32, value: null },
          { name: 'qs', offset: 32, length: 64, value: null },
          { name: 'scales', offset: 96, length: 12, value: null },
          { name: 'd', offset: 108, length: 2, value: d },
        ],
        values,
      };
    }
    case 'q6_K': {
      const d = fp16At(b, 208);
      for (let j = 0; j < 256; j++) {
        const half = Math.floor(j / 128);
        const k = Math.floor((j % 128) / 32);
        const l = j % 32;
        const lo = byte(64 * half + l + (k % 2) * 32);
        const nibble = k < 2 ? lo & 0xf : lo >> 4;
        const q = nibble | (((byte(128 + 32 * half + l) >> (2 * k)) & 3) << 4);
        const scale = Math.fround(d * int8(192 + 8 * half + Math.floor(l / 16) + 2 * k));
        push(j, q - 32, scale, 0, q - 32, [64 * half + l + (k % 2) * 32, 128 + 32 * half + l]);
      }
      return {
        fields: [
          { name: 'ql', offset: 0, length: 128, value: null },
          { name: 'qh', offset: 128, length: 64, value: null },
          { name: 'scales', offset: 192, length: 16, value: null },
          { name: 'd', offset: 208, length: 2, value: d },
        ],
        values,
      };
    }
    case 'q8_K': {
      const d = new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true);
      for (let j = 0; j < 256; j++) push(j, int8(4 + j), d, 0, int8(4 + j), [4 + j]);
      return {
        fields: [
          { name: 'd', offset: 0, length: 4, value: d },
          { name: 'qs', offset: 4, length: 256, value: null },
          { name: 'bsums', offset: 260, length: 32, value: null },
        ],
        values,
      };
    }
    case 'nf4':
    case 'fp4': {
      const absmax = new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true);
      for (let j = 0; j < 64; j++) {
        const q = j % 2 ? byte(4 + (j >> 1)) & 15 : byte(4 + (j >> 1)) >> 4;
        push(j, q, absmax, 0, bnb4Value(format, q), [4 + (j >> 1)]);
      }
      return {
        fields: [
          { name: 'absmax', offset: 0, length: 4, value: absmax },
          { name: 'codes', offset: 4, length: 32, value: null },
        ],
        values,
      };
    }
    case 'fp8_e4m3fn':
    case 'fp8_e5m2': {
      const { float } = MX_ELEMENTS[format === 'fp8_e4m3fn' ? 'e4m3' : 'e5m2'];
      push(0, byte(0), 1, 0, decodeMinifloat(float, byte(0)), [0]);
      return { fields: [{ name: 'code', offset: 0, length: 1, value: null }], values };
    }
    case 'mxfp8_e4m3':
    case 'mxfp8_e5m2':
    case 'mxfp6_e2m3':
    case 'mxfp6_e3m2':
    case 'mxfp4_e2m1': {
      const el = MX_ELEMENTS[format.slice(format.indexOf('_') + 1) as MxElementName];
      const e = byte(0);
      for (let j = 0; j < 32; j++) {
        const q = mxCodeAt(b, 1, j, el.bits);
        const first = 1 + ((j * el.bits) >> 3);
        const last = 1 + ((j * el.bits + el.bits - 1) >> 3);
        push(j, q, e8m0Value(e), 0, decodeMinifloat(el.float, q), first === last ? [first] : [first, last]);
      }
      return {
        fields: [
          { name: 'scale', offset: 0, length: 1, value: e === 255 ? null : e - 127 },
          { name: 'elements', offset: 1, length: b.length - 1, value: null },
        ],
        values,
      };
    }
  }
}

/** A double-quantized NF4/FP4 block (its absmax's 8-bit code, then 32 code bytes), its absmax decoded as `absmax`. */
export function describeBnbDouble(
  type: 'nf4' | 'fp4',
  b: Uint8Array,
  absmax: number,
  dequantized: Float32Array,
): { fields: BlockField[]; values: ValueDecoding[] } {
  const values: ValueDecoding[] = [];
  for (let j = 0; j < 64; j++) {
    const byte = b[1 + (j >> 1)] ?? 0;
    const q = j % 2 ? byte & 15 : byte >> 4;
    values.push({
      index: j,
      code: q,
      level: bnb4Value(type, q),
      scale: absmax,
      offset: 0,
      value: dequantized[j] ?? NaN,
      at: [1 + (j >> 1)],
    });
  }
  return {
    fields: [
      { name: 'absmax code', offset: 0, length: 1, value: absmax },
      { name: 'codes', offset: 1, length: 32, value: null },
    ],
    values,
  };
}
