/**
 * Layout of the number line that maps the real range onto the integer grid: one linear scale
 * over q ∈ [0, 255], with every real value r placed at its exact (unrounded) position
 * q = Z + r / S. Real 0 therefore lands exactly on Z.
 */
import { scaleLinear } from 'd3-scale';
import type { QuantizationParams } from '../engine/index.ts';

/** A labelled mark on one of the two axes. */
export interface Mark {
  readonly x: number;
  readonly label: string;
  readonly value: number;
}

/** Everything the SVG needs, in pixels. */
export interface NumberLineLayout {
  readonly x0: number;
  readonly x1: number;
  /** Integer ticks (0, Z, 255 and a few round values). */
  readonly intTicks: readonly Mark[];
  /** Real marks: min, 0, max, at q = Z + r/S. */
  readonly realMarks: readonly Mark[];
}

/** Positions for a line `width` px wide with `pad` px margins. */
export function numberLineLayout(params: QuantizationParams, width: number, pad = 14): NumberLineLayout {
  const x = scaleLinear()
    .domain([0, 255])
    .range([pad, width - pad]);
  const at = (r: number): number => x(params.zeroPoint + r / params.scale);
  const intValues = [
    ...new Set([0, 64, 128, 192, 255].filter((q) => Math.abs(q - params.zeroPoint) > 18).concat(params.zeroPoint)),
  ];
  return {
    x0: x(0),
    x1: x(255),
    intTicks: intValues.sort((a, b) => a - b).map((q) => ({ x: x(q), label: String(q), value: q })),
    realMarks: [
      { x: at(params.min), label: 'min', value: params.min },
      { x: at(0), label: '0', value: 0 },
      { x: at(params.max), label: 'max', value: params.max },
    ],
  };
}
