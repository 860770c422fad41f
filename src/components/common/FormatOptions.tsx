import { BLOCK_FORMAT_NAMES, FORMAT_LABEL } from '../../formats/names.ts';

/** The menu value of a block format, beside the schemes' presets. */
export const FORMAT_PREFIX = 'format:';

/** The LLM weight formats as a group of a scheme menu's options. */
export function FormatOptions({ label }: { label: string }) {
  return (
    <optgroup label={label}>
      {BLOCK_FORMAT_NAMES.map((name) => (
        <option key={name} value={FORMAT_PREFIX + name}>
          {FORMAT_LABEL[name]}
        </option>
      ))}
    </optgroup>
  );
}
