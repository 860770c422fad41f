import { useDeferredValue, useMemo, useState } from 'react';
import type { FloatMatrix, Scheme } from '../../engine/index.ts';
import {
  CALIBRATION_SOURCES,
  EMA_PYTORCH,
  EMA_TENSORFLOW,
  ONNX_ENTROPY_BINS,
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
import { parseValues } from '../../input/parseMatrix.ts';
import './calibration.css';

const SOURCE_TEXT: Record<CalibrationSource, string> = {
  normal: 'normal N(0, 1)',
  relu: 'ReLU-like: max(0, N(0.2, 1))',
  heavy: 'heavy-tailed: N(0, 1), 1 value in 500 ×15',
  bimodal: 'bimodal: N(−2, 0.3) and N(1.5, 0.5)',
  lhs: 'the current LHS, in batches',
  pasted: 'values you paste',
};

/** Each estimator's name, colour (Okabe–Ito, colour-blind safe) and dash. */
const ESTIMATOR_STYLE: Record<Estimator, { name: string; colour: string; dash?: string }> = {
  minmax: { name: 'running min/max', colour: '#000000' },
  'ema-pytorch': { name: `EMA, PyTorch (c = ${EMA_PYTORCH})`, colour: '#0072B2' },
  'ema-tensorflow': { name: `EMA, TensorFlow (decay ${EMA_TENSORFLOW}, debiased)`, colour: '#E69F00', dash: '6 3' },
  'percentile-99.9': { name: 'percentile 99.9', colour: '#009E73', dash: '2 2' },
  'percentile-99.99': { name: 'percentile 99.99', colour: '#56B4E9', dash: '2 2' },
  'percentile-99.999': { name: 'percentile 99.999', colour: '#CC79A7', dash: '2 2' },
  mse: { name: 'MSE-optimal', colour: '#D55E00', dash: '8 2 2 2' },
  entropy: { name: 'entropy (KL, TensorRT)', colour: '#7a6a00', dash: '4 4' },
  'percentile-onnxruntime': {
    name: `percentile ${ONNX_PERCENTILE}, ONNX Runtime`,
    colour: '#0072B2',
    dash: '1 3',
  },
  'entropy-onnxruntime': {
    name: `entropy (KL, ONNX Runtime, ${ONNX_ENTROPY_BINS} bins)`,
    colour: '#D55E00',
    dash: '1 3',
  },
};

const W = 640;
const H = 170;
const PAD = 28;

/** Section 7: where the result's range comes from. */
export function CalibrationPanel() {
  return (
    <Panel
      id="calibration"
      title="7 · Where S₃ and Z₃ come from: calibration"
      lede={
        <>
          The integer GEMM needs the result&apos;s scale and zero point before it runs. They come from the ranges of
          activations seen before: during training, an exponential moving average (EMA) of each batch&apos;s min and
          max; after training, calibration on sample batches. Feed a stream of batches through the estimators below, see
          where each puts the range, and send one to section 5 as the result&apos;s range.
        </>
      }
    >
      <CalibrationLab />
    </Panel>
  );
}

function CalibrationLab() {
  const settings = useView((s) => s.calibration);
  const lhs = useView((s) => s.lhs);
  const scheme = useView((s) => s.productOptions.schemes.result);
  const set = useAppStore((s) => s.setCalibration);
  const setProductOptions = useAppStore((s) => s.setProductOptions);
  const [sent, setSent] = useState<string | null>(null);
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
        <legend>The stream of activation batches</legend>
        <label>
          source{' '}
          <select
            value={settings.source}
            onChange={(e) => set({ source: CALIBRATION_SOURCES.find((x) => x === e.target.value) ?? 'normal' })}
          >
            {CALIBRATION_SOURCES.map((x) => (
              <option key={x} value={x}>
                {SOURCE_TEXT[x]}
              </option>
            ))}
          </select>
        </label>{' '}
        <WholeField
          label="batches"
          value={settings.batches}
          min={1}
          max={MAX_BATCHES}
          onCommit={(batches) => set({ batches })}
        />{' '}
        <WholeField
          label="values per batch"
          value={settings.batchSize}
          min={1}
          max={MAX_BATCH_SIZE}
          onCommit={(batchSize) => set({ batchSize })}
        />{' '}
        {settings.source !== 'lhs' && settings.source !== 'pasted' && (
          <>
            <WholeField label="seed" value={settings.seed} min={0} max={MAX_SEED} onCommit={(seed) => set({ seed })} />{' '}
            <button type="button" onClick={() => set({ seed: settings.seed >= MAX_SEED ? 0 : settings.seed + 1 })}>
              New draw
            </button>
          </>
        )}
        {settings.source === 'pasted' && <PasteValues pasted={settings.pasted} onRead={(pasted) => set({ pasted })} />}
      </fieldset>
      {report === null ? (
        <p className="muted">Paste the values to calibrate on (an activation tensor you printed, for instance).</p>
      ) : (
        <>
          <p className="muted">
            {report.batches.length} {report.batches.length === 1 ? 'batch' : 'batches'}, {report.seen.length} values
            {settings.source === 'pasted' && report.seen.length < settings.pasted.length
              ? ` (the first ${report.seen.length} of the ${settings.pasted.length} pasted: more batches or values per batch take in more)`
              : ''}
            ; each range is quantized under the result&apos;s scheme: {describeScheme(scheme)}.
          </p>
          <SeenHistogram report={report} />
          <BatchChart report={report} />
          <EstimateTable
            report={report}
            onUse={(estimator, min, max) => {
              setProductOptions({ resultRange: { min, max } });
              setSent(
                `Sent to section 5: the result's range is now [${formatFloat32(min)}, ${formatFloat32(max)}] (${ESTIMATOR_STYLE[estimator].name}).`,
              );
            }}
          />
        </>
      )}
      <p role="status" className="note-line">
        {sent}
      </p>
    </div>
  );
}

/** A box for pasted values: read on the button (or Ctrl+Enter); a refusal keeps the values in use. */
function PasteValues({ pasted, onRead }: { pasted: Float32Array; onRead: (values: Float32Array) => void }) {
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const read = () => {
    const parsed = parseValues(text, MAX_PASTED);
    if (parsed.ok) {
      onRead(parsed.values);
      setMessage({ error: false, text: `Read ${parsed.values.length} values.` });
    } else {
      const kept = pasted.length > 0 ? ` Kept the ${pasted.length} values read before.` : '';
      setMessage({ error: true, text: `${blockProblemText(parsed.problem)}${kept}` });
    }
  };
  return (
    <div className="calibration-paste">
      <label>
        values to calibrate on (any layout: one line, one per line, numpy&apos;s printed arrays, JSON, CSV)
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
        Read the values
      </button>{' '}
      <span className={message?.error ? 'error' : 'muted'} role={message?.error ? 'alert' : 'status'}>
        {message?.text ?? (pasted.length > 0 ? `${pasted.length} values in use.` : '')}
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
  const summary = rows
    .flatMap((r) =>
      r.ok ? [`${ESTIMATOR_STYLE[r.estimator].name} [${formatShort(r.min, 4)}, ${formatShort(r.max, 4)}]`] : [],
    )
    .join('; ');
  return (
    <figure className="calibration-figure">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Histogram of the ${seen.length} values seen, from ${formatShort(lo, 4)} to ${formatShort(hi, 4)}, with each range: ${summary}.`}
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
        Everything seen (count on a square-root scale) and where each estimator puts the range. TensorRT&apos;s
        percentile, MSE and entropy calibrate |x|: their ranges are symmetric, ±amax (or [0, amax] when nothing is
        negative). ONNX Runtime&apos;s (as quantize_static runs them, one collect of everything) clip their thresholds
        to the data&apos;s min and max; its entropy search uses a histogram of x itself, here with {ONNX_ENTROPY_BINS}{' '}
        bins (CalibNumBins; with its default 128 there is one window to try and the range is the data&apos;s min/max).
      </figcaption>
      <Legend />
    </figure>
  );
}

function Legend() {
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
          {ESTIMATOR_STYLE[e].name}
        </li>
      ))}
    </ul>
  );
}

/** Each batch's min and max (grey), the running min/max and the two EMAs, batch by batch. */
function BatchChart({ report }: { report: CalibrationReport }) {
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
        aria-label={`Batch by batch: the largest batch max is ${formatShort(batchMax[spike] ?? 0, 4)} at batch ${spike + 1}; after the last batch, running max ${formatShort(running.minmax.max[last] ?? 0, 4)}, PyTorch EMA max ${formatShort(running['ema-pytorch'].max[last] ?? 0, 4)}, TensorFlow EMA max ${formatShort(running['ema-tensorflow'].max[last] ?? 0, 4)}.`}
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
          batch 1
        </text>
        <text x={W - PAD} y={H - 8} textAnchor="end" className="axis-label">
          batch {n}
        </text>
      </svg>
      <figcaption>
        Each batch&apos;s min and max (grey bars) and the running estimates: min/max keeps an outlier batch forever;
        PyTorch&apos;s EMA moves 1 % of the way to each new batch (TensorFlow&apos;s 0.1 %, more at first while its
        debiasing weighs the first batches), so an outlier is forgotten. TensorFlow&apos;s range always contains 0.
      </figcaption>
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
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Each estimator's range and its error">
      <table className="calibration-table">
        <thead>
          <tr>
            <th scope="col">estimator</th>
            <th scope="col">range</th>
            <th scope="col">S</th>
            <th scope="col">Z</th>
            <th scope="col">MSE</th>
            <th scope="col">SQNR</th>
            <th scope="col">clipped</th>
            <th scope="col">
              <span className="visually-hidden">use</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr key={r.estimator}>
              <th scope="row">{ESTIMATOR_STYLE[r.estimator].name}</th>
              {r.ok ? (
                <>
                  <td>
                    [{formatShort(r.min, 5)}, {formatShort(r.max, 5)}]
                  </td>
                  <td>{formatScale(r.params.scale)}</td>
                  <td>{signed(r.params.zeroPoint)}</td>
                  <td>{formatShort(r.metrics.mse, 3)}</td>
                  <td>{r.metrics.sqnrDb === null ? 'lossless' : `${formatShort(r.metrics.sqnrDb, 3)} dB`}</td>
                  <td>{formatShort((100 * r.metrics.clipped) / Math.max(1, r.metrics.count), 3)} %</td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Use this range: ${ESTIMATOR_STYLE[r.estimator].name}, for the result`}
                      onClick={() => onUse(r.estimator, r.min, r.max)}
                    >
                      Use this range
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
