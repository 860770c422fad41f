/**
 * What a person types into a cell, turned into a float32 or a reason why not.
 *
 * Accepted: `1.5`, `-2`, `.5`, `5.`, `1e-3`, spaces around, a Unicode minus (−), and the
 * full-width digits, signs, point and exponent a Chinese input method produces (－１．５ｅ３).
 * Refused with a message: text, NaN, Infinity, values beyond float32 (1e39) and non-zero values
 * that float32 would silently turn into 0 (1e-50).
 */

/** The outcome of parsing one typed value. */
export type ParseResult =
  { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

const FLT_MAX = 3.4028234663852886e38;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Full-width forms (U+FF01..U+FF5E) to ASCII, Unicode minus signs to '-', surrounding spaces removed. */
export function normalizeNumberText(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u2212\u2012\u2013\uFE63]/g, '-')
    .replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

/** Parses one typed number into a float32. */
export function parseNumber(text: string): ParseResult {
  const shown = text.trim().length > 24 ? `${text.trim().slice(0, 24)}…` : text.trim();
  const s = normalizeNumberText(text);
  if (s === '') return { ok: false, message: 'Empty: type a number such as 0.5 or -1e-3.' };
  if (!NUMBER.test(s)) {
    const hint = /^[+-]?(nan|inf(inity)?)$/i.test(s) ? ' Only finite numbers can be quantized.' : '';
    return { ok: false, message: `“${shown}” is not a number.${hint}` };
  }
  const x = Number(s);
  if (!Number.isFinite(x) || Math.abs(x) > FLT_MAX) {
    return { ok: false, message: `“${shown}” is too large: float32 holds at most ±3.4e38.` };
  }
  const value = Math.fround(x);
  if (!Number.isFinite(value))
    return { ok: false, message: `“${shown}” rounds to infinity in float32 (largest is ±3.4e38).` };
  if (value === 0 && x !== 0) {
    return { ok: false, message: `“${shown}” is too small: float32 would turn it into 0 (smallest is about 1.4e-45).` };
  }
  return { ok: true, value: value === 0 ? x * 0 : value }; // keeps −0 typed as "-0"
}
