import { useLingui } from '@lingui/react';
import type { DecompositionFrame } from '../../engine/index.ts';
import { signed as s } from '../../viz/int64.ts';

/** A number after an operator: in parentheses when negative (int8 codes and zero points). */
const p = (x: number): string => (x < 0 ? `(${s(x)})` : s(x));

/** Paper eq. 7 for the selected cell, and what each form costs for the current shapes. */
export function Decomposition({ frame, rows, cols }: { frame: DecompositionFrame; rows: number; cols: number }) {
  const { i18n } = useLingui();
  const { depth: n, lhsZeroPoint: z1, rhsZeroPoint: z2, terms } = frame;
  const mnk = rows * n * cols;
  return (
    <div className="decomposition">
      <p className="formula">Σⱼ (q1 − Z1)(q2 − Z2) = N·Z1·Z2 − Z1·Σⱼq2[j,k] − Z2·Σⱼq1[i,j] + Σⱼq1[i,j]·q2[j,k]</p>
      <p className="formula" data-testid="decomposition">
        = {n}·{p(z1)}·{p(z2)} − {p(z1)}·{p(frame.rhsColSum)} − {p(z2)}·{p(frame.lhsRowSum)} + {p(frame.crossSum)} ={' '}
        {s(terms[0])} − {p(terms[1])} − {p(terms[2])} + {p(terms[3])} = <strong>{s(frame.decomposed)}</strong>{' '}
        {frame.decomposed === frame.direct
          ? i18n._('gemm.decomposition.equal')
          : i18n._('gemm.decomposition.differs', { direct: s(frame.direct) })}
      </p>
      <p className="muted">
        {i18n._('gemm.decomposition.cost', {
          rows,
          depth: n,
          cols,
          subtractions: 2 * mnk,
          multiplyAdds: mnk,
          sums: rows * n + n * cols,
          perOutput: 4 * rows * cols,
        })}
      </p>
    </div>
  );
}
