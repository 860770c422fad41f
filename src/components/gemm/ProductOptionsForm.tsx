import { useId } from 'react';
import { ACTIVATIONS, REQUANTIZATIONS, type Activation } from '../../engine/index.ts';
import { useProduct } from '../../state/hooks.ts';
import { useAppStore } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { NumberField } from '../common/NumberField.tsx';
import { requantizationText } from '../common/schemeText.ts';

/** What the menu calls each fused activation. */
const ACTIVATION_TEXT: Record<Activation, string> = {
  none: 'none',
  relu: 'ReLU (clamp below at Z3)',
  relu6: 'ReLU6 (clamp to [Z3, Z3 + round(6/S3)])',
};

/** Bias fields shown at most (the rest of the columns get 0). */
const MAX_BIAS_FIELDS = 32;

/** Result range (auto or by hand), an optional int32 bias per column and a fused activation. */
export function ProductOptionsForm() {
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
      <legend>Set up the product</legend>
      <div>
        <label>
          <input
            type="checkbox"
            checked={options.resultRange !== null}
            onChange={(e) => setOptions({ resultRange: e.target.checked ? range : null })}
          />{' '}
          Set the result range by hand (as a trained network does); otherwise it is the float result&apos;s min and max
        </label>
        {options.resultRange && (
          <span className="range-fields">
            {' '}
            [
            <NumberField
              label="Result range min"
              value={range.min}
              onCommit={(min) => setOptions({ resultRange: { ...range, min } })}
            />
            ,
            <NumberField
              label="Result range max"
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
          Add a bias per output column (int32 at scale S1·S2, zero point 0, added before requantization)
        </label>
        {options.bias && (
          <div className="bias-fields">
            {Array.from({ length: Math.min(cols, MAX_BIAS_FIELDS) }, (_, k) => (
              <NumberField
                key={k}
                label={`Bias of column ${k + 1}`}
                value={bias[k] ?? 0}
                onCommit={(v) => {
                  const next = Array.from({ length: cols }, (_, c) => bias[c] ?? 0);
                  next[k] = v;
                  setOptions({ bias: next });
                }}
              />
            ))}
            {cols > MAX_BIAS_FIELDS && <span className="muted">Columns after {MAX_BIAS_FIELDS} have bias 0.</span>}
          </div>
        )}
      </div>
      <div>
        <label htmlFor={activationId}>Fused activation </label>
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
              {ACTIVATION_TEXT[a]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={requantizationId}>Requantization </label>
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
