/**
 * Reproducible random matrices: the engine's seeded generator (src/engine/random.ts), so that a
 * visible seed reproduces the same draw on every machine and a link can store a draw as its seed.
 */
import { lcg, normal, uniform, type FloatMatrix } from '../engine/index.ts';
import { memoizeByKey } from './memo.ts';

/** The distributions a user can draw from (the components name them). */
export const DISTRIBUTIONS = ['uniform', 'normal', 'outliers', 'relu'] as const;

/** A distribution key. */
export type Distribution = (typeof DISTRIBUTIONS)[number];

/** The largest seed (seeds are integers from 0). */
export const MAX_SEED = 2147483647;

/**
 * Each input draws from its own stream, so that the same seed on both sides (and so, equal shapes
 * drawn with the seeds each side advances to) never gives both the same values. Stream 0 is the
 * generator as links before 2026-11-29 used it for both.
 */
export const STREAMS = { lhs: 0, rhs: 1 } as const;

/** A stream: 0 or 1. */
export type Stream = (typeof STREAMS)[keyof typeof STREAMS];

/**
 * A rows × cols float32 matrix drawn with `seed` from `stream`: uniform on [−1, 1), normal with
 * σ = 0.5, normal with about 2 % of the entries replaced by ±(5…10), or ReLU of the normal
 * (non-negative). Stream 1 starts the generator at seed − 2³¹, a state no seed of stream 0 has.
 */
export function randomMatrix(
  rows: number,
  cols: number,
  distribution: Distribution,
  seed: number,
  stream: Stream = 0,
): FloatMatrix {
  const source = lcg(seed + stream * 2 ** 31);
  const u = uniform(source, -1, 1);
  const g = normal(source, 0, 0.5);
  const draw = distribution === 'uniform' ? u : distribution === 'relu' ? () => Math.max(0, g()) : g;
  const data = Float32Array.from({ length: rows * cols }, draw);
  if (distribution === 'outliers') {
    // About 2% of entries (at least one) become ±(5…10): the range, and so the step, explodes.
    const pick = uniform(source, 0, data.length);
    const count = Math.max(1, Math.round(data.length * 0.02));
    for (let t = 0; t < count; t++) {
      const magnitude = 5 + 5 * Math.abs(u());
      data[Math.floor(pick())] = u() < 0 ? -magnitude : magnitude;
    }
  }
  return { rows, cols, data };
}

/** randomMatrix, remembered for the last four shapes and choices (links and captions ask for the same draws). */
export const cachedDraw = memoizeByKey(
  (rows: number, cols: number, distribution: Distribution, seed: number, stream: Stream) =>
    `${rows}×${cols} ${distribution} ${seed} ${stream}`,
  randomMatrix,
  4,
);
