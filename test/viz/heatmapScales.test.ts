/** The heatmaps' colour maps follow the parameters: values over the range, codes over the code range. */
import { describe, expect, it } from 'vitest';
import { chooseQuantizationParams } from '../../src/engine/index.ts';
import { heatmapScales } from '../../src/viz/heatmapScales.ts';

describe('heatmapScales', () => {
  it('spans the real range, the code range of the parameters, and at least ±S/2 for errors', () => {
    const p = chooseQuantizationParams(-1, 3);
    const s = heatmapScales(p, 0.001);
    expect(s.real.domain).toEqual([-1, 3]);
    expect(s.codes.domain).toEqual([0, 255]);
    expect(s.error.domain).toEqual([-p.scale / 2, 0, p.scale / 2]);
    expect(heatmapScales(p, 7).error.domain).toEqual([-7, 0, 7]);
    const int8 = chooseQuantizationParams(-1, 3, { qmin: -128, qmax: 127 });
    expect(heatmapScales(int8, 0).codes.domain).toEqual([-128, 127]);
  });
});
