/**
 * Histogram layouts (d3-array's bin for the counts, d3-scale for pixels): bars for the error
 * r̂ − r with the ±S/2 bounds, and bars for the values with the quantization grid S·(q − Z).
 */
import { bin, max } from 'd3-array';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { QuantizationParams } from '../engine/index.ts';

/** One bar in pixels, with its bin and count. */
export interface Bar {
  readonly x: number;
  readonly width: number;
  readonly y: number;
  readonly height: number;
  readonly x0: number;
  readonly x1: number;
  readonly count: number;
}

/** Bars plus the x scale (for marks drawn over them). */
export interface HistogramLayout {
  readonly bars: readonly Bar[];
  readonly x: ScaleLinear<number, number>;
  readonly maxCount: number;
}

/** Histogram of `values` over [lo, hi] in `bins` bins, drawn in width × height px. */
export function histogram(
  values: ArrayLike<number>,
  lo: number,
  hi: number,
  bins: number,
  width: number,
  height: number,
): HistogramLayout {
  const span = hi > lo ? [lo, hi] : [lo - 1, hi + 1];
  const x = scaleLinear().domain(span).range([0, width]);
  const step = ((span[1] as number) - (span[0] as number)) / bins;
  const thresholds = Array.from({ length: bins - 1 }, (_, i) => (span[0] as number) + step * (i + 1));
  const groups = bin<number, number>()
    .domain(span as [number, number])
    .thresholds(thresholds)(values);
  const maxCount = max(groups, (g) => g.length) ?? 0;
  const y = scaleLinear()
    .domain([0, Math.max(1, maxCount)])
    .range([height, 0]);
  const bars = groups.map((g) => {
    const x0 = g.x0 ?? 0;
    const x1 = g.x1 ?? 0;
    return {
      x: x(x0),
      width: Math.max(0, x(x1) - x(x0) - 1),
      y: y(g.length),
      height: height - y(g.length),
      x0,
      x1,
      count: g.length,
    };
  });
  return { bars, x, maxCount };
}

/** The real values of the integer levels S·(q − Z) that fall in [lo, hi], thinned to ≥ minGap px apart. */
export function gridLines(
  params: QuantizationParams,
  x: ScaleLinear<number, number>,
  minGap = 3,
): { values: number[]; every: number } {
  const levelPx = Math.abs(x(params.scale) - x(0));
  const every = levelPx >= minGap ? 1 : Math.ceil(minGap / Math.max(levelPx, 1e-9));
  const values: number[] = [];
  for (let q = 0; q <= 255; q += every) values.push(params.scale * (q - params.zeroPoint));
  return { values, every };
}
