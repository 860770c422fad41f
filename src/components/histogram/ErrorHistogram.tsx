import { useLingui } from '@lingui/react';
import type { TensorView } from '../../state/derived/index.ts';
import { formatShort } from '../../viz/format.ts';
import { histogram } from '../../viz/histogram.ts';
import { CHART_CHAR_WIDTH, LABEL_GAP, textWidth, type LabelRequest } from '../../viz/labels.ts';
import { matrixName } from '../common/names.ts';
import { AxisLabels, HISTOGRAM } from './AxisLabels.tsx';

const { width: W, height: H } = HISTOGRAM;

/**
 * The labels of 0 and ±S/2: three, or one "0 ± S/2" when the bounds are too close to be labelled
 * apart (errors far larger than S/2: a result clamped to a range set by hand).
 */
function boundLabels(x: (v: number) => number, half: number): LabelRequest[] {
  if (x(half) - x(-half) < textWidth('+S/2', CHART_CHAR_WIDTH) + LABEL_GAP)
    return [{ x: x(0), text: '0 ± S/2', priority: 3, required: true }];
  return [
    { x: x(0), text: '0', priority: 3, required: true },
    { x: x(-half), text: '−S/2', priority: 2, required: true },
    { x: x(half), text: '+S/2', priority: 2, required: true },
  ];
}

/** How far an error histogram of this view reaches each side of 0 on its own. */
export function errorExtent(view: TensorView): number {
  return Math.max((view.params.scale / 2) * 1.15, view.metrics.maxAbsError);
}

/** Distribution of r̂ − r with the rounding bounds ±S/2 marked (`extent`: a shared axis, ±extent). */
export function ErrorHistogram({ view, extent }: { view: TensorView; extent?: number }) {
  const { i18n } = useLingui();
  const half = view.params.scale / 2;
  const m = extent ?? errorExtent(view);
  const layout = histogram(view.error.data, -m, m, 21, W, H);
  return (
    <figure className="histogram">
      <figcaption>
        {view.groups.length > 1 ? i18n._('histogram.error.captionGroups') : i18n._('histogram.error.caption')}
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${HISTOGRAM.totalHeight}`}
        role="img"
        aria-label={i18n._('histogram.error.label', {
          matrix: matrixName(view.id),
          from: formatShort(-m),
          to: formatShort(m),
          half: formatShort(half),
        })}
      >
        {layout.bars.map((b, i) => (
          <rect key={i} x={b.x} y={b.y} width={b.width} height={b.height} className="bar error-bar">
            <title>{`${formatShort(b.x0)} … ${formatShort(b.x1)}: ${b.count}`}</title>
          </rect>
        ))}
        {[-half, half].map((v) => (
          <line key={v} x1={layout.x(v)} x2={layout.x(v)} y1={0} y2={H} className="bound" />
        ))}
        <AxisLabels
          labels={[
            ...boundLabels(layout.x, half),
            { x: 0, text: formatShort(-m, 3), priority: 1 },
            { x: W, text: formatShort(m, 3), priority: 1 },
          ]}
        />
      </svg>
    </figure>
  );
}
