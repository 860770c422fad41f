/**
 * Hugging Face's .safetensors format (github.com/huggingface/safetensors, "Format"): named tensors.
 *
 *   offset 0     N                  little-endian uint64: the header's length in bytes
 *   offset 8     header, N bytes    a UTF-8 JSON object, starting with '{', which may be padded
 *                                   with trailing spaces:
 *                                   {"__metadata__": {"format": "pt"},
 *                                    "w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}, …}
 *   offset 8+N   byte buffer        the tensors' data, little-endian, C (row-major) order; tensor "w"
 *                                   holds bytes [BEGIN, END) of it (data_offsets are relative to the
 *                                   buffer). Together the tensors cover the buffer exactly: no gap,
 *                                   no overlap, END − BEGIN = shape's product × dtype size.
 *
 * As the reference Rust reader does, this one refuses a header over 100 MB, one not starting with
 * '{', and any tensor whose offsets break the rules above; it also refuses a name given twice
 * (which JSON.parse alone would let pass, keeping the last). "__metadata__" (a string → string map)
 * is skipped. Every dtype of the format is listed and checked for size; F32, F16, BF16, I8, U8 and
 * I32 are decoded, the others (F64, I64, BOOL, F8_E4M3, …) are refused when read. A dtype name the
 * format does not define is listed too, its size left unchecked.
 */
import {
  decodeElements,
  elementCount,
  refuseTensorFile,
  type FileDtype,
  type FileTensor,
  type HeaderDetail,
} from './types.ts';

/** The largest header the reader accepts (the Rust reader's MAX_HEADER_SIZE). */
export const MAX_SAFETENSORS_HEADER = 100_000_000;

/** One tensor as the header lists it; `begin`, `end`: its bytes' offsets in the whole file. */
export interface SafetensorEntry {
  name: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

/** Bits per element of each dtype the format defines. */
const DTYPE_BITS: ReadonlyMap<string, number> = new Map([
  ['BOOL', 8],
  ['F4', 4],
  ['F6_E2M3', 6],
  ['F6_E3M2', 6],
  ['U8', 8],
  ['I8', 8],
  ['F8_E5M2', 8],
  ['F8_E4M3', 8],
  ['F8_E8M0', 8],
  ['I16', 16],
  ['U16', 16],
  ['F16', 16],
  ['BF16', 16],
  ['I32', 32],
  ['U32', 32],
  ['F32', 32],
  ['C64', 64],
  ['F64', 64],
  ['I64', 64],
  ['U64', 64],
]);

/** The dtypes decoded. */
const DECODED: ReadonlyMap<string, FileDtype> = new Map([
  ['F32', 'float32'],
  ['F16', 'float16'],
  ['BF16', 'bfloat16'],
  ['I8', 'int8'],
  ['U8', 'uint8'],
  ['I32', 'int32'],
]);

const badHeader = (at: string, offset: number | null, detail: HeaderDetail): never =>
  refuseTensorFile({ kind: 'badHeader', format: 'safetensors', at, offset, detail });

/** The file's tensors in data order, after checking the whole header against the file. */
export function listSafetensors(bytes: Uint8Array): SafetensorEntry[] {
  const size = bytes.length;
  if (size < 8)
    refuseTensorFile({ kind: 'outOfBounds', format: 'safetensors', at: 'headerLength', offset: 0, length: 8, size });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  if (headerLength > MAX_SAFETENSORS_HEADER)
    refuseTensorFile({
      kind: 'headerTooLarge',
      format: 'safetensors',
      length: headerLength,
      max: MAX_SAFETENSORS_HEADER,
    });
  if (8 + headerLength > size)
    refuseTensorFile({
      kind: 'outOfBounds',
      format: 'safetensors',
      at: 'header',
      offset: 8,
      length: headerLength,
      size,
    });
  const headerBytes = bytes.subarray(8, 8 + headerLength);
  if (headerBytes[0] !== 0x7b) badHeader('', 0, 'notObject'); // '{'
  let text: string;
  let header: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(headerBytes);
  } catch {
    return badHeader('', null, 'notUtf8');
  }
  try {
    header = JSON.parse(text);
  } catch {
    return badHeader('', null, 'notJson');
  }
  if (!isObject(header)) return badHeader('', 0, 'notObject');
  checkDuplicateKeys(text);

  const dataStart = 8 + headerLength;
  const dataSize = size - dataStart;
  const entries: (SafetensorEntry & { bits: number | undefined; count: number })[] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    if (!isObject(info)) return badHeader(name, null, 'notObject');
    const dtype = field(info, name, 'dtype', (v) => typeof v === 'string');
    const shape = field(info, name, 'shape', (v) => Array.isArray(v) && v.every((d) => typeof d === 'number'));
    const offsets = field(
      info,
      name,
      'data_offsets',
      (v) => Array.isArray(v) && v.length === 2 && v.every((o) => Number.isSafeInteger(o) && (o as number) >= 0),
    );
    const [begin, end] = offsets as [number, number];
    const count = elementCount('safetensors', name, shape as number[]);
    if (Math.max(begin, end) > dataSize)
      refuseTensorFile({
        kind: 'outOfBounds',
        format: 'safetensors',
        at: `${name}.data_offsets`,
        offset: dataStart + begin,
        length: end - begin,
        size,
      });
    entries.push({
      name,
      dtype: dtype as string,
      shape: (shape as number[]).map((d) => d + 0), // -0 is 0
      begin,
      end,
      bits: DTYPE_BITS.get(dtype as string),
      count,
    });
  }

  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const e of entries) {
    if (e.begin !== cursor || e.end < e.begin)
      refuseTensorFile({
        kind: 'badOffsets',
        format: 'safetensors',
        tensor: e.name,
        begin: e.begin,
        end: e.end,
        expectedBegin: cursor,
      });
    if (e.bits !== undefined && (e.count * e.bits) / 8 !== e.end - e.begin)
      refuseTensorFile({
        kind: 'dataSizeMismatch',
        format: 'safetensors',
        tensor: e.name,
        expected: (e.count * e.bits) / 8,
        actual: e.end - e.begin,
      });
    cursor = e.end;
  }
  if (cursor !== dataSize)
    refuseTensorFile({ kind: 'uncoveredData', format: 'safetensors', end: cursor, size: dataSize });
  return entries.map(({ name, dtype, shape, begin, end }) => ({
    name,
    dtype,
    shape,
    begin: dataStart + begin,
    end: dataStart + end,
  }));
}

/** The tensor `name` of the file, decoded (the whole file is checked first). */
export function readSafetensor(bytes: Uint8Array, name: string): FileTensor {
  const entry = listSafetensors(bytes).find((e) => e.name === name);
  if (entry === undefined) return refuseTensorFile({ kind: 'unknownTensor', format: 'safetensors', tensor: name });
  const dtype = DECODED.get(entry.dtype);
  if (dtype === undefined)
    return refuseTensorFile({ kind: 'unsupportedDtype', format: 'safetensors', tensor: name, dtype: entry.dtype });
  const count = entry.shape.reduce((a, b) => a * b, 1);
  return { name, dtype, shape: entry.shape, data: decodeElements(bytes, entry.begin, count, dtype, true) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The entry's `key`, refused when missing or not of the form `ok` accepts. */
function field(info: Record<string, unknown>, name: string, key: string, ok: (v: unknown) => boolean): unknown {
  if (!Object.hasOwn(info, key)) return badHeader(`${name}.${key}`, null, 'missingKey');
  const value = info[key];
  if (!ok(value)) return badHeader(`${name}.${key}`, null, 'wrongType');
  return value;
}

/**
 * Refuses a key given twice in one object of `text` (valid JSON: JSON.parse has read it), which
 * JSON.parse silently resolves to the last. A top-level key twice is a tensor name twice.
 */
function checkDuplicateKeys(text: string): void {
  // One frame per open object (its keys so far, and whether a key comes next) or array (null).
  const frames: ({ keys: Set<string>; expectKey: boolean } | null)[] = [];
  let topKey = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const frame = frames.at(-1);
    if (c === '"') {
      const start = i;
      for (i++; text.charAt(i) !== '"'; i++) if (text.charAt(i) === '\\') i++;
      if (frame && frame.expectKey) {
        const raw = text.slice(start + 1, i);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(start, i + 1)) as string) : raw;
        if (frame.keys.has(key)) {
          if (frames.length === 1) refuseTensorFile({ kind: 'duplicateName', format: 'safetensors', tensor: key });
          badHeader(`${topKey}.${key}`, start, 'duplicateKey');
        }
        frame.keys.add(key);
        frame.expectKey = false;
        if (frames.length === 1) topKey = key;
      }
    } else if (c === '{') frames.push({ keys: new Set(), expectKey: true });
    else if (c === '[') frames.push(null);
    else if (c === '}' || c === ']') frames.pop();
    else if (c === ',' && frame) frame.expectKey = true;
  }
}
