/** What people typed or pasted that could not be read, in words (in the page's language, at call time). */
import { i18n } from '@lingui/core';
import type { BlockProblem, Skipped, ValuesProblem } from '../../input/parseMatrix.ts';
import type { NumberProblem } from '../../input/parseNumber.ts';

/** The typed text as quoted back: cut after 24 characters. */
function quote(text: string): string {
  return `“${text.length > 24 ? `${text.slice(0, 24)}…` : text}”`;
}

/** Full-width punctuation (Chinese 。，：（）): it has its own room, so no space goes next to it. */
const FULL_WIDTH_END = /[\u3000-\u303f\uff00-\uffef]$/;
const FULL_WIDTH_START = /^[\u3000-\u303f\uff00-\uffef]/;

/** What goes between two pieces of text: a space, or nothing next to full-width punctuation. */
export function gap(before: string, after: string): string {
  return FULL_WIDTH_END.test(before) || FULL_WIDTH_START.test(after) ? '' : ' ';
}

/** Sentences one after the other (the empty ones left out), spaced as their language spaces them. */
export function joinSentences(...sentences: readonly string[]): string {
  return sentences.filter((s) => s !== '').reduce((text, s) => (text === '' ? s : `${text}${gap(text, s)}${s}`), '');
}

/** Why a typed value is not a number a cell can hold. */
export function numberProblemText(p: NumberProblem): string {
  switch (p.kind) {
    case 'empty':
      return i18n._('input.empty');
    case 'notANumber':
      return i18n._('input.notANumber', { text: quote(p.text) });
    case 'notFinite':
      return i18n._('input.notFinite', { text: quote(p.text) });
    case 'severalNumbers':
      return i18n._('input.severalNumbers', { text: quote(p.text), count: p.count });
    case 'tooLarge':
      return i18n._('input.tooLarge', { text: quote(p.text) });
    case 'tooSmall':
      return i18n._('input.tooSmall', { text: quote(p.text) });
    default:
      return p satisfies never;
  }
}

/** A refused number: whose, why, and the value kept (formatted as shown). */
export function numberRefusedText(name: string, p: NumberProblem, kept: string): string {
  return i18n._('input.numberRefused', { name, problem: numberProblemText(p), kept });
}

/** A refused whole number (typed text as typed): whose, the range it must be in, and the value kept. */
export function wholeRefusedText(name: string, typed: string, min: number, max: number, kept: number): string {
  return i18n._('input.notWhole', {
    name,
    typed: typed.slice(0, 20),
    min: String(min),
    max: String(max),
    kept: String(kept),
  });
}

/** Why a pasted block is not a matrix, or pasted values not a stream (rows and columns counted as pasted, from 1). */
export function blockProblemText(p: BlockProblem | ValuesProblem): string {
  switch (p.kind) {
    case 'tooLong':
      return i18n._('input.tooLong', { chars: p.chars, max: p.max });
    case 'noNumbers':
      return i18n._('input.noNumbers');
    case 'tooBig':
      return i18n._('input.tooBig', { rows: p.rows, cols: p.cols, max: p.max });
    case 'tooMany':
      return i18n._('input.tooMany', { count: p.count, max: p.max });
    case 'ragged':
      return i18n._('input.ragged', { row: p.row + 1, length: p.length, expected: p.expected });
    case 'cell':
      return i18n._('input.cell', { row: p.row + 1, col: p.col + 1, problem: numberProblemText(p.problem) });
    default:
      return p satisfies never;
  }
}

/** What a paste left out, as a sentence, or '' when nothing. */
export function skippedText(s: Skipped): string {
  const names = s.header?.filter((name) => name !== '') ?? [];
  const parts = [
    s.header &&
      (names.length > 0
        ? i18n._('input.headerNamed', { names: `${names.slice(0, 4).join(', ')}${names.length > 4 ? ', …' : ''}` })
        : i18n._('input.header')),
    s.labels && i18n._('input.labels'),
  ].filter((part): part is string => typeof part === 'string');
  if (parts.length === 0) return '';
  return i18n._('input.leftOut', { parts: new Intl.ListFormat(i18n.locale, { type: 'conjunction' }).format(parts) });
}
