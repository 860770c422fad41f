import { useLingui } from '@lingui/react';
import { useState } from 'react';
import { NESTED_BLOCK } from '../../formats/bitsandbytes.ts';
import { BLOCK_FORMATS, FORMAT_LABEL, FORMAT_SOURCE, type BlockFormat } from '../../formats/index.ts';
import { encodeSteps } from '../../formats/explain.ts';
import { useTensor } from '../../state/hooks.ts';
import type { TensorView } from '../../state/derived/index.ts';
import { useAppStore, type InputId } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { formatFloat32, formatShort } from '../../viz/format.ts';
import { signed } from '../../viz/int64.ts';
import { matrixName } from '../common/names.ts';
import { Problem } from '../common/Problem.tsx';
import { presetText } from '../common/schemeText.ts';
import { presetNameOf } from '../../engine/index.ts';
import { SchemeMenu } from '../params/SchemeMenu.tsx';
import { BlockBytes } from './BlockBytes.tsx';
import { EncodeSteps } from './EncodeSteps.tsx';
import { LevelLine } from './LevelLine.tsx';
import './formats.css';

/** Where each source's formats come from. */
const SOURCE_TEXT = {
  ggml: 'formats.source.ggml',
  bitsandbytes: 'formats.source.bitsandbytes',
  onnx: 'formats.source.onnx',
  ocp: 'formats.source.ocp',
} as const;

/** What a format keeps, by family. */
function whatText(format: BlockFormat): string {
  if (format.endsWith('_K')) return 'formats.what.k';
  if (format === 'nf4' || format === 'fp4') return 'formats.what.bnb';
  if (format.startsWith('fp8')) return 'formats.what.fp8';
  if (format === 'mxfp4') return 'formats.what.mxfp4';
  if (format.startsWith('mx')) return 'formats.what.mx';
  return 'formats.what.legacy';
}

/** Section 2's card for an input stored in a block format: the layout, and one block byte by byte. */
export function FormatCard({ id, format }: { id: InputId; format: BlockFormat }) {
  const { i18n } = useLingui();
  const view = useTensor(id);
  const scheme = useView((s) => s.productOptions.schemes[id]);
  const label = matrixName(id);
  const name = FORMAT_LABEL[format];
  const preset = presetNameOf(scheme);
  return (
    <article className="params-card format-card" aria-label={i18n._('names.cardName', { matrix: label })}>
      <h3>{label}</h3>
      <SchemeMenu id={id} />
      <p className="muted scheme-source">
        {i18n._(SOURCE_TEXT[FORMAT_SOURCE[format]], { format: name })} {i18n._(whatText(format))}
      </p>
      {view.ok && view.value.format ? (
        <Stored id={id} view={view.value} format={format} />
      ) : !view.ok ? (
        <Problem title={i18n._('formats.noView', { matrix: label, format: name })} failure={view.failure} />
      ) : null}
      <p className="muted">
        {i18n._('formats.product', {
          matrix: label,
          scheme: preset === null ? i18n._('formats.customScheme') : presetText(preset),
        })}
      </p>
    </article>
  );
}

/**
 * A 1-based number field over 0…count − 1: what is typed stays while it is not a valid index (so a
 * person can clear it and type another), and goes back to the index in use when the field is left.
 */
function IndexField({
  label,
  value,
  count,
  onPick,
}: {
  label: string;
  value: number;
  count: number;
  onPick: (index: number) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <label>
      {label}{' '}
      <input
        type="number"
        min={1}
        max={count}
        value={draft ?? value + 1}
        onChange={(e) => {
          const text = e.target.value;
          const k = Number(text) - 1;
          if (text.trim() !== '' && Number.isInteger(k) && k >= 0 && k < count) {
            setDraft(null);
            onPick(k);
          } else setDraft(text);
        }}
        onBlur={() => setDraft(null)}
      />
    </label>
  );
}

/** bitsandbytes' double quantization of the absmax values (quantize_4bit's compress_statistics). */
function DoubleQuant({ id }: { id: InputId }) {
  const { i18n } = useLingui();
  const on = useView((s) => s.productOptions.doubleQuant[id]);
  const setOptions = useAppStore((s) => s.setProductOptions);
  return (
    <label className="double-quant">
      <input
        type="checkbox"
        checked={on}
        onChange={(e) => {
          const { doubleQuant } = useAppStore.getState().productOptions;
          setOptions({ doubleQuant: { ...doubleQuant, [id]: e.target.checked } });
        }}
      />{' '}
      {i18n._('formats.doubleQuant')}
    </label>
  );
}

function Stored({ id, view, format }: { id: InputId; view: TensorView; format: BlockFormat }) {
  const { i18n } = useLingui();
  const info = view.format;
  const hover = useView((s) => s.hover);
  const [picked, setPicked] = useState<{ block: number; value: number } | null>(null);
  if (!info) return null;
  const { blockValues } = BLOCK_FORMATS[format];
  const blocks = info.stream.length / blockValues;
  const { rows, cols } = view.real;
  // The value the readout points at (a cell of this matrix picked in a grid or heatmap), else the one chosen here.
  const hovered =
    hover && hover.matrix === view.id && hover.row < rows && hover.col < cols
      ? (info.position[hover.row * cols + hover.col] as number)
      : null;
  const at =
    picked ??
    (hovered !== null
      ? { block: Math.floor(hovered / blockValues), value: hovered % blockValues }
      : { block: 0, value: 0 });
  const block = Math.min(at.block, blocks - 1);
  const value = Math.min(at.value, blockValues - 1);
  const described = info.describe(block);
  const x = info.stream.subarray(block * blockValues, (block + 1) * blockValues);
  const nested = info.nested;
  const encoding = encodeSteps(
    format,
    x,
    value,
    nested && {
      code: info.bytes[block * info.blockBytes] ?? 0,
      absmax2: nested.absmax2[Math.floor(block / NESTED_BLOCK)] ?? NaN,
      offset: nested.offset,
      restored: nested.restored[block] ?? NaN,
    },
  );
  const p = block * blockValues + value;
  const cell =
    p >= rows * cols
      ? null
      : view.id === 'lhs'
        ? { row: Math.floor(p / cols), col: p % cols }
        : { row: p % rows, col: Math.floor(p / rows) };
  const decoding = described?.values[value];
  const padding = info.stream.length - rows * cols;
  return (
    <>
      <dl>
        <dt>{i18n._('formats.bits')}</dt>
        <dd data-testid={`${view.id}-bits-per-weight`}>
          {i18n._('formats.bitsValue', {
            bits: formatShort(info.bitsPerWeight, 5),
            bytes: info.blockBytes,
            values: blockValues,
          })}
        </dd>
        <dt>{i18n._('formats.blocks')}</dt>
        <dd>
          {i18n._(view.id === 'lhs' ? 'formats.blocksAlongRows' : 'formats.blocksDownColumns', {
            blocks,
            values: blockValues,
          })}
          {padding > 0 ? ` ${i18n._('formats.padding', { zeros: padding })}` : ''}
        </dd>
      </dl>
      {(format === 'nf4' || format === 'fp4') && <DoubleQuant id={id} />}
      <fieldset className="block-pick">
        <legend>{i18n._('formats.inspect')}</legend>
        <IndexField
          label={i18n._('formats.block')}
          value={block}
          count={blocks}
          onPick={(b) => setPicked({ block: b, value })}
        />{' '}
        <span className="muted">{i18n._('formats.ofBlocks', { blocks })}</span>{' '}
        <IndexField
          label={i18n._('formats.value')}
          value={value}
          count={blockValues}
          onPick={(v) => setPicked({ block, value: v })}
        />{' '}
        <span className="muted">
          {cell
            ? i18n._('formats.cell', { matrix: matrixName(view.id), row: cell.row + 1, col: cell.col + 1 })
            : i18n._('formats.paddingValue')}
        </span>
      </fieldset>
      {described && <BlockBytes block={described} value={value} />}
      {decoding && (
        <p className="decode-line" data-testid={`${view.id}-decode`}>
          {i18n._('formats.decode', {
            code: signed(decoding.code),
            level: formatFloat32(decoding.level),
            scale: formatFloat32(decoding.scale),
            offset: formatFloat32(decoding.offset),
            value: formatFloat32(decoding.value),
          })}
        </p>
      )}
      {decoding && <LevelLine format={format} decoding={decoding} input={x[value] ?? 0} />}
      <EncodeSteps encoding={encoding} format={format} />
    </>
  );
}
