import { useLingui } from '@lingui/react';
import { useId, useState } from 'react';
import {
  checkScheme,
  EngineError,
  LIBRARIES,
  PRESETS,
  codeBits,
  presetNameOf,
  type EngineProblem,
  type Granularity,
  type Library,
  type PresetName,
  type Scheme,
} from '../../engine/index.ts';
import type { BlockFormat } from '../../formats/names.ts';
import { FORMAT_PREFIX, FormatOptions } from '../common/FormatOptions.tsx';
import { loadFormatCode } from '../../state/formatCode.ts';
import { useAppStore } from '../../state/store.ts';
import type { MatrixId } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { signed } from '../../viz/int64.ts';
import { matrixName } from '../common/names.ts';
import { joinSentences } from '../common/inputText.ts';
import { problemSentence } from '../common/problemText.ts';
import { LIBRARY_NAME, presetText, SCHEME_PRESETS } from '../common/schemeText.ts';

/** The granularities the custom editor offers. */
const GRANULARITY_TEXT = {
  tensor: 'params.granularity.tensor',
  row: 'params.granularity.row',
  column: 'params.granularity.column',
  'block-0': 'params.granularity.blockDown',
  'block-1': 'params.granularity.blockAlong',
} as const;
type GranularityChoice = keyof typeof GRANULARITY_TEXT;

/** Block sizes the editor offers. */
const BLOCK_SIZES = [2, 4, 8, 16, 32, 64, 128] as const;

function granularityChoice(g: Granularity): GranularityChoice {
  if (g.kind === 'tensor') return 'tensor';
  if (g.kind === 'axis') return g.axis === 0 ? 'row' : 'column';
  return g.axis === 0 ? 'block-0' : 'block-1';
}

function granularityOf(choice: GranularityChoice, blockSize: number): Granularity {
  switch (choice) {
    case 'tensor':
      return { kind: 'tensor' };
    case 'row':
      return { kind: 'axis', axis: 0 };
    case 'column':
      return { kind: 'axis', axis: 1 };
    case 'block-0':
      return { kind: 'block', axis: 0, blockSize };
    case 'block-1':
      return { kind: 'block', axis: 1, blockSize };
  }
}

const CUSTOM = 'custom';

/** What the custom fields describe: a code range from bits, signedness and narrowness. */
interface Custom {
  readonly library: Library;
  readonly bits: number;
  readonly signed: boolean;
  readonly narrow: boolean;
  readonly symmetric: boolean;
  readonly granularity: GranularityChoice;
  readonly blockSize: number;
}

function customOf(s: Scheme): Custom {
  const signed = s.qmin < 0;
  const narrow = signed && s.qmin === -s.qmax;
  return {
    library: s.library,
    bits: Math.max(2, Math.min(16, codeBits(s))),
    signed,
    narrow,
    symmetric: s.symmetric,
    granularity: granularityChoice(s.granularity),
    blockSize: s.granularity.kind === 'block' ? s.granularity.blockSize : 32,
  };
}

function schemeOf(c: Custom): Scheme {
  const half = 2 ** (c.bits - 1);
  const [qmin, qmax] = c.signed ? [c.narrow ? 1 - half : -half, half - 1] : [0, 2 ** c.bits - 1];
  return {
    library: c.library,
    qmin,
    qmax,
    symmetric: c.symmetric,
    granularity: granularityOf(c.granularity, c.blockSize),
  };
}

/** The scheme of one matrix: a preset, or one built from library, bits, signedness and symmetry. */
export function SchemePicker({ id }: { id: MatrixId }) {
  const { i18n } = useLingui();
  const scheme = useView((s) => s.productOptions.schemes[id]);
  const format = useView((s) => (id === 'result' ? null : s.productOptions.formats[id]));
  const setOptions = useAppStore((s) => s.setProductOptions);
  const selectId = useId();
  const errorId = useId();
  const preset = presetNameOf(scheme);
  const [customOpen, setCustomOpen] = useState(false);
  const [draft, setDraft] = useState<Custom | null>(null);
  const [problem, setProblem] = useState<EngineProblem | null>(null);
  const label = matrixName(id);
  const showCustom = customOpen || preset === null;
  // The fields show the scheme in use, or the refused draft while its problem is shown.
  const custom = problem && draft ? draft : customOf(scheme);

  const apply = (next: Scheme) => {
    const { schemes, formats } = useAppStore.getState().productOptions;
    setOptions({
      schemes: { ...schemes, [id]: next },
      ...(id === 'result' ? {} : { formats: { ...formats, [id]: null } }),
    });
  };
  // An input stored in a block format keeps its scheme for the integer product (sections 5–6).
  const applyFormat = (next: BlockFormat) => {
    if (id === 'result') return;
    void loadFormatCode();
    const { formats } = useAppStore.getState().productOptions;
    setOptions({ formats: { ...formats, [id]: next } });
  };
  const tryCustom = (c: Custom) => {
    setDraft(c);
    const next = schemeOf(c);
    try {
      checkScheme(next);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      setProblem(e.problem); // the scheme in use stays
      return;
    }
    setProblem(null);
    apply(next);
  };

  return (
    <div className="scheme-picker">
      <label htmlFor={selectId}>{i18n._('params.scheme')}</label>{' '}
      <select
        id={selectId}
        value={format !== null ? FORMAT_PREFIX + format : preset === null || customOpen ? CUSTOM : preset}
        onChange={(e) => {
          const value = e.target.value;
          if (value.startsWith(FORMAT_PREFIX)) {
            setCustomOpen(false);
            applyFormat(value.slice(FORMAT_PREFIX.length) as BlockFormat);
            return;
          }
          if (value === CUSTOM) {
            setCustomOpen(true);
            if (format !== null) apply(scheme);
            return;
          }
          setCustomOpen(false);
          setDraft(null);
          setProblem(null);
          apply(PRESETS[value as PresetName]);
        }}
      >
        {SCHEME_PRESETS.map((name) => (
          <option key={name} value={name}>
            {presetText(name)}
          </option>
        ))}
        <option value={CUSTOM}>{i18n._('params.custom')}</option>
        {id !== 'result' && <FormatOptions label={i18n._('params.formats')} />}
      </select>
      {showCustom && format === null && (
        <fieldset className="scheme-custom" aria-describedby={problem ? errorId : undefined}>
          <legend>{i18n._('params.customLegend', { matrix: label })}</legend>
          <label>
            {i18n._('params.library')}{' '}
            <select
              value={custom.library}
              onChange={(e) => tryCustom({ ...custom, library: e.target.value as Library })}
            >
              {LIBRARIES.map((l) => (
                <option key={l} value={l}>
                  {LIBRARY_NAME[l]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {i18n._('params.bits')}{' '}
            <select value={custom.bits} onChange={(e) => tryCustom({ ...custom, bits: Number(e.target.value) })}>
              {Array.from({ length: 15 }, (_, t) => t + 2).map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input
              type="checkbox"
              checked={custom.signed}
              onChange={(e) =>
                tryCustom({ ...custom, signed: e.target.checked, narrow: e.target.checked && custom.narrow })
              }
            />{' '}
            {i18n._('params.signed')}
          </label>
          <label>
            <input
              type="checkbox"
              checked={custom.narrow}
              disabled={!custom.signed}
              onChange={(e) => tryCustom({ ...custom, narrow: e.target.checked })}
            />{' '}
            {i18n._('params.narrow')}
          </label>
          <label>
            <input
              type="checkbox"
              checked={custom.symmetric}
              onChange={(e) => tryCustom({ ...custom, symmetric: e.target.checked })}
            />{' '}
            {i18n._('params.symmetric')}
          </label>
          <label>
            {i18n._('params.scales')}{' '}
            <select
              value={custom.granularity}
              onChange={(e) => tryCustom({ ...custom, granularity: e.target.value as GranularityChoice })}
            >
              {(Object.keys(GRANULARITY_TEXT) as GranularityChoice[]).map((g) => (
                <option key={g} value={g}>
                  {i18n._(GRANULARITY_TEXT[g])}
                </option>
              ))}
            </select>
          </label>
          {custom.granularity.startsWith('block') && (
            <label>
              {i18n._('params.blockSize')}{' '}
              <select
                value={custom.blockSize}
                onChange={(e) => tryCustom({ ...custom, blockSize: Number(e.target.value) })}
              >
                {BLOCK_SIZES.map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </select>
            </label>
          )}
          <span className="muted">
            {i18n._('params.codeRange', { qmin: signed(schemeOf(custom).qmin), qmax: signed(schemeOf(custom).qmax) })}
          </span>
          {problem && (
            <p id={errorId} role="alert" className="error">
              {joinSentences(problemSentence(problem), i18n._('params.keepsScheme', { matrix: label }))}
            </p>
          )}
        </fieldset>
      )}
    </div>
  );
}
