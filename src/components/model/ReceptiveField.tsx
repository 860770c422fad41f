import { useLingui } from '@lingui/react';

/** A filter tap: where in the input (row, column) it reads; outside the input it is padding. */
export interface Tap {
  readonly y: number;
  readonly x: number;
}

/** Most cells drawn along each side (a window around the field on large inputs). */
const MAX_CELLS = 24;
const CELL = 18;

/** The window of [lo, hi] of at most MAX_CELLS cells around `focus`. */
function windowOf(lo: number, hi: number, focus: number): [number, number] {
  if (hi - lo + 1 <= MAX_CELLS) return [lo, hi];
  const start = Math.min(Math.max(focus - Math.floor(MAX_CELLS / 2), lo), hi - MAX_CELLS + 1);
  return [start, start + MAX_CELLS - 1];
}

/**
 * The input's rows × columns with one output element's receptive field lit: every filter tap
 * (padding taps outside the input, dashed), the tap of the current term strongest. Each tap reads
 * all its input channels (`channels` of them); the im2col row is the taps in this order.
 */
export function ReceptiveField({
  inH,
  inW,
  taps,
  current,
  channels,
}: {
  inH: number;
  inW: number;
  taps: readonly Tap[];
  current: Tap | null;
  channels: number;
}) {
  const { i18n } = useLingui();
  const ys = taps.map((t) => t.y);
  const xs = taps.map((t) => t.x);
  const focus = current ?? taps[0] ?? { y: 0, x: 0 };
  const [y0, y1] = windowOf(Math.min(0, ...ys), Math.max(inH - 1, ...ys), focus.y);
  const [x0, x1] = windowOf(Math.min(0, ...xs), Math.max(inW - 1, ...xs), focus.x);
  const lit = new Set(taps.map((t) => `${t.y},${t.x}`));
  const padded = taps.filter((t) => t.y < 0 || t.y >= inH || t.x < 0 || t.x >= inW).length;
  const cells = [];
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++) {
      const inside = y >= 0 && y < inH && x >= 0 && x < inW;
      const isLit = lit.has(`${y},${x}`);
      const isCurrent = current !== null && current.y === y && current.x === x;
      if (!inside && !isLit) continue;
      cells.push(
        <rect
          key={`${y},${x}`}
          x={(x - x0) * CELL + 1}
          y={(y - y0) * CELL + 1}
          width={CELL - 2}
          height={CELL - 2}
          className={['field-cell', !inside && 'padding', isLit && 'lit', isCurrent && 'current']
            .filter(Boolean)
            .join(' ')}
        />,
      );
    }
  return (
    <figure className="receptive-field">
      <svg
        width={(x1 - x0 + 1) * CELL + 2}
        height={(y1 - y0 + 1) * CELL + 2}
        role="img"
        aria-label={i18n._('model.fieldAlt', {
          inH,
          inW,
          taps: taps.length,
          padded,
          channels,
          y: current?.y ?? '—',
          x: current?.x ?? '—',
        })}
      >
        {cells}
      </svg>
      <figcaption className="muted">
        {i18n._('model.fieldCaption', {
          inH,
          inW,
          taps: taps.length,
          padded,
          channels,
          terms: (taps.length - padded) * channels,
        })}
        {(y1 - y0 + 1 < Math.max(inH, 1) || x1 - x0 + 1 < Math.max(inW, 1)) &&
          ` ${i18n._('model.fieldWindow', { y0, y1, x0, x1 })}`}
      </figcaption>
    </figure>
  );
}
