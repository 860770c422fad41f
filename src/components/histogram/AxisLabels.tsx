import { CHART_CHAR_WIDTH, placeLabels, type LabelRequest } from '../../viz/labels.ts';

/** The histograms' drawing: bars in width × height, two rows of axis labels below. */
export const HISTOGRAM = { width: 300, height: 90, totalHeight: 122 } as const;

/** Labels under a histogram's axis, never drawn over each other. */
export function AxisLabels({ labels }: { labels: readonly LabelRequest[] }) {
  const placed = placeLabels(labels, { width: HISTOGRAM.width, charWidth: CHART_CHAR_WIDTH, rows: 2 });
  return placed.map((l, i) => (
    <text
      key={i} // in placement order, the same labels from one edit to the next: updated in place
      x={l.x}
      y={HISTOGRAM.height + 14 + l.row * 12}
      textAnchor={l.anchor}
      className="tick-label"
    >
      {l.text}
    </text>
  ));
}
