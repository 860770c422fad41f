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
 * Each input draws from its own stream, so that the same seed on both sides never gives related
 * values, and consecutive seeds give unrelated draws. Streams 1 (RHS) and 2 (LHS) start the
 * generator from the seed hashed (murmur3's 32-bit finalizer), at unrelated places of its cycle.
 * Stream 0 starts it at the seed itself, as links before 2026-11-29 did for both inputs: there,
 * consecutive seeds give nearly the same first values (the LCG moves a seed of 1 by 0.0004).
 */
export const STREAMS = { lhs: 2, rhs: 1 } as const;

/** A stream: 0 (the seed itself, links before streams), 1 or 2 (the seed hashed). */
export type Stream = 0 | 1 | 2;

/** The streams an input's draw may come from: its own, then stream 0 (a link from before streams). */
export const DRAW_STREAMS = { lhs: [2, 0], rhs: [1, 0] } as const satisfies Record<
  keyof typeof STREAMS,
  readonly Stream[]
>;

/** The generator's starting seed for `seed` in `stream`. */
function streamSeed(seed: number, stream: Stream): number {
  if (stream === 0) return seed;
  let h = (seed + stream * 0x9e3779b9) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A rows × cols float32 matrix drawn with `seed` from `stream`: uniform on [−1, 1), normal with
 * σ = 0.5, normal with about 2 % of the entries replaced by ±(5…10), or ReLU of the normal
 * (non-negative).
 */
export function randomMatrix(
  rows: number,
  cols: number,
  distribution: Distribution,
  seed: number,
  stream: Stream = 0,
): FloatMatrix {
  const source = lcg(streamSeed(seed, stream));
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
