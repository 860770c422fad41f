/** What is wrong with a link, and what the page did about it, in words. */
import type { FieldDetail, LinkPart, LinkProblem } from '../../permalink/linkError.ts';
import type { Notice } from '../../state/slices/sessionSlice.ts';
import { problemSentence } from '../common/problemText.ts';

/** Each part of a link, named as the page names it. */
const PART: Record<LinkPart, string> = {
  lhs: 'LHS',
  rhs: 'RHS',
  seeds: 'The seeds',
  distribution: 'The distribution',
  productOptions: 'The product setup',
  bias: 'The bias',
  resultRange: 'The result range',
  activation: 'The activation',
  selected: 'The selected cell',
  step: 'The step',
  speed: 'The speed',
  multiplier: 'The multiplier',
  singleRounding: 'The single-rounding flag',
  schemes: 'The quantization scheme',
  requantization: 'The requantization method',
  compared: 'The schemes compared',
  pickedGroups: 'The channel or block picked in a parameter card',
  calibration: 'The calibration lab’s settings',
  training: 'The training lab’s settings',
  lesson: 'The lesson’s chapter',
  locale: 'The language',
};

function detailText(d: FieldDetail): string {
  switch (d.kind) {
    case 'malformed':
      return 'is missing or not readable.';
    case 'notANumber':
      return `holds “${d.token}”, which is not a number.`;
    case 'notFloat32':
      return `holds ${d.token}, which is not a finite float32.`;
    case 'outOfRange':
      return `holds ${d.value}, not an integer from ${d.lo} to ${d.hi}.`;
    case 'unknown':
      return `holds “${d.value}”, which this page does not know.`;
    case 'shape':
      return `has the shape ${d.rows}×${d.cols}, not between 1×1 and ${d.max}×${d.max}.`;
    case 'count':
      return `has ${d.found} values (or bytes) where its shape needs ${d.expected}: it is cut off or damaged.`;
    case 'tooMany':
      return `has more values than it can (at most ${d.max}).`;
    case 'scheme':
      return `cannot be: ${problemSentence(d.problem)}`;
    default:
      return d satisfies never;
  }
}

/** What is wrong with a link, in one or two sentences. */
export function linkProblemText(p: LinkProblem): string {
  switch (p.kind) {
    case 'notALink':
      return 'This is not a Quantization Explorer link (it should look like #q1.…).';
    case 'version':
      return p.found > p.reads
        ? `It was made by a newer version of Quantization Explorer (format ${p.found}); this page reads format ${p.reads}.`
        : `It uses format ${p.found}, which this page does not read (it reads format ${p.reads}).`;
    case 'tooLong':
      return `It is ${p.chars.toLocaleString('en')} characters long, more than this page reads.`;
    case 'tooLarge':
      return 'It decompresses to more data than any state of this page needs.';
    case 'damaged':
      return 'Its data is damaged or cut off (it does not decompress or read).';
    case 'cutOff':
      return 'Its data is cut off.';
    case 'badCharacters':
      return 'It contains characters a link never has.';
    case 'notAState':
      return 'Its data is not a saved state.';
    case 'notMultipliable':
      return `Its matrices cannot be multiplied (${p.lhsRows}×${p.lhsCols} by ${p.rhsRows}×${p.rhsCols}).`;
    case 'field': {
      const which = p.index === undefined ? '' : ` (value ${p.index + 1})`;
      return `${PART[p.part]}${which} ${detailText(p.detail)}`;
    }
    default:
      return p satisfies never;
  }
}

/** A page-wide notice in words. */
export function noticeText(n: Notice): string {
  switch (n.kind) {
    case 'linkRefused':
      return `This link could not be opened. ${linkProblemText(n.problem)} ${n.keptWork ? 'Your current work is unchanged.' : 'Showing your last session (or the example) instead.'}`;
    case 'sessionUnreadable':
      return `Your last session could not be restored. ${linkProblemText(n.problem)} Showing the example.`;
    default:
      return n satisfies never;
  }
}
