import { useLingui } from '@lingui/react';
import { useMemo, useState } from 'react';
import { metricsPerGroup } from '../../engine/index.ts';
import type { TensorView } from '../../state/derived/index.ts';
import { matrixName } from '../common/names.ts';
import { formatShort } from '../../viz/format.ts';

/** MSE, max |error|, SQNR, the uniform-noise MSE S²/12 and the clipped count. */
export function Metrics({ view }: { view: TensorView }) {
  const { i18n } = useLingui();
  const m = view.metrics;
  const id = view.id;
  return (
    <dl className="metrics" aria-label={i18n._('histogram.metrics.label', { matrix: matrixName(view.id) })}>
      <dt>{i18n._('histogram.metrics.mse')}</dt>
      <dd data-testid={`${id}-mse`}>{formatShort(m.mse, 4)}</dd>
      <dt>S²/12</dt>
      <dd data-testid={`${id}-theory`}>{formatShort(m.theoreticalMse, 4)}</dd>
      <dt>max |r̂ − r|</dt>
      <dd data-testid={`${id}-max-error`}>{formatShort(m.maxAbsError, 4)}</dd>
      <dt>{i18n._('histogram.metrics.sqnr')}</dt>
      <dd data-testid={`${id}-sqnr`}>
        {m.sqnrDb === null
          ? m.mse === 0
            ? i18n._('histogram.metrics.lossless')
            : i18n._('histogram.metrics.noSignal')
          : `${m.sqnrDb.toFixed(1)} dB`}
      </dd>
      <dt>{i18n._('histogram.metrics.clipped')}</dt>
      <dd data-testid={`${id}-clipped`}>
        {i18n._('histogram.metrics.clippedOf', { clipped: m.clipped, count: m.count })}
      </dd>
      {view.groupOf && (
        <>
          <dt>{i18n._('histogram.metrics.perGroup')}</dt>
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
  const { i18n } = useLingui();
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{i18n._('histogram.metrics.groups', { count: view.groups.length })}</summary>
      {open && <GroupMetricsTable view={view} groupOf={groupOf} />}
    </details>
  );
}

function GroupMetricsTable({ view, groupOf }: { view: TensorView; groupOf: Int32Array }) {
  const { i18n } = useLingui();
  const rows = useMemo(
    () => metricsPerGroup(view.groups, groupOf, view.real.data, view.dequantized.data),
    [view, groupOf],
  );
  return (
    <div
      className="table-scroll"
      tabIndex={0}
      role="region"
      aria-label={i18n._('histogram.metrics.perGroupLabel', { matrix: matrixName(view.id) })}
    >
      <table className="group-metrics">
        <thead>
          <tr>
            <th scope="col">{i18n._('histogram.metrics.group')}</th>
            <th scope="col">S</th>
            <th scope="col">{i18n._('histogram.metrics.mse')}</th>
            <th scope="col">max |r̂ − r|</th>
            <th scope="col">{i18n._('histogram.metrics.clipped')}</th>
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
      {rows.length > SHOWN && (
        <p className="muted">{i18n._('histogram.metrics.more', { count: rows.length - SHOWN })}</p>
      )}
    </div>
  );
}
