/** What people typed or pasted that could not be read, in words. */
import type { BlockProblem, Skipped, ValuesProblem } from '../../input/parseMatrix.ts';
import type { NumberProblem } from '../../input/parseNumber.ts';

/** The typed text as quoted back: cut after 24 characters. */
function quote(text: string): string {
  return `“${text.length > 24 ? `${text.slice(0, 24)}…` : text}”`;
}

/** Why a typed value is not a number a cell can hold. */
export function numberProblemText(p: NumberProblem): string {
  switch (p.kind) {
    case 'empty':
      return 'Empty: type a number such as 0.5 or -1e-3.';
    case 'notANumber':
      return `${quote(p.text)} is not a number.`;
    case 'notFinite':
      return `${quote(p.text)} is not a number. Only finite numbers can be quantized.`;
    case 'severalNumbers':
      return `${quote(p.text)} holds ${p.count} numbers separated by commas; a cell holds one. For a decimal, use a point (0.5); to fill several cells, paste them as a block.`;
    case 'tooLarge':
      return `${quote(p.text)} is too large: float32 holds at most ±3.4e38.`;
    case 'tooSmall':
      return `${quote(p.text)} is too small: float32 would turn it into 0 (the smallest is about 1.4e-45).`;
    default:
      return p satisfies never;
  }
}

/** Why a pasted block is not a matrix, or pasted values not a stream (rows and columns counted as pasted, from 1). */
export function blockProblemText(p: BlockProblem | ValuesProblem): string {
  switch (p.kind) {
    case 'tooLong':
      return `The pasted text is too long (${p.chars.toLocaleString('en')} characters; at most ${p.max.toLocaleString('en')}).`;
    case 'noNumbers':
      return 'Nothing to paste: no numbers found.';
    case 'tooBig':
      return `${p.rows}×${p.cols} is too large: at most ${p.max}×${p.max}.`;
    case 'tooMany':
      return `${p.count.toLocaleString('en')} values are too many: at most ${p.max.toLocaleString('en')}.`;
    case 'ragged':
      return `Pasted row ${p.row + 1} has ${p.length} values but the first row has ${p.expected}; rows must have the same length.`;
    case 'cell':
      return `Pasted row ${p.row + 1}, column ${p.col + 1}: ${numberProblemText(p.problem)}`;
    default:
      return p satisfies never;
  }
}

/** What a paste left out, or '' when nothing. */
export function skippedText(s: Skipped): string {
  const names = s.header?.filter((name) => name !== '') ?? [];
  const parts = [
    s.header &&
      (names.length > 0
        ? `the header row (${names.slice(0, 4).join(', ')}${names.length > 4 ? ', …' : ''})`
        : 'the header row'),
    s.labels && 'the column of row labels',
  ].filter(Boolean);
  return parts.length > 0 ? ` Left out ${parts.join(' and ')}.` : '';
}
