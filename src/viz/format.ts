/** Number formatting for display: short, honest, never "NaN" shown as a result. */
import { shortestFloat32 } from '../engine/index.ts';

const shortest = new Map<number, string>();

/** The shortest decimal that reads back to the same float32 (at most 9 significant digits). */
export function formatFloat32(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (x === 0) return Object.is(x, -0) ? '−0' : '0';
  const hit = shortest.get(x);
  if (hit !== undefined) return hit;
  const out = tidy(shortestFloat32(x));
  if (shortest.size > 20_000) shortest.clear(); // a bounded memo: cells re-render often
  shortest.set(x, out);
  return out;
}

/** A value rounded to `digits` significant digits for compact display. */
export function formatShort(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  return tidy(Number(x.toPrecision(digits)).toString());
}

/** Typographic minus, as in the paper. */
function tidy(s: string): string {
  return s.replace(/-/g, '−');
}

/**
 * A scale or multiplier: ten decimal places in the everyday range (0.0066029881, as printed in
 * the docs people compare against), exponent notation outside it.
 */
export function formatScale(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a >= 1e-3 && a < 1e6) return tidy(x.toFixed(10).replace(/\.?0+$/, ''));
  return tidy(x.toExponential(8).replace(/\.?0+e/, 'e'));
}

/** The name of a code range: uint8, int8, … for the usual ones, else [qmin, qmax]. */
export function codeRangeName(range: { readonly qmin: number; readonly qmax: number }): string {
  const { qmin, qmax } = range;
  for (let bits = 2; bits <= 32; bits++) {
    if (qmin === 0 && qmax === 2 ** bits - 1) return `uint${bits}`;
    if (qmin === -(2 ** (bits - 1)) && qmax === 2 ** (bits - 1) - 1) return `int${bits}`;
  }
  return `[${tidy(String(qmin))}, ${tidy(String(qmax))}]`;
}
