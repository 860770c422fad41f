import type { QuantizationParams } from '../../engine/index.ts';
import { useParams } from '../../state/hooks.ts';
import type { MatrixId } from '../../state/store.ts';
import { formatFloat32, formatScale } from '../../viz/format.ts';
import { signed } from '../../viz/int64.ts';
import { MATRIX_LABEL } from '../common/names.ts';
import { Problem } from '../common/Problem.tsx';
import { NumberLine } from './NumberLine.tsx';

const paren = (x: number): string => (x < 0 || Object.is(x, -0) ? `(${formatFloat32(x)})` : formatFloat32(x));

/** How Z₀ became Z: the text before the final "Z = …". */
function zeroPointStory(p: QuantizationParams): string {
  if (p.degenerate === 'all-zero') return '';
  const z0 = p.initialZeroPoint;
  const shown = Number.isInteger(z0) ? String(z0) : z0.toFixed(7);
  if (z0 < p.qmin) return `Z₀ = ${shown} < ${p.qmin} → clamped to `;
  if (z0 > p.qmax) return `Z₀ = ${shown} > ${p.qmax} → clamped to `;
  return `Z₀ = ${shown} → round (half away from 0) → `;
}

/** How one matrix's (S, Z) come from its values, with the numbers substituted. */
export function ParamsCard({ id }: { id: MatrixId }) {
  const view = useParams(id);
  const label = MATRIX_LABEL[id];
  if (!view.ok) return <Problem title={`${label}: no quantization parameters`} failure={view.failure} />;
  const { params: p, clamp: c } = view.value;
  const clamp = c ? { lo: c.lo, hi: c.hi, name: c.activation === 'relu' ? 'ReLU' : 'ReLU6' } : undefined;
  const levels = p.qmax - p.qmin;
  const extendedMin = p.min !== p.observedMin;
  const extendedMax = p.max !== p.observedMax;
  return (
    <article className="params-card" aria-label={`${label} quantization parameters`}>
      <h3>{label}</h3>
      <dl>
        <dt>{view.value.handSet ? 'set by hand' : 'observed'}</dt>
        <dd>
          min <span data-testid={`${id}-min`}>{formatFloat32(p.observedMin)}</span>, max{' '}
          <span data-testid={`${id}-max`}>{formatFloat32(p.observedMax)}</span>
          {id !== 'result' && <span className="muted"> (marked in the grid)</span>}
        </dd>
        <dt>range with 0</dt>
        <dd>
          [{formatFloat32(p.min)}, {formatFloat32(p.max)}]
          {(extendedMin || extendedMax) && (
            <span className="muted"> — extended so that real 0 is exactly representable</span>
          )}
        </dd>
        <dt>scale</dt>
        <dd>
          S = (max − min) / {levels} = ({formatFloat32(p.max)} − {paren(p.min)}) / {levels} ={' '}
          <strong data-testid={`${id}-scale`}>{formatScale(p.scale)}</strong> <span className="muted">(float32)</span>
        </dd>
        <dt>zero point</dt>
        <dd>
          Z₀ = {signed(p.qmin)} − min / S ={' '}
          {p.qmin === 0 ? formatFloat32(-p.min) : `${signed(p.qmin)} − ${paren(p.min)}`} / {formatScale(p.scale)}
          <br />
          {zeroPointStory(p)}
          <strong data-testid={`${id}-zero-point`}>Z = {p.zeroPoint}</strong>
        </dd>
      </dl>
      {p.degenerate === 'all-zero' && (
        <p className="note" role="note">
          Every value is 0, so max − min = 0 and the C++ would divide 0 by 0. Any scale represents this matrix exactly;
          the explorer uses S = 1, Z = {p.zeroPoint}.
        </p>
      )}
      {p.degenerate === 'subnormal-scale' && (
        <p className="note" role="note">
          The range is so narrow that S is a float32 subnormal (below 1.2e−38): it has fewer than 24 significant bits,
          so the quantization is coarser than usual. Computed exactly as IEEE float32 does.
        </p>
      )}
      <NumberLine label={label} params={p} clamp={clamp} />
    </article>
  );
}
