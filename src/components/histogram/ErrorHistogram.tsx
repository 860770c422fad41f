import type { TensorView } from '../../state/derived/index.ts';
import { MATRIX_LABEL } from '../common/names.ts';
import { formatShort } from '../../viz/format.ts';
import { histogram } from '../../viz/histogram.ts';

const W = 300;
const H = 90;
const PAD = 20;

/** Distribution of r̂ − r with the rounding bounds ±S/2 marked. */
export function ErrorHistogram({ view }: { view: TensorView }) {
  const half = view.params.scale / 2;
  const m = Math.max(half * 1.15, view.metrics.maxAbsError);
  const layout = histogram(view.error.data, -m, m, 21, W, H);
  return (
    <figure className="histogram">
      <figcaption>Error r̂ − r</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H + PAD}`}
        role="img"
        aria-label={`${MATRIX_LABEL[view.id]} error histogram from ${formatShort(-m)} to ${formatShort(m)}; ±S/2 = ±${formatShort(half)} marked.`}
      >
        {layout.bars.map((b, i) => (
          <rect key={i} x={b.x} y={b.y} width={b.width} height={b.height} className="bar error-bar">
            <title>{`${formatShort(b.x0)} … ${formatShort(b.x1)}: ${b.count}`}</title>
          </rect>
        ))}
        {[-half, half].map((v) => (
          <line key={v} x1={layout.x(v)} x2={layout.x(v)} y1={0} y2={H} className="bound" />
        ))}
        <text x={layout.x(-half)} y={H + 14} textAnchor="middle" className="tick-label">
          −S/2
        </text>
        <text x={layout.x(half)} y={H + 14} textAnchor="middle" className="tick-label">
          +S/2
        </text>
        <text x={layout.x(0)} y={H + 14} textAnchor="middle" className="tick-label">
          0
        </text>
      </svg>
    </figure>
  );
}
