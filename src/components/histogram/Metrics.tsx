import type { TensorView } from '../../state/derived/index.ts';
import { MATRIX_LABEL } from '../common/names.ts';
import { formatShort } from '../../viz/format.ts';

/** MSE, max |error|, SQNR, the uniform-noise MSE S²/12 and the clipped count. */
export function Metrics({ view }: { view: TensorView }) {
  const m = view.metrics;
  const id = view.id;
  return (
    <dl className="metrics" aria-label={`${MATRIX_LABEL[view.id]} error metrics`}>
      <dt>MSE</dt>
      <dd data-testid={`${id}-mse`}>{formatShort(m.mse, 4)}</dd>
      <dt>S²/12</dt>
      <dd data-testid={`${id}-theory`}>{formatShort(m.theoreticalMse, 4)}</dd>
      <dt>max |r̂ − r|</dt>
      <dd data-testid={`${id}-max-error`}>{formatShort(m.maxAbsError, 4)}</dd>
      <dt>SQNR</dt>
      <dd data-testid={`${id}-sqnr`}>
        {m.sqnrDb === null ? (m.mse === 0 ? 'lossless (no error)' : 'no signal') : `${m.sqnrDb.toFixed(1)} dB`}
      </dd>
      <dt>clipped</dt>
      <dd data-testid={`${id}-clipped`}>
        {m.clipped} of {m.count}
      </dd>
    </dl>
  );
}
