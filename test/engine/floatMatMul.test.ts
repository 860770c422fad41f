/** floatMatMul against the plain C++ loop transcribed independently (float32 per operation). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatMatMul, matrixFromRows, type FloatMatrix } from '../../src/engine/index.ts';
import { plainFloatProduct } from '../helpers/float32.ts';

const floatMatrix = (rows: number, cols: number): fc.Arbitrary<FloatMatrix> =>
  fc
    .array(fc.float({ min: -1e4, max: 1e4, noNaN: true }), { minLength: rows * cols, maxLength: rows * cols })
    .map((v) => ({ rows, cols, data: Float32Array.from(v) }));

describe('floatMatMul', () => {
  it('is bit-exact with the in-order float32 loop for shapes 1..9 (both the 4-wide and the remainder path)', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }))
          .chain(([m, n, k]) => fc.tuple(floatMatrix(m, n), floatMatrix(n, k))),
        ([lhs, rhs]) => {
          expect(Array.from(floatMatMul(lhs, rhs).data)).toEqual(plainFloatProduct(lhs, rhs));
        },
      ),
      { seed: 99, numRuns: 500 },
    );
  });
  it('keeps the order of additions (float32 addition is not associative)', () => {
    // 1e8 + 1 − 1e8 in float32 is 0 in this order, 1 in another.
    const lhs = matrixFromRows([[1e8, 1, -1e8]]);
    const rhs = matrixFromRows([[1], [1], [1]]);
    expect(floatMatMul(lhs, rhs).data[0]).toBe(0);
  });
});
