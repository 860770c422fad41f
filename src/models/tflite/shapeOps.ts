/**
 * TFLite's ops that move codes without arithmetic (RESHAPE, CONCATENATION, STRIDED_SLICE,
 * SPLIT_V): the int8 codes are copied unchanged, so input and output must share one (scale, zero
 * point) — the converter makes them so, and a file where they differ is refused, not rescaled.
 */
import { refuseModel } from '../problems.ts';
import type { ModelNode } from '../types.ts';
import { newArray, sizeOf, type Value } from '../values.ts';

/** RESHAPE to the output tensor's shape (a −1 filled from the element count). */
export function reshape(input: Value, shape: readonly number[]): Value {
  const known = shape.filter((d) => d >= 0).reduce((a, b) => a * b, 1);
  const filled = shape.map((d) => (d < 0 ? input.data.length / known : d));
  return { shape: filled, dtype: input.dtype, data: input.data };
}

/** Row-major strides of a shape. */
function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let k = shape.length - 2; k >= 0; k--) strides[k] = (strides[k + 1] as number) * (shape[k + 1] as number);
  return strides;
}

/** CONCATENATION along `axis` (negative counts from the end). */
export function concatenation(inputs: readonly Value[], axis: number, node: number): Value {
  const first = inputs[0];
  if (!first) refuseModel({ kind: 'missingInput', node, input: 0 });
  const rank = first.shape.length;
  const a = axis < 0 ? axis + rank : axis;
  const outer = sizeOf(first.shape.slice(0, a));
  const shape = [...first.shape];
  shape[a] = inputs.reduce((s, v) => s + (v.shape[a] ?? 0), 0);
  const data = newArray(first.dtype, sizeOf(shape));
  let o = 0;
  for (let i = 0; i < outer; i++)
    for (const v of inputs) {
      const chunk = sizeOf(v.shape.slice(a));
      for (let k = 0; k < chunk; k++) data[o++] = v.data[i * chunk + k] as number;
    }
  return { shape, dtype: first.dtype, data };
}

/** STRIDED_SLICE with begin/end masks and shrink axes (strided_slice_logic.h). */
export function stridedSlice(
  node: ModelNode,
  index: number,
  input: Value,
  begin: Value,
  end: Value,
  strides: Value,
): Value {
  const a = node.attributes;
  const mask = (k: string) => (typeof a[k] === 'number' ? a[k] : 0);
  if (mask('ellipsis_mask') !== 0 || mask('new_axis_mask') !== 0)
    refuseModel({ kind: 'unsupportedForm', node: index, op: node.op, detail: 'ellipsis_mask or new_axis_mask' });
  const rank = input.shape.length;
  const starts: number[] = [];
  const counts: number[] = [];
  const steps: number[] = [];
  const shape: number[] = [];
  for (let k = 0; k < rank; k++) {
    const dim = input.shape[k] as number;
    const stride = strides.data[k] ?? 1;
    if (stride === 0) refuseModel({ kind: 'unsupportedForm', node: index, op: node.op, detail: 'stride 0' });
    const clamp = (v: number) => (stride > 0 ? Math.min(Math.max(v, 0), dim) : Math.min(Math.max(v, -1), dim - 1));
    let start = begin.data[k] ?? 0;
    if ((mask('begin_mask') >> k) & 1) start = stride > 0 ? 0 : dim - 1;
    else start = clamp(start < 0 ? start + dim : start);
    let stop: number;
    const shrink = (mask('shrink_axis_mask') >> k) & 1;
    if (shrink) stop = start + 1;
    else if ((mask('end_mask') >> k) & 1) stop = stride > 0 ? dim : -1;
    else {
      stop = end.data[k] ?? dim;
      stop = clamp(stop < 0 ? stop + dim : stop);
    }
    const count = Math.max(0, Math.ceil((stop - start) / stride));
    starts.push(start);
    counts.push(count);
    steps.push(stride);
    if (!shrink) shape.push(count);
  }
  const inStrides = stridesOf(input.shape);
  const data = newArray(input.dtype, sizeOf(counts));
  const idx = new Array<number>(rank).fill(0);
  for (let o = 0; o < data.length; o++) {
    let offset = 0;
    for (let k = 0; k < rank; k++)
      offset += ((starts[k] as number) + (idx[k] as number) * (steps[k] as number)) * (inStrides[k] as number);
    data[o] = input.data[offset] as number;
    for (let k = rank - 1; k >= 0; k--) {
      idx[k] = (idx[k] as number) + 1;
      if ((idx[k] as number) < (counts[k] as number)) break;
      idx[k] = 0;
    }
  }
  return { shape, dtype: input.dtype, data };
}

/** SPLIT_V: sizes along `axis` (one −1 takes the rest). */
export function splitV(input: Value, sizes: ArrayLike<number>, axis: number): Value[] {
  const rank = input.shape.length;
  const a = axis < 0 ? axis + rank : axis;
  const dim = input.shape[a] as number;
  const list = Array.from(sizes);
  const known = list.filter((s) => s >= 0).reduce((x, y) => x + y, 0);
  const filled = list.map((s) => (s < 0 ? dim - known : s));
  const outer = sizeOf(input.shape.slice(0, a));
  const inner = sizeOf(input.shape.slice(a + 1));
  let offset = 0;
  return filled.map((size) => {
    const shape = [...input.shape];
    shape[a] = size;
    const data = newArray(input.dtype, sizeOf(shape));
    let o = 0;
    for (let i = 0; i < outer; i++)
      for (let k = 0; k < size * inner; k++) data[o++] = input.data[(i * dim + offset) * inner + k] as number;
    offset += size;
    return { shape, dtype: input.dtype, data };
  });
}
