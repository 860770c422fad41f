import { useLingui } from '@lingui/react';
import { useState } from 'react';
import { EXAMPLE_MODELS, openExample, openFile, useModelStore, type ExampleModel } from '../../state/modelStore.ts';
import { modelProblemText, tensorProblemText } from './modelText.ts';

/** Open a model: the bundled examples, a file picker, and what happened to the last file. */
export function OpenModel() {
  const { i18n } = useLingui();
  const reading = useModelStore((s) => s.reading);
  const model = useModelStore((s) => s.model);
  const source = useModelStore((s) => s.source);
  const [fetchFailed, setFetchFailed] = useState<ExampleModel | null>(null);
  const example = (name: ExampleModel) => {
    setFetchFailed(null);
    openExample(name).catch(() => setFetchFailed(name));
  };
  return (
    <div className="model-open">
      <div className="model-open-row">
        {EXAMPLE_MODELS.map((name) => (
          <button key={name} type="button" onClick={() => example(name)}>
            {i18n._('model.example', { name: `${name}.tflite` })}
          </button>
        ))}
        <label className="file-button">
          {i18n._('model.pick')}
          <input
            className="visually-hidden-file"
            type="file"
            accept=".tflite,.onnx,.npy,.safetensors,application/octet-stream"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void openFile(file);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      <p className="muted">{i18n._('model.dropHint')}</p>
      <div role="status" aria-live="polite">
        {reading.kind === 'reading' && (
          <p>
            {i18n._('model.reading', { name: reading.name, size: reading.size })}{' '}
            <progress aria-label={i18n._('model.readingProgress')} />
          </p>
        )}
        {model && source && reading.kind !== 'reading' && (
          <p>
            {i18n._('model.opened', {
              name: source.kind === 'file' ? source.name : `${source.name}.tflite`,
              format: model.format === 'tflite' ? 'TFLite' : 'ONNX',
              nodes: model.nodes.length,
              tensors: model.tensors.length,
            })}
            {source.kind === 'file' && (
              <>
                {' '}
                <span className="muted">
                  SHA-256 <code>{source.sha256.slice(0, 16)}…</code>
                </span>
              </>
            )}
          </p>
        )}
      </div>
      {reading.kind === 'failed' && (
        <div role="alert" className="problem">
          <strong>{i18n._('model.failed', { name: reading.name })}</strong>
          <p>{modelProblemText(reading.problem)}</p>
          {model && <p>{i18n._('model.keptPrevious')}</p>}
        </div>
      )}
      {reading.kind === 'tensorFailed' && (
        <div role="alert" className="problem">
          <strong>{i18n._('model.tensorFailedHeading', { name: reading.name })}</strong>
          <p>{tensorProblemText(reading.problem)}</p>
        </div>
      )}
      {fetchFailed && (
        <div role="alert" className="problem">
          <strong>{i18n._('model.exampleFailed', { name: fetchFailed })}</strong>
        </div>
      )}
    </div>
  );
}
