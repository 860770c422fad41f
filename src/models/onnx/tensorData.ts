/**
 * A TensorProto's elements, checked against its dims: count = Π dims, and the data holds exactly
 * that many (raw_data: ⌈count · bits / 8⌉ bytes little-endian; int32_data: one element per entry, two
 * 4-bit or four 2-bit elements per entry, low bits first). float16 / bfloat16 are decoded to their
 * values; float8 and float4 are kept as their codes (see dtypes.ts).
 */
import { refuseModel, type FilePath } from '../problems.ts';
import { TensorProto_DataLocation, type TensorProto } from './onnx_pb.ts';
import { CODED_FLOATS, DTYPE_BITS, ONNX_DTYPES, bfloat16Value, float16Value } from './dtypes.ts';

/** The most elements a shape may have (2^28). */
export const MAX_ELEMENTS = 2 ** 28;

/** A decoded tensor: its dtype name, shape and data (null for strings). */
export interface DecodedTensor {
  readonly dtype: string;
  readonly shape: number[];
  readonly data: ArrayLike<number> | null;
}

/** The dtype name of a TensorProto.DataType code; refuses an unknown code. */
export function dtypeName(code: number, tensor: string): string {
  const name = ONNX_DTYPES[code];
  if (name === undefined || code === 0) refuseModel({ kind: 'unsupportedDtype', tensor, dtype: String(code) });
  return name;
}

/** Dimensions as numbers (−1 for unknown ones), refusing negative dims and counts past MAX_ELEMENTS. */
export function checkShape(dims: readonly (bigint | number)[], tensor: string): number[] {
  const shape = dims.map((d) => (typeof d === 'bigint' ? (d > 2n ** 53n ? Infinity : Number(d)) : d));
  if (shape.some((d) => d < -1 || !(Number.isInteger(d) || d === Infinity)))
    refuseModel({ kind: 'badShape', tensor, shape });
  let count = 1;
  for (const d of shape) if (d >= 0) count *= d;
  if (count > MAX_ELEMENTS) refuseModel({ kind: 'shapeTooLarge', tensor, shape, max: MAX_ELEMENTS });
  return shape;
}

/** The elements of a packed sub-byte tensor: `perUnit` elements of `bits` bits in each unit. */
function unpack(units: ArrayLike<number>, count: number, bits: number, signed: boolean): Int8Array | Uint8Array {
  const out = signed ? new Int8Array(count) : new Uint8Array(count);
  const perUnit = 8 / bits;
  const mask = (1 << bits) - 1;
  for (let i = 0; i < count; i++) {
    const v = ((units[Math.floor(i / perUnit)] ?? 0) >> ((i % perUnit) * bits)) & mask;
    out[i] = signed && v >= 1 << (bits - 1) ? v - (1 << bits) : v;
  }
  return out;
}

/** Elements from little-endian raw bytes. */
function fromRaw(raw: Uint8Array, dtype: string, count: number): ArrayLike<number> {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const bits = DTYPE_BITS[dtype] ?? 0;
  if (bits < 8) return unpack(raw, count, bits, dtype === 'int4' || dtype === 'int2');
  const read = (f: (o: number) => number, out: { [i: number]: number }, size: number) => {
    for (let i = 0; i < count; i++) out[i] = f(i * size);
    return out as ArrayLike<number>;
  };
  switch (dtype) {
    case 'float32':
      return read((o) => view.getFloat32(o, true), new Float32Array(count), 4);
    case 'float64':
      return read((o) => view.getFloat64(o, true), new Float64Array(count), 8);
    case 'int8':
      return read((o) => view.getInt8(o), new Int8Array(count), 1);
    case 'int16':
      return read((o) => view.getInt16(o, true), new Int16Array(count), 2);
    case 'uint16':
      return read((o) => view.getUint16(o, true), new Uint16Array(count), 2);
    case 'int32':
      return read((o) => view.getInt32(o, true), new Int32Array(count), 4);
    case 'uint32':
      return read((o) => view.getUint32(o, true), new Uint32Array(count), 4);
    case 'int64':
      return read((o) => Number(view.getBigInt64(o, true)), new Float64Array(count), 8);
    case 'uint64':
      return read((o) => Number(view.getBigUint64(o, true)), new Float64Array(count), 8);
    case 'float16':
      return read((o) => float16Value(view.getUint16(o, true)), new Float32Array(count), 2);
    case 'bfloat16':
      return read((o) => bfloat16Value(view.getUint16(o, true)), new Float32Array(count), 2);
    case 'bool':
      return read((o) => (view.getUint8(o) ? 1 : 0), new Uint8Array(count), 1);
    default: // uint8 and the 8-bit float codes
      return raw.slice(0, count);
  }
}

/** Elements from int32_data (8/16-bit ints, bool, float16 bits, float8 codes, packed 4/2-bit). */
function fromInt32(entries: readonly number[], dtype: string, count: number): ArrayLike<number> {
  const bits = DTYPE_BITS[dtype] ?? 0;
  if (bits < 8) return unpack(entries, count, bits, dtype === 'int4' || dtype === 'int2');
  const at = (i: number) => entries[i] ?? 0;
  switch (dtype) {
    case 'int8':
      return Int8Array.from({ length: count }, (_, i) => at(i));
    case 'uint8':
      return Uint8Array.from({ length: count }, (_, i) => at(i));
    case 'int16':
      return Int16Array.from({ length: count }, (_, i) => at(i));
    case 'uint16':
      return Uint16Array.from({ length: count }, (_, i) => at(i));
    case 'bool':
      return Uint8Array.from({ length: count }, (_, i) => (at(i) ? 1 : 0));
    case 'float16':
      return Float32Array.from({ length: count }, (_, i) => float16Value(at(i) & 0xffff));
    case 'bfloat16':
      return Float32Array.from({ length: count }, (_, i) => bfloat16Value(at(i) & 0xffff));
    default:
      if (CODED_FLOATS.has(dtype) || dtype === 'float8e8m0')
        return Uint8Array.from({ length: count }, (_, i) => at(i) & 0xff);
      return Int32Array.from({ length: count }, (_, i) => at(i));
  }
}

/** The typed field that holds `dtype`'s elements. */
function typedField(t: TensorProto, dtype: string): { entries: readonly (number | bigint)[]; field: string } {
  switch (dtype) {
    case 'float32':
    case 'complex64':
      return { entries: t.floatData, field: 'float_data' };
    case 'float64':
    case 'complex128':
      return { entries: t.doubleData, field: 'double_data' };
    case 'int64':
      return { entries: t.int64Data, field: 'int64_data' };
    case 'uint32':
    case 'uint64':
      return { entries: t.uint64Data, field: 'uint64_data' };
    default:
      return { entries: t.int32Data, field: 'int32_data' };
  }
}

/** Decodes one TensorProto at `at` (e.g. "graph.initializer[2]"). */
export function decodeTensor(t: TensorProto, at: FilePath): DecodedTensor {
  const name = t.name || at;
  const dtype = dtypeName(t.dataType, name);
  const shape = checkShape(t.dims, name);
  const count = shape.reduce((a, b) => a * b, 1);
  if (t.dataLocation === TensorProto_DataLocation.EXTERNAL)
    refuseModel({ kind: 'malformed', format: 'onnx', at: `${at}.data_location`, detail: 'external' });
  if (dtype === 'string') {
    if (t.stringData.length !== count)
      refuseModel({ kind: 'dataSizeMismatch', tensor: name, expected: count, actual: t.stringData.length });
    return { dtype, shape, data: null };
  }
  const bits = DTYPE_BITS[dtype];
  if (bits === undefined) refuseModel({ kind: 'unsupportedDtype', tensor: name, dtype });
  if (t.rawData.length > 0 || count === 0) {
    // Sizes in bytes.
    const expected = Math.ceil((count * bits) / 8);
    if (t.rawData.length !== expected)
      refuseModel({ kind: 'dataSizeMismatch', tensor: name, expected, actual: t.rawData.length });
    return { dtype, shape, data: fromRaw(t.rawData, dtype, count) };
  }
  // Sizes in entries of the typed field.
  const { entries } = typedField(t, dtype);
  const expected = Math.ceil(count / Math.max(1, 8 / bits));
  if (entries.length !== expected)
    refuseModel({ kind: 'dataSizeMismatch', tensor: name, expected, actual: entries.length });
  if (dtype === 'float32') return { dtype, shape, data: Float32Array.from(t.floatData) };
  if (dtype === 'float64') return { dtype, shape, data: Float64Array.from(t.doubleData) };
  if (dtype === 'int64' || dtype === 'uint32' || dtype === 'uint64')
    return { dtype, shape, data: Float64Array.from(entries, (e) => Number(e)) };
  if (dtype === 'int32') return { dtype, shape, data: Int32Array.from(t.int32Data) };
  return { dtype, shape, data: fromInt32(t.int32Data, dtype, count) };
}
