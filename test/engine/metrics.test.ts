import { describe, expect, it } from 'vitest';
import {
  chooseQuantizationParams,
  dequantize,
  errorMetrics,
  groupedErrorMetrics,
  metricsPerGroup,
  quantize,
} from '../../src/engine/index.ts';
import { UINT8 } from '../../src/engine/codes.ts';

describe('errorMetrics', () => {
  it('computes MSE, max |error|, SQNR and S²/12 from their definitions', () => {
    const params = { ...UINT8, scale: 0.5, zeroPoint: 10 };
    const r = [1, 2, -1];
    const rHat = [1.25, 2, -1.5];
    const m = errorMetrics(params, r, rHat);
    expect(m.mse).toBeCloseTo((0.0625 + 0 + 0.25) / 3, 12);
    expect(m.maxAbsError).toBe(0.5);
    expect(m.sqnrDb).toBeCloseTo(10 * Math.log10(6 / 0.3125), 12);
    expect(m.theoreticalMse).toBeCloseTo(0.25 / 12, 12);
    expect(m.count).toBe(3);
  });
  it('reports lossless tensors with a null SQNR rather than ∞', () => {
    expect(errorMetrics({ ...UINT8, scale: 1, zeroPoint: 0 }, [1, 2], [1, 2]).sqnrDb).toBeNull();
  });
  it('counts values beyond the representable range as clipped', () => {
    const params = chooseQuantizationParams(-1, 1);
    const values = [-3, -1, 0, 1, 2.5];
    const m = errorMetrics(params, values, dequantize(params, quantize(params, values)));
    expect(m.clipped).toBe(2);
  });
  it('approaches the uniform-noise MSE S²/12 for a dense ramp', () => {
    const params = chooseQuantizationParams(-1, 1);
    const ramp = Float32Array.from({ length: 100_001 }, (_, i) => -1 + i / 50_000);
    const m = errorMetrics(params, ramp, dequantize(params, quantize(params, ramp)));
    expect(m.mse / m.theoreticalMse).toBeGreaterThan(0.95);
    expect(m.mse / m.theoreticalMse).toBeLessThan(1.05);
    expect(m.maxAbsError).toBeLessThanOrEqual(params.scale / 2 + 1e-7);
  });
});

describe('groupedErrorMetrics', () => {
  it('takes each value’s own group: S²/12 averaged over the values, clipping against each range', () => {
    const fine = { ...UINT8, scale: 0.5, zeroPoint: 0 }; // represents [0, 127.5]
    const coarse = { ...UINT8, scale: 2, zeroPoint: 0 }; // represents [0, 510]
    const r = [1, 200, 1, 200];
    const rHat = [1, 127.5, 1, 200];
    const m = groupedErrorMetrics([fine, coarse], [0, 0, 1, 1], r, rHat);
    expect(m.theoreticalMse).toBeCloseTo((2 * 0.25 + 2 * 4) / 4 / 12, 12);
    expect(m.clipped).toBe(1); // 200 is beyond the fine group's range only
    expect(m.mse).toBeCloseTo((72.5 * 72.5) / 4, 9);
    expect(m.maxAbsError).toBe(72.5);
  });
});

describe('metricsPerGroup', () => {
  it('gives each group the metrics of its own values', () => {
    const a = { ...UINT8, scale: 0.5, zeroPoint: 0 };
    const b = { ...UINT8, scale: 2, zeroPoint: 0 };
    const [ga, gb] = metricsPerGroup([a, b], [0, 1, 0, 1], [1, 2, 3, 4], [1.25, 2, 3, 5]);
    expect(ga?.mse).toBeCloseTo(0.0625 / 2, 12);
    expect(ga?.count).toBe(2);
    expect(gb?.maxAbsError).toBe(1);
    expect(gb?.theoreticalMse).toBeCloseTo(4 / 12, 12);
  });
});
