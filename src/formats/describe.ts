/**
 * One block of a format as its bytes hold it: each field named with its place (ggml's struct
 * order) and decoded value, and each value's decoding — its code, the scale and offset it is
 * multiplied by and shifted by, and the value (dequantize's own result for it). Words are the
 * views'; this gives names and numbers.
 */
import { fp16ToFloat32 } from './fp16.ts';
import { e8m0Half, KVALUES_MXFP4 } from './mxfp4.ts';
import { scaleMinK4 } from './kQuants.ts';
import type { BlockFormat } from './index.ts';

/** A field of the block: its name as ggml's struct calls it, its bytes, and its decoded value (null: packed codes). */
export interface BlockField {
  readonly name: string;
  readonly offset: number;
  readonly length: number;
  readonly value: number | null;
}

/** One value of the block: value = scale · code (+ offset for the affine formats), in float32 as dequantize computes it. */
export interface ValueDecoding {
  readonly index: number;
  readonly code: number;
  readonly scale: number;
  readonly offset: number;
  readonly value: number;
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

/** The fields and the per-value decoding of one block, or null for a format not described yet. */
export function describeLayout(
  format: BlockFormat,
  b: Uint8Array,
  dequantized: Float32Array,
): { fields: BlockField[]; values: ValueDecoding[] } | null {
  const values: ValueDecoding[] = [];
  const push = (index: number, code: number, scale: number, offset: number) =>
    values.push({ index, code, scale, offset, value: dequantized[index] ?? NaN });
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
        push(j, (low | high) - centre, d, m);
      }
      return { fields, values };
    }
    case 'q8_0': {
      const d = fp16At(b, 0);
      for (let j = 0; j < 32; j++) push(j, ((b[2 + j] ?? 0) << 24) >> 24, d, 0);
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
        push(j, KVALUES_MXFP4[j < 16 ? byte & 0x0f : byte >> 4] ?? 0, d, 0);
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
        push(j, low + high, Math.fround(d * sc), -Math.fround(dmin * m));
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
    default:
      return null;
  }
}
