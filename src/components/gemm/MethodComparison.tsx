import { i18n } from '@lingui/core';
import { useLingui } from '@lingui/react';
import { useMemo, useState } from 'react';
import { compareMethods, type QuantizedMatMulResult, type Requantization } from '../../engine/index.ts';
import { useProduct } from '../../state/hooks.ts';
import { signed } from '../../viz/int64.ts';
import { problemSentence } from '../common/problemText.ts';
import { requantizationText } from '../common/schemeText.ts';

/** Rows of the table shown at most (the count says how many there are). */
const SHOWN = 20;

/** The methods' short column names: library and type names, but for TFLite's single rounding (a message id). */
const SHORT: Record<Requantization, string | null> = {
  gemmlowp: 'gemmlowp',
  tflite: 'TFLite',
  'tflite-single-rounding': null,
  float32: 'float32',
  float64: 'float64',
};

/** A method's short column name, in the page's language. */
const shortName = (m: Requantization): string => SHORT[m] ?? i18n._('gemm.methods.tfliteSingle');

function Comparison({ result }: { result: QuantizedMatMulResult }) {
  useLingui(); // the words below follow the page's language
  const { methods, disagreements } = useMemo(() => compareMethods(result), [result]);
  const { rows, cols } = result.output;
  const cannot = methods.flatMap((m) => (m.ok ? [] : [m]));
  return (
    <div data-testid="method-comparison">
      <p>
        {disagreements.length === 0
          ? i18n._('gemm.methods.agree', { total: rows * cols })
          : i18n._('gemm.methods.disagree', {
              count: disagreements.length,
              total: rows * cols,
              lsb: Math.max(
                ...disagreements.map((d) => {
                  const codes = d.codes.filter((c): c is number => c !== null);
                  return Math.max(...codes) - Math.min(...codes);
                }),
              ),
            })}{' '}
        <span className="muted">
          {i18n._('gemm.methods.uses', { method: requantizationText(result.requantization) })}
        </span>
      </p>
      {cannot.map((m) => (
        <p key={m.method} className="muted">
          {i18n._('gemm.methods.cannot', { method: shortName(m.method), problem: problemSentence(m.problem) })}
        </p>
      ))}
      {disagreements.length > 0 && (
        // Scrolls sideways on a phone: a keyboard can reach and scroll it too.
        <div className="table-scroll" tabIndex={0} role="region" aria-label={i18n._('gemm.methods.region')}>
          <table className="disagreements">
            <caption className="muted">
              {disagreements.length > SHOWN
                ? i18n._('gemm.methods.captionFirst', { shown: SHOWN, count: disagreements.length })
                : i18n._('gemm.methods.captionAll')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{i18n._('gemm.methods.output')}</th>
                {methods.map((m) => (
                  <th scope="col" key={m.method}>
                    {shortName(m.method)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {disagreements.slice(0, SHOWN).map((d) => (
                <tr key={d.index}>
                  <th scope="row">
                    ({Math.floor(d.index / cols) + 1}, {(d.index % cols) + 1})
                  </th>
                  {d.codes.map((c, t) => (
                    <td key={t}>{c === null ? '—' : signed(c)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The comparison, computed only while open (five methods over every output is not free at 256 × 256). */
function OpenComparison() {
  const product = useProduct();
  return product.ok ? <Comparison result={product.value.result} /> : null;
}

/** How the five requantization methods would round this product's outputs, and where they differ. */
export function MethodComparison() {
  useLingui(); // the words below follow the page's language
  const [open, setOpen] = useState(false);
  return (
    <details className="method-comparison" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{i18n._('gemm.methods.summary')}</summary>
      {open && <OpenComparison />}
    </details>
  );
}
