import { useLingui } from '@lingui/react';
import { useId, useState } from 'react';
import type { Model } from '../../models/index.ts';
import { parseInput, type GivenInput, type InputProblem } from '../../models/inputs.ts';
import { useAppStore } from '../../state/store.ts';
import { float32Text } from './modelFacts.ts';

function problemText(p: InputProblem, i18n: ReturnType<typeof useLingui>['i18n']): string {
  switch (p.kind) {
    case 'notANumber':
      return i18n._('model.input.notANumber', { index: p.index + 1, token: p.token });
    case 'count':
      return i18n._('model.input.count', { expected: p.expected, actual: p.actual });
    case 'notACode':
      return i18n._('model.input.notACode', { index: p.index + 1, value: p.value, qmin: p.qmin, qmax: p.qmax });
    case 'floatInput':
      return i18n._('model.input.floatInput', { dtype: p.dtype });
  }
}

/**
 * The model's first input set by hand: integer codes as they are, or real values that TFLite's
 * QUANTIZE turns into codes by the input's S and Z. A value that cannot be used is named and the
 * input in use is kept.
 */
export function InputEditor({ model }: { model: Model }) {
  const { i18n } = useLingui();
  const given = useAppStore((s) => s.modelInput);
  const setInput = useAppStore((s) => s.setModelInput);
  const [kind, setKind] = useState<GivenInput['kind']>(given?.kind ?? 'reals');
  const [text, setText] = useState(() => (given ? Array.from(given.values, float32Text).join(', ') : ''));
  const [problem, setProblem] = useState<InputProblem | null>(null);
  const id = useId();
  const tensor = model.tensors[model.inputs[0] ?? -1];
  if (!tensor) return null;
  const q = tensor.quantization;
  const count = tensor.shape.reduce((a, b) => a * Math.max(b, 1), 1);
  const apply = () => {
    const parsed = parseInput(model, kind, text);
    if ('values' in parsed) {
      setProblem(null);
      setInput({ kind: parsed.kind, values: Float32Array.from(parsed.values) });
    } else setProblem(parsed);
  };
  return (
    <details className="model-input" open={given !== null}>
      <summary>
        {given
          ? i18n._(given.kind === 'codes' ? 'model.input.usingCodes' : 'model.input.usingReals', { count })
          : i18n._('model.input.usingRandom')}
      </summary>
      <fieldset>
        <legend>
          {i18n._('model.input.legend', {
            name: tensor.name,
            type: `${tensor.dtype}[${tensor.shape.join(',')}]`,
            count,
            s: q ? float32Text(q.scales[0] ?? 1) : '—',
            z: q?.zeroPoints[0] ?? 0,
          })}
        </legend>
        <label>
          <input type="radio" name={id} checked={kind === 'reals'} onChange={() => setKind('reals')} />{' '}
          {i18n._('model.input.reals')}
        </label>{' '}
        <label>
          <input type="radio" name={id} checked={kind === 'codes'} onChange={() => setKind('codes')} />{' '}
          {i18n._('model.input.codes')}
        </label>
        <label className="model-input-text">
          {i18n._('model.input.values', { count })}
          <textarea
            rows={3}
            value={text}
            aria-invalid={problem !== null}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) apply();
            }}
          />
        </label>
        <div className="model-step-controls">
          <button type="button" onClick={apply}>
            {i18n._('model.input.apply')}
          </button>
          {given && (
            <button
              type="button"
              onClick={() => {
                setInput(null);
                setProblem(null);
              }}
            >
              {i18n._('model.input.random')}
            </button>
          )}
        </div>
        {problem && (
          <p role="alert" className="problem">
            {problemText(problem, i18n)} {given ? i18n._('model.input.kept') : ''}
          </p>
        )}
      </fieldset>
    </details>
  );
}
