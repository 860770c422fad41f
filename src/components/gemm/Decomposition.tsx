import type { DecompositionFrame } from '../../engine/index.ts';
import { signed as s } from '../../viz/int64.ts';

/** A number after an operator: in parentheses when negative (int8 codes and zero points). */
const p = (x: number): string => (x < 0 ? `(${s(x)})` : s(x));

/** Paper eq. 7 for the selected cell, and what each form costs for the current shapes. */
export function Decomposition({ frame, rows, cols }: { frame: DecompositionFrame; rows: number; cols: number }) {
  const { depth: n, lhsZeroPoint: z1, rhsZeroPoint: z2, terms } = frame;
  const mnk = rows * n * cols;
  return (
    <div className="decomposition">
      <p className="formula">Σⱼ (q1 − Z1)(q2 − Z2) = N·Z1·Z2 − Z1·Σⱼq2[j,k] − Z2·Σⱼq1[i,j] + Σⱼq1[i,j]·q2[j,k]</p>
      <p className="formula" data-testid="decomposition">
        = {n}·{p(z1)}·{p(z2)} − {p(z1)}·{p(frame.rhsColSum)} − {p(z2)}·{p(frame.lhsRowSum)} + {p(frame.crossSum)} ={' '}
        {s(terms[0])} − {p(terms[1])} − {p(terms[2])} + {p(terms[3])} = <strong>{s(frame.decomposed)}</strong>{' '}
        {frame.decomposed === frame.direct ? '= the direct sum ✓' : `≠ the direct sum ${s(frame.direct)}`}
      </p>
      <p className="muted">
        Operation count for {rows}×{n} · {n}×{cols}: the direct form subtracts the zero points inside the triple loop —{' '}
        {(2 * mnk).toLocaleString('en')} subtractions and {mnk.toLocaleString('en')} multiply-adds. The decomposed form
        needs {mnk.toLocaleString('en')} multiply-adds of the raw codes (the only O(N³) term, what a fast kernel runs),
        plus {(rows * n + n * cols).toLocaleString('en')} additions for the row and column sums and a few operations per
        output ({(4 * rows * cols).toLocaleString('en')}).
      </p>
    </div>
  );
}
