/**
 * The calibration lab's data: a stream of activation batches (drawn, or the current LHS cut into
 * batches), what each range estimator makes of it, and how each range quantizes everything seen
 * under the result's scheme. Pure functions, loaded with the lab; its settings live in
 * calibrationSettings.ts.
 */
import {
  lcg,
  normal,
  uniform,
  EngineError,
  type ErrorMetrics,
  type FloatMatrix,
  type QuantizationParams,
  type Scheme,
  calibrateRange,
  observeRanges,
  schemeMseRange,
  schemePercentileRange,
  rangeError,
} from '../engine/index.ts';
import type { CalibrationSettings } from './calibrationSettings.ts';

export {
  CALIBRATION_SOURCES,
  DEFAULT_CALIBRATION,
  MAX_BATCHES,
  MAX_BATCH_SIZE,
  MAX_PASTED,
  type CalibrationSettings,
  type CalibrationSource,
} from './calibrationSettings.ts';

/**
 * The stream: normal N(0, 1); ReLU-like max(0, N(0.2, 1)); heavy-tailed N(0, 1) with one value in
 * 500 multiplied by 15 (rare outliers: a spike in some batches); bimodal, half N(−2, 0.3) and half
 * N(1.5, 0.5); or the LHS's values, or the pasted values, in reading order, cut into batches.
 */
export function calibrationBatches(settings: CalibrationSettings, lhs: FloatMatrix): Float32Array[] {
  const { source, batches, batchSize, seed } = settings;
  if (source === 'lhs' || source === 'pasted') {
    const data = source === 'lhs' ? lhs.data : settings.pasted;
    const n = Math.max(1, Math.min(batches, Math.ceil(data.length / batchSize)));
    return Array.from({ length: n }, (_, b) => data.slice(b * batchSize, (b + 1) * batchSize));
  }
  const random = lcg(seed);
  const u = uniform(random, 0, 1);
  const g = normal(random, 0, 1);
  const draw: () => number =
    source === 'normal'
      ? g
      : source === 'relu'
        ? () => Math.max(0, 0.2 + g())
        : source === 'heavy'
          ? () => {
              const x = g();
              return u() < 0.002 ? 15 * x : x;
            }
          : () => (u() < 0.5 ? -2 + 0.3 * g() : 1.5 + 0.5 * g());
  return Array.from({ length: batches }, () => Float32Array.from({ length: batchSize }, draw));
}

/** The range estimators the lab compares. */
export const ESTIMATORS = [
  'minmax',
  'mse-scheme',
  'percentile-scheme',
  'ema-pytorch',
  'ema-tensorflow',
  'percentile-99.9',
  'percentile-99.99',
  'percentile-99.999',
  'mse',
  'entropy',
  'percentile-onnxruntime',
  'entropy-onnxruntime',
] as const;
export type Estimator = (typeof ESTIMATORS)[number];

/** One estimator's range, and how it quantizes everything seen (or why it cannot). */
export type EstimateRow =
  | {
      readonly estimator: Estimator;
      readonly ok: true;
      readonly min: number;
      readonly max: number;
      readonly params: QuantizationParams;
      readonly metrics: ErrorMetrics;
    }
  | { readonly estimator: Estimator; readonly ok: false; readonly error: EngineError };

/** Everything the lab draws. */
export interface CalibrationReport {
  readonly batches: readonly Float32Array[];
  /** Every value seen, in order. */
  readonly seen: Float32Array;
  /** Each batch's own min and max. */
  readonly batchMin: Float32Array;
  readonly batchMax: Float32Array;
  /** The running estimates after each batch. */
  readonly running: Readonly<
    Record<'minmax' | 'ema-pytorch' | 'ema-tensorflow', { min: Float32Array; max: Float32Array }>
  >;
  readonly rows: readonly EstimateRow[];
}

/** PyTorch's MovingAverageMinMaxObserver constant and TensorFlow's decay, as their defaults. */
export const EMA_PYTORCH = 0.01;
export const EMA_TENSORFLOW = 0.999;
/** The percentile of the scheme-aware row (TensorRT's calibrator's default percentile). */
export const SCHEME_PERCENTILE = 99.99;
/** ONNX Runtime's percentile calibrator's default, and the bins its entropy row uses (CalibNumBins). */
export const ONNX_PERCENTILE = 99.999;
export const ONNX_ENTROPY_BINS = 2048;

/** Runs every estimator over the stream; each range is quantized under `scheme` (per tensor). */
export function calibrationReport(batches: readonly Float32Array[], scheme: Scheme): CalibrationReport {
  const seen = new Float32Array(batches.reduce((n, b) => n + b.length, 0));
  batches.reduce((at, b) => (seen.set(b, at), at + b.length), 0);
  // Each batch's own range: min/max over that batch alone.
  const each = batches.map((b) => observeRanges([b], { kind: 'minmax' }));
  const running = {
    minmax: observeRanges(batches, { kind: 'minmax' }),
    'ema-pytorch': observeRanges(batches, { kind: 'ema', constant: EMA_PYTORCH, convention: 'pytorch' }),
    'ema-tensorflow': observeRanges(batches, { kind: 'ema', constant: EMA_TENSORFLOW, convention: 'tensorflow' }),
  };
  const last = batches.length - 1;
  const rangeOf = (estimator: Estimator): { min: number; max: number } => {
    switch (estimator) {
      case 'minmax':
      case 'ema-pytorch':
      case 'ema-tensorflow':
        return { min: running[estimator].min[last] as number, max: running[estimator].max[last] as number };
      case 'mse-scheme':
        return schemeMseRange(seen, scheme);
      case 'percentile-scheme':
        return schemePercentileRange(seen, scheme, SCHEME_PERCENTILE);
      case 'mse':
      case 'entropy':
        return calibrateRange(seen, scheme, { kind: estimator });
      case 'percentile-onnxruntime':
        return calibrateRange(seen, scheme, {
          kind: 'percentile',
          percentile: ONNX_PERCENTILE,
          library: 'onnxruntime',
        });
      case 'entropy-onnxruntime':
        return calibrateRange(seen, scheme, { kind: 'entropy', library: 'onnxruntime', bins: ONNX_ENTROPY_BINS });
      default:
        return calibrateRange(seen, scheme, { kind: 'percentile', percentile: Number(estimator.slice(11)) });
    }
  };
  const rows = ESTIMATORS.map((estimator): EstimateRow => {
    try {
      const { min, max } = rangeOf(estimator);
      const { params, metrics } = rangeError(seen, scheme, { min, max });
      return { estimator, ok: true, min, max, params, metrics };
    } catch (e) {
      if (e instanceof EngineError) return { estimator, ok: false, error: e };
      throw e;
    }
  });
  const batchMin = Float32Array.from(each, (r) => r.min[0] as number);
  const batchMax = Float32Array.from(each, (r) => r.max[0] as number);
  return { batches, seen, batchMin, batchMax, running, rows };
}
