/**
 * Export: a matrix (float, codes, dequantized or error) as CSV or NumPy text, any chart on the page
 * as SVG or PNG, the state as JSON. A modal dialog: Escape or Close returns to where it opened.
 */
import { useLingui } from '@lingui/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { toCsv, toNumpy, toStateJson, type ExportMatrix } from '../../export/formats.ts';
import { LINK_VERSION, linkPayload } from '../../permalink/codec.ts';
import { useTensor } from '../../state/hooks.ts';
import { useAppStore, type MatrixId } from '../../state/store.ts';
import { download, fileName, pageCharts, pngOf, svgOf, type PageChart } from './chartFiles.ts';
import './export.css';

/** The choices and their message ids. */
const MATRIX_TEXT: Readonly<Record<MatrixId, string>> = {
  lhs: 'export.matrix.lhs',
  rhs: 'export.matrix.rhs',
  result: 'export.matrix.result',
};
const WHAT_TEXT = {
  real: 'export.values.real',
  codes: 'export.values.codes',
  dequantized: 'export.values.dequantized',
  error: 'export.values.error',
} as const;
const FORMAT_TEXT = { csv: 'export.format.csv', numpy: 'export.format.numpy' } as const;
type What = keyof typeof WHAT_TEXT;
type Format = keyof typeof FORMAT_TEXT;

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const { i18n } = useLingui();
  const dialog = useRef<HTMLDialogElement>(null);
  const [matrix, setMatrix] = useState<MatrixId>('lhs');
  const [what, setWhat] = useState<What>('real');
  const [format, setFormat] = useState<Format>('csv');
  const [message, setMessage] = useState('');
  const [charts] = useState<PageChart[]>(() => pageCharts());
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  // Followed live (Ctrl+Z still works behind the dialog), rebuilt only when this matrix's view changes.
  const view = useTensor(matrix);
  const text = useMemo(() => {
    if (!view.ok) return null;
    const v = view.value;
    const e: ExportMatrix =
      what === 'codes'
        ? { kind: 'codes', m: v.quantized, qmin: v.params.qmin, qmax: v.params.qmax }
        : { kind: 'float', m: what === 'real' ? v.real : what === 'dequantized' ? v.dequantized : v.error };
    return format === 'csv' ? toCsv(e) : toNumpy(e);
  }, [view, what, format]);
  const name = `${matrix}-${what}.${format === 'csv' ? 'csv' : 'py'}`;
  const preview = text === null ? '' : text.split('\n').slice(0, 6).join('\n');
  const saved = (file: string) => setMessage(i18n._('export.saved', { file }));

  return (
    <dialog ref={dialog} className="export-dialog" aria-labelledby="export-title" onClose={onClose}>
      <h2 id="export-title">{i18n._('export.title')}</h2>
      <section aria-labelledby="export-matrices">
        <h3 id="export-matrices">{i18n._('export.matrices')}</h3>
        <p className="export-choices">
          <Choice label={i18n._('export.matrix')} value={matrix} texts={MATRIX_TEXT} onChange={setMatrix} />{' '}
          <Choice label={i18n._('export.values')} value={what} texts={WHAT_TEXT} onChange={setWhat} />{' '}
          <Choice label={i18n._('export.format')} value={format} texts={FORMAT_TEXT} onChange={setFormat} />
        </p>
        {text === null ? (
          <p className="error">{i18n._('export.noValues')}</p>
        ) : (
          <>
            <pre className="export-preview" aria-label={i18n._('export.preview')}>
              {preview}
            </pre>
            <p>
              <button
                type="button"
                onClick={() => {
                  download(name, new Blob([text], { type: format === 'csv' ? 'text/csv' : 'text/plain' }));
                  saved(name);
                }}
              >
                {i18n._('export.download')}
              </button>{' '}
              <button
                type="button"
                onClick={() => {
                  void navigator.clipboard
                    .writeText(text)
                    .then(() => setMessage(i18n._('export.copied')))
                    .catch(() => setMessage(i18n._('export.copyFailed')));
                }}
              >
                {i18n._('export.copy')}
              </button>
            </p>
          </>
        )}
      </section>
      <section aria-labelledby="export-charts">
        <h3 id="export-charts">{i18n._('export.charts')}</h3>
        {charts.length === 0 ? (
          <p className="muted">{i18n._('export.noCharts')}</p>
        ) : (
          <ul className="export-charts">
            {charts.map((c, k) => (
              <li key={k}>
                <span className="export-chart-name">{c.name}</span>{' '}
                <button
                  type="button"
                  aria-label={i18n._('export.svgOf', { chart: c.name })}
                  onClick={() => {
                    const file = fileName(c.name, 'svg');
                    download(file, svgOf(c));
                    saved(file);
                  }}
                >
                  SVG
                </button>{' '}
                <button
                  type="button"
                  aria-label={i18n._('export.pngOf', { chart: c.name })}
                  onClick={() => {
                    const file = fileName(c.name, 'png');
                    pngOf(c)
                      .then((blob) => {
                        download(file, blob);
                        saved(file);
                      })
                      .catch(() => setMessage(i18n._('export.pngFailed')));
                  }}
                >
                  PNG
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="export-state">
        <h3 id="export-state">{i18n._('export.state')}</h3>
        <p>
          <button
            type="button"
            onClick={() => {
              const json = toStateJson(linkPayload(useAppStore.getState()), LINK_VERSION);
              download('quantization-explorer-state.json', new Blob([json], { type: 'application/json' }));
              saved('quantization-explorer-state.json');
            }}
          >
            {i18n._('export.stateJson')}
          </button>{' '}
          <button type="button" onClick={() => window.print()}>
            {i18n._('export.print')}
          </button>
        </p>
      </section>
      <p role="status" className="note-line">
        {message}
      </p>
      <p>
        <button type="button" onClick={() => dialog.current?.close()}>
          {i18n._('export.close')}
        </button>
      </p>
    </dialog>
  );
}

/** A labelled menu of `texts`' keys, each shown as its message. */
function Choice<K extends string>({
  label,
  value,
  texts,
  onChange,
}: {
  label: string;
  value: K;
  texts: Readonly<Record<K, string>>;
  onChange: (k: K) => void;
}) {
  const { i18n } = useLingui();
  const keys = Object.keys(texts) as K[];
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(keys.find((k) => k === e.target.value) ?? value)}>
        {keys.map((k) => (
          <option key={k} value={k}>
            {i18n._(texts[k])}
          </option>
        ))}
      </select>
    </label>
  );
}
