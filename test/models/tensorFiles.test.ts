/**
 * The .npy and .safetensors readers, on files built here byte by byte from the formats' specs
 * (headers written out literally, values as their IEEE bits), on real NumPy files
 * (test/fixtures/make-npy-fixtures.py, numpy 1.24.2), and on damaged files: every refusal is a
 * TensorFileError of the expected kind, never a TypeError, RangeError or SyntaxError.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NPY_HEADER, readNpy } from '../../src/models/tensorFiles/npy.ts';
import { listSafetensors, MAX_SAFETENSORS_HEADER, readSafetensor } from '../../src/models/tensorFiles/safetensors.ts';
import {
  MAX_ELEMENTS,
  slice2d,
  TensorFileError,
  type FileTensor,
  type TensorFileProblem,
} from '../../src/models/tensorFiles/types.ts';

// ── Bytes, written out ────────────────────────────────────────────────────────────────────────

type Bytes = Uint8Array | readonly number[];
const concat = (...parts: Bytes[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
/** Each character as one byte (latin-1). */
const latin1 = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const le16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24];
const le64 = (n: number) => [...le32(n % 2 ** 32), ...le32(Math.floor(n / 2 ** 32))];
/** 16-bit words (float16, bfloat16 bits), little-endian. */
const words = (...ws: number[]) => ws.flatMap(le16);
/** float32 values, little-endian (written with DataView.setFloat32; the readers read bits). */
const f32s = (...xs: number[]) => {
  const view = new DataView(new ArrayBuffer(4 * xs.length));
  xs.forEach((x, i) => view.setFloat32(4 * i, x, true));
  return new Uint8Array(view.buffer);
};
/** The float32 whose bits are `bits`. */
const fromBits = (bits: number) => new Float32Array(new Uint32Array([bits]).buffer)[0] ?? NaN;

const MAGIC = [0x93, ...latin1('NUMPY')];

/**
 * An .npy file as NumPy writes it: magic, version, header length (uint16 for 1.0, uint32 after),
 * then `header` padded with spaces and a final '\n' so that the data starts at a multiple of `align`.
 */
function npy(header: string, data: Bytes = [], major = 1, align = 64): Uint8Array {
  const prefix = major === 1 ? 10 : 12;
  const padding = (align - ((prefix + header.length + 1) % align)) % align;
  const text = header + ' '.repeat(padding) + '\n';
  const length = major === 1 ? le16(text.length) : le32(text.length);
  return concat(MAGIC, [major, 0], length, latin1(text), data);
}
const header = (descr: string, shape: string, fortran = 'False') =>
  `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }`;

/** A .safetensors file: uint64 header length, the header text, the byte buffer. */
const safetensors = (text: string, data: Bytes = []) => concat(le64(text.length), latin1(text), data);

/** The same bytes at an odd offset inside a larger buffer (readers must not assume alignment). */
function unaligned(bytes: Uint8Array): Uint8Array {
  const big = new Uint8Array(bytes.length + 8).fill(0xee);
  big.set(bytes, 3);
  return big.subarray(3, 3 + bytes.length);
}

/** The problem `run` throws; fails the test unless it is a TensorFileError. */
function problemOf(run: () => unknown): TensorFileProblem {
  try {
    run();
  } catch (e) {
    if (e instanceof TensorFileError) return e.problem;
    throw e;
  }
  throw new Error('expected a TensorFileError, but nothing was thrown');
}
const kindOf = (run: () => unknown): string => problemOf(run).kind;

const values = (t: FileTensor) => Array.from(t.data);

// ── .npy ──────────────────────────────────────────────────────────────────────────────────────

describe('readNpy', () => {
  it('reads a 2-D float32 array (1.0 header, as NumPy pads it)', () => {
    // 1.5 = 0x3fc00000, -2 = 0xc0000000, 0.1f = 0x3dcccccd, 0 ×3.
    const data = [0, 0, 0xc0, 0x3f, 0, 0, 0, 0xc0, 0xcd, 0xcc, 0xcc, 0x3d, ...new Array<number>(12).fill(0)];
    const bytes = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", data);
    expect(bytes.length).toBe(128 + 24);
    const t = readNpy(bytes, 'w');
    expect(t).toMatchObject({ name: 'w', dtype: 'float32', shape: [2, 3] });
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(values(t)).toEqual([1.5, -2, fromBits(0x3dcccccd), 0, 0, 0]);
  });

  it('decodes float16 exactly: normals, subnormals, ±0, ±infinity, NaN', () => {
    const bits = [0x3c00, 0x0001, 0x03ff, 0x0400, 0x7bff, 0xfc00, 0x7c00, 0x8000, 0x3555, 0xc000, 0x7e00, 0x8001];
    const t = readNpy(npy(header('<f2', '(12,)'), words(...bits)));
    expect(t.dtype).toBe('float16');
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(values(t)).toEqual([
      1,
      2 ** -24,
      1023 * 2 ** -24,
      2 ** -14,
      65504,
      -Infinity,
      Infinity,
      -0,
      0.333251953125,
      -2,
      NaN,
      -(2 ** -24),
    ]);
  });

  it('reads int8, uint8 and int32', () => {
    const i8 = readNpy(npy(header('|i1', '(4,)'), [0x80, 0xff, 0x00, 0x7f]));
    expect(i8.dtype).toBe('int8');
    expect(i8.data).toBeInstanceOf(Int8Array);
    expect(values(i8)).toEqual([-128, -1, 0, 127]);

    const u8 = readNpy(npy(header('|u1', '(2, 2)'), [0, 1, 0x80, 0xff]));
    expect(u8).toMatchObject({ dtype: 'uint8', shape: [2, 2] });
    expect(u8.data).toBeInstanceOf(Uint8Array);
    expect(values(u8)).toEqual([0, 1, 128, 255]);

    const i32 = readNpy(npy(header('<i4', '(3,)'), [...le32(0x80000000), ...le32(0xffffffff), ...le32(0x7fffffff)]));
    expect(i32.dtype).toBe('int32');
    expect(i32.data).toBeInstanceOf(Int32Array);
    expect(values(i32)).toEqual([-(2 ** 31), -1, 2 ** 31 - 1]);

    // One byte has no order: '<i1' and '>u1' are the same dtypes.
    expect(values(readNpy(npy(header('<i1', '(1,)'), [0xfe])))).toEqual([-2]);
    expect(values(readNpy(npy(header('>u1', '(1,)'), [0xfe])))).toEqual([254]);
  });

  it('converts big-endian float32, float16 and int32', () => {
    expect(values(readNpy(npy(header('>f4', '(2,)'), [0x3f, 0xc0, 0, 0, 0xc0, 0, 0, 0])))).toEqual([1.5, -2]);
    expect(values(readNpy(npy(header('>f2', '(2,)'), [0x3c, 0x00, 0x00, 0x01])))).toEqual([1, 2 ** -24]);
    expect(values(readNpy(npy(header('>i4', '(1,)'), [0xff, 0xff, 0xff, 0xfe])))).toEqual([-2]);
  });

  it('reads 2.0 and 3.0 headers (uint32 length)', () => {
    const v2 = npy(header('<f4', '(2,)'), f32s(0.5, -0.25), 2);
    expect(v2.slice(6, 12)).toEqual(Uint8Array.from([2, 0, 116, 0, 0, 0]));
    expect(values(readNpy(v2))).toEqual([0.5, -0.25]);
    const v3 = npy(header('<f2', '(1,)'), words(0x3c00), 3);
    expect(values(readNpy(v3))).toEqual([1]);
  });

  it('reads shapes 0-D to 4-D, and empty arrays', () => {
    const scalar = readNpy(npy(header('<f4', '()'), f32s(7.25)));
    expect(scalar.shape).toEqual([]);
    expect(values(scalar)).toEqual([7.25]);
    expect(readNpy(npy(header('|u1', '(5,)'), [1, 2, 3, 4, 5])).shape).toEqual([5]);
    const cube = readNpy(
      npy(
        header('|i1', '(2, 3, 4)'),
        Array.from({ length: 24 }, (_, i) => i),
      ),
    );
    expect(cube.shape).toEqual([2, 3, 4]);
    expect(values(cube)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    const four = readNpy(npy(header('<i4', '(1, 2, 1, 3)'), [1, 2, 3, 4, 5, 6].flatMap(le32)));
    expect(four.shape).toEqual([1, 2, 1, 3]);
    expect(values(four)).toEqual([1, 2, 3, 4, 5, 6]);
    const empty = readNpy(npy(header('<f4', '(0, 3)')));
    expect(empty.shape).toEqual([0, 3]);
    expect(empty.data.length).toBe(0);
  });

  it('accepts the literal in the forms Python writes it', () => {
    const data = f32s(1, 2);
    const forms = [
      `{"descr": "<f4", "fortran_order": False, "shape": (2,)}`,
      `{'shape': (2,), 'descr': '<f4', 'fortran_order': False}`,
      `{ 'descr' : '<f4' ,\n\t'fortran_order' : False ,\n 'shape' : ( 2 , ) , }`,
      `{'descr': '<f4', 'fortran_order': False, 'shape': (2L,), }`, // Python 2's long, in 1.0 files
      ` {'descr': '<f4', 'fortran_order': False, 'shape': (2,)}`, // Python 3.10's literal_eval strips these
    ];
    for (const form of forms) expect(values(readNpy(npy(form, data)))).toEqual([1, 2]);
    // Older NumPy aligned the data to 16 bytes.
    expect(values(readNpy(npy(header('<f4', '(2,)'), data, 1, 16)))).toEqual([1, 2]);
  });

  it('reads at any alignment, and copies the data out of the file', () => {
    const bytes = unaligned(npy(header('<f4', '(2,)'), f32s(1.5, -3)));
    const t = readNpy(bytes);
    expect(values(t)).toEqual([1.5, -3]);
    const u8 = readNpy(unaligned(npy(header('|u1', '(2,)'), [7, 8])));
    expect(u8.data.buffer).not.toBe(bytes.buffer);
    expect(values(u8)).toEqual([7, 8]);
  });
});

describe('readNpy refuses bad files with a typed problem', () => {
  const good = npy(header('<f4', '(2,)'), f32s(1, 2));

  it('wrong magic, truncated magic, unknown version', () => {
    expect(problemOf(() => readNpy(Uint8Array.from(latin1('PK\x03\x04 not npy'))))).toEqual({
      kind: 'badMagic',
      format: 'npy',
      size: 12,
    });
    expect(problemOf(() => readNpy(good.subarray(0, 4)))).toMatchObject({ kind: 'outOfBounds', at: 'magic' });
    expect(problemOf(() => readNpy(good.subarray(0, 7)))).toMatchObject({ kind: 'outOfBounds', at: 'version' });
    expect(problemOf(() => readNpy(concat(MAGIC, [4, 0], le16(0))))).toEqual({
      kind: 'unsupportedVersion',
      format: 'npy',
      major: 4,
      minor: 0,
    });
    expect(kindOf(() => readNpy(concat(MAGIC, [1, 1], le16(0))))).toBe('unsupportedVersion');
  });

  it('truncated header length, header past the end, huge declared header', () => {
    expect(problemOf(() => readNpy(good.subarray(0, 9)))).toMatchObject({ kind: 'outOfBounds', at: 'headerLength' });
    expect(problemOf(() => readNpy(concat(MAGIC, [2, 0], [0, 1])))).toMatchObject({
      kind: 'outOfBounds',
      at: 'headerLength',
      offset: 8,
      length: 4,
    });
    expect(problemOf(() => readNpy(good.subarray(0, 100)))).toEqual({
      kind: 'outOfBounds',
      format: 'npy',
      at: 'header',
      offset: 10,
      length: 118,
      size: 100,
    });
    expect(problemOf(() => readNpy(concat(MAGIC, [2, 0], le32(0xffffffff), latin1('{}'))))).toEqual({
      kind: 'headerTooLarge',
      format: 'npy',
      length: 0xffffffff,
      max: MAX_NPY_HEADER,
    });
  });

  it.each([
    ['unknownKey', 'extra', `{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1, }`],
    ['duplicateKey', 'descr', `{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2,), }`],
    ['missingKey', 'shape', `{'descr': '<f4', 'fortran_order': False, }`],
    ['missingKey', 'descr', `{}`],
    ['wrongType', 'fortran_order', `{'descr': '<f4', 'fortran_order': 0, 'shape': (2,), }`],
    ['wrongType', 'fortran_order', `{'descr': '<f4', 'fortran_order': false, 'shape': (2,), }`],
    ['wrongType', 'shape', `{'descr': '<f4', 'fortran_order': False, 'shape': (2), }`],
    ['wrongType', 'shape', `{'descr': '<f4', 'fortran_order': False, 'shape': [2], }`],
    ['wrongType', 'descr', `{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (2,), }`],
    ['trailingText', '', `{'descr': '<f4', 'fortran_order': False, 'shape': (2,), } x`],
    ['syntax', '', `{'descr': '<f4' 'fortran_order': False, 'shape': (2,), }`],
    ['syntax', '', `{'descr': '<f4', 'fortran_order': False, 'shape': (2,),, }`],
    ['syntax', '', `{'descr': '\\x3cf4', 'fortran_order': False, 'shape': (2,), }`],
    ['syntax', '', `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 0x1), }`],
    ['syntax', '', `{'descr': '<f4', 'fortran_order': False, 'shape': (02,), }`],
    ['syntax', '', `{'descr': '<f4', 'fortran_order': False, 'shape': (1+1,), }`],
    ['syntax', '', `{'descr': '<f4', 'fortran_order': False, 'shape': (2,), `],
    ['syntax', '', `__import__('os').system('true')`],
    ['syntax', '', ``],
  ])('header: %s at %j', (detail, at, text) => {
    expect(problemOf(() => readNpy(npy(text, f32s(1, 2))))).toMatchObject({
      kind: 'badHeader',
      format: 'npy',
      detail,
      at,
    });
  });

  it('header: the long suffix only before 3.0; UTF-8 checked in 3.0', () => {
    const long = `{'descr': '<f4', 'fortran_order': False, 'shape': (2L,), }`;
    expect(problemOf(() => readNpy(npy(long, f32s(1, 2), 3)))).toMatchObject({ kind: 'badHeader', detail: 'syntax' });
    const bad = concat(MAGIC, [3, 0], le32(4), [0x7b, 0xff, 0xfe, 0x7d]);
    expect(problemOf(() => readNpy(bad))).toMatchObject({ kind: 'badHeader', detail: 'notUtf8' });
    // In 1.0, any byte is a latin-1 character; outside a string it is bad syntax.
    const latin = concat(MAGIC, [1, 0], le16(4), [0x7b, 0xff, 0xfe, 0x7d]);
    expect(problemOf(() => readNpy(latin))).toMatchObject({ kind: 'badHeader', detail: 'syntax', offset: 1 });
  });

  it('Fortran order', () => {
    expect(problemOf(() => readNpy(npy(header('<f4', '(2,)', 'True'), f32s(1, 2)), 'w'))).toEqual({
      kind: 'fortranOrder',
      format: 'npy',
      tensor: 'w',
    });
  });

  it.each(['<f8', '<i8', '<i2', '|b1', '=f4', '|f4', 'f4', '<U3', '|O', '<c8', '<V2', '<f4 '])(
    'unsupported dtype %j',
    (descr) => {
      expect(problemOf(() => readNpy(npy(header(descr, '(2,)'), f32s(1, 2)), 'w'))).toEqual({
        kind: 'unsupportedDtype',
        format: 'npy',
        tensor: 'w',
        dtype: descr,
      });
    },
  );

  it('negative, too large and overflowing shapes', () => {
    expect(problemOf(() => readNpy(npy(header('<f4', '(-1, 2)'))))).toEqual({
      kind: 'badShape',
      format: 'npy',
      tensor: '',
      shape: [-1, 2],
    });
    expect(problemOf(() => readNpy(npy(header('<f4', '(1024, 1024, 257)'))))).toEqual({
      kind: 'shapeTooLarge',
      format: 'npy',
      tensor: '',
      shape: [1024, 1024, 257],
      max: MAX_ELEMENTS,
    });
    expect(kindOf(() => readNpy(npy(header('<f4', '(99999, 99999, 99999, 99999)'))))).toBe('shapeTooLarge');
    expect(kindOf(() => readNpy(npy(header('<f4', '(100000000000000000000,)'))))).toBe('badShape');
    expect(kindOf(() => readNpy(npy(header('<f4', `(${'9'.repeat(400)},)`))))).toBe('badShape');
    expect(kindOf(() => readNpy(npy(header('<f4', `(${'1, '.repeat(65)})`))))).toBe('badShape');
  });

  it('data shorter or longer than the shape', () => {
    expect(problemOf(() => readNpy(npy(header('<f4', '(3,)'), f32s(1, 2))))).toEqual({
      kind: 'dataSizeMismatch',
      format: 'npy',
      tensor: '',
      expected: 12,
      actual: 8,
    });
    expect(problemOf(() => readNpy(npy(header('<f4', '(1,)'), f32s(1, 2))))).toMatchObject({
      kind: 'dataSizeMismatch',
      expected: 4,
      actual: 8,
    });
    expect(kindOf(() => readNpy(good.subarray(0, good.length - 1)))).toBe('dataSizeMismatch');
  });

  it('any damage to a good file gives a TensorFileError or a tensor, never another error', () => {
    const files = [good, npy(header('<f2', '(2, 2)'), words(1, 2, 3, 4), 2), npy(header('|u1', '()'), [9], 3)];
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.nat(),
        (file, flips, cut) => {
          const bytes = file.slice(0, file.length - (cut % 4 === 0 ? cut % file.length : 0));
          for (const [at, value] of flips) if (bytes.length) bytes[at % bytes.length] = value;
          try {
            readNpy(bytes);
          } catch (e) {
            if (!(e instanceof TensorFileError)) throw e;
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('readNpy on files written by NumPy (test/fixtures/npy)', () => {
  interface Fixture {
    descr: string;
    version: [number, number];
    shape: number[];
    values?: (number | string)[];
    fortranOrder?: boolean;
  }
  const fixtures = (
    JSON.parse(readFileSync('test/fixtures/npy/values.json', 'utf8')) as { files: Record<string, Fixture> }
  ).files;
  const file = (name: string) => new Uint8Array(readFileSync(`test/fixtures/npy/${name}.npy`));
  const DTYPES: Record<string, string> = {
    '<f4': 'float32',
    '>f4': 'float32',
    '<f2': 'float16',
    '|i1': 'int8',
    '|u1': 'uint8',
    '<i4': 'int32',
    '>i4': 'int32',
  };
  const number = (v: number | string) => (typeof v === 'number' ? v : Number(v.replace('inf', 'Infinity')));

  it('covers every dtype, both byte orders, versions 1.0 to 3.0 and 0-D to 4-D', () => {
    const all = Object.values(fixtures);
    expect(new Set(all.map((f) => f.descr))).toEqual(new Set([...Object.keys(DTYPES)]));
    expect(new Set(all.map((f) => f.version[0]))).toEqual(new Set([1, 2, 3]));
    expect(new Set(all.map((f) => f.shape.length))).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it.each(Object.entries(fixtures).filter(([, f]) => f.values !== undefined))('%s', (name, f) => {
    const bytes = file(name);
    expect([bytes[6], bytes[7]]).toEqual(f.version);
    const t = readNpy(bytes, name);
    expect(t).toMatchObject({ name, dtype: DTYPES[f.descr], shape: f.shape });
    expect(values(t)).toEqual((f.values ?? []).map(number));
  });

  it('fortran: refused', () => {
    expect(fixtures.fortran?.fortranOrder).toBe(true);
    expect(kindOf(() => readNpy(file('fortran')))).toBe('fortranOrder');
  });
});

// ── .safetensors ──────────────────────────────────────────────────────────────────────────────

describe('listSafetensors and readSafetensor', () => {
  // Header keys in another order than the data; padded with trailing spaces, as the spec allows.
  const text =
    '{"__metadata__":{"format":"pt"},' +
    '"b16":{"dtype":"BF16","shape":[5],"data_offsets":[8,18]},' +
    '"f32":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},' +
    '"f16":{"dtype":"F16","shape":[2,2],"data_offsets":[18,26]},' +
    '"i8":{"dtype":"I8","shape":[1,1,1,3],"data_offsets":[26,29]},' +
    '"u8":{"dtype":"U8","shape":[3],"data_offsets":[29,32]},' +
    '"i32":{"dtype":"I32","shape":[],"data_offsets":[32,36]},' +
    '"none":{"dtype":"F32","shape":[0,4],"data_offsets":[36,36]},' +
    '"f64":{"dtype":"F64","shape":[1],"data_offsets":[36,44]},' +
    '"f8":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[44,46]}}    ';
  const data = concat(
    [0, 0, 0xc0, 0x3f, 0, 0, 0, 0xc0], // F32 1.5, -2
    words(0x3f80, 0xc049, 0x7f80, 0x0001, 0xffc1), // BF16 1, -3.140625, inf, 2^-133, NaN
    words(0x3c00, 0x0001, 0x7bff, 0xfc00), // F16 1, 2^-24, 65504, -inf
    [0x80, 0xff, 0x7f], // I8
    [0, 0x80, 0xff], // U8
    le32(0xfffffff6), // I32 -10
    [0, 0, 0, 0, 0, 0, 0xf0, 0x3f], // F64 1
    [0x38, 0xb8], // F8_E4M3 1, -1
  );
  const file = safetensors(text, data);
  const dataStart = 8 + text.length;

  it('lists every tensor in data order, with its bytes in the file', () => {
    expect(listSafetensors(file)).toEqual([
      { name: 'f32', dtype: 'F32', shape: [2], begin: dataStart, end: dataStart + 8 },
      { name: 'b16', dtype: 'BF16', shape: [5], begin: dataStart + 8, end: dataStart + 18 },
      { name: 'f16', dtype: 'F16', shape: [2, 2], begin: dataStart + 18, end: dataStart + 26 },
      { name: 'i8', dtype: 'I8', shape: [1, 1, 1, 3], begin: dataStart + 26, end: dataStart + 29 },
      { name: 'u8', dtype: 'U8', shape: [3], begin: dataStart + 29, end: dataStart + 32 },
      { name: 'i32', dtype: 'I32', shape: [], begin: dataStart + 32, end: dataStart + 36 },
      { name: 'none', dtype: 'F32', shape: [0, 4], begin: dataStart + 36, end: dataStart + 36 },
      { name: 'f64', dtype: 'F64', shape: [1], begin: dataStart + 36, end: dataStart + 44 },
      { name: 'f8', dtype: 'F8_E4M3', shape: [2], begin: dataStart + 44, end: dataStart + 46 },
    ]);
  });

  it('reads each decoded dtype exactly (bfloat16: the upper half of a float32)', () => {
    const read = (name: string) => readSafetensor(unaligned(file), name);
    expect(read('f32')).toMatchObject({ name: 'f32', dtype: 'float32', shape: [2] });
    expect(values(read('f32'))).toEqual([1.5, -2]);
    expect(read('b16').dtype).toBe('bfloat16');
    expect(read('b16').data).toBeInstanceOf(Float32Array);
    expect(values(read('b16'))).toEqual([1, -3.140625, Infinity, 2 ** -133, NaN]);
    expect(values(read('b16'))[3]).toBe(fromBits(0x00010000));
    expect(read('f16')).toMatchObject({ dtype: 'float16', shape: [2, 2] });
    expect(values(read('f16'))).toEqual([1, 2 ** -24, 65504, -Infinity]);
    expect(read('i8').data).toBeInstanceOf(Int8Array);
    expect(values(read('i8'))).toEqual([-128, -1, 127]);
    expect(read('u8').data).toBeInstanceOf(Uint8Array);
    expect(values(read('u8'))).toEqual([0, 128, 255]);
    expect(read('i32')).toMatchObject({ dtype: 'int32', shape: [] });
    expect(values(read('i32'))).toEqual([-10]);
    expect(read('none').data.length).toBe(0);
  });

  it('refuses to read other dtypes and unknown names', () => {
    expect(problemOf(() => readSafetensor(file, 'f64'))).toEqual({
      kind: 'unsupportedDtype',
      format: 'safetensors',
      tensor: 'f64',
      dtype: 'F64',
    });
    expect(kindOf(() => readSafetensor(file, 'f8'))).toBe('unsupportedDtype');
    expect(problemOf(() => readSafetensor(file, '__metadata__'))).toEqual({
      kind: 'unknownTensor',
      format: 'safetensors',
      tensor: '__metadata__',
    });
    // A dtype the format does not define is listed, its size unchecked, and not read.
    const odd = safetensors('{"x":{"dtype":"Q3","shape":[4],"data_offsets":[0,1]}}', [0]);
    expect(listSafetensors(odd)).toMatchObject([{ name: 'x', dtype: 'Q3' }]);
    expect(kindOf(() => readSafetensor(odd, 'x'))).toBe('unsupportedDtype');
  });

  it('reads an empty file and odd names', () => {
    expect(listSafetensors(safetensors('{}'))).toEqual([]);
    expect(listSafetensors(safetensors('{"__metadata__":{}}'))).toEqual([]);
    const odd = safetensors('{"__proto__":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', [5]);
    expect(values(readSafetensor(odd, '__proto__'))).toEqual([5]);
  });
});

describe('listSafetensors refuses bad files with a typed problem', () => {
  const entry = (name: string, dtype: string, shape: string, offsets: string) =>
    `"${name}":{"dtype":"${dtype}","shape":${shape},"data_offsets":${offsets}}`;
  const one = (shape: string, offsets: string, data: Bytes = f32s(1, 2), dtype = 'F32') =>
    safetensors(`{${entry('w', dtype, shape, offsets)}}`, data);
  const good = one('[2]', '[0,8]');

  it('truncated length, header past the end, huge declared header', () => {
    expect(problemOf(() => listSafetensors(good.subarray(0, 5)))).toMatchObject({
      kind: 'outOfBounds',
      format: 'safetensors',
      at: 'headerLength',
    });
    expect(problemOf(() => listSafetensors(good.subarray(0, 20)))).toEqual({
      kind: 'outOfBounds',
      format: 'safetensors',
      at: 'header',
      offset: 8,
      length: good.length - 16,
      size: 20,
    });
    expect(problemOf(() => listSafetensors(concat(le64(2 ** 40), latin1('{}'))))).toEqual({
      kind: 'headerTooLarge',
      format: 'safetensors',
      length: 2 ** 40,
      max: MAX_SAFETENSORS_HEADER,
    });
    expect(kindOf(() => listSafetensors(concat(le64(MAX_SAFETENSORS_HEADER + 1), latin1('{}'))))).toBe(
      'headerTooLarge',
    );
  });

  it.each([
    ['notObject', '', ' {}'],
    ['notObject', '', '[]'],
    ['notObject', '', 'PK\u0003\u0004'],
    ['notJson', '', '{"w":'],
    ['notJson', '', "{'w': 1}"],
    ['notObject', 'w', '{"w":[1]}'],
    ['missingKey', 'w.dtype', '{"w":{"shape":[1],"data_offsets":[0,4]}}'],
    ['missingKey', 'w.data_offsets', '{"w":{"dtype":"F32","shape":[1]}}'],
    ['wrongType', 'w.dtype', '{"w":{"dtype":32,"shape":[1],"data_offsets":[0,4]}}'],
    ['wrongType', 'w.shape', '{"w":{"dtype":"F32","shape":["1"],"data_offsets":[0,4]}}'],
    ['wrongType', 'w.shape', '{"w":{"dtype":"F32","shape":1,"data_offsets":[0,4]}}'],
    ['wrongType', 'w.data_offsets', '{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}'],
    ['wrongType', 'w.data_offsets', '{"w":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}}'],
    ['wrongType', 'w.data_offsets', '{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,1e300]}}'],
    ['duplicateKey', 'w.dtype', '{"w":{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}}'],
  ])('header: %s at %j', (detail, at, text) => {
    expect(problemOf(() => listSafetensors(safetensors(text, f32s(1))))).toMatchObject({
      kind: 'badHeader',
      format: 'safetensors',
      detail,
      at,
    });
  });

  it('header: not UTF-8', () => {
    const bytes = concat(le64(4), [0x7b, 0xc3, 0x28, 0x7d]);
    expect(problemOf(() => listSafetensors(bytes))).toMatchObject({ kind: 'badHeader', detail: 'notUtf8' });
  });

  it('duplicate names, however spelled', () => {
    const twice = `{${entry('w', 'U8', '[1]', '[0,1]')},${entry('w', 'U8', '[1]', '[1,2]')}}`;
    expect(problemOf(() => listSafetensors(safetensors(twice, [1, 2])))).toEqual({
      kind: 'duplicateName',
      format: 'safetensors',
      tensor: 'w',
    });
    const escaped = `{${entry('w', 'U8', '[1]', '[0,1]')},${entry('\\u0077', 'U8', '[1]', '[1,2]')}}`;
    expect(problemOf(() => listSafetensors(safetensors(escaped, [1, 2])))).toMatchObject({
      kind: 'duplicateName',
      tensor: 'w',
    });
    // Keys in nested objects, and strings that look like keys, are no names.
    const nested = `{"__metadata__":{"w":"x,\\"w\\":"},${entry('w', 'U8', '[1]', '[0,1]')}}`;
    expect(listSafetensors(safetensors(nested, [1]))).toHaveLength(1);
  });

  it('offsets outside the data', () => {
    const outside = one('[4]', '[0,16]');
    expect(problemOf(() => listSafetensors(outside))).toEqual({
      kind: 'outOfBounds',
      format: 'safetensors',
      at: 'w.data_offsets',
      offset: outside.length - 8,
      length: 16,
      size: outside.length,
    });
    expect(kindOf(() => listSafetensors(one('[2]', '[9007199254740991,8]')))).toBe('outOfBounds');
  });

  it('offsets overlapping, leaving a gap, reversed, or not covering the data', () => {
    const two = (a: string, b: string, data: Bytes) =>
      safetensors(`{${entry('a', 'F32', '[1]', a)},${entry('b', 'F32', '[1]', b)}}`, data);
    expect(problemOf(() => listSafetensors(two('[0,4]', '[2,6]', f32s(1, 2))))).toEqual({
      kind: 'badOffsets',
      format: 'safetensors',
      tensor: 'b',
      begin: 2,
      end: 6,
      expectedBegin: 4,
    });
    expect(problemOf(() => listSafetensors(two('[0,4]', '[0,4]', f32s(1))))).toMatchObject({
      kind: 'badOffsets',
      tensor: 'b',
    });
    expect(problemOf(() => listSafetensors(two('[4,8]', '[12,16]', f32s(1, 2, 3, 4))))).toMatchObject({
      kind: 'badOffsets',
      tensor: 'a',
      expectedBegin: 0,
    });
    expect(problemOf(() => listSafetensors(one('[2]', '[8,0]')))).toMatchObject({ kind: 'badOffsets' });
    expect(problemOf(() => listSafetensors(one('[1]', '[0,4]')))).toEqual({
      kind: 'uncoveredData',
      format: 'safetensors',
      end: 4,
      size: 8,
    });
  });

  it('data length not shape × dtype size', () => {
    expect(problemOf(() => listSafetensors(one('[3]', '[0,8]')))).toEqual({
      kind: 'dataSizeMismatch',
      format: 'safetensors',
      tensor: 'w',
      expected: 12,
      actual: 8,
    });
    expect(problemOf(() => listSafetensors(one('[2]', '[0,8]', f32s(1, 2), 'BF16')))).toMatchObject({
      kind: 'dataSizeMismatch',
      expected: 4,
    });
    expect(problemOf(() => listSafetensors(one('[3]', '[0,2]', [1, 2], 'F4')))).toMatchObject({
      kind: 'dataSizeMismatch',
      expected: 1.5,
      actual: 2,
    });
  });

  it('negative, fractional and too large shapes', () => {
    expect(problemOf(() => listSafetensors(one('[-2]', '[0,8]')))).toEqual({
      kind: 'badShape',
      format: 'safetensors',
      tensor: 'w',
      shape: [-2],
    });
    expect(kindOf(() => listSafetensors(one('[2.5]', '[0,8]')))).toBe('badShape');
    expect(kindOf(() => listSafetensors(one('[1e400]', '[0,8]')))).toBe('badShape');
    expect(problemOf(() => listSafetensors(one('[65536,65536]', '[0,8]')))).toMatchObject({
      kind: 'shapeTooLarge',
      max: MAX_ELEMENTS,
    });
  });

  it('any damage to a good file gives a TensorFileError or a list, never another error', () => {
    const two = safetensors(
      `{"__metadata__":{"k":"v"},${entry('a', 'F16', '[2]', '[0,4]')},${entry('b', 'I8', '[1,3]', '[4,7]')}}`,
      [1, 2, 3, 4, 5, 6, 7],
    );
    fc.assert(
      fc.property(
        fc.constantFrom(good, two),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.nat(),
        (file, flips, cut) => {
          const bytes = file.slice(0, file.length - (cut % 4 === 0 ? cut % file.length : 0));
          for (const [at, value] of flips) if (bytes.length) bytes[at % bytes.length] = value;
          try {
            for (const e of listSafetensors(bytes)) readSafetensor(bytes, e.name);
          } catch (e) {
            if (!(e instanceof TensorFileError)) throw e;
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

// ── slice2d ───────────────────────────────────────────────────────────────────────────────────

describe('slice2d', () => {
  const cube = readNpy(
    npy(header('<f2', '(2, 3, 4)'), words(...Array.from({ length: 24 }, (_, i) => 0x3c00 + i))),
    'c',
  );
  // 0x3c00 + i = 1 + i/1024, exactly.
  const expected = (from: number, n: number) => Array.from({ length: n }, (_, i) => 1 + (from + i) / 1024);

  it('fixes the leading index of a 3-D tensor', () => {
    const s = slice2d(cube, [1]);
    expect(s.rows).toBe(3);
    expect(s.cols).toBe(4);
    expect(s.data).toBeInstanceOf(Float64Array);
    expect(Array.from(s.data)).toEqual(expected(12, 12));
    expect(Array.from(slice2d(cube, [0]).data)).toEqual(expected(0, 12));
  });

  it('4-D, 2-D, 1-D (one row) and 0-D (1 × 1)', () => {
    const four = readNpy(npy(header('<i4', '(2, 2, 1, 3)'), Array.from({ length: 12 }, (_, i) => i - 6).flatMap(le32)));
    expect(slice2d(four, [1, 0])).toEqual({ rows: 1, cols: 3, data: Float64Array.from([0, 1, 2]) });
    const matrix = readNpy(npy(header('|u1', '(2, 2)'), [1, 2, 3, 4]));
    expect(slice2d(matrix, [])).toEqual({ rows: 2, cols: 2, data: Float64Array.from([1, 2, 3, 4]) });
    const row = readNpy(npy(header('|i1', '(3,)'), [0xff, 0, 1]));
    expect(slice2d(row, [])).toEqual({ rows: 1, cols: 3, data: Float64Array.from([-1, 0, 1]) });
    const scalar = readNpy(npy(header('<f4', '()'), f32s(0.1)));
    expect(slice2d(scalar, [])).toEqual({ rows: 1, cols: 1, data: Float64Array.from([fromBits(0x3dcccccd)]) });
  });

  it('refuses an index of the wrong length or outside the leading dimensions', () => {
    expect(problemOf(() => slice2d(cube, [2]))).toEqual({
      kind: 'badIndex',
      tensor: 'c',
      index: [2],
      shape: [2, 3, 4],
    });
    for (const index of [[], [0, 0], [-1], [0.5], [NaN]]) expect(kindOf(() => slice2d(cube, index))).toBe('badIndex');
  });
});
