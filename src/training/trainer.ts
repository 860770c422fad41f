/**
 * The training lab's engine room: one run, advanced in chunks of steps, each answered with a
 * snapshot of everything the charts draw. Runs in a Web Worker (trainWorker.ts) where the browser
 * has workers, else on the page's thread (jsdom), behind the same interface.
 */
import { EngineError, type EngineProblem } from '../engine/index.ts';
import { digitsDataset } from './datasets.ts';
import { foldLayer, predict } from './network.ts';
import {
  createRun,
  datasetOf,
  integerResults,
  quantizing,
  stepRun,
  type Evaluation,
  type IntegerResult,
  type RangePoint,
  type Run,
  type TrainingSettings,
} from './run.ts';

/** What the page asks. */
export type TrainerRequest =
  | { readonly kind: 'reset'; readonly settings: TrainingSettings; readonly digitsCsv?: string }
  | { readonly kind: 'advance'; readonly steps: number };

/** Decision regions of a 2-D set: the predicted class on a grid over the data's extent. */
export interface Regions {
  readonly size: number;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly float: Int32Array;
  readonly quantized: Int32Array;
  /** The test points and their classes. */
  readonly points: Float32Array;
  readonly labels: Int32Array;
}

/** What the page is told after each chunk. */
export interface Snapshot {
  readonly step: number;
  readonly steps: number;
  readonly delay: number;
  /** Whether layer 1 carries a batch norm (its weights below are folded). */
  readonly batchNorm: boolean;
  readonly floatLoss: readonly number[];
  readonly qatLoss: readonly number[];
  readonly evaluations: readonly Evaluation[];
  readonly ranges: readonly RangePoint[];
  readonly regions: Regions | null;
  /** At the end: the PTQ and QAT networks run integer-only. */
  readonly integer: IntegerResult | null;
  /** The QAT network's first layer, its inputs' and outputs' ranges (for the explorer). */
  readonly firstLayer: {
    inputs: number;
    outputs: number;
    w: Float32Array;
    b: Float32Array;
    outputRange: { min: number; max: number };
  };
  readonly sampleInputs: Float32Array;
}

const REGION_SIZE = 40;

/** A trainer: reset with settings, then advance. */
export interface Trainer {
  request(r: TrainerRequest): Promise<Snapshot>;
  dispose(): void;
}

/** The same-thread trainer's state and its one function. */
export function createTrainerCore(): (r: TrainerRequest) => Snapshot {
  let run: Run | null = null;
  return (r) => {
    if (r.kind === 'reset') {
      const digits =
        r.settings.dataset === 'digits' && r.digitsCsv ? digitsDataset(r.digitsCsv, r.settings.seed) : undefined;
      run = createRun(r.settings, datasetOf(r.settings, digits));
    } else if (run) {
      const end = Math.min(run.settings.steps, run.step + r.steps);
      while (run.step < end) stepRun(run);
    }
    if (!run) throw new Error('The trainer has no run.');
    return snapshot(run);
  };
}

function snapshot(run: Run): Snapshot {
  const done = run.step >= run.settings.steps;
  // Layer 1 as quantization sees it: with its batch norm folded in.
  const layer = run.qat.layers[0] && foldLayer(run.qat.layers[0]);
  if (!layer) throw new Error('A network has at least one layer.');
  const { test, features } = run.data;
  const sampleCount = Math.min(8, test.count);
  return {
    step: run.step,
    steps: run.settings.steps,
    delay: run.settings.delay,
    batchNorm: run.settings.batchNorm,
    floatLoss: run.floatLoss,
    qatLoss: run.qatLoss,
    evaluations: run.evaluations,
    ranges: run.ranges,
    regions: features === 2 ? regions(run) : null,
    integer: done ? integerResults(run) : null,
    firstLayer: {
      inputs: layer.inputs,
      outputs: layer.outputs,
      w: layer.w.slice(),
      b: layer.b.slice(),
      outputRange: { min: run.qatRanges[1]?.min ?? 0, max: run.qatRanges[1]?.max ?? 0 },
    },
    sampleInputs: test.x.slice(0, sampleCount * features),
  };
}

/** The float and the QAT networks' classes over a grid spanning the test points. */
function regions(run: Run): Regions {
  const { test } = run.data;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < test.count; i++) {
    x0 = Math.min(x0, test.x[2 * i] as number);
    x1 = Math.max(x1, test.x[2 * i] as number);
    y0 = Math.min(y0, test.x[2 * i + 1] as number);
    y1 = Math.max(y1, test.x[2 * i + 1] as number);
  }
  const n = REGION_SIZE * REGION_SIZE;
  const grid = new Float32Array(2 * n);
  for (let r = 0; r < REGION_SIZE; r++) {
    for (let c = 0; c < REGION_SIZE; c++) {
      grid[2 * (r * REGION_SIZE + c)] = x0 + ((c + 0.5) / REGION_SIZE) * (x1 - x0);
      grid[2 * (r * REGION_SIZE + c) + 1] = y1 - ((r + 0.5) / REGION_SIZE) * (y1 - y0);
    }
  }
  const q = quantizing(run, run.step - 1) ? { bits: run.settings.bits, ranges: run.qatRanges } : null;
  return {
    size: REGION_SIZE,
    x0,
    x1,
    y0,
    y1,
    float: predict(run.float, grid, n, null),
    // Before quantization starts there is no quantized network: −1 everywhere.
    quantized: q ? predict(run.qat, grid, n, q) : new Int32Array(n).fill(-1),
    points: test.x,
    labels: test.y,
  };
}

/** Why a request got no snapshot (the panel says it in words). */
export type TrainerProblem =
  /** A newer request, or the end of the run, replaced it: nothing to say. */
  | { readonly kind: 'superseded' }
  | { readonly kind: 'workerFailed' }
  | { readonly kind: 'engine'; readonly problem: EngineProblem };

/** A request's failure, typed. */
export class TrainerError extends Error {
  constructor(readonly problem: TrainerProblem) {
    super(problem.kind);
    this.name = 'TrainerError';
  }
}

/** What a failure of the core becomes: the engine's problem, or the worker failing. */
export function problemOf(e: unknown): TrainerProblem {
  return e instanceof EngineError ? { kind: 'engine', problem: e.problem } : { kind: 'workerFailed' };
}

/** A trainer in a worker, or on this thread where there are no workers. */
export function createTrainer(): Trainer {
  if (typeof Worker === 'undefined') {
    const core = createTrainerCore();
    return {
      request: (r) =>
        new Promise((resolve, reject) =>
          setTimeout(() => {
            try {
              resolve(core(r));
            } catch (e) {
              reject(new TrainerError(problemOf(e)));
            }
          }, 0),
        ),
      dispose: () => undefined,
    };
  }
  const worker = new Worker(new URL('./trainWorker.ts', import.meta.url), { type: 'module' });
  // One request at a time; each reply carries its request's id, and a reply to an older request is dropped.
  let nextId = 0;
  let pending: { id: number; resolve: (s: Snapshot) => void; reject: (e: Error) => void } | null = null;
  const fail = (problem: TrainerProblem) => {
    pending?.reject(new TrainerError(problem));
    pending = null;
  };
  worker.onmessage = (e: MessageEvent<{ id: number; snapshot?: Snapshot; problem?: TrainerProblem }>) => {
    if (!pending || e.data.id !== pending.id) return;
    const p = pending;
    pending = null;
    if (e.data.snapshot) p.resolve(e.data.snapshot);
    else p.reject(new TrainerError(e.data.problem ?? { kind: 'workerFailed' }));
  };
  worker.onerror = () => fail({ kind: 'workerFailed' });
  return {
    request: (r) =>
      new Promise((resolve, reject) => {
        fail({ kind: 'superseded' });
        pending = { id: ++nextId, resolve, reject };
        worker.postMessage({ id: nextId, request: r });
      }),
    dispose: () => {
      fail({ kind: 'superseded' });
      worker.terminate();
    },
  };
}
