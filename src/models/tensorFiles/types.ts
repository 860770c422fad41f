/**
 * A tensor read from a plain tensor file (NumPy's .npy, Hugging Face's .safetensors), and why such a
 * file could not be read: a code with the numbers and the place in the file that explain it, in the
 * style of ../problems.ts (the readers write no sentences; the views word these). Also the checks and
 * decoders both readers share.
 */

/** One tensor of a file, its values decoded to numbers (float16 and bfloat16 exactly, as float32). */
export interface FileTensor {
  readonly name: string;
  readonly dtype: FileDtype;
  readonly shape: readonly number[];
  /** Row-major (C order) values; float32, float16 and bfloat16 as a Float32Array. */
  readonly data: Float32Array | Int8Array | Uint8Array | Int32Array;
}

/** The dtypes the readers decode. */
export type FileDtype = 'float32' | 'float16' | 'bfloat16' | 'int8' | 'uint8' | 'int32';

/** Bytes per element of each dtype the readers decode. */
export const ITEM_BYTES: Readonly<Record<FileDtype, number>> = {
  float32: 4,
  float16: 2,
  bfloat16: 2,
  int8: 1,
  uint8: 1,
  int32: 4,
};

export type TensorFileFormat = 'npy' | 'safetensors';

/**
 * What the header text got wrong. npy: `syntax` (a character the dict literal does not allow at
 * `offset`), `trailingText` (more than whitespace after the closing brace), `unknownKey`,
 * `duplicateKey`, `missingKey`, `wrongType` (e.g. fortran_order: 1). safetensors: `notJson`
 * (JSON.parse refused it), `notObject` (the header, or a tensor's entry, is not a JSON object),
 * `missingKey`, `wrongType` (e.g. a shape of strings), `duplicateKey` (a name twice in one entry).
 * Both: `notUtf8`.
 */
export type HeaderDetail =
  | 'notUtf8'
  | 'syntax'
  | 'trailingText'
  | 'unknownKey'
  | 'duplicateKey'
  | 'missingKey'
  | 'wrongType'
  | 'notJson'
  | 'notObject';

/** What a tensor file reader refused, and where. */
export type TensorFileProblem =
  /** The file does not begin with npy's magic string "\x93NUMPY". */
  | { readonly kind: 'badMagic'; readonly format: 'npy'; readonly size: number }
  /** An npy format version other than 1.0, 2.0 and 3.0. */
  | { readonly kind: 'unsupportedVersion'; readonly format: 'npy'; readonly major: number; readonly minor: number }
  /**
   * A field, header or tensor's bytes [offset, offset + length) reach past the file's `size` bytes
   * (a truncated file or a damaged length). `at`: 'magic', 'version', 'headerLength', 'header', or
   * a safetensors tensor's name + '.data_offsets'.
   */
  | {
      readonly kind: 'outOfBounds';
      readonly format: TensorFileFormat;
      readonly at: string;
      readonly offset: number;
      readonly length: number;
      readonly size: number;
    }
  /** The header's declared length is more than the reader accepts. */
  | {
      readonly kind: 'headerTooLarge';
      readonly format: TensorFileFormat;
      readonly length: number;
      readonly max: number;
    }
  /**
   * The header text could not be read. `at`: the key or field concerned ('descr', 'shape',
   * 'w.data_offsets', … ; '' for the whole header); `offset`: the character in the header text
   * where reading stopped, or null when the parser does not say (JSON.parse).
   */
  | {
      readonly kind: 'badHeader';
      readonly format: TensorFileFormat;
      readonly at: string;
      readonly offset: number | null;
      readonly detail: HeaderDetail;
    }
  /** An npy array stored in Fortran (column-major) order. */
  | { readonly kind: 'fortranOrder'; readonly format: 'npy'; readonly tensor: string }
  /** A dtype the reader does not decode, as the file spells it ('<f8', '>f4' is decoded; 'F64'). */
  | {
      readonly kind: 'unsupportedDtype';
      readonly format: TensorFileFormat;
      readonly tensor: string;
      readonly dtype: string;
    }
  /** A dimension that is negative, not an integer, or beyond 2^53; or more than MAX_RANK dimensions. */
  | {
      readonly kind: 'badShape';
      readonly format: TensorFileFormat;
      readonly tensor: string;
      readonly shape: readonly number[];
    }
  /** The shape's element count is more than the reader accepts. */
  | {
      readonly kind: 'shapeTooLarge';
      readonly format: TensorFileFormat;
      readonly tensor: string;
      readonly shape: readonly number[];
      readonly max: number;
    }
  /** The tensor's bytes are not shape × dtype size (`expected` is fractional for sub-byte dtypes). */
  | {
      readonly kind: 'dataSizeMismatch';
      readonly format: TensorFileFormat;
      readonly tensor: string;
      readonly expected: number;
      readonly actual: number;
    }
  /**
   * A safetensors tensor's data_offsets [begin, end] (relative to the data, in file order) do not
   * start where the previous tensor ended (`expectedBegin`): an overlap, a gap, or end < begin.
   */
  | {
      readonly kind: 'badOffsets';
      readonly format: 'safetensors';
      readonly tensor: string;
      readonly begin: number;
      readonly end: number;
      readonly expectedBegin: number;
    }
  /** The tensors' data ends at `end` but the data section holds `size` bytes. */
  | { readonly kind: 'uncoveredData'; readonly format: 'safetensors'; readonly end: number; readonly size: number }
  /** A tensor name given twice in the header. */
  | { readonly kind: 'duplicateName'; readonly format: 'safetensors'; readonly tensor: string }
  /** readSafetensor asked for a name the file does not hold. */
  | { readonly kind: 'unknownTensor'; readonly format: 'safetensors'; readonly tensor: string }
  /** slice2d given an index of the wrong length, or outside the tensor's leading dimensions. */
  | {
      readonly kind: 'badIndex';
      readonly tensor: string;
      readonly index: readonly number[];
      readonly shape: readonly number[];
    };

/** A tensor file reader's one kind of error. */
export class TensorFileError extends Error {
  constructor(readonly problem: TensorFileProblem) {
    super(`${problem.kind} ${JSON.stringify(problem)}`);
    this.name = 'TensorFileError';
  }
}

/** Throws a TensorFileError of `problem`. */
export function refuseTensorFile(problem: TensorFileProblem): never {
  throw new TensorFileError(problem);
}

import { halfToNumber, MAX_ELEMENTS } from '../tensorData.ts';

export { halfToNumber, MAX_ELEMENTS };

/** The most dimensions a shape may have (NumPy 2's NPY_MAXDIMS). */
export const MAX_RANK = 64;

/** The element count of a shape (a scalar's [] is 1), refusing bad or too large shapes. */
export function elementCount(format: TensorFileFormat, tensor: string, shape: readonly number[]): number {
  if (shape.length > MAX_RANK) refuseTensorFile({ kind: 'badShape', format, tensor, shape });
  for (const d of shape)
    if (!Number.isSafeInteger(d) || d < 0) refuseTensorFile({ kind: 'badShape', format, tensor, shape });
  if (shape.includes(0)) return 0;
  let count = 1;
  for (const d of shape) {
    count *= d;
    if (count > MAX_ELEMENTS) refuseTensorFile({ kind: 'shapeTooLarge', format, tensor, shape, max: MAX_ELEMENTS });
  }
  return count;
}

/**
 * Decodes `count` elements of `dtype` from `length` bytes of `bytes` at `offset` (any alignment),
 * into a new array that does not share the file's buffer. The caller has checked the bounds and
 * that `length` is count × the dtype's size.
 */
export function decodeElements(
  bytes: Uint8Array,
  offset: number,
  count: number,
  dtype: FileDtype,
  littleEndian: boolean,
): FileTensor['data'] {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * ITEM_BYTES[dtype]);
  switch (dtype) {
    case 'int8':
      return new Int8Array(bytes.slice(offset, offset + count).buffer);
    case 'uint8':
      return bytes.slice(offset, offset + count);
    case 'int32': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(4 * i, littleEndian);
      return out;
    }
    case 'float32': {
      // Copied as bits, so that NaN payloads survive too.
      const out = new Float32Array(count);
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < count; i++) bits[i] = view.getUint32(4 * i, littleEndian);
      return out;
    }
    case 'float16': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = halfToNumber(view.getUint16(2 * i, littleEndian));
      return out;
    }
    case 'bfloat16': {
      // bfloat16 is the upper half of a float32: its bits shifted up are that float32, exactly.
      const out = new Float32Array(count);
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < count; i++) bits[i] = view.getUint16(2 * i, littleEndian) << 16;
      return out;
    }
  }
}

/**
 * A 2-D slice of `t` as float64 numbers (exact: every value the readers decode is a float64):
 * `index` fixes each leading dimension but the last two (a 4-D [a, b, r, c] tensor takes [i, j]);
 * a 1-D tensor is one row of n (index []), a 0-D one 1 × 1 (index []).
 */
export function slice2d(t: FileTensor, index: readonly number[]): { rows: number; cols: number; data: Float64Array } {
  const { shape } = t;
  const rank = shape.length;
  const leading = Math.max(0, rank - 2);
  if (index.length !== leading) refuseTensorFile({ kind: 'badIndex', tensor: t.name, index, shape });
  let start = 0;
  for (let k = 0; k < leading; k++) {
    const i = index[k] ?? -1;
    const d = shape[k] ?? 0;
    if (!Number.isInteger(i) || i < 0 || i >= d) refuseTensorFile({ kind: 'badIndex', tensor: t.name, index, shape });
    start = start * d + i;
  }
  const rows = rank >= 2 ? (shape[rank - 2] ?? 0) : 1;
  const cols = rank >= 1 ? (shape[rank - 1] ?? 0) : 1;
  start *= rows * cols;
  return { rows, cols, data: Float64Array.from(t.data.subarray(start, start + rows * cols)) };
}
