/** The seeded generator against the draws d3-random 3.0.2 made (links store draws as their seeds). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fdlibmLog, lcg } from '../../src/engine/index.ts';
import { DISTRIBUTIONS, randomMatrix, STREAMS, type Stream } from '../../src/state/random.ts';
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

/**
 * The app's own streams 1 (RHS) and 2 (LHS), frozen when they were introduced (2026-11-29): links
 * store draws as (distribution, seed, stream), so these values must never change.
 */
const STREAM_DRAWS = [
  {
    stream: 1,
    distribution: 'uniform',
    seed: 2,
    f32Hex: ['bdfe6222', '3f4da757', 'bf62a12e', 'bf4c5876', 'bf267d60', 'bea50e45', '3d531cfe', '3e95c7cb'],
  },
  {
    stream: 1,
    distribution: 'normal',
    seed: 3,
    f32Hex: ['be053590', '3f2f2990', '3ee24040', 'bd9b6ab0', 'bf31f6a9', '3f354bdc', '3e269d16', 'bf6e2dad'],
  },
  {
    stream: 1,
    distribution: 'outliers',
    seed: 4,
    f32Hex: ['3f379bad', 'be077d0d', 'beab4e76', 'bf334f22', '3f1152e6', 'beab2ba6', 'bf03ab11', 'c0e86981'],
  },
  {
    stream: 1,
    distribution: 'relu',
    seed: 5,
    f32Hex: ['00000000', '00000000', '00000000', '3f6e9bed', '00000000', '3d2d25d7', '00000000', '00000000'],
  },
  {
    stream: 2,
    distribution: 'uniform',
    seed: 2,
    f32Hex: ['bda72d80', 'be9904d4', '3e8872b0', '3eb8f3a9', 'bf099483', 'bee44758', '3f2fe1b1', 'beadb15c'],
  },
  {
    stream: 2,
    distribution: 'normal',
    seed: 3,
    f32Hex: ['3d341550', '3f5c9af2', 'bc3c3980', 'befe1b10', '3f055a81', '3e587920', '3e865fba', '3ea31426'],
  },
  {
    stream: 2,
    distribution: 'outliers',
    seed: 4,
    f32Hex: ['beb1a927', 'be3bb2d4', '3e27c52f', '3e0e8a43', '3e82998a', '40b2d520', '3f29d5f5', 'bb1913cd'],
  },
  {
    stream: 2,
    distribution: 'relu',
    seed: 5,
    f32Hex: ['00000000', '00000000', '00000000', '00000000', '3e45dfd8', '3ed21b1d', '00000000', '3e965081'],
  },
] as const;

describe('the inputs’ streams', () => {
  it('reproduce their frozen draws', () => {
    for (const { stream, distribution, seed, f32Hex } of STREAM_DRAWS) {
      expect(hex(randomMatrix(1, 8, distribution, seed, stream).data), `${distribution} ${seed} ${stream}`).toEqual(
        f32Hex,
      );
    }
  });
  it('give unrelated draws for consecutive seeds (stream 0 moves its first value by 0.0008 a seed)', () => {
    const first = (seed: number, stream: Stream) => randomMatrix(1, 1, 'uniform', seed, stream).data[0] ?? 0;
    const meanStep = (stream: Stream) =>
      Array.from({ length: 100 }, (_, k) => Math.abs(first(k + 2, stream) - first(k + 1, stream))).reduce(
        (a, b) => a + b,
      ) / 100;
    expect(meanStep(0)).toBeLessThan(0.01);
    expect(meanStep(1)).toBeGreaterThan(0.4); // two independent uniforms on [−1, 1) differ by 2/3 on average
    expect(meanStep(2)).toBeGreaterThan(0.4);
  });
  it('give the two inputs unrelated values for the same seed', () => {
    const lhs = randomMatrix(32, 32, 'uniform', 7, STREAMS.lhs).data;
    const rhs = randomMatrix(32, 32, 'uniform', 7, STREAMS.rhs).data;
    let product = 0;
    let nearOne = 0;
    for (let t = 0; t < lhs.length; t++) {
      product += (lhs[t] ?? 0) * (rhs[t] ?? 0);
      if (Math.abs(Math.abs((rhs[t] ?? 0) - (lhs[t] ?? 0)) - 1) < 1e-6) nearOne++;
    }
    expect(Math.abs(product / lhs.length)).toBeLessThan(0.05); // uncorrelated: E[xy] = 0, σ ≈ 0.011
    expect(nearOne).toBe(0);
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
