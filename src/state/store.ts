/**
 * The store holds only what the user edits: the two input matrices, the randomizer's choices,
 * the cell under the pointer or focus, the walkthrough's setup and position, and the multiplier
 * explorer's inputs. Everything derivable (parameters, codes, the product, histograms) is
 * computed by the store's own selectors (`store.derive`, see derived/index.ts), with caches
 * bounded to the most recent states.
 */
import { create, type StateCreator, type StoreApi } from 'zustand';
import { temporal, type TemporalState } from 'zundo';
import type { FloatMatrix } from '../engine/index.ts';
import { createDerive } from './derived/index.ts';
import { onFormatCode } from './formatCode.ts';
import { onPipelineCode } from './pipelineCode.ts';
import { presetMatrices, type PresetId } from './presets.ts';
import { MAX_SEED, randomMatrix, STREAMS, type Distribution } from './random.ts';
import { createCalibrationSlice, type CalibrationSlice } from './slices/calibrationSlice.ts';
import { createCompareSlice, type CompareSlice } from './slices/compareSlice.ts';
import { createTrainingSlice, type TrainingSlice } from './slices/trainingSlice.ts';
import { createLessonSlice, type LessonSlice } from './slices/lessonSlice.ts';
import { createGemmSlice, type GemmSlice } from './slices/gemmSlice.ts';
import { createMultiplierSlice, type MultiplierSlice } from './slices/multiplierSlice.ts';
import { createModelViewSlice, type ModelViewSlice } from './slices/modelViewSlice.ts';
import { createSessionSlice, type SessionSlice } from './slices/sessionSlice.ts';

/** An editable input. */
export type InputId = 'lhs' | 'rhs';
/** Any matrix shown: the two inputs and the result. */
export type MatrixId = InputId | 'result';

/** A cell of one of the matrices. */
export interface CellRef {
  readonly matrix: MatrixId;
  readonly row: number;
  readonly col: number;
}

/** Largest dimension the grid's +/− controls reach (pastes may go to 512). */
export const MAX_GRID_DIM = 64;

/** The other matrix was resized to keep the depths equal (its new cells are 0). */
export interface Resized {
  readonly other: InputId;
  readonly rows: number;
  readonly cols: number;
}

/** The input matrices and the edits on them. */
export interface MatricesSlice {
  lhs: FloatMatrix;
  rhs: FloatMatrix;
  /** Sets one cell to a float32 value. */
  setCell: (id: InputId, row: number, col: number, value: number) => void;
  /** Replaces a matrix; says when the other one was resized to keep the depth equal. */
  replaceMatrix: (id: InputId, m: FloatMatrix) => Resized | null;
  /** Resizes a matrix (new cells are 0), keeping the depth of the product consistent. */
  resize: (id: InputId, rows: number, cols: number) => Resized | null;
  /** A new draw of a matrix (same shape) with the next seed. */
  randomize: (id: InputId) => void;
  /** Draws a matrix (same shape) with this seed. */
  drawWithSeed: (id: InputId, seed: number) => void;
  loadPreset: (id: PresetId) => void;
}

/** The randomizer's choices. */
export interface RandomSlice {
  /** The distribution of the next draw. */
  distribution: Distribution;
  /** Each input's seed: that of its last draw (the next draw takes the next seed). */
  seeds: Readonly<Record<InputId, number>>;
  setDistribution: (d: Distribution) => void;
}

/** The cell under the pointer or keyboard focus, shared by every view. */
export interface InspectSlice {
  hover: CellRef | null;
  setHover: (cell: CellRef | null) => void;
  /**
   * The group (channel or block) of each input picked in its parameter card: its number line is
   * drawn and its min and max cells are marked in the grid. Null: the coarsest group.
   */
  pickedGroups: Readonly<Record<InputId, number | null>>;
  pickGroup: (id: InputId, group: number | null) => void;
}

/** The whole store. */
export type State = MatricesSlice &
  RandomSlice &
  InspectSlice &
  GemmSlice &
  MultiplierSlice &
  CompareSlice &
  CalibrationSlice &
  TrainingSlice &
  LessonSlice &
  ModelViewSlice &
  SessionSlice;

/** A slice of the store, created inside the undo history middleware. */
export type Slice<T> = StateCreator<State, [['temporal', unknown]], [], T>;

/** What undo and redo restore: every edit, not the pointer, the playback or the session. */
export type Undoable = Pick<
  State,
  | 'lhs'
  | 'rhs'
  | 'distribution'
  | 'seeds'
  | 'productOptions'
  | 'freeMultiplier'
  | 'singleRounding'
  | 'comparedInput'
  | 'compared'
  | 'scaleBits'
  | 'calibration'
  | 'training'
  | 'modelView'
  | 'modelInput'
>;

function undoable(s: State): Undoable {
  const { lhs, rhs, distribution, seeds, productOptions, freeMultiplier, singleRounding } = s;
  const { comparedInput, compared, scaleBits, calibration, training, modelView, modelInput } = s;
  return {
    lhs,
    rhs,
    distribution,
    seeds,
    productOptions,
    freeMultiplier,
    singleRounding,
    comparedInput,
    compared,
    scaleBits,
    calibration,
    training,
    modelView,
    modelInput,
  };
}

const sameUndoable = (a: Undoable, b: Undoable): boolean =>
  (Object.keys(a) as (keyof Undoable)[]).every((k) => Object.is(a[k], b[k]));

/** A copy of `m` reshaped to rows × cols, keeping the overlapping values and zero-filling the rest. */
function reshape(m: FloatMatrix, rows: number, cols: number): FloatMatrix {
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < Math.min(rows, m.rows); i++) {
    data.set(m.data.subarray(i * m.cols, i * m.cols + Math.min(cols, m.cols)), i * cols);
  }
  return { rows, cols, data };
}

const other = (id: InputId): InputId => (id === 'lhs' ? 'rhs' : 'lhs');

/** The depth of the product is LHS columns = RHS rows: fit `partner` to a new `m`. */
function fitPartner(id: InputId, m: FloatMatrix, partner: FloatMatrix): FloatMatrix {
  return id === 'lhs' ? reshape(partner, m.cols, partner.cols) : reshape(partner, partner.rows, m.rows);
}

const createMatrices: Slice<MatricesSlice> = (set, get) => {
  const replace = (id: InputId, m: FloatMatrix): Resized | null => {
    const partner = get()[other(id)];
    const fitted = fitPartner(id, m, partner);
    const resized = fitted.rows !== partner.rows || fitted.cols !== partner.cols;
    set({ [id]: m, [other(id)]: resized ? fitted : partner, hover: null } as Pick<State, InputId | 'hover'>);
    return resized ? { other: other(id), rows: fitted.rows, cols: fitted.cols } : null;
  };
  const draw = (id: InputId, seed: number) => {
    const { distribution, seeds } = get();
    const m = get()[id];
    set({
      [id]: randomMatrix(m.rows, m.cols, distribution, seed, STREAMS[id]),
      seeds: { ...seeds, [id]: seed },
    } as Pick<State, InputId | 'seeds'>);
  };
  return {
    ...presetMatrices('gemmlowp'),
    setCell: (id, row, col, value) => {
      const m = get()[id];
      if (row < 0 || col < 0 || row >= m.rows || col >= m.cols) return;
      if (Object.is(m.data[row * m.cols + col], value)) return;
      const data = m.data.slice();
      data[row * m.cols + col] = value;
      set({ [id]: { rows: m.rows, cols: m.cols, data } } as Pick<State, InputId>);
    },
    replaceMatrix: replace,
    resize: (id, rows, cols) => replace(id, reshape(get()[id], rows, cols)),
    randomize: (id) => draw(id, get().seeds[id] >= MAX_SEED ? 0 : get().seeds[id] + 1),
    drawWithSeed: draw,
    loadPreset: (id) => set({ ...presetMatrices(id), hover: null }),
  };
};

const createRandom: Slice<RandomSlice> = (set) => ({
  distribution: 'uniform',
  seeds: { lhs: 1, rhs: 2 },
  setDistribution: (distribution) => set({ distribution }),
});

const createInspect: Slice<InspectSlice> = (set) => ({
  hover: null,
  setHover: (hover) => set({ hover }),
  pickedGroups: { lhs: null, rhs: null },
  pickGroup: (id, group) => set((s) => ({ pickedGroups: { ...s.pickedGroups, [id]: group } })),
});

/** Most undo steps kept. */
const HISTORY_STEPS = 200;
/** Most bytes of matrices the undo history keeps (at 512 × 512, 1 MB a step, that is 64 steps); older steps are forgotten. */
const HISTORY_BYTES = 64 * 1024 * 1024;

/** Forgets the oldest undo steps whenever the matrices they hold (each counted once) pass `budget` bytes. */
function boundHistory(history: StoreApi<TemporalState<Undoable>>, budget: number): void {
  history.subscribe((t, previous) => {
    if (t.pastStates === previous.pastStates) return;
    const past = t.pastStates;
    const seen = new Set<Float32Array>();
    let bytes = 0;
    let keep = 0;
    for (let i = past.length - 1; i >= 0; i--) {
      const step = past[i];
      for (const data of [step?.lhs?.data, step?.rhs?.data, step?.calibration?.pasted, step?.modelInput?.values]) {
        if (data && !seen.has(data)) {
          seen.add(data);
          bytes += data.byteLength;
        }
      }
      if (bytes > budget) break;
      keep++;
    }
    if (keep < past.length) history.setState({ pastStates: past.slice(past.length - keep) });
  });
}

/** Creates a store with its own derived selectors (the app uses one; tests make fresh ones). */
export const createAppStore = (historyBytes = HISTORY_BYTES) => {
  const store = create<State>()(
    temporal(
      (...a) => ({
        ...createMatrices(...a),
        ...createRandom(...a),
        ...createInspect(...a),
        ...createGemmSlice(...a),
        ...createMultiplierSlice(...a),
        ...createCompareSlice(...a),
        ...createCalibrationSlice(...a),
        ...createTrainingSlice(...a),
        ...createLessonSlice(...a),
        ...createModelViewSlice(...a),
        ...createSessionSlice(...a),
      }),
      {
        partialize: undoable,
        equality: sameUndoable,
        limit: HISTORY_STEPS,
      },
    ),
  );
  boundHistory(store.temporal, historyBytes);
  // The format view's code arriving changes what the selectors give for the same state.
  onFormatCode(() => store.setState({}));
  onPipelineCode(() => store.setState({}));
  return Object.assign(store, { derive: createDerive() });
};

/** A store of the app: state, actions, undo history and derived selectors. */
export type AppStore = ReturnType<typeof createAppStore>;

/** The app's store. */
export const useAppStore: AppStore = createAppStore();
