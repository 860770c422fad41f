/**
 * Three runs from one seed, stepped together: float; post-training quantization (the float run's
 * weights, quantized with ranges calibrated on the training set whenever it is evaluated); and
 * quantization-aware training (its own weights, fake-quantized after `delay` steps, EMA ranges).
 * Everything is determined by the settings: the same settings give the same numbers.
 */
import { EngineError } from '../engine/index.ts';
import { playgroundDataset, shuffled, type Dataset } from './datasets.ts';
import type { TrainingSettings } from './settings.ts';

export { DEFAULT_TRAINING, MAX_HIDDEN, MAX_STEPS, type TrainingSettings } from './settings.ts';
import {
  agreement,
  applyGradients,
  argmax,
  calibrate,
  cloneNetwork,
  createNetwork,
  createOptimizer,
  integerInference,
  integerNetwork,
  lossAndGradients,
  predict,
  type Network,
  type Optimizer,
  type Range,
} from './network.ts';

const BATCH = 32;
/** Evaluations (on the test set) every this many steps. */
export const EVAL_EVERY = 20;

/** The layer sizes for a dataset. */
export function layerSizes(data: Pick<Dataset, 'features' | 'classes' | 'name'>, hidden: number): number[] {
  return data.name === 'digits' ? [data.features, hidden, data.classes] : [data.features, hidden, hidden, data.classes];
}

/** Test accuracies at one step. */
export interface Evaluation {
  readonly step: number;
  readonly float: number;
  readonly ptq: number;
  readonly qat: number;
}

/**
 * The QAT run's quantized tensors at one step (the input, then each layer's output): this batch's
 * range and the EMA after it.
 */
export interface RangePoint {
  readonly step: number;
  readonly batch: readonly { readonly min: number; readonly max: number }[];
  readonly ema: readonly { readonly min: number; readonly max: number }[];
}

/** Accuracies of the integer-only networks, and how often they agree with their fake-quantized forward pass. */
export interface IntegerResult {
  readonly ptq: { accuracy: number; agreement: number } | { error: EngineError };
  readonly qat: { accuracy: number; agreement: number } | { error: EngineError };
}

/** A run in progress. */
export interface Run {
  readonly settings: TrainingSettings;
  readonly data: Dataset;
  step: number;
  readonly float: Network;
  readonly qat: Network;
  readonly floatLoss: number[];
  readonly qatLoss: number[];
  readonly evaluations: Evaluation[];
  readonly ranges: RangePoint[];
  /** The QAT run's EMA ranges: the input, then each layer's output. */
  readonly qatRanges: Range[];
  readonly floatOptimizer: Optimizer;
  readonly qatOptimizer: Optimizer;
}

/** The dataset of a run (the digits must be given: they are loaded from the app's files). */
export function datasetOf(settings: TrainingSettings, digits?: Dataset): Dataset {
  if (settings.dataset === 'digits') {
    if (!digits) throw new Error('The digits are not loaded.');
    return digits;
  }
  return playgroundDataset(settings.dataset, settings.seed);
}

/** A new run: both networks from the seed's weights. */
export function createRun(settings: TrainingSettings, data: Dataset): Run {
  const float = createNetwork(layerSizes(data, settings.hidden), settings.seed, settings.batchNorm);
  const qat = cloneNetwork(float);
  const lr = data.name === 'digits' ? 0.003 : 0.01;
  return {
    settings,
    data,
    step: 0,
    float,
    qat,
    floatLoss: [],
    qatLoss: [],
    evaluations: [],
    ranges: [],
    qatRanges: Array.from({ length: float.layers.length + 1 }, () => ({ min: 0, max: 0, seen: false })),
    floatOptimizer: createOptimizer(float, lr),
    qatOptimizer: createOptimizer(qat, lr),
  };
}

/** The training batch of a step: the epoch's seeded order, BATCH examples at a time. */
function batchAt(run: Run, step: number): { x: Float32Array; y: Int32Array } {
  const { train, features } = run.data;
  const perEpoch = Math.max(1, Math.floor(train.count / BATCH));
  const epoch = Math.floor(step / perEpoch);
  const order = shuffled(train.count, run.settings.seed * 7919 + epoch);
  const from = (step % perEpoch) * BATCH;
  const ids = order.subarray(from, Math.min(from + BATCH, train.count));
  const x = new Float32Array(ids.length * features);
  const y = new Int32Array(ids.length);
  ids.forEach((id, k) => {
    x.set(train.x.subarray(id * features, (id + 1) * features), k * features);
    y[k] = train.y[id] as number;
  });
  return { x, y };
}

/** Whether the QAT run fake-quantizes at this step. */
export const quantizing = (run: Run, step = run.step): boolean => step >= run.settings.delay;

/** One training step of the float and QAT runs on the same batch. */
export function stepRun(run: Run): void {
  const { x, y } = batchAt(run, run.step);
  const f = lossAndGradients(run.float, x, y, null);
  applyGradients(run.float, run.floatOptimizer, f.grads);
  run.floatLoss.push(f.loss);
  const bits = run.settings.bits;
  const q = lossAndGradients(run.qat, x, y, quantizing(run) ? { bits, ranges: run.qatRanges } : null, run.qatRanges);
  applyGradients(run.qat, run.qatOptimizer, q.grads);
  run.qatLoss.push(q.loss);
  const ema = run.qatRanges.map(({ min, max }) => ({ min, max }));
  run.ranges.push({ step: run.step, batch: q.extents, ema });
  run.step++;
  if (run.step % EVAL_EVERY === 0 || run.step === run.settings.steps) run.evaluations.push(evaluate(run));
}

/** Test accuracies of the three runs now. */
export function evaluate(run: Run): Evaluation {
  const { test, train } = run.data;
  const accuracy = (p: Int32Array) => agreement(p, test.y);
  const bits = run.settings.bits;
  const calibrated = calibrate(run.float, train.x, train.count);
  return {
    step: run.step,
    float: accuracy(predict(run.float, test.x, test.count, null)),
    ptq: accuracy(predict(run.float, test.x, test.count, { bits, ranges: calibrated })),
    qat: accuracy(
      predict(run.qat, test.x, test.count, quantizing(run, run.step - 1) ? { bits, ranges: run.qatRanges } : null),
    ),
  };
}

/** The PTQ and QAT networks run integer-only on the test set. */
export function integerResults(run: Run): IntegerResult {
  const { test, train, classes } = run.data;
  const bits = run.settings.bits;
  const one = (net: Network, ranges: Range[]) => {
    try {
      const codes = integerInference(integerNetwork(net, ranges, bits), test.x, test.count);
      const predictions = argmax(codes, test.count, classes);
      const fake = predict(net, test.x, test.count, { bits, ranges });
      return { accuracy: agreement(predictions, test.y), agreement: agreement(predictions, fake) };
    } catch (e) {
      if (e instanceof EngineError) return { error: e };
      throw e;
    }
  };
  return { ptq: one(run.float, calibrate(run.float, train.x, train.count)), qat: one(run.qat, run.qatRanges) };
}
