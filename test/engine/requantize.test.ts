/**
 * Requantization by every method, and products of every scheme pair: against ONNX Runtime's
 * QLinearMatMul (test/fixtures/schemes_onnx.json) and against oracles written here with BigInt and
 * exact rationals (never the engine's own output).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PRESETS,
  cellTrace,
  compareMethods,
  compareRequantizations,
  integerMatMul,
  quantizeMultiplier,
  quantizeTensor,
  quantizedMatMul,
  requantize,
  requantizer,
  type FloatMatrix,
  type Requantization,
  type Scheme,
} from '../../src/engine/index.ts';
import onnx from '../fixtures/schemes_onnx.json';
import { kindOf } from '../helpers/problem.ts';

describe('float32 requantization', () => {
  it.each(onnx.qlinearMatMul.map((c) => [c.name, c] as const))('is ONNX Runtime’s QLinearMatMul: %s', (_name, c) => {
    const a = {
      rows: c.m,
      cols: c.k,
      data: c.a.type === 'uint8' ? Uint8Array.from(c.a.codes) : Int8Array.from(c.a.codes),
    };
    const b = {
      rows: c.k,
      cols: c.n,
      data: c.b.type === 'uint8' ? Uint8Array.from(c.b.codes) : Int8Array.from(c.b.codes),
    };
    const perColumn = c.b.scales.length > 1;
    const acc = integerMatMul(a, c.a.zeroPoint, b, perColumn ? c.b.zeroPoints : (c.b.zeroPoints[0] as number));
    const [lo, hi] = c.y.type === 'uint8' ? [0, 255] : [-128, 127];
    const got = Array.from(acc.data, (v, t) => {
      const r = requantizer(
        'float32',
        Number(c.a.scale),
        Number(c.b.scales[perColumn ? t % c.n : 0]),
        Number(c.y.scale),
      );
      const y = requantize(r, v).scaled + c.y.zeroPoint;
      return Math.min(hi, Math.max(lo, y));
    });
    expect(got).toEqual(c.y.codes);
  });
});

// ---------------------------------------------------------------- oracles (BigInt / exact rationals)
const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

/** gemmlowp's SaturatingRoundingDoublingHighMul, in BigInt. */
function srdhm(a: bigint, b: bigint): bigint {
  if (a === b && a === INT32_MIN) return INT32_MAX;
  const ab = a * b;
  const nudge = ab >= 0n ? 1n << 30n : 1n - (1n << 30n);
  return (ab + nudge) / (1n << 31n); // BigInt division truncates toward zero, as C++'s
}
/** RoundingDivideByPOT, in BigInt: round half away from zero. */
function rdbpot(x: bigint, e: bigint): bigint {
  const mask = (1n << e) - 1n;
  const remainder = x & mask;
  const threshold = (mask >> 1n) + (x < 0n ? 1n : 0n);
  return (x >> e) + (remainder > threshold ? 1n : 0n);
}
/** An exact rational p / 2^k of a double (every double is one). */
function exact(x: number): { p: bigint; k: bigint } {
  let k = 0n;
  let v = x;
  while (!Number.isInteger(v)) {
    v *= 2;
    k++;
  }
  return { p: BigInt(v), k };
}
/** Round half to even of p / 2^k. */
function rneExact(p: bigint, k: bigint): bigint {
  if (k <= 0n) return p << -k;
  const d = 1n << k;
  const floor = p >= 0n ? p / d : -((-p + d - 1n) / d);
  const rest = p - floor * d; // in [0, d)
  const twice = 2n * rest;
  if (twice < d) return floor;
  if (twice > d) return floor + 1n;
  return floor % 2n === 0n ? floor : floor + 1n;
}

/** p / 2^k rounded to 24 significant bits, half to even (float32, for the magnitudes here). */
function toFloat32({ p, k }: { p: bigint; k: bigint }): { p: bigint; k: bigint } {
  const bits = BigInt((p < 0n ? -p : p).toString(2).length);
  if (bits <= 24n) return { p, k };
  const drop = bits - 24n;
  return { p: rneExact(p, drop), k: k - drop };
}

/** acc · S1·S2/S3 at the output's scale, as each method computes it, written from the libraries' sources. */
function oracle(method: Requantization, acc: number, s1: number, s2: number, s3: number): number {
  const f = Math.fround;
  const x = BigInt(acc);
  switch (method) {
    case 'gemmlowp':
    case 'tflite':
    case 'tflite-single-rounding': {
      // The multiplier's own derivation is tested in multiplier.test.ts; the arithmetic is checked here.
      const m = method === 'gemmlowp' ? f(f(s1 * s2) / s3) : (s1 * s2) / s3;
      let { quantizedMultiplier: q, shift } = quantizeMultiplier(m);
      if (method === 'tflite-single-rounding') {
        if (shift > 30) [q, shift] = [2 ** 31 - 1, 30];
        const total = BigInt(31 - shift);
        return Number((x * BigInt(q) + (1n << (total - 1n))) >> total);
      }
      const left = BigInt(Math.max(shift, 0));
      const right = BigInt(Math.max(-shift, 0));
      return Number(rdbpot(srdhm(x << left, BigInt(q)), right));
    }
    case 'float32': {
      // float(acc) · M rounded to float32 (24 significant bits, half to even), then to an integer.
      const m = exact(f(f(s1 * s2) / s3));
      const a = toFloat32(exact(acc));
      const product = toFloat32({ p: a.p * m.p, k: a.k + m.k });
      return Number(rneExact(product.p, product.k));
    }
    case 'float64': {
      const m = exact(f(f(s1 * s2) / s3));
      return Number(rneExact(x * m.p, m.k)); // exact: acc · M (the double product is exact for |acc| < 2^29)
    }
  }
}

describe('every requantization method', () => {
  const methods: Requantization[] = ['gemmlowp', 'tflite', 'tflite-single-rounding', 'float32', 'float64'];
  const scale = fc.float({ min: Math.fround(1e-4), max: Math.fround(0.05), noNaN: true });
  it('brings acc to the output scale as the library’s own arithmetic does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...methods),
        fc.integer({ min: -(2 ** 29) + 1, max: 2 ** 29 - 1 }),
        scale,
        scale,
        fc.float({ min: Math.fround(1e-3), max: Math.fround(1), noNaN: true }),
        (method, acc, s1, s2, s3) => {
          if (method === 'gemmlowp' && Math.fround(Math.fround(s1 * s2) / s3) >= 1) {
            expect(kindOf(() => requantizer(method, s1, s2, s3))).toBe('multiplierNotBelowOne');
            return;
          }
          const r = requantizer(method, s1, s2, s3);
          expect(requantize(r, acc).scaled).toBe(oracle(method, acc, s1, s2, s3));
        },
      ),
      { seed: 12, numRuns: 3000 },
    );
  });

  it('lands on ties where the methods round them differently', () => {
    // M = 0.25 exactly: acc = 10 gives 2.5 — half to even 2 (float), half away 3 (gemmlowp, TFLite).
    const results = methods.map((m) => requantize(requantizer(m, 0.5, 0.5, 1), 10).scaled);
    expect(results).toEqual([3, 3, 3, 2, 2]);
    expect(requantize(requantizer('tflite', 0.5, 0.5, 1), -10).scaled).toBe(-3);
    expect(requantize(requantizer('tflite-single-rounding', 0.5, 0.5, 1), -10).scaled).toBe(-2); // ties toward +∞
  });
});

// ---------------------------------------------------------------- whole products
const matrix = (rows: number, cols: number) =>
  fc
    .float32Array({
      minLength: rows * cols,
      maxLength: rows * cols,
      noNaN: true,
      noDefaultInfinity: true,
      min: -4,
      max: 4,
    })
    .map((data): FloatMatrix => ({ rows, cols, data }));

interface Pair {
  readonly lhs: Scheme;
  readonly rhs: Scheme;
  readonly result: Scheme;
  readonly method: Requantization;
}
const PAIRS: Pair[] = [
  {
    lhs: PRESETS['tflite-int8'],
    rhs: PRESETS['tflite-int8-weights-per-column'],
    result: PRESETS['tflite-int8'],
    method: 'tflite',
  },
  {
    lhs: PRESETS['tflite-int8'],
    rhs: PRESETS['tflite-int8-weights-per-column'],
    result: PRESETS['tflite-int8'],
    method: 'tflite-single-rounding',
  },
  {
    lhs: PRESETS['pytorch-quint8'],
    rhs: PRESETS['pytorch-qint8-per-channel'],
    result: PRESETS['pytorch-quint8'],
    method: 'float32',
  },
  {
    lhs: PRESETS['onnx-uint8'],
    rhs: PRESETS['onnx-int8-symmetric-per-column'],
    result: PRESETS['onnx-uint8'],
    method: 'float64',
  },
  { lhs: PRESETS['onnx-int8'], rhs: PRESETS['onnx-int8'], result: PRESETS['onnx-int8'], method: 'float32' },
  {
    lhs: { ...PRESETS['onnx-uint8'], granularity: { kind: 'axis', axis: 0 } },
    rhs: { ...PRESETS['onnx-uint8'], granularity: { kind: 'axis', axis: 1 } },
    result: PRESETS.gemmlowp,
    method: 'gemmlowp',
  },
];

/** An LHS and RHS of up to max × max, and a scheme pair. */
const operands = (max: number) =>
  fc
    .record({
      m: fc.integer({ min: 1, max }),
      n: fc.integer({ min: 1, max: 2 * max - 1 }),
      k: fc.integer({ min: 1, max }),
    })
    .chain(({ m, n, k }) => fc.tuple(matrix(m, n), matrix(n, k), fc.constantFrom(...PAIRS)));

/** The product under a pair, or null where the engine refuses it (tested apart). */
function productOf(lhs: FloatMatrix, rhs: FloatMatrix, pair: Pair) {
  try {
    return quantizedMatMul(lhs, rhs, {
      lhsScheme: pair.lhs,
      rhsScheme: pair.rhs,
      resultScheme: pair.result,
      requantization: pair.method,
    });
  } catch {
    return null;
  }
}

describe('products of any scheme pair', () => {
  it('equal codes from quantizeTensor, exact BigInt accumulators and each method’s arithmetic', () => {
    let checked = 0;
    fc.assert(
      fc.property(operands(5), ([lhs, rhs, pair]) => {
        const product = productOf(lhs, rhs, pair);
        if (!product) return;
        const a = quantizeTensor(lhs, pair.lhs);
        const b = quantizeTensor(rhs, pair.rhs);
        const { rows, cols } = product.output;
        const s3 = product.resultParams.scale;
        const z3 = product.resultParams.zeroPoint;
        for (let i = 0; i < rows; i++) {
          for (let k = 0; k < cols; k++) {
            const g1 = a.scales.length > 1 ? i : 0;
            const g2 = b.scales.length > 1 ? k : 0;
            let acc = 0n;
            for (let j = 0; j < lhs.cols; j++) {
              const x = BigInt((a.codes[i * lhs.cols + j] as number) - (a.zeroPoints[g1] as number));
              const y = BigInt((b.codes[j * cols + k] as number) - (b.zeroPoints[g2] as number));
              acc += x * y;
            }
            expect(product.accumulators.data[i * cols + k]).toBe(Number(acc));
            const scaled = oracle(pair.method, Number(acc), a.scales[g1] as number, b.scales[g2] as number, s3);
            const code = Math.min(pair.result.qmax, Math.max(pair.result.qmin, scaled + z3));
            expect(product.output.data[i * cols + k]).toBe(code);
            checked++;
          }
        }
      }),
      { seed: 13, numRuns: 400 },
    );
    expect(checked).toBeGreaterThan(2000);
  });

  it('are traced cell by cell with the cell’s own zero points and multiplier, ending in its code', () => {
    let traced = 0;
    fc.assert(
      fc.property(operands(4), fc.nat(), fc.nat(), ([lhs, rhs, pair], r, c) => {
        const product = productOf(lhs, rhs, pair);
        if (!product) return;
        const row = r % lhs.rows;
        const col = c % rhs.cols;
        const trace = cellTrace(product, row, col);
        const frames = Array.from({ length: trace.length }, (_, s) => trace.frame(s));
        const kinds = frames.map((f) => f.kind).filter((k) => k !== 'accumulate');
        const fixed = pair.method === 'gemmlowp' || pair.method === 'tflite';
        expect(kinds).toEqual(['decomposition', ...(fixed ? ['highMul', 'shift'] : ['scale']), 'offset', 'clamp']);
        const last = frames[lhs.cols - 1];
        const decomposition = frames[lhs.cols];
        // The running sum and eq. 7 agree with the product's accumulator for this cell's zero points.
        expect(last?.kind === 'accumulate' && last.accumulator).toBe(product.accumulators.data[row * rhs.cols + col]);
        expect(decomposition?.kind === 'decomposition' && decomposition.decomposed).toBe(
          product.accumulators.data[row * rhs.cols + col],
        );
        const high = frames.find((f) => f.kind === 'highMul');
        if (high?.kind === 'highMul') expect(high.result).toBe(product.afterHighMul.data[row * rhs.cols + col]);
        const shift = frames.find((f) => f.kind === 'shift');
        if (shift?.kind === 'shift') expect(shift.result).toBe(product.afterShift.data[row * rhs.cols + col]);
        const clamp = frames.at(-1);
        expect(clamp?.kind === 'clamp' && clamp.result).toBe(product.output.data[row * rhs.cols + col]);
        traced++;
      }),
      { seed: 14, numRuns: 300 },
    );
    expect(traced).toBeGreaterThan(200);
  });

  it('with the gemmlowp scheme and requantization stated, is the default product', () => {
    const lhs = { rows: 2, cols: 3, data: Float32Array.of(0.1, -0.7, 0.3, 0.9, 0.25, -0.5) };
    const rhs = { rows: 3, cols: 2, data: Float32Array.of(-0.2, 0.4, 0.8, -1, 0.3, 0.6) };
    const plain = quantizedMatMul(lhs, rhs);
    const stated = quantizedMatMul(lhs, rhs, {
      lhsScheme: { ...PRESETS.gemmlowp },
      rhsScheme: { ...PRESETS.gemmlowp },
      resultScheme: { ...PRESETS.gemmlowp },
      requantization: 'gemmlowp',
    });
    expect(stated.output).toEqual(plain.output);
    expect(stated.afterHighMul).toEqual(plain.afterHighMul);
    expect(stated.requantizers).toEqual(plain.requantizers);
  });

  it('refuses what the integer GEMM cannot factor, with the side it is about', () => {
    const lhs = { rows: 2, cols: 3, data: Float32Array.of(1, 2, 3, -1, 0.5, 2) };
    const rhs = { rows: 3, cols: 2, data: Float32Array.of(1, -2, 0.5, 1, 2, 0.25) };
    const perColumn: Scheme = { ...PRESETS['onnx-int8'], granularity: { kind: 'axis', axis: 1 } };
    const perRow: Scheme = { ...PRESETS['onnx-int8'], granularity: { kind: 'axis', axis: 0 } };
    expect(kindOf(() => quantizedMatMul(lhs, rhs, { lhsScheme: perColumn }))).toBe('granularityAcrossDepth');
    expect(kindOf(() => quantizedMatMul(lhs, rhs, { rhsScheme: perRow }))).toBe('granularityAcrossDepth');
    expect(kindOf(() => quantizedMatMul(lhs, rhs, { rhsScheme: PRESETS['onnx-int4-blocked-32'] }))).toBe(
      'granularityAcrossDepth',
    );
    expect(kindOf(() => quantizedMatMul(lhs, rhs, { resultScheme: perRow }))).toBe('resultNotPerTensor');
    expect(kindOf(() => quantizedMatMul(lhs, rhs, { lhsScheme: perRow, bias: [1, 2] }))).toBe('biasWithPerRowLhs');
    const wide: Scheme = {
      library: 'onnx',
      qmin: -32768,
      qmax: 32767,
      symmetric: false,
      granularity: { kind: 'tensor' },
    };
    expect(kindOf(() => quantizedMatMul(lhs, rhs, { lhsScheme: wide }))).toBe('codesTooWide');
  });
});

describe('comparing the methods on one product', () => {
  it('lists the outputs on which they differ, with each method’s code', () => {
    // M = 0.5 · 0.5 / 1 = 0.25: 10 → 2.5 and −10 → −2.5 are ties; 7 → 1.75 is not.
    const comparison = compareRequantizations({
      biased: { rows: 1, cols: 3, data: Int32Array.of(10, -10, 7) },
      lhsScales: [0.5],
      rhsScales: [0.5],
      resultScale: 1,
      resultZeroPoint: 0,
      resultLibrary: 'onnx',
      lo: -128,
      hi: 127,
    });
    expect(comparison.methods.map((m) => m.method)).toEqual([
      'gemmlowp',
      'tflite',
      'tflite-single-rounding',
      'float32',
      'float64',
    ]);
    expect(comparison.disagreements).toEqual([
      { index: 0, codes: [3, 3, 3, 2, 2] },
      { index: 1, codes: [-3, -3, -2, -2, -2] },
    ]);
  });

  it('gives each method the codes its own product gives, and says which cannot hold the multiplier', () => {
    const lhs = {
      rows: 3,
      cols: 4,
      data: Float32Array.of(0.1, -0.7, 0.3, 0.9, 0.25, -0.5, 1, 0, -1, 0.5, 0.75, -0.25),
    };
    const rhs = { rows: 4, cols: 2, data: Float32Array.of(-0.2, 0.4, 0.8, -1, 0.3, 0.6, -0.9, 0.1) };
    const pair = { lhsScheme: PRESETS['tflite-int8'], rhsScheme: PRESETS['tflite-int8-weights-per-column'] };
    const comparison = compareMethods(quantizedMatMul(lhs, rhs, pair));
    for (const m of comparison.methods) {
      expect(m.ok).toBe(true);
      if (m.ok)
        expect(Array.from(m.codes)).toEqual(
          Array.from(quantizedMatMul(lhs, rhs, { ...pair, requantization: m.method }).output.data),
        );
    }
    // A result range far narrower than the product: M > 1, which gemmlowp's right-shift form cannot hold.
    const narrow = compareMethods(
      quantizedMatMul(lhs, rhs, { resultRange: { min: -0.001, max: 0.001 }, requantization: 'tflite' }),
    );
    const gemmlowp = narrow.methods[0];
    expect(gemmlowp?.ok === false && gemmlowp.problem.kind).toBe('multiplierNotBelowOne');
  });
});
