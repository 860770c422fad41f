/**
 * The WebAssembly SIMD kernels against the plain JavaScript loops they replace (each checked
 * elsewhere against gemmlowp's and TFLite's numbers and BigInt): bit for bit, on random shapes
 * that exercise every padding, the incremental row/column updates, and every convolution geometry.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { floatMatMul, integerMatMul, type FloatMatrix, type Matrix } from '../../src/engine/index.ts';
import {
  highMulAndDivide,
  roundingDivideByPOT,
  saturatingRoundingDoublingHighMul,
} from '../../src/engine/fixedPoint.ts';
import { simd, enableSimd } from '../../src/engine/simd.ts';
import type { EightBitCodes } from '../../src/engine/codes.ts';
import { conv2d, fullyConnected, type ConvInputs } from '../../src/models/tflite/convOps.ts';
import type { Requantization } from '../../src/models/tflite/prepare.ts';

const SEED = 2018;

afterEach(() => enableSimd(true));

/** f() computed by the JavaScript loops and by the kernels. */
function bothWays<T>(f: () => T): { js: T; wasm: T } {
  enableSimd(false);
  const js = f();
  enableSimd(true);
  return { js, wasm: f() };
}

const codes = (n: number, signed: boolean): fc.Arbitrary<EightBitCodes> =>
  fc
    .array(fc.integer({ min: signed ? -128 : 0, max: signed ? 127 : 255 }), { minLength: n, maxLength: n })
    .map((v) => (signed ? Int8Array.from(v) : Uint8Array.from(v)));

it('runs here: WebAssembly SIMD compiles in this environment (else every test below compares JS with JS)', () => {
  expect(simd()).not.toBeNull();
});

describe('integerMatMul', () => {
  const product = fc
    .record({
      m: fc.integer({ min: 1, max: 13 }),
      n: fc.integer({ min: 1, max: 37 }),
      k: fc.integer({ min: 1, max: 11 }),
      signed: fc.boolean(),
      perChannel: fc.boolean(),
    })
    .chain(({ m, n, k, signed, perChannel }) => {
      const zero = fc.integer({ min: signed ? -128 : 0, max: signed ? 127 : 255 });
      return fc.record({
        lhs: codes(m * n, signed).map((data): Matrix<EightBitCodes> => ({ rows: m, cols: n, data })),
        rhs: codes(n * k, signed).map((data): Matrix<EightBitCodes> => ({ rows: n, cols: k, data })),
        z1: perChannel ? fc.array(zero, { minLength: m, maxLength: m }) : zero,
        z2: perChannel ? fc.array(zero, { minLength: k, maxLength: k }) : zero,
        rows: fc.uniqueArray(fc.integer({ min: 0, max: m - 1 }), { maxLength: m }).map((r) => r.sort((a, b) => a - b)),
        cols: fc.uniqueArray(fc.integer({ min: 0, max: k - 1 }), { maxLength: k }).map((c) => c.sort((a, b) => a - b)),
      });
    });

  it('gives the JavaScript accumulators, whole and for changed rows or columns', () => {
    fc.assert(
      fc.property(product, ({ lhs, rhs, z1, z2, rows, cols }) => {
        const whole = bothWays(() => integerMatMul(lhs, z1, rhs, z2));
        expect(whole.wasm.data).toEqual(whole.js.data);
        // An update recomputes the listed rows (or columns) over a previous result of other numbers.
        const previous = { rows: lhs.rows, cols: rhs.cols, data: whole.js.data.map((v) => v ^ 0x5a5a) };
        for (const update of [
          { previous, rows },
          { previous, cols },
        ]) {
          const part = bothWays(() => integerMatMul(lhs, z1, rhs, z2, update));
          expect(part.wasm.data).toEqual(part.js.data);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('gives the JavaScript accumulators at a depth of 8-bit extremes (|sums| near 2^31)', () => {
    const depth = 33025; // SAFE_UINT8_DEPTH: the deepest product the int32 kernels take
    const lhs = { rows: 2, cols: depth, data: new Uint8Array(2 * depth).fill(255) };
    const rhs = { rows: depth, cols: 3, data: new Uint8Array(depth * 3).fill(0) };
    const { js, wasm } = bothWays(() => integerMatMul(lhs, 0, rhs, 255));
    expect(wasm.data).toEqual(js.data);
    expect(wasm.data[0]).toBe(-255 * 255 * depth);
  });
});

describe('floatMatMul', () => {
  const float32 = fc.oneof(
    fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e3, max: 1e3 }),
    fc.float({ noNaN: true, noDefaultInfinity: true }), // products that overflow to ±∞ as well
    fc.constantFrom(1e-45, -1e-45, 1.1754942e-38, 0, -0, 3.4e38),
  );
  const product = fc
    .record({
      m: fc.integer({ min: 1, max: 11 }),
      n: fc.integer({ min: 1, max: 9 }),
      k: fc.integer({ min: 1, max: 21 }),
    })
    .chain(({ m, n, k }) =>
      fc.record({
        lhs: fc.array(float32, { minLength: m * n, maxLength: m * n }).map((v): FloatMatrix => ({
          rows: m,
          cols: n,
          data: Float32Array.from(v),
        })),
        rhs: fc.array(float32, { minLength: n * k, maxLength: n * k }).map((v): FloatMatrix => ({
          rows: n,
          cols: k,
          data: Float32Array.from(v),
        })),
        rows: fc.uniqueArray(fc.integer({ min: 0, max: m - 1 }), { maxLength: m }).map((r) => r.sort((a, b) => a - b)),
        cols: fc.uniqueArray(fc.integer({ min: 0, max: k - 1 }), { maxLength: k }).map((c) => c.sort((a, b) => a - b)),
      }),
    );
  /** Each output as its bits; NaN (∞ − ∞) as one value: its payload is not part of IEEE's result. */
  const bits = (m: FloatMatrix) =>
    Array.from(m.data, (v) => (Number.isNaN(v) ? 'NaN' : new Uint32Array(Float32Array.of(v).buffer)[0]));

  it('gives the JavaScript float32 bits, subnormals, signed zeros and overflows included', () => {
    fc.assert(
      fc.property(product, ({ lhs, rhs, rows, cols }) => {
        const whole = bothWays(() => floatMatMul(lhs, rhs));
        expect(bits(whole.wasm)).toEqual(bits(whole.js));
        const previous = { rows: lhs.rows, cols: rhs.cols, data: whole.js.data.map((v) => v + 1) };
        for (const update of [
          { previous, rows },
          { previous, cols },
        ]) {
          const part = bothWays(() => floatMatMul(lhs, rhs, update));
          expect(bits(part.wasm)).toEqual(bits(part.js));
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('highMulAndDivide', () => {
  const int32 = fc.oneof(
    fc.integer({ min: -2147483648, max: 2147483647 }),
    fc.constantFrom(-2147483648, -2147483647, -1, 0, 1, 2147483647, 1 << 30, (1 << 30) - 1, (1 << 30) + 1),
    // Small values: products near the rounding boundaries (a · b + 2^30 a multiple of 2^31, or one off).
    fc.integer({ min: -70000, max: 70000 }),
  );
  it('is SaturatingRoundingDoublingHighMul then RoundingDivideByPOT, element by element, in JS and in the kernel', () => {
    fc.assert(
      fc.property(
        fc.array(int32, { minLength: 1, maxLength: 40 }),
        int32,
        fc.integer({ min: 0, max: 31 }),
        (a, m0, shift) => {
          const acc = Int32Array.from(a);
          const h = a.map((x) => saturatingRoundingDoublingHighMul(x, m0));
          const { js, wasm } = bothWays(() => {
            const highMul = new Int32Array(a.length);
            const shifted = new Int32Array(a.length);
            highMulAndDivide(acc, m0, shift, highMul, shifted);
            return { highMul: Array.from(highMul), shifted: Array.from(shifted) };
          });
          for (const out of [js, wasm]) {
            expect(out.highMul).toEqual(h);
            expect(out.shifted).toEqual(h.map((x) => roundingDivideByPOT(x, shift)));
          }
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe('the model runner’s CONV_2D and FULLY_CONNECTED', () => {
  const requantization = (channels: number): Requantization => ({
    realMultipliers: new Float64Array(channels),
    multipliers: Int32Array.from({ length: channels }, (_, c) => 1073741824 + c * 7654321),
    shifts: Int32Array.from({ length: channels }, (_, c) => -6 - (c % 3)),
    outputZeroPoint: 3,
    inputZeroPoint: -5,
    outputMin: -128,
    outputMax: 127,
    biasScales: new Float64Array(channels),
  });
  const int8 = (n: number) => codes(n, true).map((v) => Array.from(v));
  const geometry = fc.record({
    batches: fc.integer({ min: 1, max: 2 }),
    inH: fc.integer({ min: 1, max: 7 }),
    inW: fc.integer({ min: 1, max: 7 }),
    inC: fc.integer({ min: 1, max: 11 }),
    outC: fc.integer({ min: 1, max: 9 }),
    filterH: fc.integer({ min: 1, max: 3 }),
    filterW: fc.integer({ min: 1, max: 3 }),
    stride_h: fc.integer({ min: 1, max: 3 }),
    stride_w: fc.integer({ min: 1, max: 3 }),
    dilation_h_factor: fc.integer({ min: 1, max: 2 }),
    dilation_w_factor: fc.integer({ min: 1, max: 2 }),
    padding: fc.constantFrom(0, 1), // SAME, VALID
    perChannel: fc.boolean(),
    withBias: fc.boolean(),
  });
  const conv = geometry
    .filter(
      (g) =>
        g.padding === 0 ||
        (g.inH >= (g.filterH - 1) * g.dilation_h_factor + 1 && g.inW >= (g.filterW - 1) * g.dilation_w_factor + 1),
    )
    .chain((g) =>
      fc.record({
        g: fc.constant(g),
        input: int8(g.batches * g.inH * g.inW * g.inC),
        filter: int8(g.outC * g.filterH * g.filterW * g.inC),
        bias: fc.array(fc.integer({ min: -50000, max: 50000 }), { minLength: g.outC, maxLength: g.outC }),
        zeros: fc.array(fc.integer({ min: -128, max: 127 }), { minLength: g.outC, maxLength: g.outC }),
      }),
    );

  it('CONV_2D gives the reference loop’s accumulators and codes for every geometry', () => {
    fc.assert(
      fc.property(conv, ({ g, input, filter, bias, zeros }) => {
        const { batches, inH, inW, inC, outC, filterH, filterW, perChannel, withBias, ...attributes } = g;
        const node = { op: 'CONV_2D', inputs: [], outputs: [], attributes };
        const x: ConvInputs = {
          input: { shape: [batches, inH, inW, inC], dtype: 'int8', data: input },
          filter: { shape: [outC, filterH, filterW, inC], dtype: 'int8', data: filter },
          bias: withBias ? { shape: [outC], dtype: 'int32', data: bias } : null,
          filterZeroPoints: perChannel ? Int32Array.from(zeros) : Int32Array.of(zeros[0] ?? 0),
          outputDtype: 'int8',
        };
        const { js, wasm } = bothWays(() => conv2d(node, x, requantization(outC)));
        expect(wasm.accumulators).toEqual(js.accumulators);
        expect(wasm.outputs).toEqual(js.outputs);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('FULLY_CONNECTED gives the reference loop’s accumulators and codes', () => {
    const fc1 = fc
      .record({
        batches: fc.integer({ min: 1, max: 5 }),
        depth: fc.integer({ min: 1, max: 40 }),
        out: fc.integer({ min: 1, max: 9 }),
      })
      .chain((s) =>
        fc.record({
          s: fc.constant(s),
          input: int8(s.batches * s.depth),
          filter: int8(s.out * s.depth),
          bias: fc.array(fc.integer({ min: -50000, max: 50000 }), { minLength: s.out, maxLength: s.out }),
        }),
      );
    fc.assert(
      fc.property(fc1, ({ s, input, filter, bias }) => {
        const node = { op: 'FULLY_CONNECTED', inputs: [], outputs: [], attributes: {} };
        const x: ConvInputs = {
          input: { shape: [s.batches, s.depth], dtype: 'int8', data: input },
          filter: { shape: [s.out, s.depth], dtype: 'int8', data: filter },
          bias: { shape: [s.out], dtype: 'int32', data: bias },
          filterZeroPoints: new Int32Array(1),
          outputDtype: 'int8',
        };
        const { js, wasm } = bothWays(() => fullyConnected(node, x, requantization(s.out)));
        expect(wasm.accumulators).toEqual(js.accumulators);
        expect(wasm.outputs).toEqual(js.outputs);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
