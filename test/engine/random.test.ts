/** The seeded generator against the draws d3-random 3.0.2 made (links store draws as their seeds). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fdlibmLog, lcg } from '../../src/engine/index.ts';
import { DISTRIBUTIONS, randomMatrix } from '../../src/state/random.ts';
import frozen from '../fixtures/random_draws.json';
import { fnv, hex } from '../helpers/bits.ts';

describe('the seeded generator', () => {
  it.each(frozen.lcgs)('LCG with seed $seed gives the frozen sequence', ({ seed, values }) => {
    const source = lcg(seed);
    expect(Array.from({ length: values.length }, source)).toEqual(values);
  });

  it('reproduces every frozen short draw bit for bit (4 distributions × 11 seeds × 60 values)', () => {
    expect(frozen.short).toHaveLength(DISTRIBUTIONS.length * 11);
    for (const { distribution, seed, length, f32Hex } of frozen.short) {
      const m = randomMatrix(1, length, distribution as (typeof DISTRIBUTIONS)[number], seed);
      expect(hex(m.data), `${distribution} seed ${seed}`).toEqual(f32Hex);
    }
  });

  it('reproduces the frozen 512 × 512 draws (FNV-1a of their bits)', () => {
    for (const { distribution, seed, fnv1a } of frozen.long) {
      const m = randomMatrix(512, 512, distribution as (typeof DISTRIBUTIONS)[number], seed);
      expect(fnv(m.data), `${distribution} seed ${seed}`).toBe(fnv1a);
    }
  });
});

describe('fdlibmLog', () => {
  it('equals V8’s Math.log (fdlibm) bit for bit on any double, and on the special values', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), (x) => Object.is(fdlibmLog(x), Math.log(x))),
      { seed: 5, numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.double({ min: 0.25, max: 1, noNaN: true }), (x) => Object.is(fdlibmLog(x), Math.log(x))),
      { seed: 6, numRuns: 20_000 },
    );
    for (const x of [0, -0, -1, 1, 2, 0.5, Infinity, NaN, Number.MIN_VALUE, 1 + 2 ** -30, 1 - 2 ** -30])
      expect(fdlibmLog(x)).toBe(Math.log(x));
  });
});
