import type { I18n } from '@lingui/core';
import { useLingui } from '@lingui/react';
import { startTransition, useEffect, useRef, useState } from 'react';
import { DATASETS, type DatasetName } from '../../training/datasets.ts';
import { MAX_HIDDEN, MAX_STEPS, type TrainingSettings } from '../../training/run.ts';
import { paramsOf } from '../../training/network.ts';
import type { RangePoint } from '../../training/run.ts';
import {
  createTrainer,
  TrainerError,
  type Regions,
  type Snapshot,
  type Trainer,
  type TrainerProblem,
} from '../../training/trainer.ts';
import { MAX_SEED } from '../../state/random.ts';
import { useAppStore } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { formatFloat32, formatShort } from '../../viz/format.ts';
import { binCounts } from '../../viz/histogram.ts';
import { linear } from '../../viz/linear.ts';
import { Panel } from '../common/Panel.tsx';
import { problemSentence } from '../common/problemText.ts';
import { WholeField } from '../common/WholeField.tsx';
import './training.css';

/** Each dataset's name (message ids: worded at render). */
const DATASET_TEXT: Record<DatasetName, string> = {
  circles: 'training.dataset.circles',
  xor: 'training.dataset.xor',
  gaussians: 'training.dataset.gaussians',
  spirals: 'training.dataset.spirals',
  digits: 'training.dataset.digits',
};
const BITS = [8, 7, 6, 5, 4, 3, 2] as const;
const SPEEDS = [
  { label: 'training.speed.slow', steps: 2 },
  { label: 'training.speed.normal', steps: 10 },
  { label: 'training.speed.fast', steps: 50 },
] as const;
/** Okabe–Ito: float, PTQ, QAT (names are message ids). */
const RUN_STYLE = {
  float: { name: 'training.run.float', colour: '#000000', dash: undefined },
  ptq: { name: 'training.run.ptq', colour: '#D55E00', dash: '6 3' },
  qat: { name: 'training.run.qat', colour: '#0072B2', dash: undefined },
} as const;

const W = 560;
const H = 160;
const PAD = 30;

/** Section 8: train a small network three ways and run it integer-only. */
export function TrainingPanel() {
  const { i18n } = useLingui();
  return (
    <Panel id="training" title={i18n._('training.title')} lede={i18n._('training.lede')}>
      <TrainingLab />
    </Panel>
  );
}

/** The digits could not be loaded: the server's HTTP status, or null when there was no answer (or no CSV in it). */
class DigitsError extends Error {
  constructor(readonly status: number | null) {
    super(status === null ? 'digits not loaded' : `digits not loaded: HTTP ${status}`);
    this.name = 'DigitsError';
  }
}

/**
 * Loads the digits' CSV shipped with the app (public/data/digits.csv.gz). Some servers send it
 * with Content-Encoding: gzip and the browser has already inflated it; others send the gzip bytes.
 */
async function loadDigits(): Promise<string> {
  try {
    const response = await fetch(`${import.meta.env.BASE_URL}data/digits.csv.gz`);
    if (!response.ok) throw new DigitsError(response.status);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes);
    const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return await new Response(inflated).text();
  } catch (e) {
    if (e instanceof DigitsError) throw e;
    console.error(e);
    throw new DigitsError(null);
  }
}

/** Why the run stopped (worded at render, in the page's language). */
type Failure =
  | Exclude<TrainerProblem, { kind: 'superseded' }>
  | { readonly kind: 'digits'; readonly status: number | null }
  | { readonly kind: 'unexpected' };

/** A failed request as a failure (null when a newer request replaced it: nothing to say). */
function failureOf(e: unknown): Failure | null {
  if (e instanceof DigitsError) return { kind: 'digits', status: e.status };
  if (!(e instanceof TrainerError)) {
    console.error(e);
    return { kind: 'unexpected' };
  }
  return e.problem.kind === 'superseded' ? null : e.problem;
}

/** A failure in words. */
function failureWords(i18n: I18n, f: Failure): string {
  switch (f.kind) {
    case 'workerFailed':
      return i18n._('training.workerFailed');
    case 'engine':
      return i18n._('training.engineFailed', { problem: problemSentence(f.problem) });
    case 'digits':
      return f.status === null
        ? i18n._('training.digitsUnreachable')
        : i18n._('training.digitsFailed', { status: f.status });
    case 'unexpected':
      return i18n._('training.unexpected');
  }
}

function TrainingLab() {
  const settings = useView((s) => s.training);
  const set = useAppStore((s) => s.setTraining);
  // A new run (fresh state, fresh trainer) whenever the settings change; Reset starts it again.
  const [resets, setResets] = useState(0);
  return (
    <div className="training">
      <Controls settings={settings} set={set} />
      <RunView
        key={`${JSON.stringify(settings)} ${resets}`}
        settings={settings}
        onReset={() => setResets(resets + 1)}
      />
    </div>
  );
}

function RunView({ settings, onReset }: { settings: TrainingSettings; onReset: () => void }) {
  const { i18n } = useLingui();
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(SPEEDS[1].steps);
  const [error, setError] = useState<Failure | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const trainer = useRef<Trainer | null>(null);
  const busy = useRef(false);

  useEffect(() => {
    const t = createTrainer();
    trainer.current = t;
    const mounted = { live: true };
    (async () => {
      const digitsCsv = settings.dataset === 'digits' ? await loadDigits() : undefined;
      const first = await t.request({ kind: 'reset', settings, digitsCsv });
      if (mounted.live) setSnapshot(first);
    })().catch((e: unknown) => {
      const failure = failureOf(e);
      if (mounted.live && failure !== null) setError(failure);
    });
    return () => {
      mounted.live = false;
      t.dispose();
      busy.current = false;
    };
    // Once per mount: the parent remounts this view (its key) when the settings change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const advance = async (steps: number) => {
    if (busy.current || !trainer.current) return;
    busy.current = true;
    try {
      const next = await trainer.current.request({ kind: 'advance', steps });
      // A transition: the charts redraw in slices that yield to whatever the person is doing.
      startTransition(() => setSnapshot(next));
    } catch (e) {
      const failure = failureOf(e);
      if (failure !== null) setError(failure);
    } finally {
      busy.current = false;
    }
  };

  const done = snapshot !== null && snapshot.step >= snapshot.steps;
  const running = playing && !done;
  // Playing: one chunk after another until the last step.
  useEffect(() => {
    if (!running) return;
    const id = setTimeout(() => void advance(speed), 0);
    return () => clearTimeout(id);
  }, [running, snapshot, speed]);

  return (
    <>
      <p className="chrome training-buttons">
        <button type="button" disabled={!snapshot || done} onClick={() => setPlaying(!running)}>
          {running ? i18n._('training.hold') : i18n._('training.start')}
        </button>{' '}
        <button type="button" disabled={!snapshot || done || running} onClick={() => void advance(10)}>
          {i18n._('training.train10')}
        </button>{' '}
        <button type="button" disabled={!snapshot && !error} onClick={onReset}>
          {i18n._('training.reset')}
        </button>{' '}
        <label>
          {i18n._('training.pace')}{' '}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s.label} value={s.steps}>
                {i18n._('training.paceOption', { pace: i18n._(s.label), steps: s.steps })}
              </option>
            ))}
          </select>
        </label>
      </p>
      {error && (
        <p className="error" role="alert">
          {failureWords(i18n, error)}
        </p>
      )}
      {snapshot && (
        <>
          {/* Announced when it stops changing (paused or done), not at every chunk. */}
          <p role={running ? undefined : 'status'} className="training-progress">
            {snapshot.delay < snapshot.steps
              ? i18n._('training.progress', { step: snapshot.step, steps: snapshot.steps, delay: snapshot.delay })
              : i18n._('training.progressNever', { step: snapshot.step, steps: snapshot.steps })}
          </p>
          <progress max={snapshot.steps} value={snapshot.step} aria-label={i18n._('training.progressLabel')} />
          <LossChart snapshot={snapshot} />
          <AccuracyChart snapshot={snapshot} />
          <RangeChart snapshot={snapshot} />
          <WeightHistogram snapshot={snapshot} bits={settings.bits} />
          {snapshot.regions && <RegionMaps regions={snapshot.regions} />}
          {snapshot.integer && <Results snapshot={snapshot} bits={settings.bits} />}
          <p className="chrome">
            <button
              type="button"
              disabled={snapshot.step === 0}
              onClick={() => {
                setLoaded(openLayer(snapshot));
              }}
            >
              {i18n._('training.openLayer')}
            </button>{' '}
            <span role="status">
              {loaded &&
                i18n._('training.loaded', {
                  rows: loaded.rows,
                  inputs: loaded.inputs,
                  outputs: loaded.outputs,
                  min: formatFloat32(loaded.min),
                  max: formatFloat32(loaded.max),
                })}
            </span>
          </p>
        </>
      )}
    </>
  );
}

/** What {@link openLayer} loaded (worded at render). */
interface Loaded {
  readonly rows: number;
  readonly inputs: number;
  readonly outputs: number;
  readonly min: number;
  readonly max: number;
}

/** Loads the QAT network's first layer into sections 1–6: its inputs (LHS), weights (RHS) and learned output range. */
function openLayer(s: Snapshot): Loaded {
  const { inputs, outputs, w, outputRange } = s.firstLayer;
  const store = useAppStore.getState();
  const rows = s.sampleInputs.length / inputs;
  store.replaceMatrix('rhs', { rows: inputs, cols: outputs, data: Float32Array.from(w) });
  store.replaceMatrix('lhs', { rows, cols: inputs, data: Float32Array.from(s.sampleInputs) });
  store.setProductOptions({ resultRange: { min: outputRange.min, max: outputRange.max }, activation: 'relu' });
  return { rows, inputs, outputs, min: outputRange.min, max: outputRange.max };
}

function Controls({ settings, set }: { settings: TrainingSettings; set: (p: Partial<TrainingSettings>) => void }) {
  const { i18n } = useLingui();
  return (
    <fieldset className="chrome training-controls">
      <legend>{i18n._('training.settings')}</legend>
      <label>
        {i18n._('training.data')}{' '}
        <select
          value={settings.dataset}
          onChange={(e) => set({ dataset: DATASETS.find((d) => d === e.target.value) ?? 'circles' })}
        >
          {DATASETS.map((d) => (
            <option key={d} value={d}>
              {i18n._(DATASET_TEXT[d])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {i18n._('training.bits')}{' '}
        <select value={settings.bits} onChange={(e) => set({ bits: Number(e.target.value) })}>
          {BITS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <WholeField
        label={i18n._('training.hidden')}
        value={settings.hidden}
        min={2}
        max={MAX_HIDDEN}
        onCommit={(hidden) => set({ hidden })}
      />
      <WholeField
        label={i18n._('training.steps')}
        value={settings.steps}
        min={1}
        max={MAX_STEPS}
        onCommit={(steps) => set({ steps })}
      />
      <WholeField
        label={i18n._('training.delay')}
        value={settings.delay}
        min={0}
        max={MAX_STEPS}
        onCommit={(delay) => set({ delay })}
      />
      <WholeField
        label={i18n._('training.seed')}
        value={settings.seed}
        min={0}
        max={MAX_SEED}
        onCommit={(seed) => set({ seed })}
      />
      <label>
        <input type="checkbox" checked={settings.batchNorm} onChange={(e) => set({ batchNorm: e.target.checked })} />{' '}
        {i18n._('training.batchNorm')}
      </label>
    </fieldset>
  );
}

interface Series {
  readonly key: string;
  readonly name: string;
  readonly colour: string;
  readonly dash?: string | undefined;
  readonly points: readonly (readonly [number, number])[];
}

/** Lines over the steps, with the step quantization starts marked. */
function LineChart({
  series,
  steps,
  delay,
  label,
  yLabel,
}: {
  series: readonly Series[];
  steps: number;
  delay: number;
  label: string;
  yLabel: string;
}) {
  const { i18n } = useLingui();
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const lo = ys.length ? Math.min(...ys) : 0;
  const hi = ys.length ? Math.max(...ys) : 1;
  const x = linear(0, steps, PAD, W - 10);
  const y = linear(lo, hi, H - PAD, 10);
  return (
    <figure className="training-figure">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        <line x1={x(delay)} x2={x(delay)} y1={6} y2={H - PAD} className="training-delay" />
        <text x={x(delay) + 3} y={14} className="axis-label">
          {i18n._('training.chart.quantizationOn')}
        </text>
        {series.map((s) => (
          <path
            key={s.key}
            d={s.points.map((p, k) => `${k ? 'L' : 'M'}${x(p[0])},${y(p[1])}`).join('')}
            fill="none"
            stroke={s.colour}
            strokeDasharray={s.dash}
            strokeWidth="1.5"
          />
        ))}
        <text x={4} y={14} className="axis-label">
          {formatShort(hi, 3)}
        </text>
        <text x={4} y={H - PAD} className="axis-label">
          {formatShort(lo, 3)}
        </text>
        <text x={W - 10} y={H - 10} textAnchor="end" className="axis-label">
          {i18n._('training.chart.lastStep', { steps })}
        </text>
      </svg>
      <figcaption>
        {i18n._('training.chart.key', { label: yLabel })}{' '}
        {series
          .filter((s) => s.name !== '')
          .map((s) => (
            <span key={s.key} className="training-key">
              <svg width="22" height="8" aria-hidden="true">
                <line x1="1" x2="21" y1="4" y2="4" stroke={s.colour} strokeWidth="2" strokeDasharray={s.dash} />
              </svg>
              {i18n._(s.name)}
            </span>
          ))}
      </figcaption>
    </figure>
  );
}

/** Means of consecutive windows: at most ~200 points however many steps. */
function thinned(values: readonly number[]): [number, number][] {
  const every = Math.max(1, Math.ceil(values.length / 200));
  const out: [number, number][] = [];
  for (let k = 0; k < values.length; k += every) {
    const window = values.slice(k, k + every);
    out.push([k + window.length, window.reduce((a, b) => a + b, 0) / window.length]);
  }
  return out;
}

function LossChart({ snapshot: s }: { snapshot: Snapshot }) {
  const { i18n } = useLingui();
  const series: Series[] = [
    { key: 'float', ...RUN_STYLE.float, points: thinned(s.floatLoss) },
    { key: 'qat', ...RUN_STYLE.qat, points: thinned(s.qatLoss) },
  ];
  const last = (v: readonly number[]) => formatShort(v[v.length - 1] ?? Number.NaN, 3);
  return (
    <LineChart
      series={series}
      steps={s.steps}
      delay={s.delay}
      yLabel={i18n._('training.loss')}
      label={
        s.step
          ? i18n._('training.lossLabel', { step: s.step, float: last(s.floatLoss), qat: last(s.qatLoss) })
          : i18n._('training.lossNotStarted', { step: s.step })
      }
    />
  );
}

function AccuracyChart({ snapshot: s }: { snapshot: Snapshot }) {
  const { i18n } = useLingui();
  const keys = ['float', 'ptq', 'qat'] as const;
  const series: Series[] = keys.map((k) => ({
    key: k,
    ...RUN_STYLE[k],
    points: s.evaluations.map((e) => [e.step, 100 * e[k]] as const),
  }));
  const last = s.evaluations[s.evaluations.length - 1];
  return (
    <LineChart
      series={series}
      steps={s.steps}
      delay={s.delay}
      yLabel={i18n._('training.accuracy')}
      label={
        last
          ? i18n._('training.accuracyLabel', {
              step: last.step,
              float: formatShort(100 * last.float, 3),
              ptq: formatShort(100 * last.ptq, 3),
              qat: formatShort(100 * last.qat, 3),
            })
          : i18n._('training.accuracyNone')
      }
    />
  );
}

/** The name of quantized tensor t of a network of `layers` layers: the input, a hidden activation, the scores. */
function tensorName(i18n: I18n, t: number, layers: number): string {
  return t === 0
    ? i18n._('training.tensor.input')
    : t === layers
      ? i18n._('training.tensor.scores')
      : i18n._('training.tensor.hidden', { n: t });
}

/** One quantized tensor's range step by step: each batch's min and max against their EMAs. */
function RangeChart({ snapshot: s }: { snapshot: Snapshot }) {
  const { i18n } = useLingui();
  const tensors = s.ranges[0]?.batch.length ?? 0;
  const [picked, setPicked] = useState(1);
  const t = Math.min(picked, Math.max(0, tensors - 1));
  const every = Math.max(1, Math.ceil(s.ranges.length / 200));
  const r = s.ranges.filter((_, k) => k % every === 0);
  const at = (p: RangePoint, side: 'batch' | 'ema', end: 'min' | 'max') => p[side][t]?.[end] ?? 0;
  const series: Series[] = [
    { key: 'batch', name: 'training.range.batch', colour: '#8a96a3', points: [] },
    { key: 'ema', name: 'training.range.ema', colour: '#0072B2', points: [] },
  ].flatMap((line) =>
    (['min', 'max'] as const).map((end) => ({
      ...line,
      key: `${line.key}-${end}`,
      name: end === 'min' ? line.name : '',
      points: r.map((p) => [p.step, at(p, line.key as 'batch' | 'ema', end)] as const),
    })),
  );
  const last = s.ranges[s.ranges.length - 1];
  const name = tensorName(i18n, t, tensors - 1);
  return (
    <>
      {tensors > 0 && (
        <label className="chrome">
          {i18n._('training.rangeOf')}{' '}
          <select value={t} onChange={(e) => setPicked(Number(e.target.value))}>
            {Array.from({ length: tensors }, (_, k) => (
              <option key={k} value={k}>
                {tensorName(i18n, k, tensors - 1)}
              </option>
            ))}
          </select>
        </label>
      )}
      <LineChart
        series={series}
        steps={s.steps}
        delay={s.delay}
        yLabel={i18n._('training.rangeY', { name })}
        label={
          last
            ? i18n._('training.rangeLabel', {
                name,
                batchMin: formatShort(at(last, 'batch', 'min'), 4),
                batchMax: formatShort(at(last, 'batch', 'max'), 4),
                emaMin: formatShort(at(last, 'ema', 'min'), 4),
                emaMax: formatShort(at(last, 'ema', 'max'), 4),
              })
            : i18n._('training.rangeNone', { name })
        }
      />
    </>
  );
}

/** The QAT network's first-layer weights over their quantization grid S·(q − Z). */
function WeightHistogram({ snapshot: s, bits }: { snapshot: Snapshot; bits: number }) {
  const { i18n } = useLingui();
  const w = s.firstLayer.w;
  const lo = Math.min(...w);
  const hi = Math.max(...w);
  const p = paramsOf({ min: lo, max: hi }, bits);
  const x = linear(p.min, p.max, PAD, W - 10);
  const bins = 60;
  const step = (p.max - p.min) / bins || 1;
  const counts = binCounts(w, p.min, step, bins);
  const top = Math.max(1, ...counts);
  const y = linear(0, top, H - PAD, 10);
  const levels = p.qmax - p.qmin + 1;
  // Every level when they are at least 3 px apart, else every k-th.
  const every = Math.max(1, Math.ceil((3 * levels) / (W - 10 - PAD)));
  const grid = Array.from(
    { length: Math.ceil(levels / every) },
    (_, k) => p.scale * (p.qmin + k * every - p.zeroPoint),
  );
  return (
    <figure className="training-figure">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={i18n._('training.weightsLabel', {
          batchNorm: s.batchNorm ? 'yes' : 'no',
          count: w.length,
          lo: formatShort(lo, 4),
          hi: formatShort(hi, 4),
          levels,
          scale: formatShort(p.scale, 4),
          zeroPoint: p.zeroPoint,
        })}
      >
        {grid.map((g, k) => (
          <line key={k} x1={x(g)} x2={x(g)} y1={10} y2={H - PAD} className="training-grid" />
        ))}
        {counts.map((c, k) => (
          <rect
            key={k}
            x={x(p.min + k * step)}
            width={Math.max(0.5, x(p.min + step) - x(p.min) - 1)}
            y={y(c)}
            height={H - PAD - y(c)}
            className="training-bar"
          />
        ))}
        <text x={PAD} y={H - 10} className="axis-label">
          {formatShort(p.min, 3)}
        </text>
        <text x={W - 10} y={H - 10} textAnchor="end" className="axis-label">
          {formatShort(p.max, 3)}
        </text>
      </svg>
      <figcaption>
        {i18n._('training.weightsCaption', {
          batchNorm: s.batchNorm ? 'yes' : 'no',
          bits,
          thinned: every > 1 ? 'yes' : 'no',
          every,
        })}
      </figcaption>
    </figure>
  );
}

const CLASS_FILL = ['#cfe3f2', '#f6dcc2'];
const CLASS_DOT = ['#0072B2', '#D55E00'];

function RegionMaps({ regions }: { regions: Regions }) {
  const { i18n } = useLingui();
  return (
    <div className="training-regions">
      <RegionMap regions={regions} classes={regions.float} title={i18n._('training.region.float')} />
      <RegionMap regions={regions} classes={regions.quantized} title={i18n._('training.region.qat')} />
    </div>
  );
}

function RegionMap({ regions: r, classes, title }: { regions: Regions; classes: Int32Array; title: string }) {
  const { i18n } = useLingui();
  const size = 200;
  const cell = size / r.size;
  const x = linear(r.x0, r.x1, 0, size);
  const y = linear(r.y0, r.y1, size, 0);
  const quantizedYet = classes[0] !== -1;
  const correct = Array.from(r.labels).filter((label, i) => {
    const c = Math.min(r.size - 1, Math.max(0, Math.floor(x(r.points[2 * i] as number) / cell)));
    const row = Math.min(r.size - 1, Math.max(0, Math.floor(y(r.points[2 * i + 1] as number) / cell)));
    return classes[row * r.size + c] === label;
  }).length;
  return (
    <figure className="training-region">
      <svg
        viewBox={`0 0 ${size} ${size}`}
        role="img"
        aria-label={
          quantizedYet
            ? i18n._('training.regionLabel', { title, correct, total: r.labels.length })
            : i18n._('training.regionNone', { title })
        }
      >
        {Array.from(classes, (c, k) =>
          c >= 0 ? (
            <rect
              key={k}
              x={(k % r.size) * cell}
              y={Math.floor(k / r.size) * cell}
              width={cell + 0.3}
              height={cell + 0.3}
              fill={CLASS_FILL[c % 2]}
            />
          ) : null,
        )}
        {Array.from(r.labels, (label, i) => (
          <circle
            key={i}
            cx={x(r.points[2 * i] as number)}
            cy={y(r.points[2 * i + 1] as number)}
            r={1.8}
            fill={CLASS_DOT[label % 2]}
          />
        ))}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

function Results({ snapshot: s, bits }: { snapshot: Snapshot; bits: number }) {
  const { i18n } = useLingui();
  const last = s.evaluations[s.evaluations.length - 1];
  const integer = s.integer;
  if (!last || !integer) return null;
  const pct = (v: number) => `${formatShort(100 * v, 3)} %`;
  const intCell = (r: (typeof integer)['ptq']) =>
    'error' in r ? (
      <td colSpan={2} className="error">
        {problemSentence(r.error.problem)}
      </td>
    ) : (
      <>
        <td>{pct(r.accuracy)}</td>
        <td>{pct(r.agreement)}</td>
      </>
    );
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={i18n._('training.results')}>
      <table className="training-results">
        <caption>{i18n._('training.resultsCaption', { steps: s.steps, bits })}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n._('training.column.run')}</th>
            <th scope="col">{i18n._('training.column.accuracy')}</th>
            <th scope="col">{i18n._('training.column.integer')}</th>
            <th scope="col">{i18n._('training.column.agreement')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{i18n._(RUN_STYLE.float.name)}</th>
            <td>{pct(last.float)}</td>
            <td>—</td>
            <td>—</td>
          </tr>
          <tr>
            <th scope="row">{i18n._(RUN_STYLE.ptq.name)}</th>
            <td>{pct(last.ptq)}</td>
            {intCell(integer.ptq)}
          </tr>
          <tr>
            <th scope="row">{s.delay >= s.steps ? i18n._('training.run.qatNever') : i18n._(RUN_STYLE.qat.name)}</th>
            <td>{pct(last.qat)}</td>
            {intCell(integer.qat)}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
