/** The free multiplier explorer's inputs. */
import type { Slice } from '../store.ts';

/** Multiplier explorer state. */
export interface MultiplierSlice {
  /** A real multiplier M typed or slid by the user (a float32, as gemmlowp's parameter is). */
  freeMultiplier: number;
  /** Compare TFLite's single-rounding variant with the default double rounding. */
  singleRounding: boolean;
  setFreeMultiplier: (m: number) => void;
  setSingleRounding: (on: boolean) => void;
}

/** The multiplier slice (M = 0.3 is the seed note's worked example). */
export const createMultiplierSlice: Slice<MultiplierSlice> = (set) => ({
  freeMultiplier: Math.fround(0.3),
  singleRounding: false,
  setFreeMultiplier: (freeMultiplier) => set({ freeMultiplier }),
  setSingleRounding: (singleRounding) => set({ singleRounding }),
});
