/**
 * Calibration for the scheme in use: the cases where TensorRT's calibrators (which choose ±amax
 * or [0, amax] for NVIDIA's own quantizer) quantize worse than min/max under the lab's scheme,
 * and an independent search over ranges on every value to hold the MSE search to.
 */
import { describe, expect, it } from 'vitest';
import { calibrateRange } from '../../src/engine/calibration.ts';
import { chooseSchemeParams, codesOf, errorMetrics, lcg, normal, type Scheme } from '../../src/engine/index.ts';
import { schemeMseRange, schemePercentileRange } from '../../src/engine/schemeCalibration.ts';
import { kindOf } from '../helpers/problem.ts';

const TENSOR = { kind: 'tensor' } as const;
/** uint8 codes 0…15: affine 4-bit, PyTorch's arithmetic. */
const UINT4: Scheme = { library: 'pytorch', qmin: 0, qmax: 15, symmetric: false, granularity: TENSOR };
/** Signed symmetric 4-bit, −7…7. */
const INT4_SYMMETRIC: Scheme = { library: 'pytorch', qmin: -7, qmax: 7, symmetric: true, granularity: TENSOR };

/** The MSE of quantizing `values` with the range under `scheme`, computed as the lab's table does. */
function mseOf(values: Float32Array, scheme: Scheme, range: { min: number; max: number }): number {
  const params = chooseSchemeParams(scheme, range.min, range.max);
  const codes = codesOf({ rows: 1, cols: values.length, data: values }, scheme, [params]);
  const restored = Float32Array.from(codes, (q) => params.scale * (q - params.zeroPoint));
  return errorMetrics(params, values, restored).mse;
}

/** Bimodal values in about [−2.1, 4.05]: half N(−1.5, 0.2), half N(3, 0.35). */
function bimodal(n: number, seed: number): Float32Array {
  const random = lcg(seed);
  const g = normal(random, 0, 1);
  return Float32Array.from({ length: n }, (_, t) => (t % 2 === 0 ? -1.5 + 0.2 * g() : 3 + 0.35 * g()));
}

/** ReLU activations with a few large outliers: max(0, N(0.5, 1)), one value in 500 × 10. */
function reluWithOutliers(n: number, seed: number): Float32Array {
  const random = lcg(seed);
  const g = normal(random, 0, 1);
  return Float32Array.from({ length: n }, (_, t) => {
    const x = Math.max(0, 0.5 + g());
    return t % 500 === 7 ? 10 * x + 20 : x;
  });
}

describe('the MSE-optimal range for the scheme in use', () => {
  it('is asymmetric for an asymmetric scheme and beats min/max where TensorRT ±amax loses to it', () => {
    const values = bimodal(4000, 3);
    const minmax = calibrateRange(values, UINT4, { kind: 'minmax' });
    const tensorrt = calibrateRange(values, UINT4, { kind: 'mse' });
    // TensorRT's own: symmetric about 0, and worse than min/max for this scheme (the reported case).
    expect(tensorrt.min).toBe(-tensorrt.max);
    expect(mseOf(values, UINT4, tensorrt)).toBeGreaterThan(mseOf(values, UINT4, minmax));
    const ours = schemeMseRange(values, UINT4);
    expect(ours.min).not.toBe(-ours.max);
    expect(mseOf(values, UINT4, ours)).toBeLessThan(mseOf(values, UINT4, minmax));
  });

  it('clips ReLU outliers for a signed symmetric scheme where TensorRT keeps [0, amax] for an unsigned quantizer', () => {
    const values = reluWithOutliers(5000, 11);
    const tensorrt = calibrateRange(values, INT4_SYMMETRIC, { kind: 'mse' });
    expect(tensorrt.min).toBe(0);
    const ours = schemeMseRange(values, INT4_SYMMETRIC);
    expect(ours.min).toBe(-ours.max);
    expect(ours.max).toBeGreaterThan(2);
    expect(ours.max).toBeLessThan(6);
    const minmax = calibrateRange(values, INT4_SYMMETRIC, { kind: 'minmax' });
    expect(mseOf(values, INT4_SYMMETRIC, ours)).toBeLessThan(mseOf(values, INT4_SYMMETRIC, tensorrt));
    expect(mseOf(values, INT4_SYMMETRIC, ours)).toBeLessThan(mseOf(values, INT4_SYMMETRIC, minmax));
  });

  it('is within 2 % of an exhaustive search over both ends on every value', () => {
    for (const [values, scheme] of [
      [bimodal(1500, 5), UINT4],
      [reluWithOutliers(1500, 8), INT4_SYMMETRIC],
      [bimodal(1500, 9), { ...UINT4, library: 'tflite', qmin: -8, qmax: 7 } satisfies Scheme],
    ] as const) {
      const { min, max } = calibrateRange(values, scheme, { kind: 'minmax' });
      let best = Infinity;
      const steps = 80;
      for (let i = 1; i <= steps; i++) {
        for (let j = 1; j <= steps; j++) {
          if (scheme.symmetric && i !== j) continue;
          const a = Math.max(-min, max);
          const range = scheme.symmetric
            ? { min: (-a * j) / steps, max: (a * j) / steps }
            : { min: (min * i) / steps, max: (max * j) / steps };
          best = Math.min(best, mseOf(values, scheme, range));
        }
      }
      expect(mseOf(values, scheme, schemeMseRange(values, scheme))).toBeLessThanOrEqual(best * 1.02);
    }
  });

  it('is never worse than min/max, and is min/max where nothing beats it', () => {
    // Four distinct values on the scheme's own grid: min/max is lossless.
    const exact = Float32Array.of(0, 1, 2, 15);
    expect(schemeMseRange(exact, UINT4)).toEqual({ min: 0, max: 15 });
    for (let seed = 1; seed <= 6; seed++) {
      const values = seed % 2 ? bimodal(600, seed) : reluWithOutliers(600, seed);
      for (const scheme of [UINT4, INT4_SYMMETRIC]) {
        const minmax = calibrateRange(values, scheme, { kind: 'minmax' });
        expect(mseOf(values, scheme, schemeMseRange(values, scheme))).toBeLessThanOrEqual(
          mseOf(values, scheme, minmax),
        );
      }
    }
  });

  it('refuses no values and NaN as the other calibrators do', () => {
    expect(kindOf(() => schemeMseRange(new Float32Array(0), UINT4))).toBe('empty');
    expect(kindOf(() => schemeMseRange(Float32Array.of(1, NaN), UINT4))).toBe('notFinite');
  });
});

describe('the percentile range for the scheme in use', () => {
  it('cuts (100 − p)/2 % from each side for an asymmetric scheme', () => {
    const values = Float32Array.from({ length: 1000 }, (_, t) => t - 200); // −200 … 799
    const range = schemePercentileRange(values, UINT4, 99);
    // 0.5 % of 1000 = 5 values below and 5 above.
    expect(range).toEqual({ min: -195, max: 794 });
    expect(values.filter((v) => v < range.min).length).toBe(5);
    expect(values.filter((v) => v > range.max).length).toBe(5);
  });
  it('is ±(the percentile of |x|) for a symmetric scheme', () => {
    const values = Float32Array.from({ length: 1000 }, (_, t) => (t % 2 ? -1 : 1) * (t + 1)); // |x| 1 … 1000
    expect(schemePercentileRange(values, INT4_SYMMETRIC, 99)).toEqual({ min: -990, max: 990 });
  });
  it('refuses a percentile outside (0, 100]', () => {
    expect(kindOf(() => schemePercentileRange(Float32Array.of(1, 2), UINT4, 0))).toBe('percentileInvalid');
    expect(kindOf(() => schemePercentileRange(Float32Array.of(1, 2), UINT4, 101))).toBe('percentileInvalid');
  });
});
