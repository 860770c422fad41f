import type { TensorView } from '../../state/derived/index.ts';
import { MATRIX_LABEL } from '../common/names.ts';
import { formatFloat32 } from '../../viz/format.ts';
import { gridLines, histogram } from '../../viz/histogram.ts';

const W = 300;
const H = 90;
const PAD = 20;

/** Distribution of the values r with the quantization grid S·(q − Z) drawn over it. */
export function ValueHistogram({ view }: { view: TensorView }) {
  const { params } = view;
  const layout = histogram(view.real.data, params.min, params.max, 32, W, H);
  const grid = gridLines(params, layout.x);
  const visible = grid.values.filter((v) => v >= params.min && v <= params.max);
  return (
    <figure className="histogram">
      <figcaption>
        Values r with the quantization grid{grid.every > 1 ? ` (a line every ${grid.every} levels)` : ''}
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H + PAD}`}
        role="img"
        aria-label={`${MATRIX_LABEL[view.id]} value histogram from ${formatFloat32(params.min)} to ${formatFloat32(params.max)} with the 256 quantization levels.`}
      >
        <path d={visible.map((v) => `M${layout.x(v).toFixed(2)} 0V${H}`).join('')} className="grid-level" />
        {layout.bars.map((b, i) => (
          <rect key={i} x={b.x} y={b.y} width={b.width} height={b.height} className="bar value-bar">
            <title>{`${formatFloat32(b.x0)} … ${formatFloat32(b.x1)}: ${b.count}`}</title>
          </rect>
        ))}
        <line x1={layout.x(0)} x2={layout.x(0)} y1={0} y2={H} className="bound zero" />
        <text x={0} y={H + 14} className="tick-label">
          {formatFloat32(params.min)}
        </text>
        <text x={layout.x(0)} y={H + 14} textAnchor="middle" className="tick-label">
          0 (q = {params.zeroPoint})
        </text>
        <text x={W} y={H + 14} textAnchor="end" className="tick-label">
          {formatFloat32(params.max)}
        </text>
      </svg>
    </figure>
  );
}
