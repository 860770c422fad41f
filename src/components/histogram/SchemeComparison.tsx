import { useLingui } from '@lingui/react';
import { useId, useMemo, useState, useSyncExternalStore } from 'react';
import type { BlockFormat } from '../../formats/names.ts';
import { DOUBLE_QUANT, FORMAT_PREFIX, FormatOptions } from '../common/FormatOptions.tsx';
import type { Derived } from '../../state/derived/index.ts';
import { formatCode, loadFormatCode, onFormatCode } from '../../state/formatCode.ts';
import { PRESETS, codeBits, presetNameOf, type FloatMatrix, type PresetName, type Scheme } from '../../engine/index.ts';
import { attempt } from '../../state/derived/derived.ts';
import { inputParams, inputView, type TensorView } from '../../state/derived/tensor.ts';
import type { PresetId } from '../../state/presets.ts';
import {
  MAX_COMPARED,
  MIN_COMPARED,
  SCALE_BITS,
  type Compared,
  type ScaleBits,
} from '../../state/slices/compareSlice.ts';
import { useAppStore, type InputId } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { formatShort } from '../../viz/format.ts';
import { matrixName } from '../common/names.ts';
import { failureText } from '../common/problemText.ts';
import { describeScheme, presetText, SCHEME_PRESETS } from '../common/schemeText.ts';
import { ErrorHistogram, errorExtent } from './ErrorHistogram.tsx';
import { ValueHistogram } from './ValueHistogram.tsx';

/**
 * Pairs that teach something, one click each; some load the matrices that show it (Undo brings yours
 * back). `label`: the message id of the button.
 */
const LESSONS: readonly {
  readonly label: string;
  readonly schemes: readonly Compared[];
  readonly preset?: PresetId;
}[] = [
  {
    label: 'histogram.compare.lesson.outlierColumn',
    schemes: [PRESETS['onnx-int8'], PRESETS['onnx-int8-symmetric-per-column']],
    preset: 'outlierColumn',
  },
  {
    label: 'histogram.compare.lesson.blocks',
    schemes: [
      { ...PRESETS['onnx-int4-blocked-32'], granularity: { kind: 'axis', axis: 1 } },
      PRESETS['onnx-int4-blocked-32'],
    ],
    preset: 'blocks',
  },
  {
    label: 'histogram.compare.lesson.divisor',
    schemes: [PRESETS['tflite-int8-weights-per-column'], PRESETS['pytorch-qint8-per-channel']],
  },
  {
    label: 'histogram.compare.lesson.kQuants',
    schemes: [{ format: 'q4_0' }, { format: 'q4_K' }],
    preset: 'llmWeights',
  },
  {
    label: 'histogram.compare.lesson.fp8',
    schemes: [PRESETS['pytorch-qint8-symmetric'], { format: 'mxfp8_e4m3' }],
    preset: 'llmWeights',
  },
  {
    label: 'histogram.compare.lesson.powerOfTwo',
    schemes: [{ format: 'q4_0' }, { format: 'mxfp4' }, { format: 'nf4' }, { format: 'nf4', doubleQuant: true }],
    preset: 'llmWeights',
  },
];

/** The presets offered in each column (the editor of section 2 builds any other). */
const OPTIONS = SCHEME_PRESETS;

/**
 * Storage per value: the code's bits, plus each group's scale (`scaleBits` wide) and (affine) zero
 * point of the code's width, spread over the values of its group.
 */
export function bitsPerValue(scheme: Scheme, groups: number, count: number, scaleBits: ScaleBits): number {
  const bits = codeBits(scheme);
  return bits + (groups * (scaleBits + (scheme.symmetric ? 0 : bits))) / count;
}

function Column({
  m,
  k,
  scheme,
  view,
  extent,
  scaleBits,
}: {
  m: FloatMatrix;
  k: number;
  scheme: Compared;
  view: Derived<TensorView>;
  /** The shared error axis: ±extent. */
  extent: number;
  scaleBits: ScaleBits;
}) {
  const { i18n } = useLingui();
  if (!view.ok) return <p className="error">{failureText(view.failure)}</p>;
  const v: TensorView = view.value;
  return (
    <>
      <ValueHistogram view={v} />
      <ErrorHistogram view={v} extent={extent} />
      <dl className="compare-metrics">
        <dt>{i18n._('histogram.metrics.mse')}</dt>
        <dd>{formatShort(v.metrics.mse, 4)}</dd>
        <dt>{i18n._('histogram.metrics.sqnr')}</dt>
        <dd>
          {v.metrics.sqnrDb === null ? i18n._('histogram.compare.lossless') : `${formatShort(v.metrics.sqnrDb, 4)} dB`}
        </dd>
        <dt>{i18n._('histogram.compare.maxError')}</dt>
        <dd>{formatShort(v.metrics.maxAbsError, 4)}</dd>
        <dt>{i18n._('histogram.metrics.clipped')}</dt>
        <dd>{v.metrics.clipped}</dd>
        <dt>{i18n._('histogram.compare.bitsPerValue')}</dt>
        <dd data-testid={`bits-${k + 1}`}>
          {'format' in scheme
            ? i18n._('histogram.compare.layoutBits', { bits: formatShort(v.format?.bitsPerWeight ?? 0, 5) })
            : formatShort(bitsPerValue(scheme, v.groups.length, m.rows * m.cols, scaleBits), 4)}
        </dd>
      </dl>
    </>
  );
}

/** The quantization of `m` under `scheme` or stored in a format (the same pure functions as the panels above). */
function viewOf(
  id: InputId,
  m: FloatMatrix,
  scheme: Compared,
  code: ReturnType<typeof formatCode>,
): Derived<TensorView> {
  if (!('format' in scheme)) return inputView(id, m, scheme, inputParams(id, m, scheme));
  if (code === null) {
    void loadFormatCode();
    return { ok: false, failure: { problem: { kind: 'formatLoading' }, subject: id } };
  }
  return attempt(() => code.formatView(id, m, scheme.format, scheme.doubleQuant === true));
}

/** The formats' code, re-rendering when it arrives. */
const useFormatCode = () => useSyncExternalStore(onFormatCode, formatCode);

/** A column's menu value. */
const menuValue = (c: Compared): string =>
  'format' in c ? FORMAT_PREFIX + c.format + (c.doubleQuant ? DOUBLE_QUANT : '') : (presetNameOf(c) ?? '');

/**
 * 2 to 4 schemes side by side on one input, computed only while open (2 to 4 more quantizations of
 * a 256 × 256 matrix per edit would leave the edit's budget).
 */
export function SchemeComparison() {
  const { i18n } = useLingui();
  const [open, setOpen] = useState(false);
  return (
    <details className="scheme-comparison" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{i18n._('histogram.compare.summary')}</summary>
      {open && <OpenComparison />}
    </details>
  );
}

/** The comparison's controls and columns. */
function OpenComparison() {
  const { i18n } = useLingui();
  const input = useView((s) => s.comparedInput);
  const m = useView((s) => s[s.comparedInput]);
  const compared = useView((s) => s.compared);
  const setInput = useAppStore((s) => s.setComparedInput);
  const setCompared = useAppStore((s) => s.setCompared);
  const scaleBits = useView((s) => s.scaleBits);
  const setScaleBits = useAppStore((s) => s.setScaleBits);
  const scaleBitsId = useId();
  const loadPreset = useAppStore((s) => s.loadPreset);
  const inputId = useId();
  const code = useFormatCode();
  const views = useMemo(() => compared.map((scheme) => viewOf(input, m, scheme, code)), [compared, input, m, code]);
  // One error axis for all the columns, so that their histograms compare by eye.
  const extent = Math.max(...views.map((v) => (v.ok ? errorExtent(v.value) : 0)));
  return (
    <section aria-label={i18n._('histogram.compare.label')}>
      <p className="chrome">
        <label htmlFor={inputId}>{i18n._('histogram.compare.on')} </label>
        <select id={inputId} value={input} onChange={(e) => setInput(e.target.value === 'lhs' ? 'lhs' : 'rhs')}>
          <option value="lhs">{matrixName('lhs')}</option>
          <option value="rhs">{matrixName('rhs')}</option>
        </select>{' '}
        <label htmlFor={scaleBitsId}>{i18n._('histogram.compare.scaleBits')} </label>
        <select
          id={scaleBitsId}
          value={scaleBits}
          onChange={(e) => setScaleBits(SCALE_BITS.find((b) => String(b) === e.target.value) ?? 32)}
        >
          <option value={32}>{i18n._('histogram.compare.float32')}</option>
          <option value={16}>{i18n._('histogram.compare.float16')}</option>
        </select>{' '}
        {LESSONS.map((lesson) => (
          <button
            key={lesson.label}
            type="button"
            onClick={() => {
              if (lesson.preset) {
                loadPreset(lesson.preset);
                setInput('rhs');
              }
              setCompared(lesson.schemes);
            }}
          >
            {i18n._(lesson.label)}
          </button>
        ))}{' '}
        {compared.length < MAX_COMPARED && (
          <button type="button" onClick={() => setCompared([...compared, PRESETS['pytorch-quint8']])}>
            {i18n._('histogram.compare.add')}
          </button>
        )}
      </p>
      <div className="compare-columns">
        {compared.map((scheme, k) => {
          const value = menuValue(scheme);
          return (
            <div
              className="compare-column"
              key={k}
              role="group"
              aria-label={i18n._('histogram.compare.column', { n: k + 1, total: compared.length })}
            >
              <select
                aria-label={i18n._('histogram.compare.menu', { n: k + 1 })}
                value={value}
                onChange={(e) => {
                  const next = [...compared];
                  const chosen = e.target.value;
                  next[k] = chosen.startsWith(FORMAT_PREFIX)
                    ? chosen.endsWith(DOUBLE_QUANT)
                      ? { format: 'nf4', doubleQuant: true }
                      : { format: chosen.slice(FORMAT_PREFIX.length) as BlockFormat }
                    : PRESETS[chosen as PresetName];
                  setCompared(next);
                }}
              >
                {value === '' && !('format' in scheme) && <option value="">{describeScheme(scheme)}</option>}
                {OPTIONS.map((p) => (
                  <option key={p} value={p}>
                    {presetText(p)}
                  </option>
                ))}
                <FormatOptions
                  label={i18n._('histogram.compare.formats')}
                  doubleQuant={i18n._('histogram.compare.nf4Double')}
                />
              </select>
              {compared.length > MIN_COMPARED && (
                <button type="button" onClick={() => setCompared(compared.filter((_, t) => t !== k))}>
                  {i18n._('histogram.compare.remove')}
                </button>
              )}
              <Column
                m={m}
                k={k}
                scheme={scheme}
                view={views[k] as Derived<TensorView>}
                extent={extent}
                scaleBits={scaleBits}
              />
            </div>
          );
        })}
      </div>
    </section>
  );
}
