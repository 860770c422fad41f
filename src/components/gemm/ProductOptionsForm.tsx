import { useLingui } from '@lingui/react';
import { useId } from 'react';
import { ACTIVATIONS, REQUANTIZATIONS, type Activation } from '../../engine/index.ts';
import { useProduct } from '../../state/hooks.ts';
import { useAppStore } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { NumberField } from '../common/NumberField.tsx';
import { requantizationText } from '../common/schemeText.ts';

/** The message id of what the menu calls each fused activation. */
const ACTIVATION_TEXT: Record<Activation, string> = {
  none: 'gemm.options.activationNone',
  relu: 'gemm.options.activationRelu',
  relu6: 'gemm.options.activationRelu6',
};

/** Bias fields shown at most (the rest of the columns get 0). */
const MAX_BIAS_FIELDS = 32;

/** Result range (auto or by hand), an optional int32 bias per column and a fused activation. */
export function ProductOptionsForm() {
  const { i18n } = useLingui();
  const options = useView((s) => s.productOptions);
  const setOptions = useAppStore((s) => s.setProductOptions);
  const cols = useView((s) => s.rhs.cols);
  const product = useProduct();
  const activationId = useId();
  const requantizationId = useId();
  const auto = product.ok ? product.value.result.resultParams : null;
  const range = options.resultRange ?? (auto ? { min: auto.observedMin, max: auto.observedMax } : { min: -1, max: 1 });
  const bias = options.bias ?? [];
  return (
    <fieldset className="product-options chrome">
      <legend>{i18n._('gemm.options.legend')}</legend>
      <div>
        <label>
          <input
            type="checkbox"
            checked={options.resultRange !== null}
            onChange={(e) => setOptions({ resultRange: e.target.checked ? range : null })}
          />{' '}
          {i18n._('gemm.options.byHand')}
        </label>
        {options.resultRange && (
          <span className="range-fields">
            {' '}
            [
            <NumberField
              label={i18n._('gemm.options.min')}
              value={range.min}
              onCommit={(min) => setOptions({ resultRange: { ...range, min } })}
            />
            ,
            <NumberField
              label={i18n._('gemm.options.max')}
              value={range.max}
              onCommit={(max) => setOptions({ resultRange: { ...range, max } })}
            />
            ]
          </span>
        )}
      </div>
      <div>
        <label>
          <input
            type="checkbox"
            checked={options.bias !== null}
            onChange={(e) => setOptions({ bias: e.target.checked ? Array.from({ length: cols }, () => 0) : null })}
          />{' '}
          {i18n._('gemm.options.bias')}
        </label>
        {options.bias && (
          <div className="bias-fields">
            {Array.from({ length: Math.min(cols, MAX_BIAS_FIELDS) }, (_, k) => (
              <NumberField
                key={k}
                label={i18n._('gemm.options.biasOf', { column: k + 1 })}
                value={bias[k] ?? 0}
                onCommit={(v) => {
                  const next = Array.from({ length: cols }, (_, c) => bias[c] ?? 0);
                  next[k] = v;
                  setOptions({ bias: next });
                }}
              />
            ))}
            {cols > MAX_BIAS_FIELDS && (
              <span className="muted">{i18n._('gemm.options.biasRest', { last: MAX_BIAS_FIELDS })}</span>
            )}
          </div>
        )}
      </div>
      <div>
        <label htmlFor={activationId}>{i18n._('gemm.options.activation')} </label>
        <select
          id={activationId}
          value={options.activation}
          onChange={(e) => {
            const activation = ACTIVATIONS.find((a) => a === e.target.value);
            if (activation) setOptions({ activation });
          }}
        >
          {ACTIVATIONS.map((a) => (
            <option key={a} value={a}>
              {i18n._(ACTIVATION_TEXT[a])}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={requantizationId}>{i18n._('gemm.options.requantization')} </label>
        <select
          id={requantizationId}
          value={options.requantization}
          onChange={(e) => {
            const requantization = REQUANTIZATIONS.find((m) => m === e.target.value);
            if (requantization) setOptions({ requantization });
          }}
        >
          {REQUANTIZATIONS.map((m) => (
            <option key={m} value={m}>
              {requantizationText(m)}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
