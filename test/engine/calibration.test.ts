/**
 * Fake quantization, range observers and calibration against golden numbers from real PyTorch
 * (torch 1.13: fake_quantize_per_tensor_affine and its gradient, MinMaxObserver,
 * MovingAverageMinMaxObserver) and from numpy transcriptions of TensorFlow's moving average and
 * NVIDIA's histogram calibrator (test/fixtures/make-calibration-fixtures.py), plus properties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The engine's one public entry (its barrel) holds the calibration API too.
import {
  absHistogram,
  calibrateRange,
  fakeQuantize,
  histogram32,
  observeRanges,
  PRESETS,
  type Observer,
  type Scheme,
} from '../../src/engine/index.ts';
import golden from '../fixtures/calibration_python.json';
import { kindOf } from '../helpers/problem.ts';

const f32s = (xs: readonly string[]) => Float32Array.from(xs, Number);
const custom = (library: Scheme['library'], qmin: number, qmax: number): Scheme => ({
  library,
  qmin,
  qmax,
  symmetric: false,
  granularity: { kind: 'tensor' },
});

describe('fakeQuantize, as torch.fake_quantize_per_tensor_affine', () => {
  it.each(golden.fakeQuantize.map((c) => [c.name, c] as const))('%s: output and gradient mask', (_name, c) => {
    const r = fakeQuantize(f32s(c.values), custom('pytorch', c.qmin, c.qmax), {
      scale: Number(c.scale),
      zeroPoint: c.zeroPoint,
    });
    expect(Array.from(r.output)).toEqual(Array.from(f32s(c.output)));
    expect(Array.from(r.passesGradient)).toEqual(c.passesGradient);
  });

  it('covers 2 to 16 bits, narrow ranges, ties and clipping', () => {
    const bits = golden.fakeQuantize.map((c) => Math.log2(c.qmax - c.qmin + 1));
    expect(Math.min(...bits)).toBe(2);
    expect(Math.max(...bits)).toBe(16);
    expect(golden.fakeQuantize.some((c) => c.qmin === -127)).toBe(true);
    expect(golden.fakeQuantize.some((c) => c.passesGradient.includes(0))).toBe(true);
    expect(golden.fakeQuantize.map((c) => c.name)).toContain('ties');
  });

  it('for every library: r̂ is on the grid, within S/2 of x inside the range, and the mask says where it is', () => {
    const schemes = [PRESETS.gemmlowp, PRESETS['tflite-int8'], PRESETS['onnx-int8'], PRESETS['pytorch-quint8']];
    fc.assert(
      fc.property(
        fc.float32Array({ minLength: 1, maxLength: 50, noNaN: true, noDefaultInfinity: true, min: -10, max: 10 }),
        fc.constantFrom(...schemes),
        fc.float({ min: Math.fround(0.001), max: 1, noNaN: true }),
        (xs, scheme, scale) => {
          const s = Math.fround(scale);
          const z = Math.round((scheme.qmin + scheme.qmax) / 2);
          const r = fakeQuantize(xs, scheme, { scale: s, zeroPoint: z });
          xs.forEach((x, t) => {
            const y = r.output[t] as number;
            const k = Math.round(y / s) + z; // the code r̂ came from
            expect(Math.fround((k - z) * s)).toBe(y);
            expect(k).toBeGreaterThanOrEqual(scheme.qmin);
            expect(k).toBeLessThanOrEqual(scheme.qmax);
            const inside = x >= (scheme.qmin - z) * s && x <= (scheme.qmax - z) * s;
            if (inside) expect(Math.abs(y - x)).toBeLessThanOrEqual(s / 2 + Math.abs(x) * 2 ** -21);
            if (r.passesGradient[t] === 0)
              expect(Math.abs(y - x)).toBeGreaterThanOrEqual(s / 2 - Math.abs(x) * 2 ** -21);
          });
        },
      ),
      { seed: 21, numRuns: 300 },
    );
  });

  it('refuses a scale that is not a finite number above 0, and values that are not numbers', () => {
    const scheme = PRESETS['pytorch-quint8'];
    expect(kindOf(() => fakeQuantize(Float32Array.of(1), scheme, { scale: 0, zeroPoint: 0 }))).toBe('scaleNotPositive');
    expect(kindOf(() => fakeQuantize(Float32Array.of(1), scheme, { scale: Number.NaN, zeroPoint: 0 }))).toBe(
      'scaleNotPositive',
    );
    expect(kindOf(() => fakeQuantize(Float32Array.of(1, Number.NaN), scheme, { scale: 1, zeroPoint: 0 }))).toBe(
      'notFinite',
    );
    expect(kindOf(() => fakeQuantize(Float32Array.of(1), scheme, { scale: 1, zeroPoint: 256 }))).toBe(
      'zeroPointOutside',
    );
    expect(kindOf(() => fakeQuantize(Float32Array.of(1), scheme, { scale: 1, zeroPoint: 1.5 }))).toBe(
      'zeroPointOutside',
    );
  });
});

describe('observeRanges, as PyTorch’s observers and TensorFlow’s moving average', () => {
  const rows = golden.observe.flatMap((c) =>
    c.observers.map(
      (o) => [`${c.name}: ${o.kind} ${'convention' in o ? `${o.convention} ${o.constant}` : ''}`, c, o] as const,
    ),
  );
  it.each(rows)('%s', (_name, c, o) => {
    const observer: Observer =
      o.kind === 'minmax'
        ? { kind: 'minmax' }
        : { kind: 'ema', constant: o.constant as number, convention: o.convention as 'pytorch' | 'tensorflow' };
    const r = observeRanges(c.batches.map(f32s), observer);
    expect(Array.from(r.min)).toEqual(Array.from(f32s(o.min)));
    expect(Array.from(r.max)).toEqual(Array.from(f32s(o.max)));
  });

  it('forgets an outlier batch with EMA, while min/max keeps it forever', () => {
    const c = golden.observe.find((x) => x.name === 'outlier batch');
    const batches = (c?.batches ?? []).map(f32s);
    const minmax = observeRanges(batches, { kind: 'minmax' });
    const ema = observeRanges(batches, { kind: 'ema', constant: 0.1, convention: 'pytorch' });
    const last = batches.length - 1;
    expect(minmax.max[last]).toBe(40);
    expect(ema.max[last] as number).toBeLessThan(10);
  });

  it('refuses a constant outside (0, 1], an empty batch and values that are not numbers', () => {
    const ok = [Float32Array.of(1, 2)];
    expect(kindOf(() => observeRanges(ok, { kind: 'ema', constant: 0, convention: 'pytorch' }))).toBe(
      'observerConstantInvalid',
    );
    expect(kindOf(() => observeRanges(ok, { kind: 'ema', constant: 1, convention: 'tensorflow' }))).toBe(
      'observerConstantInvalid',
    );
    expect(observeRanges(ok, { kind: 'ema', constant: 0, convention: 'tensorflow' }).max[0]).toBe(2);
    expect(kindOf(() => observeRanges([...ok, new Float32Array(0)], { kind: 'minmax' }))).toBe('batchEmpty');
    expect(kindOf(() => observeRanges([Float32Array.of(Number.POSITIVE_INFINITY)], { kind: 'minmax' }))).toBe(
      'notFinite',
    );
  });
});

describe('calibrateRange with ONNX Runtime’s calibrators (quantize_static’s one collect)', () => {
  const int8 = PRESETS['onnx-int8'];
  const rows = golden.onnxruntime.flatMap((c) =>
    c.methods.map(
      (m) => [`${c.name}: ${m.kind} ${'percentile' in m ? m.percentile : `${m.bins} bins`}`, c, m] as const,
    ),
  );
  it.each(rows)('%s', (_name, c, m) => {
    const method =
      m.kind === 'percentile'
        ? { kind: 'percentile' as const, percentile: m.percentile as number, library: 'onnxruntime' as const }
        : { kind: 'entropy' as const, bins: m.bins as number, library: 'onnxruntime' as const };
    expect(calibrateRange(f32s(c.values), int8, method)).toEqual({
      min: Math.fround(Number(m.min)),
      max: Math.fround(Number(m.max)),
    });
  });

  it.each(golden.onnxHistograms.map((h) => [`${h.bins} bins over ±${h.last}`, h] as const))(
    'bins values on and beside their edges as numpy 1.24 does (%s)',
    (_name, h) => {
      const { counts, edges } = histogram32(
        f32s(h.values),
        h.bins,
        Math.fround(Number(h.first)),
        Math.fround(Number(h.last)),
      );
      expect(Array.from(edges)).toEqual(Array.from(f32s(h.edges)));
      expect(Array.from(counts)).toEqual(h.counts);
    },
  );

  it('differs from TensorRT’s on the same values (the fixtures tell the two apart)', () => {
    const c = golden.onnxruntime.find((x) => x.name === 'heavy tail');
    if (c === undefined) throw new Error('no heavy-tail case');
    const values = f32s(c.values);
    const trt = calibrateRange(values, int8, { kind: 'entropy' });
    const ort = calibrateRange(values, int8, { kind: 'entropy', library: 'onnxruntime', bins: 2048 });
    expect(ort).not.toEqual(trt);
  });

  it('refuses magnitudes its float32 histograms cannot hold, rather than a wrong range', () => {
    for (const values of [Float32Array.of(3e38, 1e35, 2e35), Float32Array.of(1e-40, 5e-41)]) {
      for (const method of [
        { kind: 'percentile', percentile: 99 },
        { kind: 'mse' },
        { kind: 'entropy', library: 'onnxruntime' },
      ] as const) {
        expect(kindOf(() => calibrateRange(values, int8, method))).toBe('calibrationMagnitude');
      }
    }
    expect(calibrateRange(Float32Array.of(3e38, -1), int8, { kind: 'minmax' })).toEqual({
      min: -1,
      max: Math.fround(3e38),
    });
  });

  it('refuses a number of bins below its 128 quantized bins, or not whole', () => {
    const values = Float32Array.of(1, -2, 3);
    for (const bins of [64, 127, 300.5, Number.NaN]) {
      expect(kindOf(() => calibrateRange(values, int8, { kind: 'entropy', library: 'onnxruntime', bins }))).toBe(
        'binsInvalid',
      );
    }
  });
});

describe('calibrateRange, as NVIDIA’s histogram calibrator (TensorRT’s method)', () => {
  const int8 = PRESETS['onnx-int8'];
  const rows = golden.calibrate.flatMap((c) =>
    c.methods.map((m) => [`${c.name}: ${m.kind}${'percentile' in m ? ` ${m.percentile}` : ''}`, c, m] as const),
  );
  it.each(rows)('%s', (_name, c, m) => {
    const values = f32s(c.values);
    const method =
      m.kind === 'percentile'
        ? { kind: 'percentile' as const, percentile: m.percentile as number }
        : { kind: m.kind as 'minmax' | 'mse' | 'entropy' };
    const r = calibrateRange(values, int8, method);
    if (m.kind === 'minmax') {
      expect(r).toEqual({ min: Math.fround(Number(m.min)), max: Math.fround(Number(m.max)) });
    } else {
      const amax = Number(m.amax);
      expect(r).toEqual({ min: c.unsigned ? 0 : -amax, max: amax });
    }
  });

  it.each(golden.torchHistograms.map((h, k) => [k, h] as const))(
    'bins |x| and spaces the edges as torch.histc and torch.linspace do (case %i)',
    (_k, h) => {
      const values = f32s(h.values);
      const { counts, edges } = absHistogram(values, Math.max(...values));
      expect(Array.from(edges)).toEqual(Array.from(f32s(h.edges)));
      expect(Array.from(counts)).toEqual(h.counts);
    },
  );

  it('takes 8 bits from a narrow int8 range ([−127, 127]) as from [−128, 127]', () => {
    const narrow = PRESETS['tflite-int8-weights-per-column'];
    for (const c of golden.calibrate) {
      const values = f32s(c.values);
      for (const kind of ['mse', 'entropy'] as const) {
        expect(calibrateRange(values, narrow, { kind })).toEqual(calibrateRange(values, int8, { kind }));
      }
    }
  });

  it('clips less at higher percentiles, never beyond the data', () => {
    fc.assert(
      fc.property(
        fc
          .float32Array({ minLength: 1, maxLength: 400, noNaN: true, noDefaultInfinity: true, min: -100, max: 100 })
          // Magnitudes below 1e-35 are refused (float32 histograms overflow): those become 0.
          .map((xs) => xs.map((x) => (Math.abs(x) < 1e-30 ? 0 : x))),
        (xs) => {
          const amax = Math.max(...Array.from(xs, Math.abs));
          const ranges = [50, 99, 99.9, 100].map((p) =>
            calibrateRange(xs, int8, { kind: 'percentile', percentile: p }),
          );
          for (let k = 1; k < ranges.length; k++)
            expect(ranges[k]?.max).toBeGreaterThanOrEqual(ranges[k - 1]?.max as number);
          for (const r of ranges) expect(r.max).toBeLessThanOrEqual(amax);
        },
      ),
      { seed: 22, numRuns: 100 },
    );
  });

  it('refuses no values, values that are not numbers and a percentile outside (0, 100]', () => {
    expect(kindOf(() => calibrateRange(new Float32Array(0), int8, { kind: 'mse' }))).toBe('empty');
    expect(kindOf(() => calibrateRange(Float32Array.of(1, Number.NaN), int8, { kind: 'entropy' }))).toBe('notFinite');
    expect(kindOf(() => calibrateRange(Float32Array.of(1), int8, { kind: 'percentile', percentile: 0 }))).toBe(
      'percentileInvalid',
    );
  });
});
