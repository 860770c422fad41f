import { BLOCK_FORMAT_NAMES, FORMAT_LABEL } from '../../formats/names.ts';

/** The menu value of a block format, beside the schemes' presets. */
export const FORMAT_PREFIX = 'format:';

/** The suffix of NF4's menu value with double quantization (the comparison offers it as a format of its own). */
export const DOUBLE_QUANT = '+dq';

/**
 * The LLM weight formats as a group of a scheme menu's options; `doubleQuant` (the label of NF4 with
 * double quantization) adds that one after NF4.
 */
export function FormatOptions({ label, doubleQuant }: { label: string; doubleQuant?: string }) {
  return (
    <optgroup label={label}>
      {BLOCK_FORMAT_NAMES.flatMap((name) => [
        <option key={name} value={FORMAT_PREFIX + name}>
          {FORMAT_LABEL[name]}
        </option>,
        ...(doubleQuant && name === 'nf4'
          ? [
              <option key={name + DOUBLE_QUANT} value={FORMAT_PREFIX + name + DOUBLE_QUANT}>
                {doubleQuant}
              </option>,
            ]
          : []),
      ])}
    </optgroup>
  );
}
