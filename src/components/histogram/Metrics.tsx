import { useMemo, useState } from 'react';
import { metricsPerGroup } from '../../engine/index.ts';
import type { TensorView } from '../../state/derived/index.ts';
import { matrixName } from '../common/names.ts';
import { formatShort } from '../../viz/format.ts';

/** MSE, max |error|, SQNR, the uniform-noise MSE S²/12 and the clipped count. */
export function Metrics({ view }: { view: TensorView }) {
  const m = view.metrics;
  const id = view.id;
  return (
    <dl className="metrics" aria-label={`${matrixName(view.id)} error metrics`}>
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
      {view.groupOf && (
        <>
          <dt>per group</dt>
          <dd>
            <GroupMetrics view={view} groupOf={view.groupOf} />
          </dd>
        </>
      )}
    </dl>
  );
}

/** Groups listed at most. */
const SHOWN = 16;

/** The metrics of each channel or block (groups in ONNX's order), computed when opened. */
function GroupMetrics({ view, groupOf }: { view: TensorView; groupOf: Int32Array }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{view.groups.length} channels or blocks</summary>
      {open && <GroupMetricsTable view={view} groupOf={groupOf} />}
    </details>
  );
}

function GroupMetricsTable({ view, groupOf }: { view: TensorView; groupOf: Int32Array }) {
  const rows = useMemo(
    () => metricsPerGroup(view.groups, groupOf, view.real.data, view.dequantized.data),
    [view, groupOf],
  );
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={`${matrixName(view.id)} metrics per group`}>
      <table className="group-metrics">
        <thead>
          <tr>
            <th scope="col">group</th>
            <th scope="col">S</th>
            <th scope="col">MSE</th>
            <th scope="col">max |r̂ − r|</th>
            <th scope="col">clipped</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((g, k) => (
            <tr key={k}>
              <th scope="row">{k + 1}</th>
              <td>{formatShort(view.groups[k]?.scale ?? 0, 4)}</td>
              <td>{formatShort(g.mse, 4)}</td>
              <td>{formatShort(g.maxAbsError, 4)}</td>
              <td>{g.clipped}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN && <p className="muted">and {rows.length - SHOWN} more</p>}
    </div>
  );
}
