/** What the inputs panel calls the presets and distributions, and how it tells of a resize. */
import type { PresetId } from '../../state/presets.ts';
import type { Distribution } from '../../state/random.ts';
import type { Resized } from '../../state/store.ts';
import { matrixName } from '../common/names.ts';

/** Each preset's name and its one-line lesson. */
export const PRESET_TEXT: Record<PresetId, { readonly label: string; readonly lesson: string }> = {
  gemmlowp: {
    label: 'gemmlowp example',
    lesson: "The 2×4 · 4×3 product from gemmlowp's doc/quantization_example.cc, every number bit-exact.",
  },
  outlier: {
    label: 'One outlier ruins the resolution',
    lesson: 'A single 12 among values within ±0.5 stretches the range, so every other value gets a few levels only.',
  },
  positive: {
    label: 'All-positive activations',
    lesson: 'ReLU outputs are never negative: the range starts at 0 and the zero point is 0.',
  },
  constant: {
    label: 'Constant matrix',
    lesson: 'Every LHS value is 0.5: the range [0, 0.5] still contains 0, and each value is exact.',
  },
  outlierColumn: {
    label: 'One large weight column',
    lesson:
      'RHS column 3 is twenty times larger than the others: one int8 scale for the whole matrix leaves the small columns a few levels; one per column does not (compare in section 4).',
  },
  blocks: {
    label: 'Weights whose size changes every 32 rows',
    lesson:
      'Down each RHS column the magnitude grows every 32 rows: 4-bit codes with one scale per column waste the small rows; blocks of 32 follow them (compare in section 4).',
  },
};

/** Each distribution of the randomizer. */
export const DISTRIBUTION_TEXT: Record<Distribution, string> = {
  uniform: 'Uniform [−1, 1)',
  normal: 'Normal (σ = 0.5)',
  outliers: 'Normal with a few large outliers',
  relu: 'ReLU-like (non-negative)',
};

/** The note when the other matrix was resized to keep the depths equal. */
export function resizedNote(r: Resized): string {
  return `${matrixName(r.other)} resized to ${r.rows}×${r.cols} so that the depths match (new cells are 0).`;
}
