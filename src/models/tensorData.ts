/**
 * A constant tensor's bytes (little-endian, as both TFLite and ONNX store them) → its values, and
 * the checks that keep a damaged file from asking for more memory or data than it holds.
 */
import { refuseModel } from './problems.ts';

/** The most elements a tensor may declare (2^28: 1 GB of float32). */
export const MAX_ELEMENTS = 2 ** 28;

/** Bytes per element of each dtype the readers decode. */
export const DTYPE_BYTES: Readonly<Record<string, number>> = {
  int8: 1,
  uint8: 1,
  bool: 1,
  int16: 2,
  uint16: 2,
  float16: 2,
  int32: 4,
  uint32: 4,
  float32: 4,
  int64: 8,
  float64: 8,
};

/** The element count of a shape (a scalar's [] is 1), refusing bad or too large shapes. */
export function elementCount(tensor: string, shape: readonly number[]): number {
  let count = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) refuseModel({ kind: 'badShape', tensor, shape });
    count *= d;
    if (count > MAX_ELEMENTS) refuseModel({ kind: 'shapeTooLarge', tensor, shape, max: MAX_ELEMENTS });
  }
  return count;
}

/** IEEE 754 binary16 bits → its value, exactly. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1024 + fraction) * 2 ** (exponent - 25);
}

/** Decodes `count` elements of `dtype` from `bytes`, which must hold exactly that many. */
export function decodeData(tensor: string, dtype: string, bytes: Uint8Array, count: number): ArrayLike<number> {
  const width = DTYPE_BYTES[dtype];
  if (width === undefined) refuseModel({ kind: 'unsupportedDtype', tensor, dtype });
  if (bytes.length !== count * width)
    refuseModel({ kind: 'dataSizeMismatch', tensor, expected: count * width, actual: bytes.length });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = (make: (i: number) => number, out: { [i: number]: number; length: number }) => {
    for (let i = 0; i < count; i++) out[i] = make(i);
    return out as ArrayLike<number>;
  };
  switch (dtype) {
    case 'int8':
      return new Int8Array(bytes.slice().buffer);
    case 'uint8':
    case 'bool':
      return bytes.slice();
    case 'int16':
      return read((i) => view.getInt16(2 * i, true), new Int16Array(count));
    case 'uint16':
      return read((i) => view.getUint16(2 * i, true), new Uint16Array(count));
    case 'float16':
      return read((i) => halfToNumber(view.getUint16(2 * i, true)), new Float32Array(count));
    case 'int32':
      return read((i) => view.getInt32(4 * i, true), new Int32Array(count));
    case 'uint32':
      return read((i) => view.getUint32(4 * i, true), new Uint32Array(count));
    case 'float32':
      return read((i) => view.getFloat32(4 * i, true), new Float32Array(count));
    case 'float64':
      return read((i) => view.getFloat64(8 * i, true), new Float64Array(count));
    default: // int64: exact as a number up to 2^53 (TFLite's and ONNX's int64 constants are shapes and indices)
      return read((i) => Number(view.getBigInt64(8 * i, true)), new Float64Array(count));
  }
}
