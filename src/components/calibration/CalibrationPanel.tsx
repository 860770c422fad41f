import { i18n } from '@lingui/core';
import { useLingui } from '@lingui/react';
import { useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import type { FloatMatrix, Scheme } from '../../engine/index.ts';
import {
  CALIBRATION_SOURCES,
  EMA_PYTORCH,
  EMA_TENSORFLOW,
  ONNX_ENTROPY_BINS,
  SCHEME_PERCENTILE,
  ONNX_PERCENTILE,
  ESTIMATORS,
  MAX_BATCHES,
  MAX_BATCH_SIZE,
  MAX_PASTED,
  calibrationBatches,
  calibrationReport,
  type CalibrationReport,
  type CalibrationSettings,
  type CalibrationSource,
  type Estimator,
} from '../../state/calibration.ts';
import { MAX_SEED } from '../../state/random.ts';
import { useAppStore } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { formatFloat32, formatScale, formatShort } from '../../viz/format.ts';
import { signed } from '../../viz/int64.ts';
import { binCounts } from '../../viz/histogram.ts';
import { linear } from '../../viz/linear.ts';
import { Panel } from '../common/Panel.tsx';
import { problemSentence } from '../common/problemText.ts';
import { describeScheme } from '../common/schemeText.ts';
import { WholeField } from '../common/WholeField.tsx';
import { blockProblemText } from '../common/inputText.ts';
import { parseValues, type ValuesProblem } from '../../input/parseMatrix.ts';
import './calibration.css';

const SOURCE_TEXT: Record<CalibrationSource, string> = {
  normal: 'calibration.source.normal',
  relu: 'calibration.source.relu',
  heavy: 'calibration.source.heavy',
  bimodal: 'calibration.source.bimodal',
  lhs: 'calibration.source.lhs',
  pasted: 'calibration.source.pasted',
};

/** Each estimator's colour (Okabe–Ito, colour-blind safe) and dash. */
const ESTIMATOR_STYLE: Record<Estimator, { colour: string; dash?: string }> = {
  minmax: { colour: '#000000' },
  'mse-scheme': { colour: '#009E73' },
  'percentile-scheme': { colour: '#CC79A7' },
  'ema-pytorch': { colour: '#0072B2' },
  'ema-tensorflow': { colour: '#E69F00', dash: '6 3' },
  'percentile-99.9': { colour: '#009E73', dash: '2 2' },
  'percentile-99.99': { colour: '#56B4E9', dash: '2 2' },
  'percentile-99.999': { colour: '#CC79A7', dash: '2 2' },
  mse: { colour: '#D55E00', dash: '8 2 2 2' },
  entropy: { colour: '#7a6a00', dash: '4 4' },
  'percentile-onnxruntime': { colour: '#0072B2', dash: '1 3' },
  'entropy-onnxruntime': { colour: '#D55E00', dash: '1 3' },
};

/** Each estimator's name, in the page's language (the components that show it call useLingui). */
function estimatorName(e: Estimator): string {
  switch (e) {
    case 'minmax':
      return i18n._('calibration.estimator.minmax');
    case 'mse-scheme':
      return i18n._('calibration.estimator.mseScheme');
    case 'percentile-scheme':
      return i18n._('calibration.estimator.percentileScheme', { p: String(SCHEME_PERCENTILE) });
    case 'ema-pytorch':
      return i18n._('calibration.estimator.emaPytorch', { c: String(EMA_PYTORCH) });
    case 'ema-tensorflow':
      return i18n._('calibration.estimator.emaTensorflow', { decay: String(EMA_TENSORFLOW) });
    case 'percentile-99.9':
      return i18n._('calibration.estimator.percentile', { p: '99.9' });
    case 'percentile-99.99':
      return i18n._('calibration.estimator.percentile', { p: '99.99' });
    case 'percentile-99.999':
      return i18n._('calibration.estimator.percentile', { p: '99.999' });
    case 'mse':
      return i18n._('calibration.estimator.mse');
    case 'entropy':
      return i18n._('calibration.estimator.entropy');
    case 'percentile-onnxruntime':
      return i18n._('calibration.estimator.percentileOnnx', { p: String(ONNX_PERCENTILE) });
    case 'entropy-onnxruntime':
      return i18n._('calibration.estimator.entropyOnnx', { bins: String(ONNX_ENTROPY_BINS) });
    default:
      return e satisfies never;
  }
}

/** `text` with each of `codes` (plain identifiers, the same in every language) set in <code>. */
function withCode(text: string, codes: readonly string[]): ReactNode[] {
  const pattern = new RegExp(`(${codes.join('|')})`);
  return text.split(pattern).map((part, k) => (codes.includes(part) ? <code key={k}>{part}</code> : part));
}

const W = 640;
const H = 170;
const PAD = 28;

/** Section 7: where the result's range comes from. */
export function CalibrationPanel() {
  const { i18n } = useLingui();
  return (
    <Panel id="calibration" title={i18n._('calibration.title')} lede={i18n._('calibration.lede')}>
      <CalibrationLab />
    </Panel>
  );
}

/** What was last sent to section 5 (worded at render, in the page's language). */
interface Sent {
  readonly estimator: Estimator;
  readonly min: number;
  readonly max: number;
}

function CalibrationLab() {
  const { i18n } = useLingui();
  const settings = useView((s) => s.calibration);
  const lhs = useView((s) => s.lhs);
  const scheme = useView((s) => s.productOptions.schemes.result);
  const set = useAppStore((s) => s.setCalibration);
  const setProductOptions = useAppStore((s) => s.setProductOptions);
  const [sent, setSent] = useState<Sent | null>(null);
  // The LHS matters only when it is the source: edits of it do not recompute a drawn stream.
  const source: FloatMatrix | null = settings.source === 'lhs' ? lhs : null;
  // The lab follows edits a frame later: the edited panels paint first (its searches take tens of ms).
  const inputs = useMemo(() => ({ settings, source, scheme }), [settings, source, scheme]);
  const deferred = useDeferredValue(inputs);
  const report = useMemo(
    () =>
      deferred.settings.source === 'pasted' && deferred.settings.pasted.length === 0
        ? null
        : reportOf(deferred.settings, deferred.source, deferred.scheme),
    [deferred],
  );
  return (
    <div className="calibration">
      <fieldset className="chrome calibration-controls">
        <legend>{i18n._('calibration.stream')}</legend>
        <label>
          {i18n._('calibration.source')}{' '}
          <select
            value={settings.source}
            onChange={(e) => set({ source: CALIBRATION_SOURCES.find((x) => x === e.target.value) ?? 'normal' })}
          >
            {CALIBRATION_SOURCES.map((x) => (
              <option key={x} value={x}>
                {i18n._(SOURCE_TEXT[x])}
              </option>
            ))}
          </select>
        </label>{' '}
        <WholeField
          label={i18n._('calibration.batches')}
          value={settings.batches}
          min={1}
          max={MAX_BATCHES}
          onCommit={(batches) => set({ batches })}
        />{' '}
        <WholeField
          label={i18n._('calibration.batchSize')}
          value={settings.batchSize}
          min={1}
          max={MAX_BATCH_SIZE}
          onCommit={(batchSize) => set({ batchSize })}
        />{' '}
        {settings.source !== 'lhs' && settings.source !== 'pasted' && (
          <>
            <WholeField
              label={i18n._('calibration.seed')}
              value={settings.seed}
              min={0}
              max={MAX_SEED}
              onCommit={(seed) => set({ seed })}
            />{' '}
            <button type="button" onClick={() => set({ seed: settings.seed >= MAX_SEED ? 0 : settings.seed + 1 })}>
              {i18n._('calibration.newDraw')}
            </button>
          </>
        )}
        {settings.source === 'pasted' && <PasteValues pasted={settings.pasted} onRead={(pasted) => set({ pasted })} />}
      </fieldset>
      {report === null ? (
        <p className="muted">{i18n._('calibration.pasteFirst')}</p>
      ) : (
        <>
          <p className="muted">
            {settings.source === 'pasted' && report.seen.length < settings.pasted.length
              ? i18n._('calibration.summaryFirst', {
                  batches: report.batches.length,
                  values: report.seen.length,
                  first: new Intl.NumberFormat(i18n.locale).format(report.seen.length),
                  pasted: new Intl.NumberFormat(i18n.locale).format(settings.pasted.length),
                  scheme: describeScheme(scheme),
                })
              : i18n._('calibration.summary', {
                  batches: report.batches.length,
                  values: report.seen.length,
                  scheme: describeScheme(scheme),
                })}
          </p>
          <SeenHistogram report={report} />
          <BatchChart report={report} />
          <EstimateTable
            report={report}
            onUse={(estimator, min, max) => {
              setProductOptions({ resultRange: { min, max } });
              setSent({ estimator, min, max });
            }}
          />
        </>
      )}
      <p role="status" className="note-line">
        {sent &&
          i18n._('calibration.sent', {
            min: formatFloat32(sent.min),
            max: formatFloat32(sent.max),
            name: estimatorName(sent.estimator),
          })}
      </p>
    </div>
  );
}

/** A box for pasted values: read on the button (or Ctrl+Enter); a refusal keeps the values in use. */
function PasteValues({ pasted, onRead }: { pasted: Float32Array; onRead: (values: Float32Array) => void }) {
  const { i18n } = useLingui();
  const [text, setText] = useState('');
  // What the last read did (worded at render, in the page's language).
  const [outcome, setOutcome] = useState<
    { ok: true; count: number } | { ok: false; problem: ValuesProblem; kept: number } | null
  >(null);
  const read = () => {
    const parsed = parseValues(text, MAX_PASTED);
    if (parsed.ok) {
      onRead(parsed.values);
      setOutcome({ ok: true, count: parsed.values.length });
    } else {
      setOutcome({ ok: false, problem: parsed.problem, kept: pasted.length });
    }
  };
  const message =
    outcome === null
      ? pasted.length > 0
        ? i18n._('calibration.inUse', { count: pasted.length })
        : ''
      : outcome.ok
        ? i18n._('calibration.read', { count: outcome.count })
        : outcome.kept > 0
          ? i18n._('calibration.refusedKept', { problem: blockProblemText(outcome.problem), count: outcome.kept })
          : blockProblemText(outcome.problem);
  const error = outcome !== null && !outcome.ok;
  return (
    <div className="calibration-paste">
      <label>
        {i18n._('calibration.pasteLabel')}
        <textarea
          value={text}
          rows={3}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              read();
            }
          }}
        />
      </label>
      <button type="button" onClick={read}>
        {i18n._('calibration.readButton')}
      </button>{' '}
      <span className={error ? 'error' : 'muted'} role={error ? 'alert' : 'status'}>
        {message}
      </span>
    </div>
  );
}

function reportOf(settings: CalibrationSettings, lhs: FloatMatrix | null, scheme: Scheme): CalibrationReport {
  const empty: FloatMatrix = { rows: 0, cols: 0, data: new Float32Array(0) };
  return calibrationReport(calibrationBatches(settings, lhs ?? empty), scheme);
}

/** Everything seen, with each estimator's range as two vertical marks. */
function SeenHistogram({ report }: { report: CalibrationReport }) {
  const { i18n } = useLingui();
  const { seen, rows } = report;
  const lo = Math.min(
    ...rows.flatMap((r) => (r.ok ? [r.min] : [])),
    seen.length ? seen.reduce((a, b) => Math.min(a, b)) : 0,
  );
  const hi = Math.max(
    ...rows.flatMap((r) => (r.ok ? [r.max] : [])),
    seen.length ? seen.reduce((a, b) => Math.max(a, b)) : 0,
  );
  const bins = 80;
  const step = hi > lo ? (hi - lo) / bins : 1;
  const counts = binCounts(seen, lo, step, bins);
  const top = Math.max(1, ...counts);
  const x = linear(lo, hi, PAD, W - PAD);
  // Counts on a square-root axis: the rare values that decide min/max stay visible.
  const y = (c: number) => H - PAD - Math.sqrt(c / top) * (H - 2 * PAD);
  const summary = new Intl.ListFormat(i18n.locale, { type: 'conjunction' }).format(
    rows.flatMap((r) =>
      r.ok
        ? [
            i18n._('calibration.rangeOf', {
              name: estimatorName(r.estimator),
              min: formatShort(r.min, 4),
              max: formatShort(r.max, 4),
            }),
          ]
        : [],
    ),
  );
  return (
    <figure className="calibration-figure">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={i18n._('calibration.histogramLabel', {
          count: seen.length,
          lo: formatShort(lo, 4),
          hi: formatShort(hi, 4),
          summary,
        })}
      >
        {counts.map((c, i) => (
          <rect
            key={i}
            x={x(lo + i * step)}
            width={Math.max(0.5, x(lo + step) - x(lo) - 0.5)}
            y={y(c)}
            height={H - PAD - y(c)}
            className="calibration-bar"
          />
        ))}
        {rows.map((r, k) =>
          r.ok ? (
            <g
              key={r.estimator}
              stroke={ESTIMATOR_STYLE[r.estimator].colour}
              strokeDasharray={ESTIMATOR_STYLE[r.estimator].dash}
            >
              <line x1={x(r.min)} x2={x(r.min)} y1={PAD - 10 + k * 2} y2={H - PAD} />
              <line x1={x(r.max)} x2={x(r.max)} y1={PAD - 10 + k * 2} y2={H - PAD} />
            </g>
          ) : null,
        )}
        <text x={PAD} y={H - 8} className="axis-label">
          {formatShort(lo, 4)}
        </text>
        <text x={W - PAD} y={H - 8} textAnchor="end" className="axis-label">
          {formatShort(hi, 4)}
        </text>
      </svg>
      <figcaption>
        {withCode(i18n._('calibration.histogramCaption', { bins: String(ONNX_ENTROPY_BINS) }), [
          'quantize_static',
          'CalibNumBins',
        ])}
      </figcaption>
      <Legend />
    </figure>
  );
}

function Legend() {
  useLingui();
  return (
    <ul className="calibration-legend">
      {ESTIMATORS.map((e) => (
        <li key={e}>
          <svg width="26" height="10" aria-hidden="true">
            <line
              x1="1"
              x2="25"
              y1="5"
              y2="5"
              stroke={ESTIMATOR_STYLE[e].colour}
              strokeWidth="2"
              strokeDasharray={ESTIMATOR_STYLE[e].dash}
            />
          </svg>
          {estimatorName(e)}
        </li>
      ))}
    </ul>
  );
}

/** Each batch's min and max (grey), the running min/max and the two EMAs, batch by batch. */
function BatchChart({ report }: { report: CalibrationReport }) {
  const { i18n } = useLingui();
  const { batchMin, batchMax, running } = report;
  const n = batchMin.length;
  const lines = (['minmax', 'ema-pytorch', 'ema-tensorflow'] as const).map((e) => ({ e, ...running[e] }));
  // The axis holds the batches and every running estimate (TensorFlow's always contains 0).
  const lo = Math.min(...batchMin, ...lines.map((l) => Math.min(...l.min)));
  const hi = Math.max(...batchMax, ...lines.map((l) => Math.max(...l.max)));
  const x = linear(0, Math.max(1, n - 1), PAD, W - PAD);
  const y = linear(lo, hi, H - PAD, 10);
  const path = (values: Float32Array) => Array.from(values, (v, b) => `${b ? 'L' : 'M'}${x(b)},${y(v)}`).join('');
  const spike = batchMax.indexOf(Math.max(...batchMax));
  const last = n - 1;
  return (
    <figure className="calibration-figure">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={i18n._('calibration.batchLabel', {
          spike: formatShort(batchMax[spike] ?? 0, 4),
          at: spike + 1,
          running: formatShort(running.minmax.max[last] ?? 0, 4),
          pytorch: formatShort(running['ema-pytorch'].max[last] ?? 0, 4),
          tensorflow: formatShort(running['ema-tensorflow'].max[last] ?? 0, 4),
        })}
      >
        {Array.from(batchMin, (v, b) => (
          <line key={b} x1={x(b)} x2={x(b)} y1={y(v)} y2={y(batchMax[b] ?? v)} className="calibration-batch" />
        ))}
        {lines.map(({ e, min, max }) => (
          <g
            key={e}
            stroke={ESTIMATOR_STYLE[e].colour}
            strokeDasharray={ESTIMATOR_STYLE[e].dash}
            fill="none"
            strokeWidth="1.5"
          >
            <path d={path(min)} />
            <path d={path(max)} />
          </g>
        ))}
        <text x={PAD} y={H - 8} className="axis-label">
          {i18n._('calibration.batchN', { n: 1 })}
        </text>
        <text x={W - PAD} y={H - 8} textAnchor="end" className="axis-label">
          {i18n._('calibration.batchN', { n })}
        </text>
      </svg>
      <figcaption>{i18n._('calibration.batchCaption')}</figcaption>
    </figure>
  );
}

function EstimateTable({
  report,
  onUse,
}: {
  report: CalibrationReport;
  onUse: (estimator: Estimator, min: number, max: number) => void;
}) {
  const { i18n } = useLingui();
  // The recommendation: the least error under the scheme in use (min/max is a row: never worse than it).
  const lowest = Math.min(...report.rows.map((r) => (r.ok ? r.metrics.mse : Infinity)));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={i18n._('calibration.table')}>
      <table className="calibration-table">
        <thead>
          <tr>
            <th scope="col">{i18n._('calibration.col.estimator')}</th>
            <th scope="col">{i18n._('calibration.col.range')}</th>
            <th scope="col">S</th>
            <th scope="col">Z</th>
            <th scope="col">{i18n._('calibration.col.mse')}</th>
            <th scope="col">{i18n._('calibration.col.sqnr')}</th>
            <th scope="col">{i18n._('calibration.col.clipped')}</th>
            <th scope="col">
              <span className="visually-hidden">{i18n._('calibration.col.use')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr key={r.estimator}>
              <th scope="row">{estimatorName(r.estimator)}</th>
              {r.ok ? (
                <>
                  <td>
                    [{formatShort(r.min, 5)}, {formatShort(r.max, 5)}]
                  </td>
                  <td>{formatScale(r.params.scale)}</td>
                  <td>{signed(r.params.zeroPoint)}</td>
                  <td>
                    {formatShort(r.metrics.mse, 3)}
                    {r.metrics.mse === lowest && <strong> {i18n._('calibration.lowest')}</strong>}
                  </td>
                  <td>
                    {r.metrics.sqnrDb === null
                      ? i18n._('calibration.lossless')
                      : `${formatShort(r.metrics.sqnrDb, 3)} dB`}
                  </td>
                  <td>{formatShort((100 * r.metrics.clipped) / Math.max(1, r.metrics.count), 3)} %</td>
                  <td>
                    <button
                      type="button"
                      aria-label={i18n._('calibration.useLabel', { name: estimatorName(r.estimator) })}
                      onClick={() => onUse(r.estimator, r.min, r.max)}
                    >
                      {i18n._('calibration.use')}
                    </button>
                  </td>
                </>
              ) : (
                <td colSpan={7} className="error">
                  {problemSentence(r.error.problem)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
