import { useLingui } from '@lingui/react';
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
  const { i18n } = useLingui();
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
      <h3>{i18n._('multiplier.free.heading')}</h3>
      <div className="toolbar">
        <NumberField label={i18n._('multiplier.free.field')} value={m} onCommit={setM} />
        <label htmlFor={sliderId}>{i18n._('multiplier.free.logScale')}</label>
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
        <dt>{i18n._('multiplier.free.gemmlowpTerm')}</dt>
        <dd data-testid="free-gemmlowp">
          {gemmlowp.ok
            ? i18n._('multiplier.free.gemmlowp', {
                m0: gemmlowp.value.quantizedMultiplier,
                n: gemmlowp.value.rightShift,
                value: formatShort(multiplierValue(gemmlowp.value.quantizedMultiplier, -gemmlowp.value.rightShift), 9),
              })
            : i18n._('multiplier.free.unusable', { problem: failureText(gemmlowp.failure) })}
        </dd>
        <dt>{i18n._('multiplier.free.tfliteTerm')}</dt>
        <dd data-testid="free-tflite">
          {tflite.ok
            ? tflite.value.quantizedMultiplier === 0
              ? i18n._('multiplier.free.flushed')
              : i18n._('multiplier.free.tflite', {
                  m0: tflite.value.quantizedMultiplier,
                  shift: signed(tflite.value.shift),
                  value: formatShort(multiplierValue(tflite.value.quantizedMultiplier, tflite.value.shift), 9),
                })
            : i18n._('multiplier.free.unusable', { problem: failureText(tflite.failure) })}
        </dd>
      </dl>
      <label>
        <input type="checkbox" checked={single} onChange={(e) => setSingle(e.target.checked)} />{' '}
        {i18n._('multiplier.free.compare')}
      </label>
      {comparison &&
        (comparison.ok ? (
          <div data-testid="rounding-comparison">
            <p>
              {comparison.value.count > 0
                ? i18n._('multiplier.free.disagree', { count: comparison.value.count })
                : i18n._('multiplier.free.agree')}
            </p>
            {comparison.value.examples.length > 0 && (
              <table className="disagreements">
                <thead>
                  <tr>
                    <th scope="col">x</th>
                    <th scope="col">{i18n._('multiplier.free.doubleRounding')}</th>
                    <th scope="col">{i18n._('multiplier.free.singleRounding')}</th>
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
