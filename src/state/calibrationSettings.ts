/**
 * The calibration lab's settings, apart from its computations: the store and the link read them
 * without loading the calibration code (which comes with the lab, on demand).
 */

/** Where the batches come from. */
export const CALIBRATION_SOURCES = ['normal', 'relu', 'heavy', 'bimodal', 'lhs'] as const;
export type CalibrationSource = (typeof CALIBRATION_SOURCES)[number];

/** The lab's settings (in the link: they reproduce the stream exactly). */
export interface CalibrationSettings {
  readonly source: CalibrationSource;
  /** Batches in the stream (the LHS gives as many as it fills, at most this). */
  readonly batches: number;
  readonly batchSize: number;
  readonly seed: number;
}

export const DEFAULT_CALIBRATION: CalibrationSettings = { source: 'heavy', batches: 40, batchSize: 256, seed: 1 };
export const MAX_BATCHES = 200;
export const MAX_BATCH_SIZE = 1024;
