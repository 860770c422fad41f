/**
 * Calibration for the quantizer that will be used. TensorRT's MSE and percentile calibrators
 * (calibration.ts) choose ±amax, or [0, amax] for non-negative data, for NVIDIA's own symmetric
 * quantizer whatever the scheme: for an asymmetric scheme, or a signed one on non-negative data,
 * that range can quantize worse than plain min/max. These choose the range for `scheme` itself
 * (its code range, symmetry, zero point and rounding, through chooseSchemeParams and codesOf):
 *
 * - schemeMseRange: the range of least mean squared error under the scheme. For a symmetric
 *   scheme ±a over a grid of a; for an asymmetric one both ends over a grid (each from the data's
 *   own end towards 0), searched on a histogram of x, refined, then checked on every value
 *   against min/max under the same scheme: never worse than min/max (it is min/max on a tie).
 * - schemePercentileRange: for a symmetric scheme ±(the percentile of |x|); for an asymmetric
 *   one (100 − p)/2 % of the values left out on each side of x (the idea of ONNX Runtime's
 *   asymmetric percentile, here on the sorted values themselves, not on its histogram).
 */
import { EngineError, refuse } from './errors.ts';
import { errorMetrics, type ErrorMetrics } from './metrics.ts';
import { findMinMax } from './minMax.ts';
import type { QuantizationParams } from './quantizationParams.ts';
import { checkScheme, chooseSchemeParams, codesOf, type Scheme } from './schemes.ts';

type Range = { readonly min: number; readonly max: number };

/** Bins of the histogram the search runs on, grid steps per end, and the refinement's steps. */
const BINS = 1024;
const GRID = 48;
const FINE = 8;

const perTensor = (scheme: Scheme): Scheme => ({ ...scheme, granularity: { kind: 'tensor' } });

/** (S, Z) of [lo, hi] under the scheme, or null where the scheme cannot quantize that range. */
function paramsOrNull(scheme: Scheme, lo: number, hi: number): QuantizationParams | null {
  try {
    return chooseSchemeParams(scheme, lo, hi);
  } catch (e) {
    if (e instanceof EngineError) return null;
    throw e;
  }
}

/**
 * How a range quantizes `values` under `scheme`, per tensor: its (S, Z) and the error of
 * r̂ = float32(S · (q − Z)) — the calibration lab's table and the MSE search measure the same way.
 * Throws where the scheme cannot quantize the range.
 */
export function rangeError(
  values: Float32Array,
  scheme: Scheme,
  range: Range,
): { params: QuantizationParams; metrics: ErrorMetrics } {
  const s = perTensor(scheme);
  const params = chooseSchemeParams(s, range.min, range.max);
  const codes = codesOf({ rows: 1, cols: values.length, data: values }, s, [params]);
  const restored = new Float32Array(values.length);
  for (let t = 0; t < values.length; t++) restored[t] = params.scale * ((codes[t] as number) - params.zeroPoint);
  return { params, metrics: errorMetrics(params, values, restored) };
}

/** The MSE of the range on every value, or ∞ when the scheme cannot quantize it. */
function exactMse(scheme: Scheme, values: Float32Array, range: Range): number {
  try {
    return rangeError(values, scheme, range).metrics.mse;
  } catch (e) {
    if (e instanceof EngineError) return Infinity;
    throw e;
  }
}

/** The histogram's non-empty bins: their centres and counts. */
function histogramOf(values: Float32Array, min: number, max: number): { centres: Float32Array; counts: Float64Array } {
  const counts = new Float64Array(BINS);
  const width = (max - min) / BINS;
  for (let t = 0; t < values.length; t++) {
    const k = Math.min(BINS - 1, Math.floor(((values[t] as number) - min) / width));
    counts[k] = (counts[k] as number) + 1;
  }
  const kept: number[] = [];
  for (let k = 0; k < BINS; k++) if ((counts[k] as number) > 0) kept.push(k);
  return {
    centres: Float32Array.from(kept, (k) => min + (k + 0.5) * width),
    counts: Float64Array.from(kept, (k) => counts[k] as number),
  };
}

/**
 * The range of least MSE under `scheme` (see the file's comment); the data's min/max when that is
 * as good. Throws on no values or NaN/±∞; a range the scheme cannot quantize is never chosen
 * (where it cannot quantize min/max either, min/max is returned and refused where it is used).
 */
export function schemeMseRange(values: Float32Array, scheme: Scheme): Range {
  checkScheme(scheme);
  const s = perTensor(scheme);
  if (values.length === 0) refuse({ kind: 'empty' });
  const { min, max } = findMinMax(values);
  const minmax = { min, max };
  if (min === max) return minmax;
  const { centres, counts } = histogramOf(values, min, max);
  const codes = new Int32Array(centres.length);
  const cost = (lo: number, hi: number): number => {
    const params = paramsOrNull(s, lo, hi);
    if (!params) return Infinity;
    codesOf({ rows: 1, cols: centres.length, data: centres }, s, [params], codes);
    let sum = 0;
    for (let k = 0; k < centres.length; k++) {
      const e = Math.fround(params.scale * ((codes[k] as number) - params.zeroPoint)) - (centres[k] as number);
      sum += e * e * (counts[k] as number);
    }
    return sum;
  };
  // Each end from the data's own (f = 1) towards 0; an end on the far side of 0 stays put (the
  // scheme's range holds 0 anyway).
  const lowAt = (f: number) => (min < 0 ? min * f : min);
  const highAt = (f: number) => (max > 0 ? max * f : max);
  const amax = Math.max(-min, max);
  let best = { cost: cost(min, max), lo: 1, hi: 1 };
  const consider = (lo: number, hi: number) => {
    if (lo <= 0 || hi <= 0 || lo > 1 || hi > 1) return;
    const c = scheme.symmetric ? cost(-amax * hi, amax * hi) : cost(lowAt(lo), highAt(hi));
    if (c < best.cost) best = { cost: c, lo, hi };
  };
  const ends = Array.from({ length: GRID }, (_, k) => (k + 1) / GRID);
  if (scheme.symmetric) for (const f of ends) consider(f, f);
  else for (const lo of min < 0 ? ends : [1]) for (const hi of max > 0 ? ends : [1]) consider(lo, hi);
  // Refine around the best grid point, a grid step either way at an eighth of the step.
  const { lo: lo0, hi: hi0 } = best;
  for (let i = -FINE; i <= FINE; i++) {
    for (let j = -FINE; j <= FINE; j++) {
      if (scheme.symmetric && i !== j) continue;
      consider(lo0 + i / (GRID * FINE), hi0 + j / (GRID * FINE));
    }
  }
  const found = scheme.symmetric
    ? { min: -amax * best.hi, max: amax * best.hi }
    : { min: lowAt(best.lo), max: highAt(best.hi) };
  // The histogram only guides: the values decide, and min/max wins a tie.
  return exactMse(s, values, found) < exactMse(s, values, minmax) ? found : minmax;
}

/** The value at quantile q of the sorted values (nearest rank). */
const quantile = (sorted: Float32Array, q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;

/**
 * The percentile range for `scheme` (see the file's comment). Throws on no values, NaN/±∞ or a
 * percentile outside (0, 100].
 */
export function schemePercentileRange(values: Float32Array, scheme: Scheme, percentile: number): Range {
  checkScheme(scheme);
  if (values.length === 0) refuse({ kind: 'empty' });
  findMinMax(values);
  if (!(percentile > 0 && percentile <= 100)) refuse({ kind: 'percentileInvalid', percentile });
  if (scheme.symmetric) {
    const a = quantile(Float32Array.from(values, Math.abs).sort(), percentile / 100);
    return { min: -a, max: a };
  }
  // As many values left out below as above: ⌊n · (100 − p)/200⌋ each.
  const sorted = Float32Array.from(values).sort();
  const cut = Math.floor((sorted.length * (100 - percentile)) / 200);
  return { min: sorted[cut] as number, max: sorted[sorted.length - 1 - cut] as number };
}
