import { useLingui } from '@lingui/react';
import type { TensorView } from '../../state/derived/index.ts';
import { formatFloat32 } from '../../viz/format.ts';
import { gridLines, histogram } from '../../viz/histogram.ts';
import { signed } from '../../viz/int64.ts';
import { matrixName } from '../common/names.ts';
import { AxisLabels, HISTOGRAM } from './AxisLabels.tsx';

const { width: W, height: H } = HISTOGRAM;

/** Distribution of the values r with the quantization grid S·(q − Z) drawn over it. */
export function ValueHistogram({ view }: { view: TensorView }) {
  const { i18n } = useLingui();
  const { params } = view;
  const { min, max } = view.span;
  const layout = histogram(view.real.data, min, max, 32, W, H);
  const grid = gridLines(params, layout.x);
  // Per channel or block each group has its own grid: none is drawn over the whole matrix.
  const perGroup = view.groups.length > 1;
  const visible = perGroup ? [] : grid.values.filter((v) => v >= min && v <= max);
  const ends = [...new Set([min, max])].filter((v) => v !== 0);
  return (
    <figure className="histogram">
      <figcaption>
        {perGroup
          ? i18n._('histogram.values.perGroup', { count: view.groups.length })
          : grid.every > 1
            ? i18n._('histogram.values.gridEvery', { every: grid.every })
            : i18n._('histogram.values.grid')}
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${HISTOGRAM.totalHeight}`}
        role="img"
        aria-label={i18n._('histogram.values.label', {
          matrix: matrixName(view.id),
          min: formatFloat32(min),
          max: formatFloat32(max),
          levels: params.qmax - params.qmin + 1,
        })}
      >
        <path d={visible.map((v) => `M${layout.x(v).toFixed(2)} 0V${H}`).join('')} className="grid-level" />
        {layout.bars.map((b, i) => (
          <rect key={i} x={b.x} y={b.y} width={b.width} height={b.height} className="bar value-bar">
            <title>{`${formatFloat32(b.x0)} … ${formatFloat32(b.x1)}: ${b.count}`}</title>
          </rect>
        ))}
        <line x1={layout.x(0)} x2={layout.x(0)} y1={0} y2={H} className="bound zero" />
        <AxisLabels
          labels={[
            {
              x: layout.x(0),
              text: perGroup ? '0' : `0 (q = ${signed(params.zeroPoint)})`,
              priority: 3,
              required: true,
            },
            ...ends.map((v) => ({ x: layout.x(v), text: formatFloat32(v), priority: 2, required: true })),
          ]}
        />
      </svg>
    </figure>
  );
}
