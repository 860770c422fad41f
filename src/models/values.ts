/** A tensor's value while a model runs: its shape, dtype and elements (row-major, last index fastest). */
export interface Value {
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly data: ArrayLike<number>;
}

/** What one node computed. */
export interface KernelResult {
  readonly outputs: Value[];
  /** bias + Σ (q_in − Z_in)(q_w − Z_w) per output element, for the ops that accumulate. */
  readonly accumulators: Int32Array | null;
}

/** The integer code range of a dtype. */
export function dtypeRange(dtype: string): { qmin: number; qmax: number } | null {
  switch (dtype) {
    case 'int8':
      return { qmin: -128, qmax: 127 };
    case 'uint8':
      return { qmin: 0, qmax: 255 };
    case 'int16':
      return { qmin: -32768, qmax: 32767 };
    case 'uint16':
      return { qmin: 0, qmax: 65535 };
    case 'int32':
      return { qmin: -2147483648, qmax: 2147483647 };
    default:
      return null;
  }
}

/** A zeroed array for `count` elements of `dtype` (float16 / bfloat16 as values, float8 / float4 as codes). */
export function newArray(
  dtype: string,
  count: number,
): Float32Array | Float64Array | Int32Array | Int8Array | Uint8Array | Int16Array | Uint16Array {
  switch (dtype) {
    case 'float32':
    case 'float16':
    case 'bfloat16':
      return new Float32Array(count);
    case 'int8':
    case 'int4':
    case 'int2':
      return new Int8Array(count);
    case 'int16':
      return new Int16Array(count);
    case 'uint16':
      return new Uint16Array(count);
    case 'int32':
      return new Int32Array(count);
    case 'float64':
    case 'int64':
      return new Float64Array(count);
    default: // uint8, bool, uint4, uint2, and the float8 / float4 codes
      return new Uint8Array(count);
  }
}

/** The number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** The coordinate of row-major flat index `flat` in `shape` (last index fastest). */
export function coordinate(shape: readonly number[], flat: number): number[] {
  const at = new Array<number>(shape.length).fill(0);
  for (let k = shape.length - 1; k >= 0; k--) {
    const d = Math.max(shape[k] ?? 1, 1);
    at[k] = flat % d;
    flat = Math.floor(flat / d);
  }
  return at;
}
