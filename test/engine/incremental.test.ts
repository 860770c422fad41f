/** Incremental products are bit-identical to full ones (compared with a fresh computation). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatMatMul, quantizedMatMul, type FloatMatrix } from '../../src/engine/index.ts';
import { f32Hex } from '../helpers/float32.ts';

const SEED = 2018;

const matrix = (rows: number, cols: number): fc.Arbitrary<FloatMatrix> =>
  fc
    .array(
      fc.integer({ min: -1000, max: 1000 }).map((v) => v / 100),
      { minLength: rows * cols, maxLength: rows * cols },
    )
    .map((v) => ({ rows, cols, data: Float32Array.from(v) }));

/** A product and an edit: which side, which cell, the new value. */
const scenario = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 9 }))
  .chain(([m, n, k]) =>
    fc.record({
      lhs: matrix(m, n),
      rhs: matrix(n, k),
      side: fc.constantFrom('lhs', 'rhs', 'both'),
      cell: fc.nat(),
      value: fc.integer({ min: -2000, max: 2000 }).map((v) => v / 100),
    }),
  );

function edit(m: FloatMatrix, cell: number, value: number): FloatMatrix {
  const data = m.data.slice();
  data[cell % data.length] = value;
  return { ...m, data };
}

const hex = (m: { data: ArrayLike<number> }) => Array.from(m.data, f32Hex);

describe('incremental products', () => {
  it('quantizedMatMul with `previous` equals the full computation after any single-cell edit', () => {
    fc.assert(
      fc.property(scenario, ({ lhs, rhs, side, cell, value }) => {
        let before;
        try {
          before = quantizedMatMul(lhs, rhs);
        } catch {
          return;
        }
        const lhs2 = side === 'rhs' ? lhs : edit(lhs, cell, value);
        const rhs2 = side === 'lhs' ? rhs : edit(rhs, cell * 7, value);
        let full;
        try {
          full = quantizedMatMul(lhs2, rhs2);
        } catch {
          return;
        }
        const inc = quantizedMatMul(lhs2, rhs2, { previous: { lhs, rhs, result: before } });
        expect(hex(inc.reference)).toEqual(hex(full.reference));
        expect(Array.from(inc.accumulators.data)).toEqual(Array.from(full.accumulators.data));
        expect(Array.from(inc.output.data)).toEqual(Array.from(full.output.data));
        expect(hex(inc.dequantized)).toEqual(hex(full.dequantized));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
  it('floatMatMul recomputes only the rows it is told to (the others come from `previous`)', () => {
    const lhs = { rows: 2, cols: 1, data: Float32Array.from([1, 2]) };
    const rhs = { rows: 1, cols: 2, data: Float32Array.from([3, 4]) };
    const stale = { rows: 2, cols: 2, data: Float32Array.from([-1, -1, -1, -1]) };
    expect(Array.from(floatMatMul(lhs, rhs, { previous: stale, rows: [1] }).data)).toEqual([-1, -1, 6, 8]);
    expect(Array.from(floatMatMul(lhs, rhs, { previous: stale, cols: [0] }).data)).toEqual([3, -1, 6, -1]);
  });
});
