import type { TensorView } from '../../state/derived/index.ts';
import { formatFloat32 } from '../../viz/format.ts';
import { gridLines, histogram } from '../../viz/histogram.ts';
import { MATRIX_LABEL } from '../common/names.ts';
import { AxisLabels, HISTOGRAM } from './AxisLabels.tsx';

const { width: W, height: H } = HISTOGRAM;

/** Distribution of the values r with the quantization grid S·(q − Z) drawn over it. */
export function ValueHistogram({ view }: { view: TensorView }) {
  const { params } = view;
  const layout = histogram(view.real.data, params.min, params.max, 32, W, H);
  const grid = gridLines(params, layout.x);
  const visible = grid.values.filter((v) => v >= params.min && v <= params.max);
  const ends = [...new Set([params.min, params.max])].filter((v) => v !== 0);
  return (
    <figure className="histogram">
      <figcaption>
        Values r with the quantization grid{grid.every > 1 ? ` (a line every ${grid.every} levels)` : ''}
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${HISTOGRAM.totalHeight}`}
        role="img"
        aria-label={`${MATRIX_LABEL[view.id]} value histogram from ${formatFloat32(params.min)} to ${formatFloat32(params.max)} with the ${params.qmax - params.qmin + 1} quantization levels.`}
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
            { x: layout.x(0), text: `0 (q = ${params.zeroPoint})`, priority: 3, required: true },
            ...ends.map((v) => ({ x: layout.x(v), text: formatFloat32(v), priority: 2, required: true })),
          ]}
        />
      </svg>
    </figure>
  );
}
