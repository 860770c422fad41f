/**
 * ONNX Runtime's histogram calibrators (onnxruntime/python/tools/quantization/calibrate.py, as
 * quantize_static runs them: one collect of every value), with numpy 1.24's float32 arithmetic:
 *
 * - percentile (create_calibrator's defaults: 2048 bins, symmetric): a histogram of |x| from its
 *   min to its max; amax = edges[searchsorted(cdf, p / 100)]; [−amax, amax] clipped to the data's
 *   [min, max].
 * - entropy (its defaults: 128 quantized bins; `bins` is num_bins, 128 by default): a histogram of x
 *   over [−max|x|, max|x|]; windows of 2i + 1 bins around the zero bin, outliers added to the edge
 *   bins, merged into 128 bins (the remainder into the last), expanded back with integer division,
 *   both smoothed (zeros → 0.0001) and compared by KL divergence in float32 as scipy computes it;
 *   the first window of least divergence, its edges clipped to [min, max].
 *
 * Reference: shared/reference/schemes.md §6.2. numpy ≥ 2 rounds a few intermediate steps
 * differently (NEP 50); the fixtures come from numpy 1.24 (Debian bookworm).
 */

import { pairwiseSum } from './pairwiseSum.ts';

const f32 = Math.fround;

/** ONNX Runtime's number of quantized bins (num_quantized_bins). */
const QUANTIZED_BINS = 128;
/** smooth_distribution's eps. */
const EPS = 0.0001;

/**
 * numpy.histogram(x, bins, range=(first, last)) on float32 data, numpy 1.24: edges computed in
 * float64 (first + k · step) and stored as float32; each value's bin from f32((x − first) · f32(norm))
 * corrected against those edges.
 */
export function histogram32(
  values: ArrayLike<number>,
  bins: number,
  first: number,
  last: number,
): { counts: Float64Array; edges: Float32Array } {
  const step = (last - first) / bins;
  const edges = new Float32Array(bins + 1);
  for (let k = 0; k < bins; k++) edges[k] = k * step + first;
  edges[bins] = last;
  const norm = f32(bins / f32(last - first));
  const lo = f32(first);
  const hi = f32(last);
  const counts = new Float64Array(bins);
  for (let t = 0; t < values.length; t++) {
    const x = values[t] as number;
    if (!(x >= lo && x <= hi)) continue;
    let k = Math.trunc(f32(f32(x - lo) * norm));
    if (k === bins) k--;
    if (x < (edges[k] as number)) k--;
    if (k !== bins - 1 && x >= (edges[k + 1] as number)) k++;
    counts[k] = (counts[k] as number) + 1;
  }
  return { counts, edges };
}

/** numpy's pairwise float32 sum of a[from, from + n) (np.sum of a float32 array). */
const pairwiseSum32 = (a: Float32Array, from: number, n: number): number => pairwiseSum(a, from, n, f32);

/** The data's min and max, and clipping a threshold pair to them (both calibrators end with it). */
function clipTo(lo: number, hi: number, min: number, max: number): { min: number; max: number } {
  return { min: lo < min ? min : lo, max: hi > max ? max : hi };
}

/** ONNX Runtime's symmetric percentile calibration (2048 bins of |x|). */
export function onnxPercentileRange(
  values: Float32Array,
  min: number,
  max: number,
  percentile: number,
  bins = 2048,
): { min: number; max: number } {
  const abs = values.map(Math.abs);
  let first = Infinity;
  let last = -Infinity;
  for (const a of abs) {
    if (a < first) first = a;
    if (a > last) last = a;
  }
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const { counts, edges } = histogram32(abs, bins, first, last);
  let total = 0;
  for (const c of counts) total += c;
  // searchsorted(cumsum(hist / total), p / 100): the first bin whose running share reaches p.
  const target = percentile / 100;
  let cdf = 0;
  let k = 0;
  for (; k < bins; k++) {
    cdf += (counts[k] as number) / total;
    if (cdf >= target) break;
  }
  const amax = edges[k] as number;
  return clipTo(-amax, amax, min, max);
}

/** smooth_distribution(p) in float32 into `out`; false when every entry is 0 (it returns None). */
function smooth(p: Float64Array, out: Float32Array): boolean {
  let zeros = 0;
  for (const v of p) if (v === 0) zeros++;
  const nonzeros = p.length - zeros;
  if (nonzeros === 0) return false;
  const eps = f32(EPS);
  const eps1 = f32(-((EPS * zeros) / nonzeros));
  for (let k = 0; k < p.length; k++) {
    const v = p[k] as number;
    out[k] = v === 0 ? eps : f32(f32(v) + eps1);
  }
  return true;
}

/** scipy.stats.entropy(p, q) on float32 arrays: normalized in float32, rel_entr in float64 rounded to float32, summed pairwise in float32. */
function entropy32(p: Float32Array, q: Float32Array, terms: Float32Array): number {
  const n = p.length;
  const sp = pairwiseSum32(p, 0, n);
  const sq = pairwiseSum32(q, 0, n);
  for (let k = 0; k < n; k++) {
    const pk = f32((p[k] as number) / sp);
    const qk = f32((q[k] as number) / sq);
    terms[k] = pk > 0 && qk > 0 ? pk * Math.log(pk / qk) : pk === 0 ? 0 : Infinity;
  }
  return pairwiseSum32(terms, 0, n);
}

/** ONNX Runtime's entropy calibration (get_entropy_threshold). */
export function onnxEntropyRange(
  values: Float32Array,
  min: number,
  max: number,
  bins = 128,
): { min: number; max: number } {
  const threshold = Math.max(-min, max);
  if (threshold === 0) return { min: 0, max: 0 };
  const { counts: hist, edges } = histogram32(values, bins, -threshold, threshold);
  const zero = Math.floor(bins / 2);
  const half = QUANTIZED_BINS / 2;
  const p = new Float64Array(bins);
  const q = new Float64Array(bins);
  const ps = new Float32Array(bins);
  const qs = new Float32Array(bins);
  const terms = new Float32Array(bins);
  const merged = new Float64Array(QUANTIZED_BINS);
  let best = Infinity;
  let bestStart = 0;
  let bestEnd = bins;
  for (let i = half; i <= zero; i++) {
    const start = zero - i;
    const end = Math.min(zero + i + 1, bins);
    const size = end - start;
    const pv = p.subarray(0, size);
    pv.set(hist.subarray(start, end));
    for (let k = 0; k < start; k++) pv[0] = (pv[0] as number) + (hist[k] as number);
    for (let k = end; k < bins; k++) pv[size - 1] = (pv[size - 1] as number) + (hist[k] as number);
    // Merge the window (without its outliers) into 128 bins of `width`; the remainder joins the last.
    const width = Math.floor(size / QUANTIZED_BINS);
    merged.fill(0);
    for (let k = 0; k < size; k++) {
      const level = Math.min(Math.floor(k / width), QUANTIZED_BINS - 1);
      merged[level] = (merged[level] as number) + (hist[start + k] as number);
    }
    // Expand back: each merged bin's count, integer-divided by its non-zero reference bins, on every
    // bin it covers; the remainder bins stay 0.
    const qv = q.subarray(0, size);
    qv.fill(0);
    for (let level = 0; level < QUANTIZED_BINS; level++) {
      let nonzero = 0;
      for (let k = level * width; k < (level + 1) * width; k++) if ((pv[k] as number) !== 0) nonzero++;
      if (nonzero !== 0) qv.fill(Math.trunc((merged[level] as number) / nonzero), level * width, (level + 1) * width);
    }
    const pOk = smooth(pv, ps);
    const qOk = smooth(qv, qs);
    const divergence = pOk && qOk ? entropy32(ps.subarray(0, size), qs.subarray(0, size), terms) : Infinity;
    if (i === half || divergence < best) {
      best = divergence;
      bestStart = start;
      bestEnd = end;
    }
  }
  return clipTo(edges[bestStart] as number, edges[bestEnd] as number, min, max);
}
