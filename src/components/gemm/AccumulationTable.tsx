import { useLingui } from '@lingui/react';
import type { CellTrace } from '../../engine/index.ts';
import { signed } from '../../viz/int64.ts';

/** Rows of the table around the current j (the whole sum is never materialised for big depths). */
const WINDOW = 6;

/** Props of {@link AccumulationTable}. */
interface AccumulationTableProps {
  trace: CellTrace;
  depth: number;
  /** The current step (≥ depth: the sum is complete). */
  step: number;
  z1: number;
  z2: number;
}

/** Σj (q1[i,j] − Z1)(q2[j,k] − Z2), term by term, with the running int32 accumulator. */
export function AccumulationTable({ trace, depth, step, z1, z2 }: AccumulationTableProps) {
  const { i18n } = useLingui();
  const current = Math.min(step, depth - 1);
  const from = Math.max(0, current - WINDOW + 1);
  const rows = Array.from({ length: current - from + 1 }, (_, t) => trace.frame(from + t));
  return (
    <table className="accumulation" aria-label={i18n._('gemm.accumulation.label')}>
      <thead>
        <tr>
          <th scope="col">j</th>
          <th scope="col">q1[i,j]</th>
          <th scope="col">q2[j,k]</th>
          <th scope="col">
            (q1 − {signed(z1)}) · (q2 − {signed(z2)})
          </th>
          <th scope="col">{i18n._('gemm.accumulation.accumulator')}</th>
        </tr>
      </thead>
      <tbody>
        {from > 0 && (
          <tr className="muted">
            <td colSpan={5}>… {i18n._('gemm.accumulation.earlier', { count: from })}</td>
          </tr>
        )}
        {rows.map((f) =>
          f.kind === 'accumulate' ? (
            <tr
              key={f.j}
              className={f.j === step ? 'is-current' : undefined}
              aria-current={f.j === step ? 'step' : undefined}
            >
              <td>{f.j + 1}</td>
              <td>{signed(f.lhsValue)}</td>
              <td>{signed(f.rhsValue)}</td>
              <td>
                ({signed(f.lhsCentered)}) · ({signed(f.rhsCentered)}) = {signed(f.product)}
              </td>
              <td data-testid={f.j === step ? 'current-accumulator' : undefined}>{signed(f.accumulator)}</td>
            </tr>
          ) : null,
        )}
      </tbody>
    </table>
  );
}
