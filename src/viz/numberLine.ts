/**
 * Layout of the number line that maps the real range onto the integer codes: one linear scale
 * over q ∈ [qmin, qmax], with every real value r placed at its exact (unrounded) position
 * q = Z + r / S. Real 0 therefore lands exactly on Z. Labels never overlap (labels.ts).
 */
import type { QuantizationParams } from '../engine/index.ts';
import { formatFloat32 } from './format.ts';
import { signed } from './int64.ts';
import { CHART_CHAR_WIDTH, placeLabels, type PlacedLabel } from './labels.ts';

/** A tick on one of the two axes. */
export interface Tick {
  readonly x: number;
  readonly value: number;
  /** Real 0 on the real axis, Z on the code axis. */
  readonly zero: boolean;
}

/** Everything the SVG needs, in pixels. */
export interface NumberLineLayout {
  readonly x0: number;
  readonly x1: number;
  /** The x of a code (for the activation's clamp band). */
  readonly atCode: (q: number) => number;
  /** Real marks: min, 0, max, at q = Z + r/S (min or max is 0 when the range starts or ends there). */
  readonly realTicks: readonly Tick[];
  /** Code ticks: qmin, Z, qmax and round values between. */
  readonly codeTicks: readonly Tick[];
  /** Labels above the real axis (row 0 nearest) and below the code axis. */
  readonly realLabels: readonly PlacedLabel[];
  readonly codeLabels: readonly PlacedLabel[];
}

/** Round codes between qmin and qmax: quarters of the range (0, 64, 128, 192, 255 for uint8). */
function roundCodes(qmin: number, qmax: number): number[] {
  return [1, 2, 3].map((k) => qmin + Math.round(((qmax - qmin + 1) * k) / 4));
}

/** Positions for a line `width` px wide with `pad` px margins. */
export function numberLineLayout(params: QuantizationParams, width: number, pad = 14): NumberLineLayout {
  const { qmin, qmax, zeroPoint: z } = params;
  // A plain linear map (d3-scale's scaleLinear computes the same, but would bring d3-scale,
  // d3-interpolate, d3-color and d3-format into the first chunk for this one line).
  const x = (q: number): number => pad + ((q - qmin) / (qmax - qmin)) * (width - 2 * pad);
  const at = (r: number): number => x(z + r / params.scale);
  const reals = [...new Set([params.min, 0, params.max])];
  const realTicks = reals.map((value) => ({ x: at(value), value, zero: value === 0 }));
  const codes = [...new Set([qmin, z, qmax, ...roundCodes(qmin, qmax)])].sort((a, b) => a - b);
  const codeTicks = codes.map((value) => ({ x: x(value), value, zero: value === z }));
  const realLabels = placeLabels(
    realTicks.map((t) => ({
      x: t.x,
      text: t.zero ? '0' : formatFloat32(t.value),
      priority: t.zero ? 3 : 2,
      required: true,
      tag: t.zero ? 'zero' : undefined,
    })),
    { width, charWidth: CHART_CHAR_WIDTH, rows: 2 },
  );
  const codeLabels = placeLabels(
    codeTicks.map((t) => ({
      x: t.x,
      text: t.zero ? `Z=${signed(t.value)}` : signed(t.value),
      priority: t.zero ? 3 : t.value === qmin || t.value === qmax ? 2 : 1,
      required: t.zero || t.value === qmin || t.value === qmax,
      tag: t.zero ? 'zero' : undefined,
    })),
    { width, charWidth: CHART_CHAR_WIDTH, rows: 2 },
  );
  return { x0: x(qmin), x1: x(qmax), atCode: x, realTicks, codeTicks, realLabels, codeLabels };
}
