/** The side-by-side comparison of schemes on one input (section 4). */
import { PRESETS, type Scheme } from '../../engine/index.ts';
import type { InputId, Slice } from '../store.ts';

/** How many schemes are compared at once. */
export const MIN_COMPARED = 2;
export const MAX_COMPARED = 4;

/** Comparison state. */
export interface CompareSlice {
  /** The input whose quantization is compared. */
  comparedInput: InputId;
  /** The schemes side by side (2 to 4). */
  compared: readonly Scheme[];
  setComparedInput: (id: InputId) => void;
  /** Replaces the schemes compared (kept to 2…4). */
  setCompared: (schemes: readonly Scheme[]) => void;
}

/** What the comparison starts with: the paper's uint8 beside TFLite's int8 weights per column. */
export const DEFAULT_COMPARED: readonly Scheme[] = [PRESETS.gemmlowp, PRESETS['tflite-int8-weights-per-column']];

/** The comparison slice. */
export const createCompareSlice: Slice<CompareSlice> = (set) => ({
  comparedInput: 'rhs',
  compared: DEFAULT_COMPARED,
  setComparedInput: (comparedInput) => set({ comparedInput }),
  setCompared: (schemes) => {
    if (schemes.length >= MIN_COMPARED && schemes.length <= MAX_COMPARED) set({ compared: schemes });
  },
});
