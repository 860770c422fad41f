/** quantizedMatMul and cellTrace on random matrices, against independent plain-loop computations. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellTrace,
  chooseQuantizationParams,
  integerMatMul,
  matrixFromRows,
  quantizedMatMul,
  resultReal,
  type Activation,
  type FloatMatrix,
} from '../../src/engine/index.ts';
import { plainFloatProduct } from '../helpers/float32.ts';
import { problemOf, kindOf } from '../helpers/problem.ts';

const SEED = 7;

/** A float32 matrix arbitrary with the given shape bounds. */
const matrix = (rows: number, cols: number): fc.Arbitrary<FloatMatrix> =>
  fc
    // Tenths in [−100, 100]: well-conditioned values (no float32 underflow in the product's range).
    .array(
      fc.integer({ min: -1000, max: 1000 }).map((v) => v / 10),
      {
        minLength: rows * cols,
        maxLength: rows * cols,
      },
    )
    .map((values) => ({ rows, cols, data: Float32Array.from(values) }));

const product = fc
  .record({ m: fc.integer({ min: 1, max: 6 }), n: fc.integer({ min: 1, max: 9 }), k: fc.integer({ min: 1, max: 6 }) })
  .chain(({ m, n, k }) => fc.tuple(matrix(m, n), matrix(n, k)))
  .filter(([a, b]) => a.data.some((v) => v !== 0) && b.data.some((v) => v !== 0));

/** The product, or null where the engine refuses it (its messages are tested separately). */
function productOrNull(lhs: FloatMatrix, rhs: FloatMatrix) {
  try {
    return quantizedMatMul(lhs, rhs);
  } catch {
    return null;
  }
}

describe('integerMatMul', () => {
  it('equals the plain triple loop Σ (q1 − Z1)(q2 − Z2) for shapes up to 5×9·9×9 (1×4 kernel and remainder)', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }))
          .chain(([m, n, k]) =>
            fc.tuple(
              fc.uint8Array({ minLength: m * n, maxLength: m * n }),
              fc.uint8Array({ minLength: n * k, maxLength: n * k }),
              fc.integer({ min: 0, max: 255 }),
              fc.integer({ min: 0, max: 255 }),
              fc.constant([m, n, k] as const),
            ),
          ),
        ([a, b, z1, z2, [m, n, k]]) => {
          const acc = integerMatMul({ rows: m, cols: n, data: a }, z1, { rows: n, cols: k, data: b }, z2);
          for (let i = 0; i < m; i++) {
            for (let c = 0; c < k; c++) {
              let s = 0;
              for (let j = 0; j < n; j++) s += ((a[i * n + j] as number) - z1) * ((b[j * k + c] as number) - z2);
              if (acc.data[i * k + c] !== s) return false;
            }
          }
          return true;
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe('the zero-point decomposition (paper eq. 7)', () => {
  it('equals the direct sum for every cell of random products', () => {
    fc.assert(
      fc.property(product, ([lhs, rhs]) => {
        const r = productOrNull(lhs, rhs);
        if (!r) return true; // e.g. M ≥ 1 for this draw: refused with a message, tested below
        for (let i = 0; i < lhs.rows; i++) {
          for (let k = 0; k < rhs.cols; k++) {
            const trace = cellTrace(r, i, k);
            const d = trace.frame(lhs.cols);
            if (d.kind !== 'decomposition' || d.decomposed !== d.direct) return false;
            const last = trace.frame(lhs.cols - 1);
            if (last.kind !== 'accumulate' || last.accumulator !== d.direct) return false;
          }
        }
        return true;
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('quantizedMatMul', () => {
  it('lands within a few output steps of the float product for well-conditioned inputs', () => {
    fc.assert(
      fc.property(product, ([lhs, rhs]) => {
        const r = productOrNull(lhs, rhs);
        if (!r) return true;
        const s3 = r.resultParams.scale;
        const n = lhs.cols;
        // Error bound: input rounding (S1/2·|r2| + S2/2·|r1| per term) plus two output roundings.
        let bound = 0;
        for (let t = 0; t < lhs.data.length; t++) bound = Math.max(bound, Math.abs(lhs.data[t] as number));
        let bound2 = 0;
        for (let t = 0; t < rhs.data.length; t++) bound2 = Math.max(bound2, Math.abs(rhs.data[t] as number));
        const tol =
          n * (r.lhsParams.scale * bound2 + r.rhsParams.scale * bound + r.lhsParams.scale * r.rhsParams.scale) + 2 * s3;
        return r.dequantized.data.every((v, t) => Math.abs(v - (r.reference.data[t] as number)) <= tol);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
  it('clamps and counts outputs outside a hand-set result range', () => {
    const lhs = matrixFromRows([[1, -1]]);
    const rhs = matrixFromRows([[1], [1]]);
    const rhs2 = matrixFromRows([[2], [-1]]);
    expect(quantizedMatMul(lhs, rhs2, { resultRange: { min: -1, max: 1 } }).clampedHigh).toBe(1);
    expect(quantizedMatMul(lhs, rhs, { resultRange: { min: -1, max: 1 } }).clampedHigh).toBe(0);
  });
  it('explains a depth mismatch, a NaN input and a multiplier ≥ 1', () => {
    const a = matrixFromRows([[1, 2]]);
    expect(problemOf(() => quantizedMatMul(a, a)).problem).toEqual({
      kind: 'depthMismatch',
      lhsRows: 1,
      lhsCols: 2,
      rhsRows: 1,
      rhsCols: 2,
    });
    const withNaN = matrixFromRows([[Number.NaN], [1]]);
    expect(problemOf(() => quantizedMatMul(a, withNaN))).toMatchObject({
      subject: 'rhs',
      problem: { kind: 'notFinite' },
    });
    const b = matrixFromRows([[1], [1]]);
    expect(kindOf(() => quantizedMatMul(a, b, { resultRange: { min: 0, max: 0.001 } }))).toBe('multiplierNotBelowOne');
  });
});

describe('resultReal (the real side of the product)', () => {
  const withOptions = fc.tuple(
    product,
    fc.constantFrom<Activation>('none', 'relu', 'relu6'),
    fc.boolean(),
    fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 6, maxLength: 6 }),
  );
  it('takes the result parameters from the min/max of activation(float product + bias), computed independently', () => {
    let checked = 0;
    fc.assert(
      fc.property(withOptions, ([[lhs, rhs], activation, useBias, biasValues]) => {
        const bias = useBias ? biasValues.slice(0, rhs.cols).map((b) => b / 4) : null;
        const expected = plainFloatProduct(lhs, rhs).map((v, t) => {
          const x = bias ? Math.fround(v + (bias[t % rhs.cols] as number)) : v;
          return activation === 'relu' ? Math.max(0, x) : activation === 'relu6' ? Math.min(6, Math.max(0, x)) : x;
        });
        let real;
        try {
          real = resultReal(lhs, rhs, { activation, bias });
        } catch {
          return true; // refused inputs are covered by the messages test
        }
        const params = chooseQuantizationParams(Math.min(...expected), Math.max(...expected));
        checked++;
        return (
          real.resultParams.scale === params.scale &&
          real.resultParams.zeroPoint === params.zeroPoint &&
          real.ideal.data.every((v, t) => Object.is(v, expected[t]))
        );
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect(checked).toBeGreaterThanOrEqual(250); // refusals must not hollow the property out
  });
  it('is what quantizedMatMul uses: the product follows the real side it is handed', () => {
    let checked = 0;
    fc.assert(
      fc.property(product, fc.double({ min: 0.5, max: 4, noNaN: true }), ([lhs, rhs], widen) => {
        const direct = productOrNull(lhs, rhs);
        if (!direct) return true;
        // A real side with another result range than the product's own min/max: if quantizedMatMul
        // ignored `real`, it would use the float result's range instead.
        const { min, max } = direct.resultParams;
        const resultRange = { min: min * widen - 1, max: max * widen + 1 };
        let handSet;
        try {
          handSet = quantizedMatMul(lhs, rhs, { resultRange });
        } catch {
          return true;
        }
        const viaReal = quantizedMatMul(lhs, rhs, { real: resultReal(lhs, rhs, { resultRange }) });
        checked++;
        return (
          viaReal.resultParams.scale === handSet.resultParams.scale &&
          viaReal.resultParams.scale !== direct.resultParams.scale &&
          viaReal.quantizedMultiplier === handSet.quantizedMultiplier &&
          viaReal.output.data.every((v, t) => v === handSet.output.data[t])
        );
      }),
      { seed: SEED, numRuns: 100 },
    );
    expect(checked).toBeGreaterThanOrEqual(80);
  });
  it('updates only what an edit touched and stays bit-identical to a full computation', () => {
    fc.assert(
      fc.property(product, fc.nat(), fc.integer({ min: -1000, max: 1000 }), ([lhs, rhs], at, value) => {
        const before = resultReal(lhs, rhs);
        const data = lhs.data.slice();
        data[at % data.length] = value / 10;
        const edited = { ...lhs, data };
        let full;
        try {
          full = resultReal(edited, rhs);
        } catch {
          return true;
        }
        const incremental = resultReal(edited, rhs, { previous: { lhs, rhs, result: before } });
        return incremental.reference.data.every((v, t) => Object.is(v, full.reference.data[t]));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
  it('reports a bad input before looking at the product', () => {
    const a = matrixFromRows([[1, Number.NaN]]);
    const b = matrixFromRows([[1], [1]]);
    expect(problemOf(() => resultReal(a, b))).toMatchObject({ subject: 'lhs', problem: { kind: 'notFinite' } });
    expect(problemOf(() => resultReal(b, matrixFromRows([[Number.POSITIVE_INFINITY]])))).toMatchObject({
      subject: 'rhs',
    });
  });
});

describe('quantizedMatMul on arbitrary float32 input', () => {
  const anyFloat = fc.float({ noNaN: false, noDefaultInfinity: false });
  const anyMatrix = (rows: number, cols: number): fc.Arbitrary<FloatMatrix> =>
    fc
      .array(anyFloat, { minLength: rows * cols, maxLength: rows * cols })
      .map((v) => ({ rows, cols, data: Float32Array.from(v) }));
  it('either returns only finite numbers or throws an Error with a message (never NaN/∞ silently)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(anyMatrix(2, n), anyMatrix(n, 3))),
        ([lhs, rhs]) => {
          try {
            const r = quantizedMatMul(lhs, rhs);
            const numbers = [
              r.lhsParams.scale,
              r.rhsParams.scale,
              r.resultParams.scale,
              r.realMultiplier,
              ...r.dequantized.data,
            ];
            return numbers.every(Number.isFinite);
          } catch (e) {
            return e instanceof Error && e.message.length > 10;
          }
        },
      ),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
