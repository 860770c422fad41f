/**
 * What is wrong with a link, and what the page did about it, in words (the page's language, at
 * call time: the components that show these call `useLingui()`).
 */
import { i18n } from '@lingui/core';
import type { FieldDetail, LinkPart, LinkProblem } from '../../permalink/linkError.ts';
import type { Notice } from '../../state/slices/sessionSlice.ts';
import { problemSentence } from '../common/problemText.ts';

/** Each part of a link, named as the page names it (message ids). */
const PART: Record<LinkPart, string> = {
  lhs: 'names.lhs',
  rhs: 'names.rhs',
  seeds: 'link.part.seeds',
  distribution: 'link.part.distribution',
  productOptions: 'link.part.productOptions',
  bias: 'link.part.bias',
  resultRange: 'link.part.resultRange',
  activation: 'link.part.activation',
  selected: 'link.part.selected',
  step: 'link.part.step',
  speed: 'link.part.speed',
  multiplier: 'link.part.multiplier',
  singleRounding: 'link.part.singleRounding',
  schemes: 'link.part.schemes',
  requantization: 'link.part.requantization',
  compared: 'link.part.compared',
  pickedGroups: 'link.part.pickedGroups',
  calibration: 'link.part.calibration',
  training: 'link.part.training',
  lesson: 'link.part.lesson',
  locale: 'link.part.locale',
  model: 'link.part.model',
  formats: 'link.part.formats',
};

/** What is wrong with one part of a link (`part`: the part, already named), as one sentence. */
function detailText(part: string, d: FieldDetail): string {
  switch (d.kind) {
    case 'malformed':
      return i18n._('link.detail.malformed', { part });
    case 'notANumber':
      return i18n._('link.detail.notANumber', { part, token: d.token });
    case 'notFloat32':
      return i18n._('link.detail.notFloat32', { part, token: d.token });
    case 'outOfRange':
      return i18n._('link.detail.outOfRange', { part, value: d.value, lo: d.lo, hi: d.hi });
    case 'unknown':
      return i18n._('link.detail.unknown', { part, value: d.value });
    case 'shape':
      return i18n._('link.detail.shape', { part, rows: d.rows, cols: d.cols, max: d.max });
    case 'count':
      return i18n._('link.detail.count', { part, found: d.found, expected: d.expected });
    case 'tooMany':
      return i18n._('link.detail.tooMany', { part, max: d.max });
    case 'scheme':
      return i18n._('link.detail.scheme', { part, problem: problemSentence(d.problem) });
    default:
      return d satisfies never;
  }
}

/** What is wrong with a link, in one or two sentences. */
export function linkProblemText(p: LinkProblem): string {
  switch (p.kind) {
    case 'notALink':
      return i18n._('link.notALink');
    case 'version':
      return p.found > p.reads
        ? i18n._('link.version.newer', { found: p.found, reads: p.reads })
        : i18n._('link.version.unread', { found: p.found, reads: p.reads });
    case 'tooLong':
      return i18n._('link.tooLong', { chars: p.chars });
    case 'tooLarge':
      return i18n._('link.tooLarge');
    case 'damaged':
      return i18n._('link.damaged');
    case 'cutOff':
      return i18n._('link.cutOff');
    case 'badCharacters':
      return i18n._('link.badCharacters');
    case 'notAState':
      return i18n._('link.notAState');
    case 'notMultipliable':
      return i18n._('link.notMultipliable', {
        lhsRows: p.lhsRows,
        lhsCols: p.lhsCols,
        rhsRows: p.rhsRows,
        rhsCols: p.rhsCols,
      });
    case 'field': {
      const part = i18n._(PART[p.part]);
      const which = p.index === undefined ? part : i18n._('link.part.value', { part, n: p.index + 1 });
      return detailText(which, p.detail);
    }
    default:
      return p satisfies never;
  }
}

/** A page-wide notice in words. */
export function noticeText(n: Notice): string {
  switch (n.kind) {
    case 'linkRefused': {
      const problem = linkProblemText(n.problem);
      return n.keptWork
        ? i18n._('notice.linkRefused.kept', { problem })
        : i18n._('notice.linkRefused.restored', { problem });
    }
    case 'sessionUnreadable':
      return i18n._('notice.sessionUnreadable', { problem: linkProblemText(n.problem) });
    default:
      return n satisfies never;
  }
}
