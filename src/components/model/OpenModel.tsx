import { useLingui } from '@lingui/react';
import { useState } from 'react';
import {
  EXAMPLE_MODELS,
  forgetWanted,
  openExample,
  openFile,
  useModelStore,
  type ExampleModel,
} from '../../state/modelStore.ts';
import { modelProblemText, ggufProblemText, tensorProblemText } from './modelText.ts';

/** Open a model: the bundled examples, a file picker, and what happened to the last file. */
export function OpenModel() {
  const { i18n } = useLingui();
  const reading = useModelStore((s) => s.reading);
  const model = useModelStore((s) => s.model);
  const source = useModelStore((s) => s.source);
  const wanted = useModelStore((s) => s.wanted);
  const badNode = useModelStore((s) => s.badNode);
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
            accept=".tflite,.onnx,.npy,.safetensors,.gguf,application/octet-stream"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void openFile(file);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      <p className="muted">{i18n._('model.dropHint')}</p>
      {wanted && (
        <div role="alert" className="problem">
          <strong>{i18n._('model.wanted', { name: wanted.name, size: wanted.size })}</strong>
          <p>
            {i18n._('model.wantedHash')} <code className="hash">{wanted.sha256}</code>
          </p>
          <button type="button" onClick={forgetWanted}>
            {i18n._('model.forgetWanted')}
          </button>
        </div>
      )}
      {reading.kind === 'otherFile' && wanted && (
        <div role="alert" className="problem">
          <strong>{i18n._('model.otherFile', { name: reading.name })}</strong>
          <p>
            {i18n._('model.otherFileHash')} <code className="hash">{reading.sha256}</code>
          </p>
        </div>
      )}
      {badNode && <p role="alert">{i18n._('model.badNode', badNode)}</p>}
      <div role="status" aria-live="polite">
        {reading.kind === 'reading' && (
          <p>
            {i18n._('model.reading', { name: reading.name, size: reading.size })}{' '}
            <progress
              aria-label={i18n._('model.readingProgress')}
              max={Math.max(reading.size, 1)}
              value={reading.read}
            />
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
      {reading.kind === 'ggufFailed' && (
        <div role="alert" className="problem">
          <strong>{i18n._('model.ggufFailedHeading', { name: reading.name })}</strong>
          <p>{ggufProblemText(reading.problem)}</p>
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
