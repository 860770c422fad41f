import { useLingui } from '@lingui/react';
import type { BlockFields } from '../../formats/index.ts';
import { formatFloat32 } from '../../viz/format.ts';
import './formats.css';

const hex = (b: number) => b.toString(16).padStart(2, '0');
const bits = (b: number) => b.toString(2).padStart(8, '0');

/** A block's bytes as the file holds them, field by field (ggml's struct order), the chosen value's bytes marked. */
export function BlockBytes({ block, value }: { block: BlockFields; value: number }) {
  const { i18n } = useLingui();
  const held = new Set(block.values[value]?.at ?? []);
  return (
    <table className="block-bytes" aria-label={i18n._('formats.bytesLabel', { block: block.block + 1 })}>
      <caption>{i18n._('formats.bytesCaption', { block: block.block + 1, bytes: block.bytes.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{i18n._('formats.field')}</th>
          <th scope="col">{i18n._('formats.offset')}</th>
          <th scope="col">{i18n._('formats.bytes')}</th>
          <th scope="col">{i18n._('formats.fieldValue')}</th>
        </tr>
      </thead>
      <tbody>
        {block.fields.map((field) => {
          const bytes = [...block.bytes.subarray(field.offset, field.offset + field.length)];
          const marked = bytes.map((_, k) => held.has(field.offset + k));
          return (
            <tr key={field.name}>
              <th scope="row">
                <code>{field.name}</code>
              </th>
              <td>{field.offset}</td>
              <td className="hex">
                {bytes.map((b, k) => (
                  <span key={k} className={marked[k] ? 'byte held' : 'byte'} title={bits(b)}>
                    {hex(b)}
                  </span>
                ))}
                {marked.some(Boolean) && (
                  <span className="bits">
                    {' '}
                    {bytes
                      .filter((_, k) => marked[k])
                      .map(bits)
                      .join(' ')}
                  </span>
                )}
              </td>
              <td>{field.value === null ? '' : formatFloat32(field.value)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
