/**
 * What a person types into a cell, turned into a float32 or a reason why not (a typed code; the
 * components put it into words).
 *
 * Accepted: `1.5`, `-2`, `.5`, `5.`, `1e-3`, spaces around, a Unicode minus (−), and what a
 * Chinese input method produces: full-width digits, signs, point and exponent (－１．５ｅ３) and the
 * ideographic full stop as the decimal point (0。5). Refused: text, NaN, Infinity, several numbers
 * (1，2 or 0,5), values beyond float32 (1e39) and non-zero values that float32 would silently
 * turn into 0 (1e-50).
 */
import { DECIMAL_LITERAL, FLT_MAX } from '../engine/index.ts';

/** Why a typed text is not a number a cell can hold. */
export type NumberProblem =
  | { readonly kind: 'empty' }
  | { readonly kind: 'notANumber'; readonly text: string }
  /** NaN or Infinity, typed. */
  | { readonly kind: 'notFinite'; readonly text: string }
  /** Numbers separated by commas (1,2,3 or a decimal comma 0,5). */
  | { readonly kind: 'severalNumbers'; readonly text: string; readonly count: number }
  | { readonly kind: 'tooLarge'; readonly text: string }
  | { readonly kind: 'tooSmall'; readonly text: string };

/** The outcome of parsing one typed value. */
export type ParseResult =
  { readonly ok: true; readonly value: number } | { readonly ok: false; readonly problem: NumberProblem };

/**
 * Full-width forms (U+FF01..U+FF5E) to ASCII, the ideographic full stop and comma (。、) to a
 * point and a comma, Unicode minus signs to '-'. Surrounding spaces are kept (callers trim).
 */
export function normalizeNumberText(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3002/g, '.')
    .replace(/\u3001/g, ',')
    .replace(/[\u2212\u2012\u2013\uFE63]/g, '-');
}

/** Parses one typed number into a float32. */
export function parseNumber(text: string): ParseResult {
  const typed = text.trim();
  const s = normalizeNumberText(text).replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
  if (s === '') return { ok: false, problem: { kind: 'empty' } };
  if (!DECIMAL_LITERAL.test(s)) {
    if (/^[+-]?(nan|inf(inity)?)$/i.test(s)) return { ok: false, problem: { kind: 'notFinite', text: typed } };
    const parts = s.split(/\s*,\s*/);
    if (parts.length > 1 && parts.every((p) => DECIMAL_LITERAL.test(p))) {
      return { ok: false, problem: { kind: 'severalNumbers', text: typed, count: parts.length } };
    }
    return { ok: false, problem: { kind: 'notANumber', text: typed } };
  }
  const x = Number(s);
  if (!Number.isFinite(x) || Math.abs(x) > FLT_MAX) return { ok: false, problem: { kind: 'tooLarge', text: typed } };
  const value = Math.fround(x); // finite: |x| ≤ FLT_MAX never rounds to ±∞
  if (value === 0 && x !== 0) return { ok: false, problem: { kind: 'tooSmall', text: typed } };
  return { ok: true, value: value === 0 ? x * 0 : value }; // keeps −0 typed as "-0"
}
