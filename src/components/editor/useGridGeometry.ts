import { useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { FloatMatrix } from '../../engine/index.ts';
import { widestValue } from '../../viz/valueWidth.ts';

/** The grid's geometry in px. */
export interface GridGeometry {
  /** Height of a row. */
  readonly cellH: number;
  /** Width of the row-number column. */
  readonly headW: number;
  /** Width of a value column: the widest value of the matrix fits whole. */
  readonly cellW: number;
}

/** Before the first layout (and where there is none, e.g. jsdom): the tokens' defaults. */
const DEFAULTS = { cellH: 28, headW: 36, digit: 8.7, pad: 6 };
/** The min/max bars (3 px each side) and the cell's border. */
const MARKS = 8;

/**
 * The geometry of a grid, read from the CSS tokens through a hidden probe element (its height is
 * --grid-cell-h, its width --grid-head-w, and it holds ten digits in the cells' font), so that a
 * theme changes the grid by changing variables. Measured once laid out, and again when the probe
 * resizes (another theme or font); the column width follows the matrix's widest value.
 */
export function useGridGeometry(probe: RefObject<HTMLDivElement | null>, matrix: FloatMatrix): GridGeometry {
  const [measured, setMeasured] = useState(DEFAULTS);
  const last = useRef(DEFAULTS);
  useLayoutEffect(() => {
    const el = probe.current;
    const digits = el?.firstElementChild;
    if (!el || !(digits instanceof HTMLElement) || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const next = {
        cellH: el.offsetHeight || DEFAULTS.cellH,
        headW: el.offsetWidth || DEFAULTS.headW,
        digit: digits.getBoundingClientRect().width / 10 || DEFAULTS.digit,
        pad: parseFloat(getComputedStyle(el).getPropertyValue('--grid-cell-pad')) || DEFAULTS.pad,
      };
      const prev = last.current;
      if (next.cellH === prev.cellH && next.headW === prev.headW && next.digit === prev.digit && next.pad === prev.pad)
        return;
      last.current = next;
      setMeasured(next);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    observer.observe(digits);
    return () => observer.disconnect();
  }, [probe]);
  const widest = useMemo(() => widestValue(matrix.data), [matrix]);
  const { cellH, headW, digit, pad } = measured;
  return { cellH, headW, cellW: Math.ceil(widest * digit + 2 * pad + MARKS) };
}
