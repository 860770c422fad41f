import { useLingui } from '@lingui/react';
import { useState } from 'react';
import { MAX_MATRIX_DIM } from '../../engine/index.ts';
import { dequantizeBlocks, describeBlock, FORMAT_LABEL } from '../../formats/index.ts';
import { DECODED_TYPES, GGML_TYPES, rowBytes, type GgufTensor, type GgufValue } from '../../models/gguf/gguf.ts';
import { halfToNumber } from '../../models/tensorData.ts';
import { readGgufRows, type GgufFile } from '../../state/modelStore.ts';
import { useAppStore } from '../../state/store.ts';
import { formatFloat32, formatShort } from '../../viz/format.ts';
import { BlockBytes } from '../formats/BlockBytes.tsx';

/** Metadata keys listed at most. */
const KEYS_SHOWN = 64;
/** Rows read at once, and the inputs the explorer takes of each. */
const MAX_ROWS = 64;

function valueText(v: GgufValue): string {
  switch (v.kind) {
    case 'number':
      return `${formatShort(v.value, 8)} (${v.type})`;
    case 'bigint':
      return `${v.value} (${v.type})`;
    case 'bool':
      return String(v.value);
    case 'string':
      return v.value.length > 120 ? `${v.value.slice(0, 120)}…` : v.value;
    case 'array':
      return `[${v.type} × ${v.count}] ${v.first.map(String).join(', ')}${v.count > v.first.length ? ', …' : ''}`;
  }
}

/** The values of `rows` rows read from a tensor of a plain type (F32, F16, BF16), or a block type. */
function decodeRows(t: GgufTensor, bytes: Uint8Array, rows: number): Float32Array | null {
  const n = rows * (t.dims[0] ?? 0);
  const format = DECODED_TYPES[t.type];
  if (format) return dequantizeBlocks(format, bytes, n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (t.type === 0) return Float32Array.from({ length: n }, (_, i) => view.getFloat32(4 * i, true));
  if (t.type === 1) return Float32Array.from({ length: n }, (_, i) => halfToNumber(view.getUint16(2 * i, true)));
  if (t.type === 30)
    return Float32Array.from(
      { length: n },
      (_, i) => new Float32Array(new Uint32Array([view.getUint16(2 * i, true) << 16]).buffer)[0] ?? 0,
    );
  return null;
}

type Read =
  | {
      readonly kind: 'read';
      readonly tensor: number;
      readonly from: number;
      readonly rows: number;
      readonly bytes: Uint8Array;
      readonly values: Float32Array;
    }
  | { readonly kind: 'failed' }
  | { readonly kind: 'reading' };

/** A GGUF file: its metadata and tensors; a tensor's rows read by range, a block's bytes, a slice into the explorer. */
export function GgufView({ file }: { file: GgufFile }) {
  const { i18n } = useLingui();
  const { header } = file;
  const [chosen, setChosen] = useState(0);
  const [from, setFrom] = useState(0);
  const [read, setRead] = useState<Read | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);
  const tensor = header.tensors[Math.min(chosen, header.tensors.length - 1)];
  const typeName = (type: number) => GGML_TYPES[type] ?? String(type);
  const decodable = tensor !== undefined && (tensor.type in DECODED_TYPES || [0, 1, 30].includes(tensor.type));
  const rowsTotal = tensor ? tensor.dims.slice(1).reduce((a, b) => a * b, 1) : 0;
  const count = Math.min(MAX_ROWS, rowsTotal - from);
  const readRows = async () => {
    if (!tensor) return;
    setRead({ kind: 'reading' });
    const bytes = await readGgufRows(tensor, from, from + count);
    const values = bytes && decodeRows(tensor, bytes, count);
    setRead(bytes && values ? { kind: 'read', tensor: chosen, from, rows: count, bytes, values } : { kind: 'failed' });
  };
  const format = tensor ? DECODED_TYPES[tensor.type] : undefined;
  const shown = read?.kind === 'read' && read.tensor === chosen ? read : null;
  const open = () => {
    if (!shown || !tensor) return;
    // Row r of a ggml weight is output r's weights over the inputs (ne0): the RHS takes inputs down, outputs across.
    const ne0 = tensor.dims[0] ?? 0;
    const inputs = Math.min(ne0, MAX_MATRIX_DIM);
    const data = new Float32Array(inputs * shown.rows);
    for (let k = 0; k < inputs; k++)
      for (let j = 0; j < shown.rows; j++) data[k * shown.rows + j] = shown.values[j * ne0 + k] ?? 0;
    const store = useAppStore.getState();
    store.replaceMatrix('rhs', { rows: inputs, cols: shown.rows, data });
    const { formats } = useAppStore.getState().productOptions;
    if (format) store.setProductOptions({ formats: { ...formats, rhs: format } });
    setLoaded(
      i18n._('model.gguf.loaded', {
        rows: inputs,
        cols: shown.rows,
        from: shown.from + 1,
        to: shown.from + shown.rows,
      }),
    );
  };
  const block = shown && format ? describeBlock(format, shown.bytes, 0) : null;
  return (
    <div className="model-gguf">
      <h3>
        {i18n._('model.gguf.heading', {
          name: file.name,
          version: header.version,
          tensors: header.tensors.length,
          keys: header.metadata.length,
        })}
      </h3>
      <p className="muted">
        {i18n._('model.gguf.byRange', { header: header.headerBytes, size: file.size, alignment: header.alignment })}
      </p>
      <details>
        <summary>{i18n._('model.gguf.metadata', { count: header.metadata.length })}</summary>
        <table className="gguf-metadata">
          <tbody>
            {header.metadata.slice(0, KEYS_SHOWN).map((m) => (
              <tr key={m.key}>
                <th scope="row">
                  <code>{m.key}</code>
                </th>
                <td>{valueText(m.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {header.metadata.length > KEYS_SHOWN && (
          <p className="muted">{i18n._('model.gguf.moreKeys', { count: header.metadata.length - KEYS_SHOWN })}</p>
        )}
      </details>
      {tensor ? (
        <>
          <label>
            {i18n._('model.gguf.tensor')}{' '}
            <select
              value={chosen}
              onChange={(e) => {
                setChosen(Number(e.target.value));
                setFrom(0);
              }}
            >
              {header.tensors.map((t, k) => (
                <option key={k} value={k}>
                  {`${t.name} ${typeName(t.type)} [${t.dims.join(' × ')}]`}
                </option>
              ))}
            </select>
          </label>
          <dl className="gguf-tensor">
            <dt>{i18n._('model.gguf.type')}</dt>
            <dd>{format ? FORMAT_LABEL[format] : typeName(tensor.type)}</dd>
            <dt>{i18n._('model.gguf.dims')}</dt>
            <dd>{i18n._('model.gguf.dimsValue', { dims: tensor.dims.join(' × '), ne0: tensor.dims[0] ?? 0 })}</dd>
            <dt>{i18n._('model.gguf.place')}</dt>
            <dd>
              {tensor.bytes === null
                ? i18n._('model.gguf.placeUnknown', { offset: tensor.offset })
                : i18n._('model.gguf.placeValue', {
                    offset: tensor.offset,
                    bytes: tensor.bytes,
                    bits: formatShort((8 * tensor.bytes) / tensor.dims.reduce((a, b) => a * b, 1), 5),
                  })}
            </dd>
          </dl>
          {decodable ? (
            <p className="model-open-row">
              <label>
                {i18n._('model.gguf.fromRow')}{' '}
                <input
                  type="number"
                  min={1}
                  max={rowsTotal}
                  value={from + 1}
                  onChange={(e) => {
                    const r = Number(e.target.value) - 1;
                    if (Number.isInteger(r) && r >= 0 && r < rowsTotal) setFrom(r);
                  }}
                />
              </label>{' '}
              <button type="button" onClick={() => void readRows()}>
                {i18n._('model.gguf.read', { count, bytes: count * rowBytes(tensor) })}
              </button>
            </p>
          ) : (
            <p>{i18n._('model.gguf.notDecoded', { type: typeName(tensor.type) })}</p>
          )}
          <p role="status">
            {read?.kind === 'reading' && i18n._('model.gguf.reading')}
            {read?.kind === 'failed' && i18n._('model.gguf.readFailed')}
            {loaded}
          </p>
          {shown && (
            <>
              <p>
                {i18n._('model.gguf.readDone', {
                  rows: shown.rows,
                  from: shown.from + 1,
                  first: formatFloat32(shown.values[0] ?? 0),
                })}
              </p>
              {block && <BlockBytes block={block} value={0} />}
              <button type="button" onClick={open}>
                {i18n._('model.gguf.open', { max: MAX_MATRIX_DIM })}
              </button>
            </>
          )}
        </>
      ) : (
        <p>{i18n._('model.gguf.noTensors')}</p>
      )}
    </div>
  );
}
