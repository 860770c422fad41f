import { useLingui } from '@lingui/react';
import type { DecompositionFrame } from '../../engine/index.ts';
import { signed as s } from '../../viz/int64.ts';
import { aligned, difference, num, op, sub } from '../common/math.tsx';

/** A number after an operator: in parentheses when negative (int8 codes and zero points). */
const p = (x: number) =>
  x < 0 ? (
    <mrow>
      {op('(')}
      {num(s(x))}
      {op(')')}
    </mrow>
  ) : (
    num(s(x))
  );

/** q₁[i,j] or q₂[j,k]. */
const q = (which: '1' | '2') => (
  <mrow>
    {sub('q', which)}
    {op('[')}
    <mi>{which === '1' ? 'i' : 'j'}</mi>
    {op(',')}
    <mi>{which === '1' ? 'j' : 'k'}</mi>
    {op(']')}
  </mrow>
);
/** Σ over j. */
const sum = (
  <munder>
    <mo>∑</mo>
    <mi>j</mi>
  </munder>
);

/** Paper eq. 7, symbols then numbers, aligned on the equals signs. */
const equation7 = (f: DecompositionFrame) => {
  const [t0, t1, t2, t3] = f.terms;
  const z1 = f.lhsZeroPoint;
  const z2 = f.rhsZeroPoint;
  return aligned([
    [
      <mrow key="l">
        {sum}
        {difference(q('1'), sub('Z', '1'))}
        {difference(q('2'), sub('Z', '2'))}
      </mrow>,
      '=',
      <mrow key="r">
        <mi>N</mi>
        {sub('Z', '1')}
        {sub('Z', '2')}
        {op('−')}
        {sub('Z', '1')}
        {sum}
        {q('2')}
      </mrow>,
    ],
    [
      <mrow key="l" />,
      '',
      <mrow key="r">
        {op('−')}
        {sub('Z', '2')}
        {sum}
        {q('1')}
        {op('+')}
        {sum}
        {q('1')}
        {q('2')}
      </mrow>,
    ],
    [
      <mrow key="l" />,
      '=',
      <mrow key="r">
        {num(f.depth)}
        {op('·')}
        {p(z1)}
        {op('·')}
        {p(z2)}
        {op('−')}
        {p(z1)}
        {op('·')}
        {p(f.rhsColSum)}
        {op('−')}
        {p(z2)}
        {op('·')}
        {p(f.lhsRowSum)}
        {op('+')}
        {p(f.crossSum)}
      </mrow>,
    ],
    [
      <mrow key="l" />,
      '=',
      <mrow key="r">
        {num(s(t0))}
        {op('−')}
        {p(t1)}
        {op('−')}
        {p(t2)}
        {op('+')}
        {p(t3)}
      </mrow>,
    ],
  ]);
};

/** Paper eq. 7 for the selected cell, and what each form costs for the current shapes. */
export function Decomposition({ frame, rows, cols }: { frame: DecompositionFrame; rows: number; cols: number }) {
  const { i18n } = useLingui();
  const n = frame.depth;
  const mnk = rows * n * cols;
  return (
    <div className="decomposition">
      {/* A scroll box on a narrow screen: reachable by keyboard, named. */}
      <div className="formula equation" tabIndex={0} role="region" aria-label={i18n._('gemm.decomposition.equation')}>
        <math display="block">{equation7(frame)}</math>
      </div>
      <p className="formula" data-testid="decomposition">
        = <strong>{s(frame.decomposed)}</strong>{' '}
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
