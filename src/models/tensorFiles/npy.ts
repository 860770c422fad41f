/**
 * NumPy's .npy format (numpy/lib/format.py, "NEP 1"): one array per file.
 *
 *   offset 0   "\x93NUMPY"                  magic string, 6 bytes
 *   offset 6   major, minor                 format version, 1 byte each: 1.0, 2.0 or 3.0
 *   offset 8   HEADER_LEN                   little-endian uint16 (1.0) or uint32 (2.0, 3.0)
 *   10 / 12    header, HEADER_LEN bytes     a Python dict literal, ASCII/latin-1 (1.0, 2.0) or UTF-8
 *                                           (3.0), padded with spaces and ended by '\n' so that the
 *                                           data starts at a multiple of 64 (16 in older files):
 *                                           {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
 *   then       data                         shape's product × itemsize bytes, C (row-major) order
 *
 * The header is read by a small strict parser of exactly that literal (never eval): the three keys
 * once each, in any order, a trailing comma allowed, whitespace around any token (as Python 3.10's
 * literal_eval, which strips leading whitespace too); string keys and descr in '…' or "…" without
 * escapes; True/False; a tuple of integers ((), (3,), (3, 4)); Python 2's long suffix (3L) in 1.0
 * and 2.0 files, as NumPy itself accepts. descr: '<f4', '<f2', '<i4', and '|i1', '|u1' ('<i1',
 * '>u1' too: one byte has no order); big-endian '>f4', '>f2', '>i4' are converted while reading.
 * Anything else ('<f8', '|b1', '=f4', structured dtypes, objects) is refused, as is
 * fortran_order True. The data must be exactly shape × itemsize bytes.
 */
import {
  decodeElements,
  elementCount,
  ITEM_BYTES,
  refuseTensorFile,
  type FileDtype,
  type FileTensor,
  type HeaderDetail,
} from './types.ts';

/** The largest header the reader accepts (NumPy's own default limit is 10 000 bytes). */
export const MAX_NPY_HEADER = 2 ** 20;

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/** The descr codes read, after the byte-order character. */
const DTYPES: ReadonlyMap<string, FileDtype> = new Map([
  ['f4', 'float32'],
  ['f2', 'float16'],
  ['i1', 'int8'],
  ['u1', 'uint8'],
  ['i4', 'int32'],
]);

/** The header's three fields. */
interface NpyHeader {
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
}

/** Reads one .npy file's array; `name` names it in the result and in problems. */
export function readNpy(bytes: Uint8Array, name = ''): FileTensor {
  const size = bytes.length;
  const outOfBounds = (at: string, offset: number, length: number): never =>
    refuseTensorFile({ kind: 'outOfBounds', format: 'npy', at, offset, length, size });
  for (let i = 0; i < MAGIC.length; i++) {
    if (i >= size) outOfBounds('magic', 0, MAGIC.length);
    if (bytes[i] !== MAGIC[i]) refuseTensorFile({ kind: 'badMagic', format: 'npy', size });
  }
  if (size < 8) outOfBounds('version', 6, 2);
  const major = bytes[6] ?? 0;
  const minor = bytes[7] ?? 0;
  if (minor !== 0 || (major !== 1 && major !== 2 && major !== 3))
    refuseTensorFile({ kind: 'unsupportedVersion', format: 'npy', major, minor });
  const lengthBytes = major === 1 ? 2 : 4;
  if (size < 8 + lengthBytes) outOfBounds('headerLength', 8, lengthBytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (headerLength > MAX_NPY_HEADER)
    refuseTensorFile({ kind: 'headerTooLarge', format: 'npy', length: headerLength, max: MAX_NPY_HEADER });
  const headerStart = 8 + lengthBytes;
  if (headerStart + headerLength > size) outOfBounds('header', headerStart, headerLength);

  const text = headerText(bytes.subarray(headerStart, headerStart + headerLength), major === 3);
  const header = parseHeader(text, major < 3);
  const { dtype, littleEndian } = dtypeOf(header.descr, name);
  if (header.fortranOrder) refuseTensorFile({ kind: 'fortranOrder', format: 'npy', tensor: name });
  const count = elementCount('npy', name, header.shape);
  const dataStart = headerStart + headerLength;
  const expected = count * ITEM_BYTES[dtype];
  if (size - dataStart !== expected)
    refuseTensorFile({ kind: 'dataSizeMismatch', format: 'npy', tensor: name, expected, actual: size - dataStart });
  return { name, dtype, shape: header.shape, data: decodeElements(bytes, dataStart, count, dtype, littleEndian) };
}

/** The header's characters: latin-1 (1.0, 2.0; every byte is one) or strict UTF-8 (3.0). */
function headerText(bytes: Uint8Array, utf8: boolean): string {
  if (utf8) {
    try {
      // ignoreBOM keeps a byte-order mark in the text, where the parser refuses it, as Python does.
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return refuseTensorFile({ kind: 'badHeader', format: 'npy', at: '', offset: null, detail: 'notUtf8' });
    }
  }
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return text;
}

/** The dtype of `descr` and its byte order. */
function dtypeOf(descr: string, tensor: string): { dtype: FileDtype; littleEndian: boolean } {
  const order = descr.charAt(0);
  const dtype = descr.length === 3 ? DTYPES.get(descr.slice(1)) : undefined;
  const ordered = order === '<' || order === '>';
  if (dtype === undefined || !(ordered || (order === '|' && ITEM_BYTES[dtype] === 1)))
    return refuseTensorFile({ kind: 'unsupportedDtype', format: 'npy', tensor, dtype: descr });
  return { dtype, littleEndian: order !== '>' };
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const INTEGER = /-?(?:0|[1-9][0-9]*)/y;

/** Parses the header's dict literal; `allowLong`: accept Python 2's 3L. */
function parseHeader(text: string, allowLong: boolean): NpyHeader {
  let pos = 0;
  const fail = (detail: HeaderDetail, at = ''): never =>
    refuseTensorFile({ kind: 'badHeader', format: 'npy', at, offset: pos, detail });
  /** The next character after whitespace (Python allows any inside brackets), or '' at the end. */
  const peek = (): string => {
    while (pos < text.length && ' \t\n\r\f'.includes(text.charAt(pos))) pos++;
    return text.charAt(pos);
  };
  const expect = (c: string) => {
    if (peek() !== c) fail('syntax');
    pos++;
  };
  const match = (re: RegExp): string | null => {
    peek();
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m === null) return null;
    pos += m[0].length;
    return m[0];
  };
  const string = (): string => {
    const quote = peek();
    if (quote !== "'" && quote !== '"') fail('syntax');
    const begin = ++pos;
    for (; text.charAt(pos) !== quote; pos++)
      if (pos >= text.length || '\\\n\r'.includes(text.charAt(pos))) fail('syntax');
    return text.slice(begin, pos++);
  };
  const integer = (): number => {
    const digits = match(INTEGER) ?? fail('syntax');
    if (allowLong && text.charAt(pos) === 'L') pos++;
    const n = Number(digits);
    return n === 0 ? 0 : n; // -0 is 0
  };
  const tuple = (): number[] => {
    if (peek() !== '(') fail('wrongType', 'shape');
    pos++;
    const dims: number[] = [];
    if (peek() === ')') {
      pos++;
      return dims;
    }
    dims.push(integer());
    const next = peek();
    if (next === ')') fail('wrongType', 'shape'); // (3) is the integer 3, not a tuple
    if (next !== ',') fail('syntax');
    pos++;
    for (;;) {
      if (peek() === ')') break;
      dims.push(integer());
      const next = peek();
      if (next === ')') break;
      if (next !== ',') fail('syntax');
      pos++;
    }
    pos++;
    return dims;
  };

  let descr: string | undefined;
  let fortranOrder: boolean | undefined;
  let shape: number[] | undefined;
  expect('{');
  for (;;) {
    if (peek() === '}') break;
    const keyAt = pos;
    const key = string();
    const seen = key === 'descr' ? descr : key === 'fortran_order' ? fortranOrder : key === 'shape' ? shape : null;
    if (seen === null) {
      pos = keyAt;
      fail('unknownKey', key);
    } else if (seen !== undefined) {
      pos = keyAt;
      fail('duplicateKey', key);
    }
    expect(':');
    if (key === 'descr') {
      const quote = peek();
      if (quote !== "'" && quote !== '"') fail('wrongType', key);
      descr = string();
    } else if (key === 'fortran_order') {
      const valueAt = pos;
      const word = match(WORD);
      if (word !== 'True' && word !== 'False') {
        pos = valueAt;
        fail('wrongType', key);
      }
      fortranOrder = word === 'True';
    } else shape = tuple();
    const next = peek();
    if (next === '}') break;
    if (next !== ',') fail('syntax');
    pos++;
  }
  pos++;
  if (peek() !== '') fail('trailingText');
  if (descr === undefined) return fail('missingKey', 'descr');
  if (fortranOrder === undefined) return fail('missingKey', 'fortran_order');
  if (shape === undefined) return fail('missingKey', 'shape');
  return { descr, fortranOrder, shape };
}
