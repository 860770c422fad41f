/**
 * Preset inputs. The gemmlowp example is google/gemmlowp doc/quantization_example.cc's run
 * (std::mt19937 default seed, uniform_real_distribution<float>(-1, 1) in libstdc++), written as
 * the shortest decimals that parse back to the exact float32 values.
 */
import { matrixFromRows, sameMatrix, type FloatMatrix } from '../engine/index.ts';
import { memoizeByKey } from './memo.ts';
import { randomMatrix } from './random.ts';

/** LHS 2×4 of the gemmlowp example. */
const GEMMLOWP_LHS = [
  [0.629447340965271, 0.8115838766098022, -0.7460263967514038, 0.826751708984375],
  [-0.7290459871292114, 0.6700171232223511, 0.9377355575561523, -0.5579319000244141],
];

/** RHS 4×3 of the gemmlowp example. */
const GEMMLOWP_RHS = [
  [0.26471853256225586, -0.4430035352706909, 0.9150136709213257],
  [-0.38366591930389404, -0.6232360601425171, 0.9929226636886597],
  [-0.8049191832542419, 0.09376299381256104, 0.9297770261764526],
  [0.09444117546081543, 0.9857625961303711, 0.9353898763656616],
];

/** A pair of inputs that teaches one thing (the components name it and say what). */
export interface Preset {
  make(): { lhs: FloatMatrix; rhs: FloatMatrix };
}

/** One outlier: 4×4 small values and a single 12. */
function withOutlier(): FloatMatrix {
  const m = randomMatrix(4, 4, 'uniform', 11);
  const data = m.data.map((v) => Math.fround(v * 0.5));
  data[5] = 12;
  return { ...m, data };
}

/** Weights 16×6 within about ±0.3, but column 3 twenty times larger: one scale per column pays. */
function outlierColumn(): FloatMatrix {
  const m = randomMatrix(16, 6, 'normal', 42);
  const data = m.data.map((v, t) => Math.fround(v * (t % 6 === 2 ? 4 : 0.2)));
  return { ...m, data };
}

/** Weights 128×4 whose magnitude changes every 32 rows (0.05, 0.2, 1, 4): blocks of 32 follow it. */
function blockwise(): FloatMatrix {
  const m = randomMatrix(128, 4, 'normal', 52);
  const size = [0.05, 0.2, 1, 4];
  const data = m.data.map((v, t) => Math.fround(v * (size[Math.floor(t / 4 / 32)] as number)));
  return { ...m, data };
}

/**
 * Weights 256×8 as an LLM's look: most small (normal, σ 0.02), a few per column far larger (±0.15
 * to ±0.4), and every 32 rows a different spread — the outliers and blocks the LLM formats are made for.
 */
function llmWeights(): FloatMatrix {
  const m = randomMatrix(256, 8, 'normal', 61);
  const outliers = randomMatrix(256, 8, 'uniform', 62);
  const data = m.data.map((v, t) => {
    const u = outliers.data[t] as number;
    const spread = 0.02 * (1 + (Math.floor(t / 8 / 32) % 4));
    return Math.fround(
      Math.abs(u) > 0.985 ? Math.sign(u) * (0.15 + (0.25 * (Math.abs(u) - 0.985)) / 0.015) : v * spread,
    );
  });
  return { ...m, data };
}

/**
 * The presets, in menu order; `gemmlowp` is the first-load default. `outlier`: a single 12 among
 * values within ±0.5; `positive`: ReLU-like activations (range starts at 0); `constant`: every
 * LHS value 0.5; `outlierColumn` and `blocks`: weights for the scheme comparison (per column, blocks); `llmWeights`:
 * weights with outliers for the LLM formats.
 */
const PRESETS = {
  gemmlowp: {
    make: () => ({ lhs: matrixFromRows(GEMMLOWP_LHS), rhs: matrixFromRows(GEMMLOWP_RHS) }),
  },
  outlier: {
    make: () => ({ lhs: withOutlier(), rhs: randomMatrix(4, 3, 'uniform', 12) }),
  },
  positive: {
    make: () => ({ lhs: randomMatrix(3, 6, 'relu', 21), rhs: randomMatrix(6, 3, 'normal', 22) }),
  },
  constant: {
    make: () => ({
      lhs: { rows: 3, cols: 3, data: new Float32Array(9).fill(0.5) },
      rhs: randomMatrix(3, 3, 'uniform', 31),
    }),
  },
  outlierColumn: {
    make: () => ({ lhs: randomMatrix(4, 16, 'uniform', 41), rhs: outlierColumn() }),
  },
  blocks: {
    make: () => ({ lhs: randomMatrix(2, 128, 'uniform', 51), rhs: blockwise() }),
  },
  llmWeights: {
    make: () => ({ lhs: randomMatrix(2, 256, 'uniform', 63), rhs: llmWeights() }),
  },
} as const satisfies Record<string, Preset>;

/** A preset key. */
export type PresetId = keyof typeof PRESETS;

/** The preset keys, in menu order. */
export const PRESET_IDS = Object.keys(PRESETS) as PresetId[];

/** The preset whose two matrices are exactly these, if any. */
export function presetOf(lhs: FloatMatrix, rhs: FloatMatrix): PresetId | null {
  return PRESET_IDS.find((id) => samePair(presetMatrices(id), lhs, rhs)) ?? null;
}

/** A preset's matrices, made once (they are never mutated: edits make new matrices). */
export const presetMatrices = memoizeByKey(
  (id: PresetId) => id,
  (id: PresetId) => PRESETS[id].make(),
  8,
);

function samePair(p: { lhs: FloatMatrix; rhs: FloatMatrix }, lhs: FloatMatrix, rhs: FloatMatrix): boolean {
  return sameMatrix(p.lhs, lhs) && sameMatrix(p.rhs, rhs);
}
