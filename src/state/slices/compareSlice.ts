/** The side-by-side comparison of schemes on one input (section 4). */
import { PRESETS, type Scheme } from '../../engine/index.ts';
import type { BlockFormat } from '../../formats/names.ts';
import type { InputId, Slice } from '../store.ts';

/** The widths a scale can be stored in. */
export const SCALE_BITS = [32, 16] as const;
export type ScaleBits = (typeof SCALE_BITS)[number];

/** How many schemes are compared at once. */
export const MIN_COMPARED = 2;
export const MAX_COMPARED = 4;

/** A column of the comparison: an integer scheme, or an LLM weight format. */
export type Compared = Scheme | { readonly format: BlockFormat; readonly doubleQuant?: boolean };

/** Comparison state. */
export interface CompareSlice {
  /** The input whose quantization is compared. */
  comparedInput: InputId;
  /** The schemes side by side (2 to 4). */
  compared: readonly Compared[];
  /** How the storage cost counts each scale: float32 (what the libraries here store) or float16 (ggml, many int4 formats). */
  scaleBits: ScaleBits;
  setComparedInput: (id: InputId) => void;
  setScaleBits: (bits: ScaleBits) => void;
  /** Replaces the schemes compared (kept to 2…4). */
  setCompared: (schemes: readonly Compared[]) => void;
}

/** What the comparison starts with: the paper's uint8 beside TFLite's int8 weights per column. */
export const DEFAULT_COMPARED: readonly Compared[] = [PRESETS.gemmlowp, PRESETS['tflite-int8-weights-per-column']];

/** The comparison slice. */
export const createCompareSlice: Slice<CompareSlice> = (set) => ({
  comparedInput: 'rhs',
  compared: DEFAULT_COMPARED,
  scaleBits: 32,
  setComparedInput: (comparedInput) => set({ comparedInput }),
  setScaleBits: (scaleBits) => set({ scaleBits }),
  setCompared: (schemes) => {
    if (schemes.length >= MIN_COMPARED && schemes.length <= MAX_COMPARED) set({ compared: schemes });
  },
});
