import { useId } from 'react';
import {
  compareRoundingModes,
  multiplierValue,
  quantizeMultiplier,
  quantizeMultiplierSmallerThanOne,
} from '../../engine/index.ts';
import { attempt } from '../../state/derived/derived.ts';
import { useAppStore } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { formatShort } from '../../viz/format.ts';
import { signed } from '../../viz/int64.ts';
import { NumberField } from '../common/NumberField.tsx';
import { failureText } from '../common/problemText.ts';

/** Any M → (M0, shift) in gemmlowp's and TFLite's conventions, and where the two roundings differ. */
export function FreeMultiplier() {
  const m = useView((s) => s.freeMultiplier);
  const setM = useAppStore((s) => s.setFreeMultiplier);
  const single = useView((s) => s.singleRounding);
  const setSingle = useAppStore((s) => s.setSingleRounding);
  const sliderId = useId();
  const gemmlowp = attempt(() => quantizeMultiplierSmallerThanOne(m));
  const tflite = attempt(() => quantizeMultiplier(m));
  const comparison =
    single && tflite.ok
      ? attempt(() => compareRoundingModes(tflite.value.quantizedMultiplier, tflite.value.shift, -4096, 4096))
      : null;
  const log = m > 0 ? Math.log10(m) : -10;
  return (
    <div className="free-multiplier">
      <h3>Any multiplier</h3>
      <div className="toolbar">
        <NumberField label="Multiplier M" value={m} onCommit={setM} />
        <label htmlFor={sliderId}>log scale</label>
        <input
          id={sliderId}
          type="range"
          min={-10}
          max={2}
          step={0.01}
          value={Math.max(-10, Math.min(2, log))}
          onChange={(e) => setM(Math.fround(10 ** Number(e.target.value)))}
        />
      </div>
      <dl className="conventions">
        <dt>gemmlowp (right shift, needs 0 &lt; M &lt; 1)</dt>
        <dd data-testid="free-gemmlowp">
          {gemmlowp.ok
            ? `M0 = ${gemmlowp.value.quantizedMultiplier}, right shift n = ${gemmlowp.value.rightShift}: M ≈ M0 · 2^−31 · 2^−${gemmlowp.value.rightShift} = ${formatShort(multiplierValue(gemmlowp.value.quantizedMultiplier, -gemmlowp.value.rightShift), 9)}`
            : `unusable: ${failureText(gemmlowp.failure)}`}
        </dd>
        <dt>TFLite (signed shift, &gt; 0 = left; M ≥ 1 allowed)</dt>
        <dd data-testid="free-tflite">
          {tflite.ok
            ? tflite.value.quantizedMultiplier === 0
              ? 'M0 = 0, shift 0: below 2^−32 every result would be 0, so TFLite flushes it'
              : `M0 = ${tflite.value.quantizedMultiplier}, shift = ${signed(tflite.value.shift)}: M ≈ M0 · 2^−31 · 2^${signed(tflite.value.shift)} = ${formatShort(multiplierValue(tflite.value.quantizedMultiplier, tflite.value.shift), 9)}`
            : `unusable: ${failureText(tflite.failure)}`}
        </dd>
      </dl>
      <label>
        <input type="checkbox" checked={single} onChange={(e) => setSingle(e.target.checked)} /> Compare TFLite&apos;s
        single rounding ((x·M0 + 2^(t−1)) &gt;&gt; t, one rounding, ties toward +∞) with its default double rounding
      </label>
      {comparison &&
        (comparison.ok ? (
          <div data-testid="rounding-comparison">
            <p>
              For x in −4096…4096 the two disagree on {comparison.value.count} input
              {comparison.value.count === 1 ? '' : 's'}
              {comparison.value.count > 0 ? ', for example:' : '.'}
            </p>
            {comparison.value.examples.length > 0 && (
              <table className="disagreements">
                <thead>
                  <tr>
                    <th scope="col">x</th>
                    <th scope="col">double rounding</th>
                    <th scope="col">single rounding</th>
                  </tr>
                </thead>
                <tbody>
                  {comparison.value.examples.map((d) => (
                    <tr key={d.x}>
                      <td>{d.x}</td>
                      <td>{d.double}</td>
                      <td>{d.single}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ) : (
          <p className="error">{failureText(comparison.failure)}</p>
        ))}
    </div>
  );
}
