/**
 * Reproducible random matrices: d3-random distributions driven by a seeded LCG, so a visible
 * seed reproduces the same draw on every machine.
 */
import { randomLcg, randomNormal, randomUniform } from 'd3-random';
import type { FloatMatrix } from '../engine/index.ts';

/** The distributions a user can draw from. */
export const DISTRIBUTIONS = {
  uniform: 'Uniform [−1, 1]',
  normal: 'Normal (σ = 0.5)',
  outliers: 'Normal with a few large outliers',
  relu: 'ReLU-like (non-negative)',
} as const;

/** A distribution key. */
export type Distribution = keyof typeof DISTRIBUTIONS;

/** A rows × cols float32 matrix drawn from `distribution` with `seed`. */
export function randomMatrix(rows: number, cols: number, distribution: Distribution, seed: number): FloatMatrix {
  const source = randomLcg(seed);
  const uniform = randomUniform.source(source)(-1, 1);
  const normal = randomNormal.source(source)(0, 0.5);
  const draw: () => number =
    distribution === 'uniform' ? uniform : distribution === 'relu' ? () => Math.max(0, normal()) : normal;
  const data = Float32Array.from({ length: rows * cols }, draw);
  if (distribution === 'outliers') {
    // About 2% of entries (at least one) become ±(5…10): the range, and so the step, explodes.
    const pick = randomUniform.source(source)(0, data.length);
    const count = Math.max(1, Math.round(data.length * 0.02));
    for (let t = 0; t < count; t++) {
      const magnitude = 5 + 5 * Math.abs(uniform());
      data[Math.floor(pick())] = uniform() < 0 ? -magnitude : magnitude;
    }
  }
  return { rows, cols, data };
}
