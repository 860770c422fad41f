/**
 * Histogram layouts (d3-scale for pixels): bars for the error r̂ − r with the ±S/2 bounds, and
 * bars for the values with the quantization grid S·(q − Z). The bins have equal widths, so each
 * value's bin is one multiplication away; d3-array's bin() (a bisection per value over copied
 * arrays) took 6 ms per 65,536 values, too slow to redraw four histograms within a frame.
 */
import { max } from 'd3-array';
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

/** Histogram of `values` over [lo, hi] in `bins` equal-width bins, drawn in width × height px. */
export function histogram(
  values: ArrayLike<number>,
  lo: number,
  hi: number,
  bins: number,
  width: number,
  height: number,
): HistogramLayout {
  const [from, to] = hi > lo ? [lo, hi] : [lo - 1, hi + 1];
  const x = scaleLinear().domain([from, to]).range([0, width]);
  const step = (to - from) / bins;
  // Bin i holds [from + i·step, from + (i + 1)·step); the last bin also holds `to`. Values
  // outside [from, to] are not counted (as with d3's bin and a domain).
  const counts = new Array<number>(bins).fill(0);
  for (let t = 0; t < values.length; t++) {
    const v = values[t] as number;
    if (!(v >= from && v <= to)) continue;
    const i = Math.min(bins - 1, Math.floor((v - from) / step));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  const maxCount = max(counts) ?? 0;
  const y = scaleLinear()
    .domain([0, Math.max(1, maxCount)])
    .range([height, 0]);
  const bars = counts.map((count, i) => {
    const x0 = from + i * step;
    const x1 = i === bins - 1 ? to : from + (i + 1) * step;
    return { x: x(x0), width: Math.max(0, x(x1) - x(x0) - 1), y: y(count), height: height - y(count), x0, x1, count };
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
  for (let q = params.qmin; q <= params.qmax; q += every) values.push(params.scale * (q - params.zeroPoint));
  return { values, every };
}

/**
 * Counts of `values` in `bins` equal bins of width `step` from `from` (the labs' charts: every
 * value lands in a bin, those beyond the ends in the end bins).
 */
export function binCounts(values: Iterable<number>, from: number, step: number, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    const i = Math.min(bins - 1, Math.max(0, Math.floor((v - from) / step)));
    counts[i] = (counts[i] as number) + 1;
  }
  return counts;
}
