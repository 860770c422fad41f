/**
 * The calibration lab's settings, apart from its computations: the store and the link read them
 * without loading the calibration code (which comes with the lab, on demand).
 */

/** Where the batches come from. */
export const CALIBRATION_SOURCES = ['normal', 'relu', 'heavy', 'bimodal', 'lhs', 'pasted'] as const;
export type CalibrationSource = (typeof CALIBRATION_SOURCES)[number];

/** The lab's settings (in the link: they reproduce the stream exactly). */
export interface CalibrationSettings {
  readonly source: CalibrationSource;
  /** Batches in the stream (the LHS gives as many as it fills, at most this). */
  readonly batches: number;
  readonly batchSize: number;
  readonly seed: number;
  /** Values pasted into the lab (the 'pasted' source), in reading order; empty until pasted. */
  readonly pasted: Float32Array;
}

export const DEFAULT_CALIBRATION: CalibrationSettings = {
  source: 'heavy',
  batches: 40,
  batchSize: 256,
  seed: 1,
  pasted: new Float32Array(0),
};
export const MAX_BATCHES = 200;
export const MAX_BATCH_SIZE = 1024;
/** The most values a paste may hold: as many as the longest stream. */
export const MAX_PASTED = MAX_BATCHES * MAX_BATCH_SIZE;
