/**
 * The plain ops that ONNX's function bodies of the quantized ops use (DynamicQuantizeLinear's
 * expansion): elementwise z = round_T(f(x, y)) with numpy broadcasting, T the inputs' float type, and
 * whole-tensor ReduceMin / ReduceMax, Round (half to even), Clip, Cast, Identity, Constant.
 */
import { roundHalfToEven } from '../../engine/index.ts';
import { INT_RANGES, ONNX_DTYPES, roundToFloat } from './dtypes.ts';
import { arrayFor, input, intAttr, sizeOf, unsupported, type Kernel, type Value } from './kernel.ts';

const FLOATS = new Set(['float32', 'float16', 'bfloat16', 'float64']);

/** The broadcast shape of several shapes, or null. */
function broadcastShape(shapes: readonly (readonly number[])[]): number[] | null {
  const rank = Math.max(...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let d = 0; d < rank; d++) {
    let size = 1;
    for (const s of shapes) {
      const v = s[s.length - rank + d] ?? 1;
      if (v !== 1 && size !== 1 && v !== size) return null;
      if (v !== 1) size = v;
    }
    out.push(size);
  }
  return out;
}

/** For each element of `shape`, its element in a broadcast operand of shape `from`. */
function gather(from: readonly number[], shape: readonly number[]): (i: number) => number {
  if (sizeOf(from) === sizeOf(shape)) return (i) => i;
  if (sizeOf(from) === 1) return () => 0;
  return (i) => {
    let rest = i;
    let offset = 0;
    let stride = 1;
    for (let d = shape.length - 1; d >= 0; d--) {
      const size = shape[d] ?? 1;
      const coord = rest % size;
      rest = Math.floor(rest / size);
      const f = from[from.length - shape.length + d] ?? 1;
      if (f !== 1) offset += coord * stride;
      stride *= f;
    }
    return offset;
  };
}

/** An elementwise float op over broadcast operands (an optional input left out reads as undefined). */
function elementwise(f: (xs: (number | undefined)[]) => number): Kernel {
  return (node, inputs, index) => {
    const operands = inputs.filter((v): v is Value => v !== null);
    const dtype = operands[0]?.dtype ?? '';
    if (!FLOATS.has(dtype) || operands.some((v) => v.dtype !== dtype)) unsupported(node, index, `dtype:${dtype}`);
    const shape = broadcastShape(operands.map((v) => v.shape)) ?? unsupported(node, index, 'broadcast');
    const at = inputs.map((v) => (v ? gather(v.shape, shape) : null));
    const out = arrayFor(dtype, sizeOf(shape));
    for (let i = 0; i < out.length; i++) {
      const xs = inputs.map((v, k) => (v ? (v.data[at[k]?.(i) ?? 0] ?? NaN) : undefined));
      out[i] = roundToFloat(dtype, f(xs));
    }
    return { outputs: [{ shape, data: out, dtype }], accumulators: null };
  };
}

/** numpy's minimum / maximum: NaN wins. */
const pick = (better: (a: number, b: number) => boolean) => (xs: readonly (number | undefined)[]) =>
  xs.reduce<number>((a, b = NaN) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : better(b, a) ? b : a), xs[0] ?? NaN);

/** Whole-tensor ReduceMin / ReduceMax (no axes, or every axis). */
function reduce(better: (a: number, b: number) => boolean): Kernel {
  return (node, inputs, index) => {
    const x = input(inputs, 0, index);
    const axes = node.attributes.axes ?? inputs[1]?.data;
    const all = axes === undefined || (typeof axes !== 'number' && typeof axes !== 'string' && axes.length === 0);
    if (!all) unsupported(node, index, 'axes');
    if (!FLOATS.has(x.dtype) || x.data.length === 0) unsupported(node, index, `dtype:${x.dtype}`);
    const v = pick(better)(Array.from(x.data));
    const shape = intAttr(node, 'keepdims', 1) ? x.shape.map(() => 1) : [];
    const out = arrayFor(x.dtype, 1);
    out[0] = v;
    return { outputs: [{ shape, data: out, dtype: x.dtype }], accumulators: null };
  };
}

const cast: Kernel = (node, inputs, index) => {
  const x = input(inputs, 0, index);
  const dtype = ONNX_DTYPES[intAttr(node, 'to', 0)] ?? '';
  const range = INT_RANGES[dtype];
  if (!FLOATS.has(dtype) && !range) unsupported(node, index, `to:${dtype}`);
  const out = arrayFor(dtype, x.data.length);
  for (let i = 0; i < out.length; i++) {
    const v = x.data[i] ?? NaN;
    if (range) {
      // C's conversion: truncate, then (as numpy on x86 for narrow types) wrap.
      const t = Math.trunc(v);
      const span = range[1] - range[0] + 1;
      out[i] = Number.isFinite(t) ? ((((t - range[0]) % span) + span) % span) + range[0] : range[0];
    } else {
      out[i] = roundToFloat(dtype, v);
    }
  }
  return { outputs: [{ shape: [...x.shape], data: out, dtype }], accumulators: null };
};

const constant: Kernel = (node, _inputs, index) => {
  const a = node.attributes;
  const values = a.value ?? a.value_float ?? a.value_floats ?? a.value_int ?? a.value_ints;
  const dtype =
    typeof a['value.dtype'] === 'string'
      ? a['value.dtype']
      : a.value_float !== undefined || a.value_floats !== undefined
        ? 'float32'
        : 'int64';
  if (values === undefined || typeof values === 'string') return unsupported(node, index, 'value');
  const list = typeof values === 'number' ? [values] : (values as readonly number[]);
  const dims = a['value.dims'];
  const shape = Array.isArray(dims) ? (dims as number[]) : typeof values === 'number' ? [] : [list.length];
  const out = arrayFor(dtype, list.length);
  list.forEach((v, i) => (out[i] = v));
  return { outputs: [{ shape: [...shape], data: out, dtype }], accumulators: null };
};

const identity: Kernel = (_node, inputs, index) => ({ outputs: [input(inputs, 0, index)], accumulators: null });

export const FLOAT_KERNELS: Readonly<Record<string, Kernel>> = {
  Sub: elementwise(([a = NaN, b = NaN]) => a - b),
  Div: elementwise(([a = NaN, b = NaN]) => a / b),
  Min: elementwise(pick((a, b) => a < b)),
  Max: elementwise(pick((a, b) => a > b)),
  Round: elementwise(([a = NaN]) => roundHalfToEven(a)),
  Clip: elementwise(([x = NaN, lo = -Infinity, hi = Infinity]) =>
    Number.isNaN(x) ? NaN : Math.min(Math.max(x, lo), hi),
  ),
  ReduceMin: reduce((a, b) => a < b),
  ReduceMax: reduce((a, b) => a > b),
  Cast: cast,
  Constant: constant,
  Identity: identity,
};
