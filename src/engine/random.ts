/**
 * Seeded random numbers, owned by the app so that a draw stored in a link as (distribution, seed)
 * decodes to the same float32 values forever, in every browser. The algorithms are those of
 * d3-random 3.0.2, which links were written with before (test/fixtures/random_draws.json holds
 * its output, and the tests hold these functions to it):
 *
 *     LCG      s ← (1664525 · s + 1013904223) mod 2³²,  u = s / 2³²  ∈ [0, 1)
 *     uniform  a + (b − a) · u
 *     normal   Marsaglia's polar method: x, y uniform in (−1, 1) until 0 < r = x² + y² ≤ 1, then
 *              μ + σ·y·√(−2 ln r / r), and μ + σ·x·√(…) from the same pair on the next call
 *
 * Every operation is exact or correctly rounded IEEE arithmetic (the logarithm is fdlibm's,
 * written out in log.ts), so no engine can round differently.
 */
import { fdlibmLog } from './log.ts';

/** A source of uniform numbers in [0, 1). */
export type RandomSource = () => number;

const MUL = 0x19660d;
const INC = 0x3c6ef35f;
const EPS = 1 / 0x100000000;

/** The linear congruential generator seeded with an integer (or a fraction in [0, 1), as d3 allows). */
export function lcg(seed: number): RandomSource {
  let state = (0 <= seed && seed < 1 ? seed / EPS : Math.abs(seed)) | 0;
  return () => {
    state = (MUL * state + INC) | 0; // MUL · state < 2⁵³: exact before the wrap to 32 bits
    return EPS * (state >>> 0);
  };
}

/** Uniform numbers in [min, max) from `source`. */
export function uniform(source: RandomSource, min: number, max: number): RandomSource {
  const width = max - min;
  return () => source() * width + min;
}

/** Normal numbers with mean `mu` and deviation `sigma` from `source` (two per pair of draws). */
export function normal(source: RandomSource, mu: number, sigma: number): RandomSource {
  let spare: number | null = null;
  let r = 0; // x² + y² of the current pair, for both of its numbers
  return () => {
    let y: number;
    if (spare !== null) {
      y = spare;
      spare = null;
    } else {
      let x: number;
      do {
        x = source() * 2 - 1;
        y = source() * 2 - 1;
        r = x * x + y * y;
      } while (!r || r > 1);
      spare = x;
    }
    return mu + sigma * y * Math.sqrt((-2 * fdlibmLog(r)) / r);
  };
}
