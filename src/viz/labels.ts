/**
 * Axis labels that never overlap: each label asks for a position and a priority; labels are placed
 * in priority order on the first row where they fit (a few rows, away from the axis), kept inside
 * the drawing. A label that is not required only goes on the first row, and is left out when it
 * does not fit there; a required one that fits nowhere goes on the last row. Widths are estimated
 * from the text length (SVG text is not measured: no DOM here).
 */

/** Where a label's x is on the text: its start, middle or end. */
export type Anchor = 'start' | 'middle' | 'end';

/** A label to place. */
export interface LabelRequest {
  /** The position it labels. */
  readonly x: number;
  readonly text: string;
  /** Higher goes first; ties keep the given order. */
  readonly priority: number;
  /** Shown even when it fits nowhere (on the last row). */
  readonly required?: boolean;
  /** Carried to the placed label (e.g. to style the zero). */
  readonly tag?: string;
}

/** A placed label. */
export interface PlacedLabel {
  /** Where the text is anchored (may differ from the request's x near the edges). */
  readonly x: number;
  readonly anchor: Anchor;
  readonly text: string;
  /** 0 is the row nearest the axis. */
  readonly row: number;
  /** The position it labels. */
  readonly at: number;
  readonly tag: string | undefined;
}

/** How labels are laid out. */
export interface LabelOptions {
  /** The drawing spans [0, width]. */
  readonly width: number;
  /** Estimated width of one character, in the drawing's units. */
  readonly charWidth: number;
  /** Space kept between two labels on one row. */
  readonly gap?: number;
  readonly rows: number;
}

/** Estimated width of one character of the charts' labels (10 px text), in SVG units. */
export const CHART_CHAR_WIDTH = 6.2;

/** Space kept between two labels on one row, unless told otherwise. */
export const LABEL_GAP = 4;

/** Estimated width of a text. */
export function textWidth(text: string, charWidth: number): number {
  return text.length * charWidth; // the labels are digits, signs and Latin letters: one UTF-16 unit each
}

/** Places the labels (see the file's comment); the result is in placement (priority) order. */
export function placeLabels(requests: readonly LabelRequest[], options: LabelOptions): PlacedLabel[] {
  const { width, charWidth, gap = LABEL_GAP, rows } = options;
  const taken: [number, number][][] = Array.from({ length: rows }, () => []);
  const placed: PlacedLabel[] = [];
  const order = requests.map((r, i) => ({ r, i })).sort((a, b) => b.r.priority - a.r.priority || a.i - b.i);
  for (const { r } of order) {
    const w = textWidth(r.text, charWidth);
    // Centred on its position, shifted inside the drawing at the edges.
    const left = Math.max(0, Math.min(width - w, r.x - w / 2));
    const span: [number, number] = [left, left + w];
    const free = (row: [number, number][]) => row.every(([a, b]) => span[1] + gap <= a || span[0] >= b + gap);
    let row = r.required ? taken.findIndex(free) : taken[0] && free(taken[0]) ? 0 : -1;
    if (row < 0) {
      if (!r.required) continue;
      row = rows - 1;
    }
    taken[row]?.push(span);
    const anchor: Anchor = left <= 0 ? 'start' : left >= width - w ? 'end' : 'middle';
    const x = anchor === 'start' ? left : anchor === 'end' ? left + w : left + w / 2;
    placed.push({ x, anchor, text: r.text, row, at: r.x, tag: r.tag });
  }
  return placed;
}
