import { useMemo, useState } from 'react';
import { compareMethods, type QuantizedMatMulResult } from '../../engine/index.ts';
import { useProduct } from '../../state/hooks.ts';
import { signed } from '../../viz/int64.ts';
import { problemSentence } from '../common/problemText.ts';
import { requantizationText } from '../common/schemeText.ts';

/** Rows of the table shown at most (the count says how many there are). */
const SHOWN = 20;

/** The methods' short column names. */
const SHORT = {
  gemmlowp: 'gemmlowp',
  tflite: 'TFLite',
  'tflite-single-rounding': 'TFLite single',
  float32: 'float32',
  float64: 'float64',
} as const;

function Comparison({ result }: { result: QuantizedMatMulResult }) {
  const { methods, disagreements } = useMemo(() => compareMethods(result), [result]);
  const { rows, cols } = result.output;
  const cannot = methods.flatMap((m) => (m.ok ? [] : [m]));
  return (
    <div data-testid="method-comparison">
      <p>
        {disagreements.length === 0
          ? `The methods that can requantize this product agree on all ${rows * cols} outputs.`
          : `The methods disagree on ${disagreements.length} of ${rows * cols} outputs, by at most ${Math.max(
              ...disagreements.map((d) => {
                const codes = d.codes.filter((c): c is number => c !== null);
                return Math.max(...codes) - Math.min(...codes);
              }),
            )} LSB: ties and near-ties that each rounds its own way.`}{' '}
        <span className="muted">This product uses {requantizationText(result.requantization)}.</span>
      </p>
      {cannot.map((m) => (
        <p key={m.method} className="muted">
          {SHORT[m.method]} cannot requantize it: {problemSentence(m.problem)}
        </p>
      ))}
      {disagreements.length > 0 && (
        // Scrolls sideways on a phone: a keyboard can reach and scroll it too.
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Outputs on which the methods disagree">
          <table className="disagreements">
            <caption className="muted">
              {disagreements.length > SHOWN ? `The first ${SHOWN} of ${disagreements.length}` : 'Each one'}: the
              output&apos;s code by each method.
            </caption>
            <thead>
              <tr>
                <th scope="col">output</th>
                {methods.map((m) => (
                  <th scope="col" key={m.method}>
                    {SHORT[m.method]}
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
  const [open, setOpen] = useState(false);
  return (
    <details className="method-comparison" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Every requantization method on this product: where do they disagree?</summary>
      {open && <OpenComparison />}
    </details>
  );
}
