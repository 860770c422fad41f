import type { QuantizationParams } from '../../engine/index.ts';
import { formatFloat32 } from '../../viz/format.ts';
import { numberLineLayout } from '../../viz/numberLine.ts';

const WIDTH = 340;
const HEIGHT = 78;
const REAL_Y = 24;
const INT_Y = 56;

/** The real range drawn above the integer grid 0…255; real 0 lands exactly on Z. */
export function NumberLine({
  label,
  params,
  clamp,
}: {
  label: string;
  params: QuantizationParams;
  /** A fused activation's clamp interval on the integer axis, when narrower than [0, 255]. */
  clamp?: { lo: number; hi: number; name: string } | undefined;
}) {
  const layout = numberLineLayout(params, WIDTH);
  const q = (v: number) => layout.x0 + ((layout.x1 - layout.x0) * v) / 255;
  const zero = layout.realMarks[1];
  return (
    <svg
      className="number-line"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`${label} number line: reals from ${formatFloat32(params.min)} to ${formatFloat32(params.max)} map onto 0…255; real 0 lands on ${params.zeroPoint}.${clamp ? ` ${clamp.name} clamps the output to [${clamp.lo}, ${clamp.hi}].` : ''}`}
    >
      <line x1={layout.x0} x2={layout.x1} y1={REAL_Y} y2={REAL_Y} className="axis real-axis" />
      <line x1={layout.x0} x2={layout.x1} y1={INT_Y} y2={INT_Y} className="axis int-axis" />
      <text x={2} y={REAL_Y - 10} className="axis-title">
        r
      </text>
      <text x={2} y={INT_Y + 18} className="axis-title">
        q
      </text>
      {layout.realMarks.map((m) => (
        <g key={m.label}>
          <line x1={m.x} x2={m.x} y1={REAL_Y - 4} y2={REAL_Y + 4} className={m.label === '0' ? 'tick zero' : 'tick'} />
          <text
            x={m.x}
            y={REAL_Y - 8}
            textAnchor={m.label === 'min' ? 'start' : m.label === 'max' ? 'end' : 'middle'}
            className={m.label === '0' ? 'tick-label zero' : 'tick-label'}
          >
            {m.label === '0' ? '0' : formatFloat32(m.value)}
          </text>
        </g>
      ))}
      {layout.intTicks.map((t) => (
        <g key={t.value}>
          <line
            x1={t.x}
            x2={t.x}
            y1={INT_Y - 4}
            y2={INT_Y + 4}
            className={t.value === params.zeroPoint ? 'tick zero' : 'tick'}
          />
          <text
            x={t.x}
            y={INT_Y + 16}
            textAnchor="middle"
            className={t.value === params.zeroPoint ? 'tick-label zero' : 'tick-label'}
          >
            {t.value === params.zeroPoint ? `Z=${t.label}` : t.label}
          </text>
        </g>
      ))}
      {zero && <line x1={zero.x} x2={zero.x} y1={REAL_Y} y2={INT_Y} className="zero-link" />}
      {clamp && (
        <g data-testid="activation-clamp">
          <rect
            x={q(clamp.lo)}
            y={INT_Y - 7}
            width={Math.max(1, q(clamp.hi) - q(clamp.lo))}
            height={14}
            className="clamp-band"
          />
          <text
            x={(q(clamp.lo) + q(clamp.hi)) / 2}
            y={INT_Y - 9}
            textAnchor="middle"
            className="tick-label clamp-label"
          >
            {clamp.name} keeps [{clamp.lo}, {clamp.hi}]
          </text>
        </g>
      )}
    </svg>
  );
}
