/**
 * Quantization schemes as the libraries that define them compute them (../shared/reference/
 * schemes.md quotes each source). A scheme is a code range, affine or symmetric, a granularity
 * (one (S, Z) per tensor, per row, per column or per block), and the library whose float
 * arithmetic and rounding are reproduced bit for bit:
 *
 * | library  | parameters from [min, max]                                   | code of x                     |
 * |----------|--------------------------------------------------------------|-------------------------------|
 * | gemmlowp | quantization_example.cc: S f32, Z₀ in double, round ½ away   | round½away(clamp(Z + x/S))    |
 * | tflite   | GetAsymmetricQuantizationParams (f32, round ½ away);          | round½away(x/S) + Z (QUANTIZE)|
 * |          | symmetric: SymmetricPerChannelQuantization, S = amax/qmax     | round½away(x · (qmax/amax))   |
 * | pytorch  | MinMaxObserver._calculate_qparams (f32, S ≥ 2⁻²³, round ½ even);| Z + round½even(x · f32(1/S)) |
 * |          | symmetric S = amax / ((qmax − qmin)/2)  (127.5 for qint8)     |                               |
 * | onnx     | uint8 affine per tensor: DynamicQuantizeLinear (ORT kernel);  | round½even(x/S) + Z           |
 * |          | otherwise the quantization tool's compute_scale_zp (float64)  | (QuantizeLinear)              |
 *
 * Codes are clamped to [qmin, qmax] (PyTorch: to its storage type, as torch.quantize_per_tensor
 * does — reduce_range codes can reach 128); every float operation is rounded to float32 where the
 * library computes in float32 (Math.fround), and done in double where it computes in double.
 */
import { chooseQuantizationParams, type QuantizationParams } from './quantizationParams.ts';
import { refuse } from './errors.ts';
import { FLT_MAX, FLT_MIN_NORMAL } from './float32.ts';
import { MAX_MATRIX_DIM, type FloatMatrix } from './matrix.ts';
import { roundHalfAwayFromZero, roundHalfToEven } from './rounding.ts';

/** The library whose arithmetic a scheme reproduces. */
export type Library = 'gemmlowp' | 'tflite' | 'pytorch' | 'onnx';

/** Every library, in the order the app lists them. */
export const LIBRARIES: readonly Library[] = ['gemmlowp', 'tflite', 'pytorch', 'onnx'];

/** One (S, Z) for the whole tensor, per index along an axis (0 = per row, 1 = per column), or per block. */
export type Granularity =
  | { readonly kind: 'tensor' }
  | { readonly kind: 'axis'; readonly axis: 0 | 1 }
  /** ONNX opset-21 blocked: `axis` cut into blocks of `blockSize` (the last may be short), for each index of the other axis. */
  | { readonly kind: 'block'; readonly axis: 0 | 1; readonly blockSize: number };

/** A quantization scheme. */
export interface Scheme {
  readonly library: Library;
  readonly qmin: number;
  readonly qmax: number;
  readonly symmetric: boolean;
  readonly granularity: Granularity;
}

const TENSOR: Granularity = { kind: 'tensor' };
const PER_COLUMN: Granularity = { kind: 'axis', axis: 1 };

/** Schemes named after what defines them; each computes exactly what that library computes. */
export const PRESETS = {
  /** The paper's: uint8, affine, per tensor (doc/quantization_example.cc). */
  gemmlowp: { library: 'gemmlowp', qmin: 0, qmax: 255, symmetric: false, granularity: TENSOR },
  /** TFLite activations: GetAsymmetricQuantizationParams over [−128, 127], QUANTIZE op rounding. */
  'tflite-int8': { library: 'tflite', qmin: -128, qmax: 127, symmetric: false, granularity: TENSOR },
  /** TFLite weights: SymmetricPerChannelQuantization, [−127, 127], one scale per output column. */
  'tflite-int8-weights-per-column': {
    library: 'tflite',
    qmin: -127,
    qmax: 127,
    symmetric: true,
    granularity: PER_COLUMN,
  },
  /** MinMaxObserver (per_tensor_affine, quint8), then torch.quantize_per_tensor. */
  'pytorch-quint8': { library: 'pytorch', qmin: 0, qmax: 255, symmetric: false, granularity: TENSOR },
  /** The same with reduce_range=True: [0, 127]. */
  'pytorch-quint8-reduce-range': { library: 'pytorch', qmin: 0, qmax: 127, symmetric: false, granularity: TENSOR },
  /** MinMaxObserver per_tensor_symmetric, qint8: S = max|r| / 127.5. */
  'pytorch-qint8-symmetric': { library: 'pytorch', qmin: -128, qmax: 127, symmetric: true, granularity: TENSOR },
  /** PerChannelMinMaxObserver, per_channel_symmetric, qint8, one channel per column. */
  'pytorch-qint8-per-channel': {
    library: 'pytorch',
    qmin: -128,
    qmax: 127,
    symmetric: true,
    granularity: PER_COLUMN,
  },
  /** DynamicQuantizeLinear as ONNX Runtime computes it. */
  'onnx-uint8': { library: 'onnx', qmin: 0, qmax: 255, symmetric: false, granularity: TENSOR },
  /** ONNX Runtime's quantization tool (compute_scale_zp), codes of QuantizeLinear. */
  'onnx-int8': { library: 'onnx', qmin: -128, qmax: 127, symmetric: false, granularity: TENSOR },
  'onnx-int8-symmetric-per-column': {
    library: 'onnx',
    qmin: -127,
    qmax: 127,
    symmetric: true,
    granularity: PER_COLUMN,
  },
  /** int4 [−8, 7], symmetric, blocks of 32 consecutive values down each column (QuantizeLinear opset 21). */
  'onnx-int4-blocked-32': {
    library: 'onnx',
    qmin: -8,
    qmax: 7,
    symmetric: true,
    granularity: { kind: 'block', axis: 0, blockSize: 32 },
  },
} as const satisfies Record<string, Scheme>;

/** The name of a preset scheme. */
export type PresetName = keyof typeof PRESETS;

/** The preset a scheme computes exactly as, if any. */
export function presetNameOf(scheme: Scheme): PresetName | null {
  return (Object.keys(PRESETS) as PresetName[]).find((name) => sameScheme(PRESETS[name], scheme)) ?? null;
}

/** Whether two schemes compute the same. */
export function sameScheme(a: Scheme, b: Scheme): boolean {
  const g = a.granularity;
  const h = b.granularity;
  return (
    a.library === b.library &&
    a.qmin === b.qmin &&
    a.qmax === b.qmax &&
    a.symmetric === b.symmetric &&
    g.kind === h.kind &&
    (g.kind === 'tensor' ||
      (g.axis === (h as typeof g).axis && (g.kind !== 'block' || g.blockSize === (h as typeof g).blockSize)))
  );
}

/** PyTorch's eps, torch.finfo(torch.float32).eps = 2⁻²³: the smallest scale its observers give. */
const TORCH_EPS = 2 ** -23;

/**
 * Throws an EngineError when the scheme cannot be computed: a code range that is not 2 to 16 bits
 * of integers containing 0, symmetric gemmlowp (the example has no such scheme), symmetric TFLite
 * on unsigned codes (its symmetric codes are signed, Z = 0), or a block size outside 1…512.
 */
export function checkScheme(scheme: Scheme): void {
  const { library, qmin, qmax, symmetric, granularity } = scheme;
  const levels = qmax - qmin + 1;
  if (!Number.isInteger(qmin) || !Number.isInteger(qmax) || levels < 3 || levels > 65536 || qmin < -32768) {
    refuse({ kind: 'codeRangeInvalid', qmin, qmax });
  }
  if (qmin > 0 || qmax < 0) refuse({ kind: 'codeRangeWithoutZero', qmin, qmax });
  if (symmetric && library === 'gemmlowp') refuse({ kind: 'symmetricUnsupported', library });
  if (symmetric && library === 'tflite' && qmin >= 0) refuse({ kind: 'symmetricUnsigned', library, qmin, qmax });
  if (granularity.kind === 'block') {
    const { blockSize } = granularity;
    if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > MAX_MATRIX_DIM) {
      refuse({ kind: 'blockSizeInvalid', blockSize, max: MAX_MATRIX_DIM });
    }
  }
}

/**
 * Whether ONNX parameters come from DynamicQuantizeLinear (the op that computes them at run time,
 * affine uint8 only; per row, column or block its formula is applied to each group) rather than
 * from ONNX Runtime's quantization tool.
 */
function isDynamicQuantizeLinear(scheme: Scheme): boolean {
  return !scheme.symmetric && scheme.qmin === 0 && scheme.qmax === 255;
}

/**
 * The codes PyTorch's quantize_per_tensor clamps to: its storage type's (quint8, qint8 or qint32),
 * not [quant_min, quant_max]. With reduce_range ([0, 127]) a value at the max can round to 128.
 */
function pytorchStorage(qmin: number, qmax: number): { lo: number; hi: number } {
  if (qmin >= 0 && qmax <= 255) return { lo: 0, hi: 255 };
  if (qmin >= -128 && qmax <= 127) return { lo: -128, hi: 127 };
  return { lo: -(2 ** 31), hi: 2 ** 31 - 1 };
}

/**
 * The parameters of one tensor (or one channel or block) whose values lie in [min, max], as the
 * scheme's library computes them, with the intermediate values the app explains. `initialZeroPoint`
 * is the zero point before rounding and clamping (affine), `range` the numerator of the scale.
 * Throws an EngineError for a non-finite or empty range, a scale that overflows or underflows, or an
 * impossible scheme (see {@link checkScheme}).
 */
export function chooseSchemeParams(scheme: Scheme, min: number, max: number): QuantizationParams {
  checkScheme(scheme);
  const { library, qmin, qmax, symmetric } = scheme;
  if (library === 'gemmlowp') return chooseQuantizationParams(min, max, scheme);
  if (!Number.isFinite(min) || !Number.isFinite(max)) refuse({ kind: 'rangeNotFinite', min, max });
  const f = Math.fround;
  const observedMin = f(min);
  const observedMax = f(max);
  if (observedMin > observedMax) refuse({ kind: 'rangeEmpty', min: observedMin, max: observedMax });
  const lo = Math.min(observedMin, 0);
  const hi = Math.max(observedMax, 0);
  const amax = Math.max(-lo, hi);
  const levels = qmax - qmin;
  // One object literal, no spread and no intermediate object: either cost V8 microseconds per
  // call, most of a blocked tensor's time.
  const done = (
    scale: number,
    zeroPoint: number,
    rmin: number,
    rmax: number,
    range: number,
    initialZeroPoint: number,
  ): QuantizationParams => {
    if (!Number.isFinite(scale) || scale > FLT_MAX) refuse({ kind: 'scaleOverflow', min: lo, max: hi });
    if (scale === 0 && range !== 0) refuse({ kind: 'scaleUnderflow', min: lo, max: hi, levels });
    const degenerate = range === 0 ? 'all-zero' : scale < FLT_MIN_NORMAL ? 'subnormal-scale' : null;
    return {
      qmin,
      qmax,
      observedMin,
      observedMax,
      scale,
      zeroPoint,
      min: rmin,
      max: rmax,
      range,
      initialZeroPoint,
      degenerate,
    };
  };
  switch (library) {
    case 'tflite': {
      if (symmetric) {
        // SymmetricPerChannelQuantization: half_range / 127 (float); Z = 0. All zero: S = 0.
        return done(f(amax / qmax), 0, -amax, amax, amax, 0);
      }
      // GetAsymmetricQuantizationParams: float32 throughout, Z rounded half away from zero.
      const range = f(hi - lo);
      const scale = f(range / levels);
      const initialZeroPoint = scale !== 0 ? f(qmin - f(lo / scale)) : qmin;
      const zeroPoint =
        initialZeroPoint < qmin ? qmin : initialZeroPoint > qmax ? qmax : roundHalfAwayFromZero(initialZeroPoint);
      return done(scale, zeroPoint, lo, hi, range, initialZeroPoint);
    }
    case 'pytorch': {
      if (symmetric) {
        // scale = max_val_pos / (float(quant_max - quant_min) / 2), then max(scale, eps).
        const scale = Math.max(f(amax / ((qmax - qmin) / 2)), TORCH_EPS);
        // quint8 without a custom range: 128; a custom unsigned range: (qmin + qmax) // 2; signed: 0.
        const zeroPoint = qmin < 0 ? 0 : qmin === 0 && qmax === 255 ? 128 : Math.floor((qmin + qmax) / 2);
        return done(scale, zeroPoint, -amax, amax, f(2 * amax), zeroPoint);
      }
      const range = f(hi - lo);
      const scale = Math.max(f(range / levels), TORCH_EPS);
      const rounded = roundHalfToEven(f(lo / scale));
      const initialZeroPoint = qmin - rounded;
      const zeroPoint = Math.min(qmax, Math.max(qmin, initialZeroPoint));
      return done(scale, zeroPoint, lo, hi, range, initialZeroPoint);
    }
    case 'onnx': {
      if (isDynamicQuantizeLinear(scheme)) {
        // ORT's GetQuantizationParameter: float32; max == min gives scale 1; clip, then round half to even.
        const range = f(hi - lo);
        const scale = hi === lo ? 1 : f(range / levels);
        const initialZeroPoint = f(qmin - f(lo / scale));
        const zeroPoint = roundHalfToEven(Math.max(qmin, Math.min(qmax, initialZeroPoint)));
        return done(scale, zeroPoint, lo, hi, range, initialZeroPoint);
      }
      // compute_scale_zp: rmax − rmin in float32, the scale in float64 (stored as float32 at the
      // end), Z = round half to even in float64, not clamped; a scale below float32's tiny gives (1, 0).
      const rmin = symmetric ? -amax : lo;
      const rmax = symmetric ? amax : hi;
      const range = f(rmax - rmin);
      const scale64 = range / levels;
      if (scale64 < FLT_MIN_NORMAL) {
        return {
          qmin,
          qmax,
          observedMin,
          observedMax,
          scale: 1,
          zeroPoint: 0,
          min: rmin,
          max: rmax,
          range,
          initialZeroPoint: 0,
          degenerate: 'all-zero',
        };
      }
      const initialZeroPoint = symmetric ? (qmin + qmax) / 2 : qmin - rmin / scale64;
      const zeroPoint = roundHalfToEven(initialZeroPoint) + 0; // + 0: round(−0.5) is −0 in numpy too
      return done(f(scale64), zeroPoint, rmin, rmax, range, initialZeroPoint);
    }
  }
}

/** The parameters and codes of a quantized matrix: parameters ordered like ONNX's scale tensor. */
export interface QuantizedTensor {
  readonly scales: Float32Array;
  readonly zeroPoints: Int32Array;
  readonly codes: Int32Array;
}

/** The shape of a matrix. */
export interface Shape {
  readonly rows: number;
  readonly cols: number;
}

/**
 * How elements map to parameter groups: group(i, j) = rowBase[i] + colPart[j]. The groups are
 * numbered row-major over the parameter shape (ONNX's order): per tensor (1), per row (rows), per
 * column (cols), blocks down the columns (ceil(rows / B) × cols) or along the rows (rows × ceil(cols / B)).
 */
export interface GroupLayout {
  readonly count: number;
  readonly rowBase: Int32Array;
  readonly colPart: Int32Array;
}

/** The parameter groups of a matrix of `shape` under `granularity`. */
export function groupLayout(granularity: Granularity, shape: Shape): GroupLayout {
  const { rows, cols } = shape;
  const rowBase = new Int32Array(rows);
  const colPart = new Int32Array(cols);
  switch (granularity.kind) {
    case 'tensor':
      return { count: 1, rowBase, colPart };
    case 'axis':
      if (granularity.axis === 0) {
        rowBase.forEach((_, i) => (rowBase[i] = i));
        return { count: rows, rowBase, colPart };
      }
      colPart.forEach((_, j) => (colPart[j] = j));
      return { count: cols, rowBase, colPart };
    case 'block': {
      const b = granularity.blockSize;
      if (granularity.axis === 0) {
        rowBase.forEach((_, i) => (rowBase[i] = Math.floor(i / b) * cols));
        colPart.forEach((_, j) => (colPart[j] = j));
        return { count: Math.ceil(rows / b) * cols, rowBase, colPart };
      }
      const perRow = Math.ceil(cols / b);
      rowBase.forEach((_, i) => (rowBase[i] = i * perRow));
      colPart.forEach((_, j) => (colPart[j] = Math.floor(j / b)));
      return { count: rows * perRow, rowBase, colPart };
    }
  }
}

/** The min and max of each group, float32; throws (with the element's index) on NaN or ±∞. */
function groupRanges(m: FloatMatrix, scheme: Scheme, layout: GroupLayout): { min: Float32Array; max: Float32Array } {
  const min = new Float32Array(layout.count).fill(Infinity);
  const max = new Float32Array(layout.count).fill(-Infinity);
  const { rows, cols, data } = m;
  let finite = 0; // stays 0 while every v − v is 0, i.e. every value is finite
  const g = scheme.granularity;
  if ((g.kind === 'axis' && g.axis === 1) || (g.kind === 'block' && g.axis === 0)) {
    // Groups down the columns: row by row, each value against its column's group (group
    // rowBase[i] + j); walking down the columns instead was three times slower.
    for (let i = 0; i < rows; i++) {
      const base = layout.rowBase[i] as number;
      let sum = 0;
      for (let j = 0, t = i * cols; j < cols; j++, t++) {
        const v = data[t] as number;
        sum += v - v;
        if (v < (min[base + j] as number)) min[base + j] = v;
        if (v > (max[base + j] as number)) max[base + j] = v;
      }
      finite += sum;
    }
  } else {
    forEachRun(g, m, (k, start, n, stride) => {
      let lo = min[k] as number;
      let hi = max[k] as number;
      let sum = 0;
      for (let t = start, end = start + n * stride; t < end; t += stride) {
        const v = data[t] as number;
        sum += v - v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      finite += sum;
      min[k] = lo;
      max[k] = hi;
    });
  }
  if (finite !== 0) {
    const t = data.findIndex((v) => !Number.isFinite(v));
    refuse({ kind: 'notFinite', index: t, value: data[t] as number });
  }
  return { min, max };
}

/** The parameters of every group of `m` under `scheme` (one per group, ONNX's order). */
export function schemeParams(m: FloatMatrix, scheme: Scheme): QuantizationParams[] {
  checkScheme(scheme);
  const { min, max } = groupRanges(m, scheme, groupLayout(scheme.granularity, m));
  return Array.from(min, (lo, g) => chooseSchemeParams(scheme, lo, max[g] as number));
}

/**
 * The codes of `m` under `scheme`, with one (S, Z) per group in ONNX's order (see {@link groupLayout}).
 * The codes go into `out` when given (a caller quantizing again and again saves fresh pages,
 * which cost more than the arithmetic on some machines). Throws an EngineError on NaN/±∞ or a
 * range the scheme cannot quantize.
 */
export function quantizeTensor(m: FloatMatrix, scheme: Scheme, out?: Int32Array): QuantizedTensor {
  const params = schemeParams(m, scheme);
  return {
    scales: Float32Array.from(params, (p) => p.scale),
    zeroPoints: Int32Array.from(params, (p) => p.zeroPoint),
    codes: codesOf(m, scheme, params, out),
  };
}

/**
 * The codes of `m` with one parameter set per group (as {@link schemeParams} gives them), by the
 * scheme library's arithmetic: gemmlowp clamps Z + x/S then rounds half away from zero; TFLite
 * rounds x/S half away from zero and adds Z (symmetric: x · f32(qmax / max|r|)); PyTorch adds Z to
 * x · f32(1/S) rounded half to even; ONNX rounds x/S half to even and adds Z. Then clamped to
 * [qmin, qmax] (PyTorch: to its storage type, see pytorchStorage).
 */
export function codesOf(
  m: FloatMatrix,
  scheme: Scheme,
  params: readonly QuantizationParams[],
  out?: Int32Array,
): Int32Array {
  const { data } = m;
  const { library, qmin, qmax, symmetric } = scheme;
  if (out && out.length !== data.length)
    throw new RangeError(`codes buffer holds ${out.length} values, not ${data.length}`);
  const codes = out ?? new Int32Array(data.length);
  if (library === 'gemmlowp') {
    // quantize.ts's rule: clamp Z + x/S to [qmin, qmax] in float32, then round half away from zero.
    forEachRun(scheme.granularity, m, (g, start, count, stride) => {
      const { scale, zeroPoint } = params[g] as QuantizationParams;
      for (let t = start, end = start + count * stride; t < end; t += stride) {
        const v = fround(zeroPoint + fround((data[t] as number) / scale));
        const c = v < qmin ? qmin : v > qmax ? qmax : v;
        codes[t] = c < 0 ? -Math.floor(0.5 - c) : Math.floor(c + 0.5);
      }
    });
    return codes;
  }
  // The others: v = x / S (TFLite affine, ONNX) or x · k (PyTorch k = f32(1/S), TFLite symmetric
  // k = f32(qmax / max|r|)) in float32, rounded (half to even: PyTorch, ONNX; half away: TFLite), + Z.
  // v = f32(f32(x · mul) / div) with the other factor 1 is exactly either; S = 0 (TFLite's all-zero
  // group) divides by ∞, giving 0 and the code Z. NaN was refused with the ranges.
  const divide = library === 'onnx' || (library === 'tflite' && !symmetric);
  const factor = (p: QuantizationParams): number =>
    library === 'pytorch' ? fround(1 / p.scale) : p.range === 0 ? 0 : fround(qmax / p.range);
  const { lo, hi } = library === 'pytorch' ? pytorchStorage(qmin, qmax) : { lo: qmin, hi: qmax };
  const round = library === 'tflite' ? runHalfAway : runHalfEven;
  forEachRun(scheme.granularity, m, (g, start, count, stride) => {
    const p = params[g] as QuantizationParams;
    const mul = divide ? 1 : factor(p);
    const div = divide ? (p.scale === 0 ? Infinity : p.scale) : 1;
    const z = library === 'tflite' && symmetric ? 0 : p.zeroPoint;
    round(data, start, count, stride, mul, div, z, lo, hi, codes);
  });
  return codes;
}

/** Math.fround, read once (a read inside a kernel deoptimized it on its first optimized run). */
const fround = Math.fround;

/** Beyond every code: values are limited to ±2^29 before rounding (2w and w stay int32s). */
const LIMIT = 2 ** 29;

/** 1.5 · 2^52: adding and subtracting it rounds a double of magnitude < 2^51 to an integer, half to even. */
const ROUND_EVEN = 6755399441055744;

/**
 * Calls `run(group, start, count, stride)` for runs of elements sharing one parameter group: the
 * whole tensor, each row, each column (stride cols), each block. Kernels then hold their
 * parameters in locals (per-element loads of them made the loops several times slower).
 */
function forEachRun(
  granularity: Granularity,
  shape: Shape,
  run: (group: number, start: number, count: number, stride: number) => void,
): void {
  const { rows, cols } = shape;
  if (granularity.kind === 'tensor') return run(0, 0, rows * cols, 1);
  if (granularity.kind === 'axis') {
    if (granularity.axis === 0) for (let i = 0; i < rows; i++) run(i, i * cols, cols, 1);
    else columnRuns(shape, rows, run);
    return;
  }
  const b = granularity.blockSize;
  if (granularity.axis === 0) {
    columnRuns(shape, b, run);
  } else {
    for (let i = 0, g = 0; i < rows; i++) {
      for (let c0 = 0; c0 < cols; c0 += b, g++) run(g, i * cols + c0, Math.min(b, cols - c0), 1);
    }
  }
}

/** Rows per strip when walking down columns: a strip of a wide matrix stays in the cache. */
const STRIP = 64;

/**
 * Runs down the columns for groups of `height` rows (group j for column j of the first `height`
 * rows, cols + j below them…), cut into strips of STRIP rows: a group may get several runs.
 */
function columnRuns(
  shape: Shape,
  height: number,
  run: (group: number, start: number, count: number, stride: number) => void,
): void {
  const { rows, cols } = shape;
  for (let r0 = 0, g0 = 0; r0 < rows; r0 += height, g0 += cols) {
    for (let s0 = r0, end = Math.min(r0 + height, rows); s0 < end; s0 += STRIP) {
      const count = Math.min(STRIP, end - s0);
      for (let j = 0; j < cols; j++) run(g0 + j, s0 * cols + j, count, cols);
    }
  }
}

/**
 * codes[t] = clamp(round½even(f32(f32(x · mul) / div)) + z, lo, hi) for `count` elements from
 * `start`, `stride` apart. (Two loops for the two rounding rules, one induction variable each: a rule chosen
 * inside the loop, or a second counter, made V8's loop several times slower.)
 */
function runHalfEven(
  data: Float32Array,
  start: number,
  count: number,
  stride: number,
  mul: number,
  div: number,
  z: number,
  lo: number,
  hi: number,
  codes: Int32Array,
): void {
  const byDivision = div !== 1; // a division is several times dearer than the rest of the loop
  for (let t = start, end = start + count * stride; t < end; t += stride) {
    const y = fround((data[t] as number) * mul);
    const v = byDivision ? fround(y / div) : y;
    // Half to even by the double's own rounding: v + 1.5·2^52 keeps no fraction. |v| is limited to
    // 2^29 first (beyond any code), so the int32 `| 0` is exact and never −0 (which deoptimized V8).
    const w = v > LIMIT ? LIMIT : v < -LIMIT ? -LIMIT : v;
    const q = ((w + ROUND_EVEN - ROUND_EVEN) | 0) + z;
    codes[t] = q < lo ? lo : q > hi ? hi : q;
  }
}

/** The same with round half away from zero (TFLite's TfLiteRound = std::round). */
function runHalfAway(
  data: Float32Array,
  start: number,
  count: number,
  stride: number,
  mul: number,
  div: number,
  z: number,
  lo: number,
  hi: number,
  codes: Int32Array,
): void {
  const byDivision = div !== 1; // a division is several times dearer than the rest of the loop
  for (let t = start, end = start + count * stride; t < end; t += stride) {
    const y = fround((data[t] as number) * mul);
    const v = byDivision ? fround(y / div) : y;
    // With w = n + f (n = trunc(w), f of w's sign), trunc(2w) − n = n + trunc(2f) is w rounded half
    // away from zero; 2w is exact. No branch on the sign (random signs made that branch mispredict
    // half the time, the loop's main cost).
    const w = v > LIMIT ? LIMIT : v < -LIMIT ? -LIMIT : v;
    const q = ((w * 2) | 0) - (w | 0) + z;
    codes[t] = q < lo ? lo : q > hi ? hi : q;
  }
}

/** r̂ = S · (q − Z) per element with its group's parameters, in float32 (every library's dequantize). */
export function dequantizeTensor(q: QuantizedTensor, shape: Shape, scheme: Scheme): FloatMatrix {
  const { rows, cols } = shape;
  const layout = groupLayout(scheme.granularity, shape);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const base = layout.rowBase[i] as number;
    for (let j = 0; j < cols; j++) {
      const t = i * cols + j;
      const g = base + (layout.colPart[j] as number);
      data[t] = (q.scales[g] as number) * ((q.codes[t] as number) - (q.zeroPoints[g] as number));
    }
  }
  return { rows, cols, data };
}
