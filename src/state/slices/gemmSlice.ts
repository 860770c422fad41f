/**
 * The integer GEMM walkthrough's inputs: how the product is configured (bias, activation, result
 * range) and which output cell and step the user is looking at. The trace itself is derived.
 */
import { PRESETS, type Activation, type MinMax, type Requantization, type Scheme } from '../../engine/index.ts';
import type { BlockFormat } from '../../formats/names.ts';
import { walkPosition } from '../derived/walkthrough.ts';
import type { InputId, MatrixId, Slice } from '../store.ts';

/** The walkthrough's playback speeds, in steps per second. */
export const SPEEDS = [0.5, 1, 2, 4, 8, 16, 32] as const;
/** A playback speed. */
export type Speed = (typeof SPEEDS)[number];

/** How the integer product is set up. One object, replaced on change (it keys the memo). */
export interface ProductOptions {
  /** Real bias per output column, or null for none (fitted to the column count when derived). */
  readonly bias: readonly number[] | null;
  readonly activation: Activation;
  /** A hand-set result range (as a trained network has), or null for the float product's min/max. */
  readonly resultRange: MinMax | null;
  /** Each matrix's quantization scheme (the page offers schemes per tensor). */
  readonly schemes: Readonly<Record<MatrixId, Scheme>>;
  /** How the accumulators are brought to the result's scale. */
  readonly requantization: Requantization;
  /**
   * An input stored in an LLM weight format instead (sections 2–4 show it so; the integer product
   * keeps the input's scheme), or null.
   */
  readonly formats: Readonly<Record<InputId, BlockFormat | null>>;
  /** NF4/FP4 with bitsandbytes' double quantization of the absmax values (compress_statistics). */
  readonly doubleQuant: Readonly<Record<InputId, boolean>>;
}

/** An output cell. */
export interface OutputCell {
  readonly row: number;
  readonly col: number;
}

/** Walkthrough state. */
export interface GemmSlice {
  productOptions: ProductOptions;
  /** The output cell being followed (a resize can leave it outside: walkPosition clamps it). */
  selected: OutputCell;
  /** The step of its trace (walkPosition clamps it to the trace's length). */
  step: number;
  playing: boolean;
  /** Steps per second while playing. */
  speed: Speed;
  setProductOptions: (patch: Partial<ProductOptions>) => void;
  /** Follows another output cell from its first step. */
  select: (cell: OutputCell) => void;
  /** Goes to a step, kept inside the trace. */
  setStep: (step: number) => void;
  /** Plays (from the start when at the end) or pauses. */
  togglePlaying: () => void;
  /** One step of playback: the next step, or pause at the end. */
  advance: () => void;
  setPlaying: (playing: boolean) => void;
  setSpeed: (speed: Speed) => void;
}

/** The default product: gemmlowp's example (no bias, no activation, range from the product, its scheme). */
export const DEFAULT_PRODUCT_OPTIONS: ProductOptions = {
  bias: null,
  activation: 'none',
  resultRange: null,
  schemes: { lhs: PRESETS.gemmlowp, rhs: PRESETS.gemmlowp, result: PRESETS.gemmlowp },
  requantization: 'gemmlowp',
  formats: { lhs: null, rhs: null },
  doubleQuant: { lhs: false, rhs: false },
};

/** The walkthrough slice. */
export const createGemmSlice: Slice<GemmSlice> = (set) => ({
  productOptions: DEFAULT_PRODUCT_OPTIONS,
  selected: { row: 0, col: 0 },
  step: 0,
  playing: false,
  speed: 2,
  setProductOptions: (patch) => set((s) => ({ productOptions: { ...s.productOptions, ...patch } })),
  select: (selected) => set({ selected, step: 0 }),
  setStep: (step) => set((s) => ({ step: walkPosition({ ...s, step: Math.floor(step) }).step })),
  togglePlaying: () =>
    set((s) => {
      if (s.playing) return { playing: false };
      const at = walkPosition(s);
      return { playing: true, step: at.step >= at.length - 1 ? 0 : at.step };
    }),
  advance: () =>
    set((s) => {
      const at = walkPosition(s);
      return at.step >= at.length - 1 ? { playing: false } : { step: at.step + 1 };
    }),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed }),
});
