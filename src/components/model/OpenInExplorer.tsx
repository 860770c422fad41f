import { useLingui } from '@lingui/react';
import { useState } from 'react';
import { MAX_MATRIX_DIM, PRESETS } from '../../engine/index.ts';
import type { Model } from '../../models/index.ts';
import { useAppStore } from '../../state/store.ts';
import { explorerOperands, opensInExplorer } from './explorerOperands.ts';

/** What was loaded, worded at render. */
type Loaded =
  | { readonly ok: true; readonly lhs: string; readonly rhs: string }
  | { readonly ok: false; readonly rows: number; readonly cols: number };

/** Puts a FULLY_CONNECTED or CONV_2D node (through im2col) into sections 1–6 with TFLite's int8 schemes. */
export function OpenInExplorer({
  model,
  node,
  values,
}: {
  model: Model;
  node: number;
  values: readonly (ArrayLike<number> | null)[];
}) {
  const { i18n } = useLingui();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  if (!opensInExplorer(model, node)) return null;
  const open = () => {
    const o = explorerOperands(model, node, values);
    if (!o.ok) {
      setLoaded({ ok: false, rows: o.rows, cols: o.cols });
      return;
    }
    const store = useAppStore.getState();
    store.replaceMatrix('rhs', o.rhs);
    store.replaceMatrix('lhs', o.lhs);
    store.setProductOptions({
      resultRange: o.range,
      bias: o.bias,
      activation: o.relu === 1 ? 'relu' : o.relu === 3 ? 'relu6' : 'none',
      schemes: {
        lhs: PRESETS['tflite-int8'],
        rhs: PRESETS['tflite-int8-weights-per-column'],
        result: PRESETS['tflite-int8'],
      },
      requantization: 'tflite',
    });
    setLoaded({ ok: true, lhs: `${o.lhs.rows}×${o.lhs.cols}`, rhs: `${o.rhs.rows}×${o.rhs.cols}` });
  };
  return (
    <div className="model-open-explorer">
      <button type="button" onClick={open}>
        {i18n._('model.openInExplorer')}
      </button>
      <span role="status">
        {loaded?.ok === true && i18n._('model.openedInExplorer', { lhs: loaded.lhs, rhs: loaded.rhs })}
        {loaded?.ok === false &&
          i18n._('model.tooLargeForExplorer', { rows: loaded.rows, cols: loaded.cols, max: MAX_MATRIX_DIM })}
      </span>
    </div>
  );
}
