import { startTransition, useEffect, useRef, useState } from 'react';
import { DATASETS, type DatasetName } from '../../training/datasets.ts';
import { MAX_HIDDEN, MAX_STEPS, type TrainingSettings } from '../../training/run.ts';
import { paramsOf } from '../../training/network.ts';
import type { RangePoint } from '../../training/run.ts';
import { createTrainer, TrainerError, type Regions, type Snapshot, type Trainer } from '../../training/trainer.ts';
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

const DATASET_TEXT: Record<DatasetName, string> = {
  circles: 'circles (2-D)',
  xor: 'XOR (2-D)',
  gaussians: 'two Gaussians (2-D)',
  spirals: 'spirals (2-D)',
  digits: 'handwritten digits, 8 × 8 (UCI)',
};
const BITS = [8, 7, 6, 5, 4, 3, 2] as const;
const SPEEDS = [
  { label: 'slow', steps: 2 },
  { label: 'normal', steps: 10 },
  { label: 'fast', steps: 50 },
] as const;
/** Okabe–Ito: float, PTQ, QAT. */
const RUN_STYLE = {
  float: { name: 'float', colour: '#000000', dash: undefined },
  ptq: { name: 'post-training quantization', colour: '#D55E00', dash: '6 3' },
  qat: { name: 'quantization-aware training', colour: '#0072B2', dash: undefined },
} as const;

const W = 560;
const H = 160;
const PAD = 30;

/** Section 8: train a small network three ways and run it integer-only. */
export function TrainingPanel() {
  return (
    <Panel
      id="training"
      title="8 · Training with quantization"
      lede={
        <>
          Train a small network three ways from one seed: in float; in float then quantized (post-training
          quantization); and with quantization simulated in the forward pass (quantization-aware training: weights and
          activations fake-quantized, gradients passed straight through, activation ranges from an EMA, switched on
          after a delay). Lower the bits to see post-training quantization fall apart while training with quantization
          holds. At the end both quantized networks run integer-only through the engine.
        </>
      }
    >
      <TrainingLab />
    </Panel>
  );
}

/**
 * Loads the digits' CSV shipped with the app (public/data/digits.csv.gz). Some servers send it
 * with Content-Encoding: gzip and the browser has already inflated it; others send the gzip bytes.
 */
async function loadDigits(): Promise<string> {
  const response = await fetch(`${import.meta.env.BASE_URL}data/digits.csv.gz`);
  if (!response.ok) throw new Error(`The digits could not be loaded (HTTP ${response.status}).`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes);
  const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(inflated).text();
}

/** A failed request in words (null when a newer request replaced it: nothing to say). */
function failureWords(e: unknown): string | null {
  if (!(e instanceof TrainerError)) return e instanceof Error ? e.message : String(e);
  const { problem } = e;
  switch (problem.kind) {
    case 'superseded':
      return null;
    case 'workerFailed':
      return 'The training stopped: its worker failed. Reset the run to start again.';
    case 'engine':
      return `The training stopped: ${problemSentence(problem.problem)}`;
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
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(SPEEDS[1].steps);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
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
      const words = failureWords(e);
      if (mounted.live && words !== null) setError(words);
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
      const words = failureWords(e);
      if (words !== null) setError(words);
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
          {running ? 'Hold training' : 'Start training'}
        </button>{' '}
        <button type="button" disabled={!snapshot || done || running} onClick={() => void advance(10)}>
          Train 10 steps
        </button>{' '}
        <button type="button" disabled={!snapshot && !error} onClick={onReset}>
          Reset the run
        </button>{' '}
        <label>
          training pace{' '}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s.label} value={s.steps}>
                {s.label} ({s.steps} steps at a time)
              </option>
            ))}
          </select>
        </label>
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {snapshot && (
        <>
          {/* Announced when it stops changing (paused or done), not at every chunk. */}
          <p role={running ? undefined : 'status'} className="training-progress">
            Step {snapshot.step} of {snapshot.steps};{' '}
            {snapshot.delay < snapshot.steps
              ? `quantization-aware training fake-quantizes from step ${snapshot.delay}.`
              : 'quantization-aware training never fake-quantizes: its delay is not below the number of steps.'}
          </p>
          <progress max={snapshot.steps} value={snapshot.step} aria-label="Training progress" />
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
                setStatus(openLayer(snapshot));
              }}
            >
              Open layer 1 in the explorer
            </button>{' '}
            <span role="status">{status}</span>
          </p>
        </>
      )}
    </>
  );
}

/** Loads the QAT network's first layer into sections 1–6: its inputs (LHS), weights (RHS) and learned output range. */
function openLayer(s: Snapshot): string {
  const { inputs, outputs, w, outputRange } = s.firstLayer;
  const store = useAppStore.getState();
  const rows = s.sampleInputs.length / inputs;
  store.replaceMatrix('rhs', { rows: inputs, cols: outputs, data: Float32Array.from(w) });
  store.replaceMatrix('lhs', { rows, cols: inputs, data: Float32Array.from(s.sampleInputs) });
  store.setProductOptions({ resultRange: { min: outputRange.min, max: outputRange.max }, activation: 'relu' });
  return `Loaded: LHS = ${rows} test inputs (${rows} × ${inputs}), RHS = layer 1's weights (${inputs} × ${outputs}), the result's range [${formatFloat32(outputRange.min)}, ${formatFloat32(outputRange.max)}] learned by the EMA, ReLU fused. Undo brings yours back.`;
}

function Controls({ settings, set }: { settings: TrainingSettings; set: (p: Partial<TrainingSettings>) => void }) {
  return (
    <fieldset className="chrome training-controls">
      <legend>The run (its settings reproduce it exactly)</legend>
      <label>
        data{' '}
        <select
          value={settings.dataset}
          onChange={(e) => set({ dataset: DATASETS.find((d) => d === e.target.value) ?? 'circles' })}
        >
          {DATASETS.map((d) => (
            <option key={d} value={d}>
              {DATASET_TEXT[d]}
            </option>
          ))}
        </select>
      </label>
      <label>
        bits{' '}
        <select value={settings.bits} onChange={(e) => set({ bits: Number(e.target.value) })}>
          {BITS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <WholeField
        label="hidden units"
        value={settings.hidden}
        min={2}
        max={MAX_HIDDEN}
        onCommit={(hidden) => set({ hidden })}
      />
      <WholeField label="steps" value={settings.steps} min={1} max={MAX_STEPS} onCommit={(steps) => set({ steps })} />
      <WholeField
        label="quantize from step"
        value={settings.delay}
        min={0}
        max={MAX_STEPS}
        onCommit={(delay) => set({ delay })}
      />
      <WholeField label="seed" value={settings.seed} min={0} max={MAX_SEED} onCommit={(seed) => set({ seed })} />
      <label>
        <input type="checkbox" checked={settings.batchNorm} onChange={(e) => set({ batchNorm: e.target.checked })} />{' '}
        batch norm, folded into the weights for quantization (W·γ/σ)
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
          quantization on
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
          step {steps}
        </text>
      </svg>
      <figcaption>
        {yLabel}:{' '}
        {series
          .filter((s) => s.name !== '')
          .map((s) => (
            <span key={s.key} className="training-key">
              <svg width="22" height="8" aria-hidden="true">
                <line x1="1" x2="21" y1="4" y2="4" stroke={s.colour} strokeWidth="2" strokeDasharray={s.dash} />
              </svg>
              {s.name}
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
      yLabel="training loss"
      label={`Training loss over ${s.step} steps: float ${s.step ? last(s.floatLoss) : 'not started'}, quantization-aware ${s.step ? last(s.qatLoss) : 'not started'}.`}
    />
  );
}

function AccuracyChart({ snapshot: s }: { snapshot: Snapshot }) {
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
      yLabel="test accuracy (%)"
      label={
        last
          ? `Test accuracy at step ${last.step}: float ${formatShort(100 * last.float, 3)} %, post-training quantization ${formatShort(100 * last.ptq, 3)} %, quantization-aware training ${formatShort(100 * last.qat, 3)} %.`
          : 'Test accuracy: not evaluated yet.'
      }
    />
  );
}

/** The name of quantized tensor t of a network of `layers` layers: the input, a hidden activation, the scores. */
function tensorName(t: number, layers: number): string {
  return t === 0 ? 'the input' : t === layers ? 'the class scores' : `hidden activation ${t}`;
}

/** One quantized tensor's range step by step: each batch's min and max against their EMAs. */
function RangeChart({ snapshot: s }: { snapshot: Snapshot }) {
  const tensors = s.ranges[0]?.batch.length ?? 0;
  const [picked, setPicked] = useState(1);
  const t = Math.min(picked, Math.max(0, tensors - 1));
  const every = Math.max(1, Math.ceil(s.ranges.length / 200));
  const r = s.ranges.filter((_, k) => k % every === 0);
  const at = (p: RangePoint, side: 'batch' | 'ema', end: 'min' | 'max') => p[side][t]?.[end] ?? 0;
  const series: Series[] = [
    { key: 'batch', name: "each batch's min and max", colour: '#8a96a3', points: [] },
    { key: 'ema', name: 'their EMAs (c = 0.01)', colour: '#0072B2', points: [] },
  ].flatMap((line) =>
    (['min', 'max'] as const).map((end) => ({
      ...line,
      key: `${line.key}-${end}`,
      name: end === 'min' ? line.name : '',
      points: r.map((p) => [p.step, at(p, line.key as 'batch' | 'ema', end)] as const),
    })),
  );
  const last = s.ranges[s.ranges.length - 1];
  const name = tensorName(t, tensors - 1);
  return (
    <>
      {tensors > 0 && (
        <label className="chrome">
          range of{' '}
          <select value={t} onChange={(e) => setPicked(Number(e.target.value))}>
            {Array.from({ length: tensors }, (_, k) => (
              <option key={k} value={k}>
                {tensorName(k, tensors - 1)}
              </option>
            ))}
          </select>
        </label>
      )}
      <LineChart
        series={series}
        steps={s.steps}
        delay={s.delay}
        yLabel={`${name}, quantization-aware run`}
        label={
          last
            ? `Range of ${name}: this batch [${formatShort(at(last, 'batch', 'min'), 4)}, ${formatShort(at(last, 'batch', 'max'), 4)}], the EMA [${formatShort(at(last, 'ema', 'min'), 4)}, ${formatShort(at(last, 'ema', 'max'), 4)}].`
            : `Range of ${name}: not started.`
        }
      />
    </>
  );
}

/** The QAT network's first-layer weights over their quantization grid S·(q − Z). */
function WeightHistogram({ snapshot: s, bits }: { snapshot: Snapshot; bits: number }) {
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
        aria-label={`Layer 1 weights${s.batchNorm ? ' with the batch norm folded in (W·γ/σ)' : ''} of the quantization-aware run: ${w.length} values from ${formatShort(lo, 4)} to ${formatShort(hi, 4)}; ${levels} levels ${formatShort(p.scale, 4)} apart (Z = ${p.zeroPoint}).`}
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
        Layer 1&apos;s weights (quantization-aware run{s.batchNorm ? ', batch norm folded in: W·γ/σ' : ''}) and their{' '}
        {bits}-bit grid
        {every > 1 ? ` (one level in ${every} drawn)` : ''}: each weight is used as its nearest grid value.
      </figcaption>
    </figure>
  );
}

const CLASS_FILL = ['#cfe3f2', '#f6dcc2'];
const CLASS_DOT = ['#0072B2', '#D55E00'];

function RegionMaps({ regions }: { regions: Regions }) {
  return (
    <div className="training-regions">
      <RegionMap regions={regions} classes={regions.float} title="float" />
      <RegionMap regions={regions} classes={regions.quantized} title="quantization-aware, fake-quantized" />
    </div>
  );
}

function RegionMap({ regions: r, classes, title }: { regions: Regions; classes: Int32Array; title: string }) {
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
            ? `Decision regions, ${title}: ${correct} of ${r.labels.length} test points fall in their class's region.`
            : `Decision regions, ${title}: quantization has not started.`
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
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Results of the three runs">
      <table className="training-results">
        <caption>
          After {s.steps} steps, on the test set ({bits}-bit codes)
        </caption>
        <thead>
          <tr>
            <th scope="col">run</th>
            <th scope="col">accuracy (float or fake-quantized)</th>
            <th scope="col">integer-only accuracy</th>
            <th scope="col">integer agrees with fake-quantized</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">float</th>
            <td>{pct(last.float)}</td>
            <td>—</td>
            <td>—</td>
          </tr>
          <tr>
            <th scope="row">post-training quantization</th>
            <td>{pct(last.ptq)}</td>
            {intCell(integer.ptq)}
          </tr>
          <tr>
            <th scope="row">
              quantization-aware training
              {s.delay >= s.steps ? ' (never quantized: its delay is not below the steps)' : ''}
            </th>
            <td>{pct(last.qat)}</td>
            {intCell(integer.qat)}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
