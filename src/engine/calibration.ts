/**
 * Where a range comes from: fake quantization (the forward pass of quantization-aware training),
 * range observers over a stream of batches, and calibration from a histogram of everything seen.
 *
 * - fakeQuantize: PyTorch's torch.fake_quantize_per_tensor_affine for the 'pytorch' library
 *   (x · f32(1/S), nearbyint, + Z, clamped, (q − Z) · S in float32; the gradient passes where the
 *   unclamped code lies in [qmin, qmax]); other libraries use their own code rule (as codesOf).
 * - observeRanges: MinMaxObserver, MovingAverageMinMaxObserver (m + c·(x − m), first batch
 *   copied) and TensorFlow's moving average (decay, zero debiasing, 0 always in the range).
 * - calibrateRange: NVIDIA's histogram calibrator (TensorRT's method): a histogram of |x| in 2048
 *   bins as torch collects it, then percentile, MSE-optimal or entropy (KL) amax; [−amax, amax], or
 *   [0, amax] when no value is negative. The sums are numpy's (pairwise) so that ties break as
 *   numpy breaks them.
 *
 *   ONNX Runtime's percentile and entropy calibrators are in onnxCalibration.ts.
 *
 * References: shared/reference/schemes.md §1.3, §1.7, §3.4, §6.1, §6.2.
 */
import { refuse } from './errors.ts';
import { findMinMax } from './minMax.ts';
import { pairwiseSum } from './pairwiseSum.ts';
import { onnxEntropyRange, onnxPercentileRange } from './onnxCalibration.ts';
import { roundHalfAwayFromZero, roundHalfToEven } from './rounding.ts';
import { checkScheme, type Scheme } from './schemes.ts';

const f32 = Math.fround;

/** A fake-quantized tensor: r̂ for each value, and where the straight-through gradient passes. */
export interface FakeQuantized {
  readonly output: Float32Array;
  /** 1 where the unclamped code is inside [qmin, qmax] (the gradient passes), else 0. */
  readonly passesGradient: Uint8Array;
}

/**
 * Quantize then dequantize each value with (S, Z) by the scheme's library arithmetic, clamping to
 * [qmin, qmax] (not to a storage type: PyTorch's fake quantization clamps to quant_min/quant_max).
 */
export function fakeQuantize(
  values: Float32Array,
  scheme: Scheme,
  params: { scale: number; zeroPoint: number },
): FakeQuantized {
  checkScheme(scheme);
  const { library, qmin, qmax } = scheme;
  const scale = f32(params.scale);
  const z = params.zeroPoint;
  if (!(scale > 0) || !Number.isFinite(scale)) refuse({ kind: 'scaleNotPositive', scale: params.scale });
  // PyTorch: "`zero_point` must be between `quant_min` and `quant_max`."
  if (!Number.isInteger(z) || z < qmin || z > qmax) refuse({ kind: 'zeroPointOutside', zeroPoint: z, qmin, qmax });
  const inv = f32(1 / scale);
  const n = values.length;
  const output = new Float32Array(n);
  const passesGradient = new Uint8Array(n);
  for (let t = 0; t < n; t++) {
    const x = values[t] as number;
    if (!Number.isFinite(x)) refuse({ kind: 'notFinite', index: t, value: x });
    let code: number;
    switch (library) {
      case 'pytorch': // z + nearbyint(x · inv_scale), inv_scale = 1.0f / scale
        code = z + roundHalfToEven(f32(x * inv));
        break;
      case 'onnx': // saturate(round(x / y_scale) + y_zero_point), half to even
        code = roundHalfToEven(f32(x / scale)) + z;
        break;
      case 'tflite': // the QUANTIZE op: round(x / scale) + zero_point, half away from zero
        code = roundHalfAwayFromZero(f32(x / scale)) + z;
        break;
      case 'gemmlowp': // round(Z + x / S) in float32, half away from zero
        code = roundHalfAwayFromZero(f32(z + f32(x / scale)));
        break;
    }
    const q = code < qmin ? qmin : code > qmax ? qmax : code;
    output[t] = f32((q - z) * scale);
    passesGradient[t] = code >= qmin && code <= qmax ? 1 : 0;
  }
  return { output, passesGradient };
}

/** A range estimator fed batch by batch. */
export type Observer =
  | { readonly kind: 'minmax' }
  /**
   * pytorch: MovingAverageMinMaxObserver, m ← m + c·(batch − m) in float32, the first batch copied.
   * tensorflow: tf.contrib.quantize's moving average with decay c, zero debiasing, and the batch's
   * min and max widened to contain 0.
   */
  | { readonly kind: 'ema'; readonly constant: number; readonly convention: 'pytorch' | 'tensorflow' };

/** The running range after each batch (float32). Throws on an empty batch, NaN/±∞ or a bad constant. */
export function observeRanges(
  batches: readonly Float32Array[],
  observer: Observer,
): { min: Float32Array; max: Float32Array } {
  const n = batches.length;
  const min = new Float32Array(n);
  const max = new Float32Array(n);
  // PyTorch's c lies in (0, 1]; TensorFlow's decay in [0, 1) (decay 1 would divide 0 by 0).
  if (
    observer.kind === 'ema' &&
    !(observer.convention === 'pytorch'
      ? observer.constant > 0 && observer.constant <= 1
      : observer.constant >= 0 && observer.constant < 1)
  ) {
    refuse({ kind: 'observerConstantInvalid', constant: observer.constant });
  }
  let lo = Infinity;
  let hi = -Infinity;
  // TensorFlow's biased shadow variables and 1 − decay (float32).
  let biasedLo = 0;
  let biasedHi = 0;
  const c = observer.kind === 'ema' ? f32(observer.constant) : 1;
  // TensorFlow: convert_to_tensor(1.0 − decay) rounds the double difference once; the debias
  // factor is 1 − pow(1.0 − that, step), in float32.
  const oneMinusDecay = observer.kind === 'ema' ? f32(1 - observer.constant) : 0;
  const decay32 = f32(1 - oneMinusDecay);
  for (let b = 0; b < n; b++) {
    const { min: bmin, max: bmax } = batchRange(batches[b] as Float32Array, b);
    if (observer.kind === 'minmax') {
      lo = Math.min(lo, bmin);
      hi = Math.max(hi, bmax);
    } else if (observer.convention === 'pytorch') {
      if (b === 0) {
        lo = bmin;
        hi = bmax;
      } else {
        ({ min: lo, max: hi } = movingAverageStep({ min: lo, max: hi }, { min: bmin, max: bmax }, c));
      }
    } else {
      // biased −= (biased − value) · (1 − decay); value = biased / (1 − decay^step)
      biasedLo = f32(biasedLo - f32(f32(biasedLo - Math.min(bmin, 0)) * oneMinusDecay));
      biasedHi = f32(biasedHi - f32(f32(biasedHi - Math.max(bmax, 0)) * oneMinusDecay));
      const debias = f32(1 - f32(decay32 ** (b + 1)));
      lo = f32(biasedLo / debias);
      hi = f32(biasedHi / debias);
    }
    min[b] = lo;
    max[b] = hi;
  }
  return { min, max };
}

/** A batch's min and max (findMinMax's); an empty batch is refused with its number. */
function batchRange(x: Float32Array, batch: number): { min: number; max: number } {
  if (x.length === 0) refuse({ kind: 'batchEmpty', batch });
  return findMinMax(x);
}

/**
 * One step of PyTorch's MovingAverageMinMaxObserver after the first batch: m + c·(x − m) for the
 * min and the max, in float32 (c already float32).
 */
export function movingAverageStep(
  range: { min: number; max: number },
  batch: { min: number; max: number },
  c: number,
): { min: number; max: number } {
  return {
    min: f32(range.min + f32(c * f32(batch.min - range.min))),
    max: f32(range.max + f32(c * f32(batch.max - range.max))),
  };
}

/** How a range is chosen from everything seen. */
export type CalibrationMethod =
  | { readonly kind: 'minmax' }
  /**
   * The amax below which `percentile` % of |x| lie (99.9, 99.99, 99.999…): NVIDIA's (TensorRT's,
   * the default) or ONNX Runtime's (2048 bins from min |x| to max |x|, clipped to the data).
   */
  | { readonly kind: 'percentile'; readonly percentile: number; readonly library?: CalibrationLibrary }
  /** The amax whose fake quantization of the histogram has the least mean squared error. */
  | { readonly kind: 'mse' }
  /**
   * The range whose quantized histogram is closest to the original in KL divergence: TensorRT's
   * (the default) or ONNX Runtime's, whose histogram has `bins` bins (its num_bins, 128 unless set).
   */
  | { readonly kind: 'entropy'; readonly library?: CalibrationLibrary; readonly bins?: number };

/** Whose histogram calibration: NVIDIA's calibrator for TensorRT, or ONNX Runtime's quantization tool. */
export type CalibrationLibrary = 'tensorrt' | 'onnxruntime';

/** Bins of the |x| histogram (NVIDIA's calibrator's num_bins). */
export const CALIBRATION_BINS = 2048;
/** The first candidate bin of the MSE and entropy searches (their start_bin). */
const START_BIN = 128;

/**
 * The range `method` chooses for `values` under `scheme` (its bits set the MSE and entropy
 * searches' levels). min/max: the data's; the others [−amax, amax], or [0, amax] when no value is
 * negative. Throws on no values, NaN/±∞, a percentile outside (0, 100].
 */
export function calibrateRange(
  values: Float32Array,
  scheme: Scheme,
  method: CalibrationMethod,
): { min: number; max: number } {
  checkScheme(scheme);
  if (values.length === 0) refuse({ kind: 'empty' });
  const { min, max } = findMinMax(values);
  if (method.kind === 'minmax') return { min, max };
  if (method.kind === 'percentile' && !(method.percentile > 0 && method.percentile <= 100)) {
    refuse({ kind: 'percentileInvalid', percentile: method.percentile });
  }
  // float32 histograms overflow beyond these (|x| · 2048, 2048 / range, 127 / amax).
  const amax = Math.max(-min, max);
  if (amax > 0 && (amax > 1e35 || amax < 1e-35)) refuse({ kind: 'calibrationMagnitude', amax });
  if (method.kind !== 'mse' && method.library === 'onnxruntime') {
    if (method.kind === 'percentile') return onnxPercentileRange(values, min, max, method.percentile);
    const bins = method.bins ?? 128;
    if (!Number.isInteger(bins) || bins < 128 || bins > 1 << 16) refuse({ kind: 'binsInvalid', bins });
    return onnxEntropyRange(values, min, max, bins);
  }
  const unsigned = min >= 0;
  if (amax === 0) return { min: 0, max: 0 };
  const { counts, edges } = absHistogram(values, amax);
  // The quantizer's num_bits: 8 for [−128, 127] and for the narrow [−127, 127] alike.
  const bits = Math.ceil(Math.log2(scheme.qmax - scheme.qmin + 1));
  const chosen =
    method.kind === 'percentile'
      ? percentileAmax(counts, edges, method.percentile)
      : method.kind === 'mse'
        ? mseAmax(counts, edges, bits, unsigned)
        : entropyAmax(counts, edges, bits, unsigned);
  return { min: unsigned ? 0 : -chosen, max: chosen };
}

/**
 * The calibrator's histogram as torch 1.13 computes it (its default, torch_hist=True) on a CPU
 * with AVX2: torch.histc(|x|, 2048, min=0, max=amax) — bin trunc(f32(f32(x · 2048) / amax)), the
 * last bin closed — and the edges torch.linspace(0, amax, 2049) in float32: eight at a time from a
 * base f32(step · i) (first half) or fma(−step, 2048 − i, amax) (second half), each base + f32(j · step).
 */
export function absHistogram(values: Float32Array, amax: number): { counts: Float64Array; edges: Float32Array } {
  const bins = CALIBRATION_BINS;
  const counts = new Float64Array(bins);
  for (let t = 0; t < values.length; t++) {
    let k = Math.trunc(f32(f32(Math.abs(values[t] as number) * bins) / amax));
    if (k === bins) k--;
    counts[k] = (counts[k] as number) + 1;
  }
  const steps = bins + 1;
  const step = f32(amax / bins);
  const half = Math.floor(steps / 2);
  // f32(amax − step · m) rounds once, as a fused multiply-add: exact in double first.
  const base = (i: number): number => (i < half ? f32(step * i) : f32(amax - step * (steps - i - 1)));
  const edges = new Float32Array(steps);
  const lanes = 8;
  let i = 0;
  for (; i <= steps - lanes; i += lanes) {
    const b = base(i);
    for (let j = 0; j < lanes; j++) edges[i + j] = b + f32(j * step);
  }
  for (; i < steps; i++) edges[i] = base(i);
  return { counts, edges };
}

const sum = (a: ArrayLike<number>): number => pairwiseSum(a, 0, a.length);

/** cdf = cumsum(counts / total); amax = edges[searchsorted(cdf, p / 100)]. */
function percentileAmax(counts: Float64Array, edges: Float32Array, percentile: number): number {
  const total = sum(counts);
  const target = percentile / 100;
  let cdf = 0;
  for (let k = 0; k < counts.length; k++) {
    cdf += (counts[k] as number) / total;
    if (cdf >= target) return edges[k] as number;
  }
  return edges[counts.length] as number;
}

/** NVIDIA's fake tensor quantizer in float32: narrow range, scale = f32(max_bound / amax), half to even. */
function quantizeAt(x: number, scale: number, minBound: number, maxBound: number): number {
  const q = roundHalfToEven(f32(x * scale));
  return f32((q < minBound ? minBound : q > maxBound ? maxBound : q) / scale);
}

/**
 * argmin over amax = centers[i], i ≥ 128, of mean((fake(centers, amax) − centers)² · counts): the
 * centers and their fake quantization in float32 as NVIDIA's; the mean in float64 (NVIDIA's runs
 * in float32 on the GPU, in an order no CPU reproduces).
 */
function mseAmax(counts: Float64Array, edges: Float32Array, bits: number, unsigned: boolean): number {
  const n = counts.length;
  // (edges[1:] + edges[:-1]) / 2 in float32.
  const centers = Float32Array.from({ length: n }, (_, k) => f32((edges[k + 1] as number) + (edges[k] as number)) / 2);
  const maxBound = 2 ** (bits - 1 + (unsigned ? 1 : 0)) - 1;
  const minBound = unsigned ? 0 : -maxBound;
  const terms = new Float64Array(n);
  let best = Infinity;
  let bestAmax = centers[START_BIN] as number;
  for (let i = START_BIN; i < n; i++) {
    const amax = centers[i] as number;
    const scale = f32(maxBound / amax);
    for (let k = 0; k < n; k++) {
      const c = centers[k] as number;
      const e = quantizeAt(c, scale, minBound, maxBound) - c;
      terms[k] = e * e * (counts[k] as number);
    }
    const mse = sum(terms) / n;
    if (mse < best) {
      best = mse;
      bestAmax = amax;
    }
  }
  return bestAmax;
}

/**
 * TensorRT's entropy calibration as NVIDIA's calibrator writes it: for each i ≥ 128, the first i
 * bins (the rest added to the last) against their quantization into 2^(bits−1+unsigned) levels
 * (each level's mass spread over its non-empty bins); amax = edges[the last i of least KL].
 */
function entropyAmax(counts: Float64Array, edges: Float32Array, bits: number, unsigned: boolean): number {
  const bins = Float64Array.from(counts);
  bins[0] = bins[1] as number;
  const n = bins.length;
  const levels = 2 ** (bits - 1 + (unsigned ? 1 : 0));
  let best = Infinity;
  let bestI = START_BIN;
  const reference = new Float64Array(n);
  const quantized = new Float64Array(n);
  const level = new Int32Array(n);
  const levelTotal = new Float64Array(levels);
  const levelCount = new Float64Array(levels);
  const terms = new Float64Array(n);
  for (let i = START_BIN; i <= n; i++) {
    const p = reference.subarray(0, i);
    p.set(bins.subarray(0, i));
    p[i - 1] = (p[i - 1] as number) + sum(bins.subarray(i));
    // digitize(range(i), linspace(0, i, levels + 1)) − 1: the level of bin k; empty bins none.
    const stepL = i / levels;
    levelTotal.fill(0);
    levelCount.fill(0);
    for (let k = 0, l = 0; k < i; k++) {
      while (l < levels && (l + 1 === levels ? i : (l + 1) * stepL) <= k) l++;
      level[k] = (bins[k] as number) === 0 ? -1 : l;
    }
    // Each level's total, summed over its member bins in order (as numpy's masked sum, exact here:
    // counts are integers).
    for (let k = 0; k < i; k++) {
      const l = level[k] as number;
      if (l >= 0) {
        levelTotal[l] = (levelTotal[l] as number) + (bins[k] as number);
        levelCount[l] = (levelCount[l] as number) + 1;
      }
    }
    const q = quantized.subarray(0, i);
    for (let k = 0; k < i; k++) {
      const l = level[k] as number;
      q[k] = l >= 0 ? (levelTotal[l] as number) / (levelCount[l] as number) : 0;
    }
    const divergence = klDivergence(p, q, terms);
    if (divergence <= best) {
      best = divergence;
      bestI = i;
    }
  }
  return edges[bestI] as number;
}

/**
 * scipy.stats.entropy(p, q): both normalized, then np.sum(rel_entr(p, q)) over every entry
 * (p·log(p/q), 0 where p = 0, ∞ where q = 0 < p), summed pairwise in place as numpy does.
 */
function klDivergence(p: Float64Array, q: Float64Array, scratch: Float64Array): number {
  const sp = sum(p);
  const sq = sum(q);
  for (let k = 0; k < p.length; k++) {
    const pk = (p[k] as number) / sp;
    const qk = (q[k] as number) / sq;
    if (pk > 0 && qk === 0) return Infinity;
    scratch[k] = pk > 0 ? pk * Math.log(pk / qk) : 0;
  }
  return pairwiseSum(scratch, 0, p.length);
}
