/**
 * The integer GEMM walkthrough's inputs: how the product is configured (bias, activation, result
 * range) and which output cell and step the user is looking at. The trace itself is derived.
 */
import type { Activation, MinMax } from '../../engine/index.ts';
import type { Slice } from '../store.ts';

/** How the integer product is set up. One object, replaced on change (it keys the memo). */
export interface ProductOptions {
  /** Real bias per output column, or null for none (fitted to the column count when derived). */
  readonly bias: readonly number[] | null;
  readonly activation: Activation;
  /** A hand-set result range (as a trained network has), or null for the float product's min/max. */
  readonly resultRange: MinMax | null;
}

/** An output cell. */
export interface OutputCell {
  readonly row: number;
  readonly col: number;
}

/** Walkthrough state. */
export interface GemmSlice {
  productOptions: ProductOptions;
  /** The output cell being followed (clamped to the result's shape when derived). */
  selected: OutputCell;
  /** The step of its trace (clamped to the trace's length when derived). */
  step: number;
  playing: boolean;
  /** Steps per second while playing. */
  speed: number;
  setProductOptions: (patch: Partial<ProductOptions>) => void;
  /** Follows another output cell from its first step. */
  select: (cell: OutputCell) => void;
  setStep: (step: number) => void;
  setPlaying: (playing: boolean) => void;
  setSpeed: (speed: number) => void;
}

/** The default product: gemmlowp's example (no bias, no activation, range from the product). */
export const DEFAULT_PRODUCT_OPTIONS: ProductOptions = { bias: null, activation: 'none', resultRange: null };

/** The walkthrough slice. */
export const createGemmSlice: Slice<GemmSlice> = (set) => ({
  productOptions: DEFAULT_PRODUCT_OPTIONS,
  selected: { row: 0, col: 0 },
  step: 0,
  playing: false,
  speed: 2,
  setProductOptions: (patch) => set((s) => ({ productOptions: { ...s.productOptions, ...patch } })),
  select: (selected) => set({ selected, step: 0 }),
  setStep: (step) => set({ step: Math.max(0, Math.floor(step)) }),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed }),
});
