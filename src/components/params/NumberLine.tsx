import { useLingui } from '@lingui/react';
import type { QuantizationParams } from '../../engine/index.ts';
import { formatFloat32 } from '../../viz/format.ts';
import { signed } from '../../viz/int64.ts';
import type { PlacedLabel } from '../../viz/labels.ts';
import { numberLineLayout, type Tick } from '../../viz/numberLine.ts';
import { joinSentences } from '../common/inputText.ts';

const WIDTH = 340;
const HEIGHT = 96;
const REAL_Y = 32;
const CODE_Y = 62;
/** Label rows: 11 units apart, away from the axis. */
const ROW = 11;

/** Labels of one axis (rows above the real axis, below the code axis). */
function Labels({ labels, y, step }: { labels: readonly PlacedLabel[]; y: number; step: number }) {
  return labels.map((l, i) => (
    <text
      key={i} // in placement order, the same labels from one edit to the next: updated in place
      x={l.x}
      y={y + l.row * step}
      textAnchor={l.anchor}
      className={l.tag === 'zero' ? 'tick-label zero' : 'tick-label'}
    >
      {l.text}
    </text>
  ));
}

/** Tick marks across an axis at height y (the zero's in red). */
function Ticks({ ticks, y }: { ticks: readonly Tick[]; y: number }) {
  return ticks.map((t, i) => (
    <line key={i} x1={t.x} x2={t.x} y1={y - 4} y2={y + 4} className={t.zero ? 'tick zero' : 'tick'} />
  ));
}

/** The real range drawn above the code grid [qmin, qmax]; real 0 lands exactly on Z. */
export function NumberLine({
  label,
  params,
  clamp,
}: {
  label: string;
  params: QuantizationParams;
  /** A fused activation's clamp interval on the code axis, when narrower than [qmin, qmax]. */
  clamp?: { lo: number; hi: number; name: string } | undefined;
}) {
  const { i18n } = useLingui();
  const layout = numberLineLayout(params, WIDTH);
  const description = i18n._('params.numberLine', {
    matrix: label,
    min: formatFloat32(params.min),
    max: formatFloat32(params.max),
    qmin: signed(params.qmin),
    qmax: signed(params.qmax),
    z: signed(params.zeroPoint),
  });
  const clampText = clamp && i18n._('params.clampKeeps', { name: clamp.name, lo: clamp.lo, hi: clamp.hi });
  const zero = layout.realTicks.find((t) => t.zero);
  return (
    <svg
      className="number-line"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={joinSentences(description, clampText ?? '')}
    >
      <line x1={layout.x0} x2={layout.x1} y1={REAL_Y} y2={REAL_Y} className="axis real-axis" />
      <line x1={layout.x0} x2={layout.x1} y1={CODE_Y} y2={CODE_Y} className="axis int-axis" />
      <text x={2} y={REAL_Y + 4} className="axis-title">
        r
      </text>
      <text x={2} y={CODE_Y + 4} className="axis-title">
        q
      </text>
      <Ticks ticks={layout.realTicks} y={REAL_Y} />
      <Ticks ticks={layout.codeTicks} y={CODE_Y} />
      <Labels labels={layout.realLabels} y={REAL_Y - 8} step={-ROW} />
      <Labels labels={layout.codeLabels} y={CODE_Y + 16} step={ROW} />
      {zero && <line x1={zero.x} x2={zero.x} y1={REAL_Y} y2={CODE_Y} className="zero-link" />}
      {clamp && (
        <g data-testid="activation-clamp">
          <rect
            x={layout.atCode(clamp.lo)}
            y={CODE_Y - 7}
            width={Math.max(1, layout.atCode(clamp.hi) - layout.atCode(clamp.lo))}
            height={14}
            className="clamp-band"
          />
          <text
            x={(layout.atCode(clamp.lo) + layout.atCode(clamp.hi)) / 2}
            y={CODE_Y - 10}
            textAnchor="middle"
            className="tick-label clamp-label"
          >
            {clamp.name} [{clamp.lo}, {clamp.hi}]
          </text>
        </g>
      )}
    </svg>
  );
}
