/**
 * GGUF, ggml's file format (ggml-org/ggml @d99724f2 include/gguf.h): the header read from a file
 * of any size by ranges — the magic, version 2 or 3, the key-value metadata, each tensor's name,
 * dimensions (ggml's order: ne0 is contiguous), type and offset — and a tensor's rows read by
 * range too, so a 4 GB model is never read whole. Little-endian only (as gguf.h writes it).
 */
import type { BlockFormat } from '../../formats/names.ts';

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ReadRange = (offset: number, length: number) => Promise<Uint8Array>;

/** ggml's type ids (ggml.h enum ggml_type) and the names the app shows. */
export const GGML_TYPES: Readonly<Record<number, string>> = {
  0: 'F32',
  1: 'F16',
  2: 'Q4_0',
  3: 'Q4_1',
  6: 'Q5_0',
  7: 'Q5_1',
  8: 'Q8_0',
  9: 'Q8_1',
  10: 'Q2_K',
  11: 'Q3_K',
  12: 'Q4_K',
  13: 'Q5_K',
  14: 'Q6_K',
  15: 'Q8_K',
  16: 'IQ2_XXS',
  17: 'IQ2_XS',
  18: 'IQ3_XXS',
  19: 'IQ1_S',
  20: 'IQ4_NL',
  21: 'IQ3_S',
  22: 'IQ2_S',
  23: 'IQ4_XS',
  24: 'I8',
  25: 'I16',
  26: 'I32',
  27: 'I64',
  28: 'F64',
  29: 'IQ1_M',
  30: 'BF16',
  34: 'TQ1_0',
  35: 'TQ2_0',
  39: 'MXFP4',
  40: 'NVFP4',
  41: 'Q1_0',
  42: 'Q2_0',
};

/** The ggml types the app decodes, as its block formats. */
export const DECODED_TYPES: Readonly<Record<number, BlockFormat>> = {
  2: 'q4_0',
  3: 'q4_1',
  6: 'q5_0',
  7: 'q5_1',
  8: 'q8_0',
  10: 'q2_K',
  11: 'q3_K',
  12: 'q4_K',
  13: 'q5_K',
  14: 'q6_K',
  15: 'q8_K',
  39: 'mxfp4',
};

/** Values and bytes per block of the types whose size the app knows (plain types: one value). */
export const TYPE_BLOCKS: Readonly<Record<number, readonly [number, number]>> = {
  0: [1, 4],
  1: [1, 2],
  30: [1, 2],
  24: [1, 1],
  25: [1, 2],
  26: [1, 4],
  27: [1, 8],
  28: [1, 8],
  2: [32, 18],
  3: [32, 20],
  6: [32, 22],
  7: [32, 24],
  8: [32, 34],
  9: [32, 36],
  10: [256, 84],
  11: [256, 110],
  12: [256, 144],
  13: [256, 176],
  14: [256, 210],
  15: [256, 292],
  39: [32, 17],
};

/** A metadata value as the view shows it: scalars whole, arrays by type and count with their first items. */
export type GgufValue =
  | { readonly kind: 'number'; readonly type: string; readonly value: number }
  | { readonly kind: 'bigint'; readonly type: string; readonly value: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'string'; readonly value: string }
  | {
      readonly kind: 'array';
      readonly type: string;
      readonly count: number;
      readonly first: readonly (string | number)[];
    };

export interface GgufTensor {
  readonly name: string;
  /** ne0, ne1, …: ne0 the contiguous dimension (a weight's input). */
  readonly dims: readonly number[];
  readonly type: number;
  /** Where its data starts in the file. */
  readonly offset: number;
  /** Its bytes (null for a type whose block size the app does not know). */
  readonly bytes: number | null;
}

export interface GgufHeader {
  readonly version: number;
  readonly metadata: readonly { readonly key: string; readonly value: GgufValue }[];
  readonly tensors: readonly GgufTensor[];
  readonly alignment: number;
  /** Where the tensor data starts. */
  readonly dataOffset: number;
  /** The header's bytes (what was read). */
  readonly headerBytes: number;
}

/** What the reader refused, and where (words are the view's). */
export type GgufProblem =
  | { readonly kind: 'badMagic'; readonly size: number }
  | { readonly kind: 'unsupportedVersion'; readonly version: number }
  /** The header ends before `at` could be read (a truncated file). */
  | { readonly kind: 'truncated'; readonly at: string; readonly offset: number; readonly size: number }
  | {
      readonly kind: 'tooMany';
      readonly what: 'tensors' | 'keys' | 'items' | 'bytes';
      readonly count: number;
      readonly max: number;
    }
  | { readonly kind: 'badValueType'; readonly key: string; readonly type: number }
  | {
      readonly kind: 'badTensor';
      readonly tensor: string;
      readonly detail: 'dims' | 'type' | 'offset' | 'outside' | 'blocks';
    }
  | { readonly kind: 'badAlignment'; readonly alignment: number };

export class GgufError extends Error {
  constructor(readonly problem: GgufProblem) {
    super(`${problem.kind} ${JSON.stringify(problem)}`);
    this.name = 'GgufError';
  }
}

const refuse = (problem: GgufProblem): never => {
  throw new GgufError(problem);
};

/** Limits that keep a damaged header from asking for absurd amounts. */
const MAX_TENSORS = 1 << 20;
const MAX_KEYS = 1 << 20;
const MAX_ITEMS = 1 << 28;
const MAX_STRING = 1 << 24;
/** How many array items the view keeps. */
const FIRST = 8;

const TYPE_NAMES = ['u8', 'i8', 'u16', 'i16', 'u32', 'i32', 'f32', 'bool', 'string', 'array', 'u64', 'i64', 'f64'];
const SCALAR_BYTES = [1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8];

/** A cursor over the file that fetches more bytes as it goes (1 MiB at a time). */
class Cursor {
  private buf: Uint8Array = new Uint8Array(0);
  private start = 0;
  pos = 0;
  constructor(
    private readonly read: ReadRange,
    readonly size: number,
  ) {}

  /** Makes bytes [pos, pos + n) available, or refuses at `at`. */
  async need(n: number, at: string): Promise<void> {
    if (this.pos + n > this.size) refuse({ kind: 'truncated', at, offset: this.pos, size: this.size });
    if (this.pos + n <= this.start + this.buf.length) return;
    const length = Math.min(this.size - this.pos, Math.max(n, 1 << 20));
    this.buf = await this.read(this.pos, length);
    this.start = this.pos;
    if (this.buf.length < n) refuse({ kind: 'truncated', at, offset: this.pos, size: this.size });
  }

  private view(n: number): DataView {
    const at = this.pos - this.start;
    this.pos += n;
    return new DataView(this.buf.buffer, this.buf.byteOffset + at, n);
  }

  async u32(at: string): Promise<number> {
    await this.need(4, at);
    return this.view(4).getUint32(0, true);
  }

  /** A uint64 / int64 count or offset, refused past 2^53. */
  async u64(at: string): Promise<number> {
    await this.need(8, at);
    const v = this.view(8).getBigUint64(0, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) refuse({ kind: 'truncated', at, offset: this.pos - 8, size: this.size });
    return Number(v);
  }

  async string(at: string): Promise<string> {
    const n = await this.u64(at);
    if (n > MAX_STRING) refuse({ kind: 'tooMany', what: 'bytes', count: n, max: MAX_STRING });
    await this.need(n, at);
    const at0 = this.pos - this.start;
    this.pos += n;
    return new TextDecoder().decode(this.buf.subarray(at0, at0 + n));
  }

  async scalar(type: number, at: string): Promise<number | bigint | boolean> {
    const n = SCALAR_BYTES[type] ?? 0;
    await this.need(n, at);
    const v = this.view(n);
    switch (type) {
      case 0:
        return v.getUint8(0);
      case 1:
        return v.getInt8(0);
      case 2:
        return v.getUint16(0, true);
      case 3:
        return v.getInt16(0, true);
      case 4:
        return v.getUint32(0, true);
      case 5:
        return v.getInt32(0, true);
      case 6:
        return v.getFloat32(0, true);
      case 7:
        return v.getInt8(0) !== 0;
      case 10:
        return v.getBigUint64(0, true);
      case 11:
        return v.getBigInt64(0, true);
      default:
        return v.getFloat64(0, true);
    }
  }

  skip(n: number): void {
    this.pos += n;
  }
}

const shown = (v: number | bigint | boolean): string | number =>
  typeof v === 'bigint' ? v.toString() : typeof v === 'boolean' ? String(v) : v;

async function readValue(c: Cursor, type: number, key: string): Promise<GgufValue> {
  if (type === 8) return { kind: 'string', value: await c.string(key) };
  if (type === 9) {
    const itemType = await c.u32(key);
    const count = await c.u64(key);
    if (count > MAX_ITEMS) refuse({ kind: 'tooMany', what: 'items', count, max: MAX_ITEMS });
    if (itemType === 9 || !(itemType in SCALAR_BYTES) || itemType > 12)
      refuse({ kind: 'badValueType', key, type: itemType });
    const first: (string | number)[] = [];
    for (let i = 0; i < count; i++) {
      if (itemType === 8) {
        const s = await c.string(key);
        if (i < FIRST) first.push(s);
      } else if (i < FIRST) {
        first.push(shown(await c.scalar(itemType, key)));
      } else {
        // The rest of a numeric array is skipped without reading it into values.
        const n = (SCALAR_BYTES[itemType] ?? 0) * (count - i);
        await c.need(0, key);
        if (c.pos + n > c.size) refuse({ kind: 'truncated', at: key, offset: c.pos, size: c.size });
        c.skip(n);
        break;
      }
    }
    return { kind: 'array', type: TYPE_NAMES[itemType] ?? '?', count, first };
  }
  if (type > 12) refuse({ kind: 'badValueType', key, type });
  const v = await c.scalar(type, key);
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (typeof v === 'bigint') return { kind: 'bigint', type: TYPE_NAMES[type] ?? '?', value: v.toString() };
  return { kind: 'number', type: TYPE_NAMES[type] ?? '?', value: v };
}

/** A tensor's bytes from its type and dims, or null for a type whose layout the app does not know. */
export function tensorBytes(type: number, dims: readonly number[]): number | null {
  const block = TYPE_BLOCKS[type];
  if (!block) return null;
  const count = dims.reduce((a, b) => a * b, 1);
  return (count / block[0]) * block[1];
}

/** Reads a GGUF header through `read` from a file of `size` bytes. */
export async function readGgufHeader(read: ReadRange, size: number): Promise<GgufHeader> {
  const c = new Cursor(read, size);
  await c.need(4, 'magic').catch(() => refuse({ kind: 'badMagic', size }));
  const magic = await c.u32('magic');
  if (magic !== 0x46554747) refuse({ kind: 'badMagic', size });
  const version = await c.u32('version');
  if (version !== 2 && version !== 3) refuse({ kind: 'unsupportedVersion', version });
  const tensorCount = await c.u64('tensor_count');
  if (tensorCount > MAX_TENSORS) refuse({ kind: 'tooMany', what: 'tensors', count: tensorCount, max: MAX_TENSORS });
  const keyCount = await c.u64('metadata_kv_count');
  if (keyCount > MAX_KEYS) refuse({ kind: 'tooMany', what: 'keys', count: keyCount, max: MAX_KEYS });
  const metadata: { key: string; value: GgufValue }[] = [];
  let alignment = 32;
  for (let k = 0; k < keyCount; k++) {
    const key = await c.string(`key ${k + 1}`);
    const type = await c.u32(key);
    const value = await readValue(c, type, key);
    if (key === 'general.alignment') {
      alignment = value.kind === 'number' && type === 4 ? value.value : 0;
      if (alignment <= 0 || alignment % 8 !== 0) refuse({ kind: 'badAlignment', alignment });
    }
    metadata.push({ key, value });
  }
  const infos: { name: string; dims: number[]; type: number; offset: number }[] = [];
  for (let t = 0; t < tensorCount; t++) {
    const name = await c.string(`tensor ${t + 1}`);
    const rank = await c.u32(name);
    if (rank < 1 || rank > 4) refuse({ kind: 'badTensor', tensor: name, detail: 'dims' });
    const dims: number[] = [];
    for (let d = 0; d < rank; d++) dims.push(await c.u64(name));
    if (dims.some((d) => d < 1)) refuse({ kind: 'badTensor', tensor: name, detail: 'dims' });
    const type = await c.u32(name);
    if (!(type in GGML_TYPES)) refuse({ kind: 'badTensor', tensor: name, detail: 'type' });
    const offset = await c.u64(name);
    if (offset % alignment !== 0) refuse({ kind: 'badTensor', tensor: name, detail: 'offset' });
    infos.push({ name, dims, type, offset });
  }
  const headerBytes = c.pos;
  const dataOffset = Math.ceil(headerBytes / alignment) * alignment;
  const tensors = infos.map((i): GgufTensor => {
    const bytes = tensorBytes(i.type, i.dims);
    const block = TYPE_BLOCKS[i.type];
    if (block && (i.dims[0] ?? 0) % block[0] !== 0) refuse({ kind: 'badTensor', tensor: i.name, detail: 'blocks' });
    const offset = dataOffset + i.offset;
    if (bytes !== null && offset + bytes > size) refuse({ kind: 'badTensor', tensor: i.name, detail: 'outside' });
    return { ...i, offset, bytes };
  });
  return { version, metadata, tensors, alignment, dataOffset, headerBytes };
}

/** Bytes of one row (ne0 values) of a tensor whose type the app knows. */
export function rowBytes(t: GgufTensor): number {
  const block = TYPE_BLOCKS[t.type] ?? [1, 0];
  return ((t.dims[0] ?? 0) / block[0]) * block[1];
}
