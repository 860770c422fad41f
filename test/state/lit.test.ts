/** The walkthrough's lit cells, derived from shapes and selection, agree with the trace of the product. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellTrace, type FloatMatrix } from '../../src/engine/index.ts';
import { createDerive } from '../../src/state/derived/index.ts';
import { DEFAULT_PRODUCT_OPTIONS, type ProductOptions } from '../../src/state/slices/gemmSlice.ts';

const matrix = (rows: number, cols: number): fc.Arbitrary<FloatMatrix> =>
  fc
    .array(fc.integer({ min: -50, max: 50 }), { minLength: rows * cols, maxLength: rows * cols })
    .map((v) => ({ rows, cols, data: Float32Array.from(v, (x) => x / 8 + 0.0625) }));

const state = fc
  .record({ m: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 6 }), k: fc.integer({ min: 1, max: 4 }) })
  .chain(({ m, n, k }) =>
    fc.record({
      lhs: matrix(m, n),
      rhs: matrix(n, k),
      productOptions: fc
        .boolean()
        .map((bias): ProductOptions => ({ ...DEFAULT_PRODUCT_OPTIONS, bias: bias ? [0.5, -0.25] : null })),
      selected: fc.record({ row: fc.nat(5), col: fc.nat(5) }),
      step: fc.nat(14),
    }),
  );

const derive = createDerive();
const productView = derive.product;
const selectLit = derive.lit;

describe('lit cells', () => {
  it('lights the row, column and term that the trace of the selected cell is at', () => {
    fc.assert(
      fc.property(state, (s) => {
        const product = productView(s);
        if (!product.ok) return true;
        const result = product.value.result;
        const row = Math.min(s.selected.row, result.output.rows - 1);
        const col = Math.min(s.selected.col, result.output.cols - 1);
        const trace = cellTrace(result, row, col);
        const frame = trace.frame(Math.min(s.step, trace.length - 1));
        const j = frame.kind === 'accumulate' ? frame.j : null;
        expect(selectLit(s, 'lhs')).toEqual({ row, col: null, cell: j === null ? null : { row, col: j } });
        expect(selectLit(s, 'rhs')).toEqual({ row: null, col, cell: j === null ? null : { row: j, col } });
        expect(selectLit(s, 'result')).toEqual({ row: null, col: null, cell: { row, col } });
        return true;
      }),
      { seed: 11, numRuns: 300 },
    );
  });
  it('returns the same objects while the position is unchanged (memoized views stay put)', () => {
    const s = fc.sample(state, { seed: 3, numRuns: 1 })[0];
    if (!s) throw new Error('no sample');
    expect(selectLit({ ...s }, 'lhs')).toBe(selectLit({ ...s }, 'lhs'));
  });
});
