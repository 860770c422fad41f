import { useLingui } from '@lingui/react';
import { useMemo } from 'react';
import type { Model } from '../../models/index.ts';
import { useAppStore } from '../../state/store.ts';
import { inputCodes, quantizeInput, runModel } from '../../models/inputs.ts';

const W = 360;
const H = 160;
const POINTS = 97;

/** The model's output in real numbers for input x (S_out · (code − Z_out)). */
function predict(model: Model, x: number): number {
  const values = runModel(model, inputCodes(model, x, 0));
  const out = model.tensors[model.outputs[0] ?? -1];
  const code = values[model.outputs[0] ?? -1]?.[0] ?? 0;
  return (out?.quantization?.scales[0] ?? 1) * (code - (out?.quantization?.zeroPoints[0] ?? 0));
}

/** hello_world: a slider for x ∈ [0, 2π], the int8 model's y beside sin x, and both curves over the range. */
export function HelloWorldCurve({ model }: { model: Model }) {
  const { i18n } = useLingui();
  const x = useAppStore((s) => s.modelView?.x ?? 0);
  const setX = useAppStore((s) => s.setModelX);
  const curve = useMemo(
    () =>
      Array.from({ length: POINTS }, (_, k) => (2 * Math.PI * k) / (POINTS - 1)).map(
        (t) => [t, predict(model, t)] as const,
      ),
    [model],
  );
  const y = predict(model, x);
  const sx = (t: number) => (t / (2 * Math.PI)) * W;
  const sy = (v: number) => H / 2 - v * (H / 2.4);
  const path = (f: (t: number) => number) =>
    curve.map(([t], k) => `${k ? 'L' : 'M'}${sx(t).toFixed(1)},${sy(f(t)).toFixed(1)}`).join('');
  const maxError = Math.max(...curve.map(([t, v]) => Math.abs(v - Math.sin(t))));
  return (
    <div className="model-curve">
      <h3>{i18n._('model.curveHeading')}</h3>
      <label>
        x = {x.toFixed(2)}{' '}
        <input
          type="range"
          min={0}
          max={2 * Math.PI}
          step={0.01}
          value={x}
          aria-label={i18n._('model.xSlider')}
          onChange={(e) => setX(Number(e.target.value))}
        />
      </label>
      <p>
        {i18n._('model.curveValues', {
          code: quantizeInput(model, x),
          y: y.toFixed(4),
          sin: Math.sin(x).toFixed(4),
        })}
      </p>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={i18n._('model.curveAlt', { error: maxError.toFixed(3) })}>
        <line x1={0} x2={W} y1={sy(0)} y2={sy(0)} className="axis" />
        <path d={path((t) => Math.sin(t))} className="curve-reference" />
        <path
          d={curve.map(([t, v], k) => `${k ? 'L' : 'M'}${sx(t).toFixed(1)},${sy(v).toFixed(1)}`).join('')}
          className="curve-model"
        />
        <circle cx={sx(x)} cy={sy(y)} r={4} className="curve-point" />
      </svg>
      <p className="legend">
        <span className="key-reference">{i18n._('model.legendSin')}</span>{' '}
        <span className="key-model">{i18n._('model.legendModel')}</span>
      </p>
    </div>
  );
}
