/**
 * The training lab's settings, apart from the training code: the store and the link read them
 * without loading the network (which comes with the lab, on demand).
 */

/** The datasets a run trains on. */
export const DATASETS = ['circles', 'xor', 'gaussians', 'spirals', 'digits'] as const;
export type DatasetName = (typeof DATASETS)[number];

/** What a run is made of (all in the link). */
export interface TrainingSettings {
  readonly dataset: DatasetName;
  /** Units in each of the two hidden layers (one hidden layer for the digits). */
  readonly hidden: number;
  /** Bits of every quantized tensor (2 to 8). */
  readonly bits: number;
  /** QAT: steps in float before fake quantization starts (ranges are tracked from step 1). */
  readonly delay: number;
  readonly steps: number;
  readonly seed: number;
  /** Batch normalization after each hidden layer, folded into the weights for quantization (§3.2). */
  readonly batchNorm: boolean;
}

export const DEFAULT_TRAINING: TrainingSettings = {
  dataset: 'circles',
  hidden: 8,
  bits: 8,
  delay: 100,
  steps: 600,
  seed: 1,
  batchNorm: false,
};

/** Bounds of the settings (a person types them; links are checked against them). */
export const MAX_HIDDEN = 64;
export const MAX_STEPS = 5000;
