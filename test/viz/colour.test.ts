import { describe, expect, it } from 'vitest';
import { divergingMap, sequentialMap } from '../../src/viz/colour.ts';
import { gridLines, histogram } from '../../src/viz/histogram.ts';
import { chooseQuantizationParams } from '../../src/engine/index.ts';

const level = (m: { levelScale: number; levelOffset: number }, v: number) =>
  Math.round(Math.min(255, Math.max(0, v * m.levelScale + m.levelOffset)));

describe('colour maps', () => {
  it('map a sequential domain onto levels 0…255 (viridis: dark purple to yellow)', () => {
    const m = sequentialMap(-2, 6);
    expect([level(m, -2), level(m, 2), level(m, 6), level(m, 99)]).toEqual([0, 128, 255, 255]);
    expect(m.colour(-2)).toBe('#440154');
    expect(m.colour(6)).toBe('#fde725');
  });
  it('centre the diverging map at 0', () => {
    const m = divergingMap(0.5);
    expect([level(m, -0.5), level(m, 0), level(m, 0.5)]).toEqual([0, 128, 255]);
  });
});

describe('histogram layout', () => {
  it('counts every value into equal-width bins', () => {
    const h = histogram([0, 0.1, 0.5, 0.99, 1], 0, 1, 4, 100, 50);
    expect(h.bars.map((b) => b.count)).toEqual([2, 0, 1, 2]);
    expect(h.maxCount).toBe(2);
  });
  it('thins the quantization grid to at least 3 px between lines', () => {
    const params = chooseQuantizationParams(-1, 1);
    const { x } = histogram([0], -1, 1, 10, 255, 50); // one level ≈ 1 px
    const grid = gridLines(params, x);
    expect(grid.every).toBe(3);
    expect(grid.values).toHaveLength(86);
  });
});

describe('histogram binning', () => {
  it('agrees with a direct count of each bin’s half-open interval on random data', () => {
    let seed = 3;
    const values = Array.from({ length: 5000 }, () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed / 2 ** 32) * 4 - 2;
    });
    const h = histogram(values, -1.5, 1.5, 7, 100, 50);
    h.bars.forEach((b, i) => {
      const last = i === h.bars.length - 1;
      const expected = values.filter((v) => v >= b.x0 && (last ? v <= b.x1 : v < b.x1)).length;
      expect(b.count).toBe(expected);
    });
    expect(h.bars.reduce((s, b) => s + b.count, 0)).toBe(values.filter((v) => v >= -1.5 && v <= 1.5).length);
  });
});
