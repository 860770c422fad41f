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
