/**
 * Colour maps: viridis (sequential, colour-blind safe, monotone in lightness) for values and
 * codes, PuOr (diverging, colour-blind safe) centred at 0 for errors. Each map is sampled once
 * into a 256-entry RGB table so that a 512×512 heatmap fills an ImageData without parsing colours.
 */
import { rgb } from 'd3-color';
import { scaleDiverging, scaleSequential } from 'd3-scale';
import { interpolatePuOr, interpolateViridis } from 'd3-scale-chromatic';

/** A colour map over a numeric domain. */
export interface ColourMap {
  readonly kind: 'sequential' | 'diverging';
  /** [lo, hi] for sequential, [−m, 0, m] for diverging. */
  readonly domain: readonly number[];
  /** CSS colour of a value. */
  colour(value: number): string;
  /** level(v) = round(clamp(v · levelScale + levelOffset, 0, 255)): an index into `table`. */
  readonly levelScale: number;
  readonly levelOffset: number;
  /** 256 RGB triples, packed. */
  readonly table: Uint8ClampedArray;
}

function table(interpolate: (t: number) => string): Uint8ClampedArray {
  const out = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const c = rgb(interpolate(i / 255));
    out[i * 3] = c.r;
    out[i * 3 + 1] = c.g;
    out[i * 3 + 2] = c.b;
  }
  return out;
}

const VIRIDIS = table(interpolateViridis);
/** PuOr reversed: negative errors (r̂ < r) are orange-brown, positive ones purple, 0 is near white. */
const PUOR = table((t) => interpolatePuOr(1 - t));

/** Sequential map over [lo, hi] (a degenerate domain maps everything to the middle). */
export function sequentialMap(lo: number, hi: number): ColourMap {
  const span = hi - lo;
  const scale = scaleSequential(interpolateViridis).domain(span > 0 ? [lo, hi] : [lo - 1, lo + 1]);
  const levelScale = span > 0 ? 255 / span : 0;
  const levelOffset = span > 0 ? -lo * levelScale : 128;
  return { kind: 'sequential', domain: [lo, hi], colour: (v) => scale(v), levelScale, levelOffset, table: VIRIDIS };
}

/** Diverging map over [−m, m] centred at 0 (m > 0; 0 maps to the neutral middle). */
export function divergingMap(m: number): ColourMap {
  const half = m > 0 ? m : 1;
  const scale = scaleDiverging((t: number) => interpolatePuOr(1 - t)).domain([-half, 0, half]);
  return {
    kind: 'diverging',
    domain: [-half, 0, half],
    colour: (v) => scale(v),
    levelScale: 127.5 / half,
    levelOffset: 127.5,
    table: PUOR,
  };
}
