/**
 * Every scheme against the library that defines it: golden numbers from real PyTorch (torch 1.13,
 * Debian), ONNX Runtime (onnxruntime-web 1.30, wasm) and TFLite's reference functions transcribed in
 * numpy (test/fixtures/make-scheme-fixtures.py, make-onnx-fixtures.mjs), and properties that need no
 * library: dequantize(quantize(x)) within S/2, per tensor = per axis with one index.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PRESETS,
  checkScheme,
  chooseQuantizationParams,
  chooseSchemeParams,
  dequantizeTensor,
  quantize,
  quantizeTensor,
  codesOf,
  EngineError,
  type FloatMatrix,
  type PresetName,
  type Scheme,
} from '../../src/engine/index.ts';
import onnx from '../fixtures/schemes_onnx.json';
import python from '../fixtures/schemes_python.json';
import { kindOf } from '../helpers/problem.ts';

interface Golden {
  readonly scales: readonly string[];
  readonly zeroPoints: readonly number[];
  readonly codes: readonly number[];
  readonly dequantized?: readonly string[];
}

const matrixOf = (c: { rows: number; cols: number; data: readonly string[] }): FloatMatrix => ({
  rows: c.rows,
  cols: c.cols,
  data: Float32Array.from(c.data, Number),
});
const f32s = (xs: readonly string[]) => Array.from(Float32Array.from(xs, Number));

describe('schemes, as the libraries compute them', () => {
  const rows = [...python.cases, ...onnx.cases].flatMap((c) =>
    Object.entries(c.libraries).map(([preset, golden]) => [preset, c.name, c, golden as Golden] as const),
  );
  it.each(rows)('%s on "%s": scales, zero points and codes', (preset, _name, c, golden: Golden) => {
    const m = matrixOf(c);
    const q = quantizeTensor(m, PRESETS[preset as PresetName]);
    expect(Array.from(q.scales)).toEqual(f32s(golden.scales));
    expect(Array.from(q.zeroPoints)).toEqual(golden.zeroPoints);
    expect(Array.from(q.codes)).toEqual(golden.codes);
    if (golden.dequantized) {
      const r = dequantizeTensor(q, m, PRESETS[preset as PresetName]);
      expect(Array.from(r.data)).toEqual(f32s(golden.dequantized));
    }
  });

  it('covers every preset and the cases the scheme reference warns about', () => {
    expect(new Set(rows.map(([preset]) => preset))).toEqual(
      new Set(Object.keys(PRESETS).filter((p) => p !== 'gemmlowp')),
    );
    const names = python.cases.map((c) => c.name);
    for (const name of [
      'all zero',
      'negative zero',
      'fbgemm tie',
      'half steps',
      'zero column',
      'ragged blocks',
      'tiny',
      'huge',
    ])
      expect(names).toContain(name);
  });
});

describe('the gemmlowp scheme', () => {
  it('is the example’s chooseQuantizationParams and quantize, unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }), (xs) => {
        const m = { rows: 1, cols: xs.length, data: Float32Array.from(xs) };
        const range = () => chooseQuantizationParams(Math.min(...m.data), Math.max(...m.data));
        let p;
        try {
          p = range();
        } catch {
          return kindOf(() => quantizeTensor(m, PRESETS.gemmlowp)) === kindOf(range);
        }
        const q = quantizeTensor(m, PRESETS.gemmlowp);
        return (
          q.scales[0] === p.scale &&
          q.zeroPoints[0] === p.zeroPoint &&
          Array.from(quantize(p, m.data)).every((v, t) => v === q.codes[t])
        );
      }),
      { seed: 9, numRuns: 300 },
    );
  });
});

const custom = (library: Scheme['library'], symmetric: boolean, qmin: number, qmax: number): Scheme => ({
  library,
  qmin,
  qmax,
  symmetric,
  granularity: { kind: 'tensor' },
});

describe('every scheme', () => {
  const schemes: Scheme[] = [
    ...Object.values(PRESETS),
    custom('pytorch', false, -8, 7),
    custom('tflite', true, -7, 7),
    custom('onnx', true, 0, 254),
    custom('pytorch', true, 0, 15),
    { ...custom('onnx', false, -32768, 32767), granularity: { kind: 'block', axis: 1, blockSize: 3 } },
    { ...custom('gemmlowp', false, 0, 3), granularity: { kind: 'axis', axis: 0 } },
  ];
  const matrix = fc
    .record({ rows: fc.integer({ min: 1, max: 40 }), cols: fc.integer({ min: 1, max: 9 }) })
    .chain(({ rows, cols }) =>
      fc.record({
        rows: fc.constant(rows),
        cols: fc.constant(cols),
        data: fc.float32Array({
          minLength: rows * cols,
          maxLength: rows * cols,
          noNaN: true,
          noDefaultInfinity: true,
          min: -1e4,
          max: 1e4,
        }),
      }),
    );

  it('dequantizes every value to within S/2 of itself (its group’s S), codes inside [qmin, qmax] (PyTorch: ±1)', () => {
    let checked = 0;
    fc.assert(
      fc.property(matrix, fc.constantFrom(...schemes), (m, scheme) => {
        const q = quantizeTensor(m, scheme);
        const r = dequantizeTensor(q, m, scheme);
        const perGroup = scheme.granularity.kind === 'tensor' ? () => 0 : null;
        m.data.forEach((x, t) => {
          const code = q.codes[t] as number;
          // PyTorch clamps to its storage type: reduce_range's [0, 127] can give 128.
          const slack = scheme.library === 'pytorch' ? 1 : 0;
          expect(code).toBeGreaterThanOrEqual(scheme.qmin - slack);
          expect(code).toBeLessThanOrEqual(scheme.qmax + slack);
          const g = perGroup ? perGroup() : groupOf(scheme, m, t);
          const s = q.scales[g] as number;
          // S/2 of rounding, plus float32 rounding of x/S and of S·(q − Z) (a few ulps of x).
          expect(Math.abs((r.data[t] as number) - x)).toBeLessThanOrEqual(s / 2 + Math.abs(x) * 2 ** -21 + 1e-30);
          checked++;
        });
      }),
      { seed: 10, numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(1000);
  });

  it('gives a group the parameters and codes of its values quantized alone, however the group is laid out', () => {
    // Tall and wide matrices: columns and blocks longer than the engine's strips of rows.
    const tall = fc
      .record({ rows: fc.integer({ min: 1, max: 300 }), cols: fc.integer({ min: 1, max: 5 }) })
      .chain(({ rows, cols }) =>
        fc.record({
          rows: fc.constant(rows),
          cols: fc.constant(cols),
          // No subnormals: a group of them alone is a range some libraries refuse (tested below).
          data: fc
            .float32Array({ minLength: rows * cols, maxLength: rows * cols, noNaN: true, min: -1e4, max: 1e4 })
            .map((xs) => xs.map((x) => (Math.abs(x) < 1e-30 ? 0 : x))),
        }),
      );
    const grouped = [
      PRESETS['pytorch-qint8-per-channel'],
      PRESETS['tflite-int8-weights-per-column'],
      PRESETS['onnx-int4-blocked-32'],
      { ...PRESETS['onnx-int8'], granularity: { kind: 'block', axis: 0, blockSize: 100 } } as const,
      { ...PRESETS['tflite-int8'], granularity: { kind: 'block', axis: 1, blockSize: 2 } } as const,
      { ...PRESETS.gemmlowp, granularity: { kind: 'axis', axis: 0 } } as const,
    ];
    fc.assert(
      fc.property(tall, fc.constantFrom(...grouped), (m, scheme) => {
        const q = quantizeTensor(m, scheme);
        const members = new Map<number, number[]>();
        m.data.forEach((_, t) =>
          members.set(groupOf(scheme, m, t), [...(members.get(groupOf(scheme, m, t)) ?? []), t]),
        );
        expect(q.scales.length).toBe(members.size);
        for (const [g, ts] of members) {
          const alone = { rows: 1, cols: ts.length, data: Float32Array.from(ts, (t) => m.data[t] as number) };
          const one = quantizeTensor(alone, { ...scheme, granularity: { kind: 'tensor' } });
          expect([q.scales[g], q.zeroPoints[g]]).toEqual([one.scales[0], one.zeroPoints[0]]);
          expect(ts.map((t) => q.codes[t])).toEqual(Array.from(one.codes));
        }
      }),
      { seed: 12, numRuns: 150 },
    );
  });

  it('clamps values far outside a given range to the end codes (x/S beyond any integer)', () => {
    const m = { rows: 1, cols: 6, data: Float32Array.of(3e38, -3e38, 1e12, -1e12, 0.5e-9, -0.5e-9) };
    for (const scheme of schemes.filter((s) => s.granularity.kind === 'tensor')) {
      const codes = codesOf(m, scheme, [chooseSchemeParams(scheme, -1e-9, 1e-9)]);
      const { qmin, qmax } = scheme;
      const end = scheme.library === 'pytorch' ? (qmin < 0 ? [-128, 127] : [0, 255]) : [qmin, qmax];
      expect(Array.from(codes.subarray(0, 4))).toEqual([end[1], end[0], end[1], end[0]]);
    }
  });

  it('writes the codes into a buffer it is given, and refuses one of the wrong size', () => {
    const m = { rows: 2, cols: 2, data: Float32Array.of(-1, 0, 0.5, 1) };
    const out = new Int32Array(4).fill(99);
    const q = quantizeTensor(m, PRESETS['onnx-int8'], out);
    expect(q.codes).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(quantizeTensor(m, PRESETS['onnx-int8']).codes));
    expect(() => quantizeTensor(m, PRESETS['onnx-int8'], new Int32Array(3))).toThrow(RangeError);
  });

  it('names the first value that is not a number, in reading order, for every granularity', () => {
    const data = Float32Array.from({ length: 12 }, (_, t) => t);
    data[7] = Number.POSITIVE_INFINITY;
    data[9] = Number.NaN;
    for (const scheme of schemes) {
      try {
        quantizeTensor({ rows: 4, cols: 3, data }, scheme);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(EngineError);
        expect((e as EngineError).problem).toMatchObject({ kind: 'notFinite', index: 7 });
      }
    }
  });

  it('per tensor equals per axis on a matrix with one index along that axis', () => {
    fc.assert(
      fc.property(matrix, fc.constantFrom(...schemes.filter((s) => s.granularity.kind === 'tensor')), (m, scheme) => {
        const column = { rows: m.rows * m.cols, cols: 1, data: m.data };
        const row = { rows: 1, cols: m.rows * m.cols, data: m.data };
        const whole = quantizeTensor(column, scheme);
        const perColumn = quantizeTensor(column, { ...scheme, granularity: { kind: 'axis', axis: 1 } });
        const perRow = quantizeTensor(row, { ...scheme, granularity: { kind: 'axis', axis: 0 } });
        expect(perColumn).toEqual(whole);
        expect(perRow).toEqual(whole);
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});

/** The group of element t, written out independently of the engine's layout tables. */
function groupOf(scheme: Scheme, m: FloatMatrix, t: number): number {
  const i = Math.floor(t / m.cols);
  const j = t % m.cols;
  const g = scheme.granularity;
  if (g.kind === 'tensor') return 0;
  if (g.kind === 'axis') return g.axis === 0 ? i : j;
  return g.axis === 0
    ? Math.floor(i / g.blockSize) * m.cols + j
    : i * Math.ceil(m.cols / g.blockSize) + Math.floor(j / g.blockSize);
}

describe('schemes that cannot be', () => {
  it.each([
    [custom('gemmlowp', true, 0, 255), 'symmetricUnsupported'],
    [custom('tflite', true, 0, 255), 'symmetricUnsigned'],
    [custom('onnx', false, 0, 1), 'codeRangeInvalid'],
    [custom('onnx', false, -40000, 40000), 'codeRangeInvalid'],
    [custom('onnx', false, 0.5, 255), 'codeRangeInvalid'],
    [custom('pytorch', false, 1, 255), 'codeRangeWithoutZero'],
    [{ ...custom('onnx', true, -8, 7), granularity: { kind: 'block', axis: 0, blockSize: 0 } }, 'blockSizeInvalid'],
  ] as const)('refuses %o with %s', (scheme, kind) => {
    expect(kindOf(() => checkScheme(scheme))).toBe(kind);
    expect(kindOf(() => chooseSchemeParams(scheme, -1, 1))).toBe(kind);
  });

  it('refuses ranges the libraries cannot quantize, with the same problems as the example', () => {
    expect(kindOf(() => chooseSchemeParams(PRESETS['tflite-int8'], -3e38, 3e38))).toBe('scaleOverflow');
    expect(kindOf(() => chooseSchemeParams(PRESETS['pytorch-quint8'], 2, 1))).toBe('rangeEmpty');
    expect(kindOf(() => chooseSchemeParams(PRESETS['onnx-int8'], Number.NaN, 1))).toBe('rangeNotFinite');
  });
});
