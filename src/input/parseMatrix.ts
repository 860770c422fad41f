/**
 * A pasted block of numbers: from a spreadsheet (tab/comma/semicolon separated lines, with or
 * without a header row and a column of row labels), numpy's printed arrays
 * (`array([[1., 2.], [3., 4.]], dtype=float32)` or `[[1. 2.]\n [3. 4.]]`) or JSON nested arrays.
 * What a Chinese input method types (full-width digits, ，、。) reads as its ASCII counterpart.
 * Each entry goes through {@link parseNumber}; every refusal is a typed code saying where.
 */
import { MAX_MATRIX_DIM } from '../engine/index.ts';
import { normalizeNumberText, parseNumber, type NumberProblem } from './parseNumber.ts';

/** Longest pasted text accepted (characters): 512×512 values at ~30 characters each. */
const MAX_PASTE_CHARS = 8_000_000;

/** A parsed block, row-major float32. */
export interface ParsedMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
}

/** What the paste held besides the numbers, and was left out. */
export interface Skipped {
  /** The first line, when none of it was a number (a spreadsheet's column names). */
  readonly header: readonly string[] | null;
  /** The first column, when none of it was a number (row labels). */
  readonly labels: boolean;
}

/** Why a pasted block is not a matrix. Rows and columns are 0-based positions in the pasted text. */
export type BlockProblem =
  | { readonly kind: 'tooLong'; readonly chars: number; readonly max: number }
  | { readonly kind: 'noNumbers' }
  | { readonly kind: 'tooBig'; readonly rows: number; readonly cols: number; readonly max: number }
  | { readonly kind: 'ragged'; readonly row: number; readonly length: number; readonly expected: number }
  | { readonly kind: 'cell'; readonly row: number; readonly col: number; readonly problem: NumberProblem };

/** The outcome of parsing pasted text. */
export type ParseMatrixResult =
  | { readonly ok: true; readonly matrix: ParsedMatrix; readonly skipped: Skipped }
  | { readonly ok: false; readonly problem: BlockProblem };

/** Splits text into rows of raw tokens, recognising bracketed (numpy/JSON) or line-based layouts. */
function tokenize(text: string): { rows: string[][]; bracketed: boolean } {
  if (!text.includes('[')) {
    // Lines of cells, one row per line (a blank line is an empty row, so rows keep their line
    // numbers). An empty first cell (a spreadsheet's corner) is a cell.
    const lines = text.split(/\r?\n/);
    const separator = lines.some((l) => l.includes('\t')) ? /\t/ : lines.some((l) => /[,;]/.test(l)) ? /[,;]/ : null;
    const cells = (line: string) => (separator ? line.split(separator) : line.trim().split(/\s+/)).map((t) => t.trim());
    return { rows: lines.map((line) => (line.trim() === '' ? [] : cells(line))), bracketed: false };
  }
  // numpy's repr wraps the brackets in array( … , dtype=…); drop those wrappers.
  const body = text
    .trim()
    .replace(/^\s*(np\.|numpy\.)?array\s*\(/, '')
    .replace(/,?\s*dtype\s*=\s*[\w.]+\s*\)?\s*$/, '')
    .replace(/\)\s*$/, '');
  const innermost = [...body.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '');
  return { rows: innermost.map((row) => row.split(/[\s,]+/).filter((t) => t !== '')), bracketed: true };
}

/**
 * Whether a token is meant as a number, even one a cell refuses (NaN, 1e99, a decimal comma 0,5
 * inside tab-separated columns): such a token is an entry to explain, never a header or a label.
 */
function isNumber(token: string): boolean {
  const parsed = parseNumber(token);
  return parsed.ok || (parsed.problem.kind !== 'notANumber' && parsed.problem.kind !== 'empty');
}

/** Parses pasted text into a matrix, or says exactly what is wrong and where. */
export function parseMatrix(text: string): ParseMatrixResult {
  if (text.length > MAX_PASTE_CHARS) {
    return { ok: false, problem: { kind: 'tooLong', chars: text.length, max: MAX_PASTE_CHARS } };
  }
  const { rows: all, bracketed } = tokenize(normalizeNumberText(text));
  // Keep each row's line number for messages; drop empty rows.
  let rows = all.map((tokens, line) => ({ tokens, line })).filter((r) => r.tokens.length > 0);
  if (rows.length === 0) return { ok: false, problem: { kind: 'noNumbers' } };
  // A spreadsheet's header row and row-label column hold no numbers at all: leave them out.
  let header: string[] | null = null;
  if (!bracketed && rows.length > 1 && !(rows[0]?.tokens ?? []).some(isNumber)) {
    header = rows[0]?.tokens ?? [];
    rows = rows.slice(1);
  }
  const labels =
    !bracketed &&
    rows.every((r) => r.tokens.length > 1 && !isNumber(r.tokens[0] ?? '')) &&
    rows.some((r) => r.tokens.slice(1).some(isNumber));
  const columnsFrom = labels ? 1 : 0;
  const first = rows[0];
  if (!first) return { ok: false, problem: { kind: 'noNumbers' } };
  const cols = first.tokens.length - columnsFrom;
  if (rows.length > MAX_MATRIX_DIM || cols > MAX_MATRIX_DIM) {
    return { ok: false, problem: { kind: 'tooBig', rows: rows.length, cols, max: MAX_MATRIX_DIM } };
  }
  const data = new Float32Array(rows.length * cols);
  for (let i = 0; i < rows.length; i++) {
    const { tokens, line } = rows[i] as { tokens: string[]; line: number };
    if (tokens.length - columnsFrom !== cols) {
      return {
        ok: false,
        problem: { kind: 'ragged', row: line, length: tokens.length, expected: cols + columnsFrom },
      };
    }
    for (let j = 0; j < cols; j++) {
      const parsed = parseNumber(tokens[j + columnsFrom] ?? '');
      if (!parsed.ok) {
        return { ok: false, problem: { kind: 'cell', row: line, col: j + columnsFrom, problem: parsed.problem } };
      }
      data[i * cols + j] = parsed.value;
    }
  }
  return { ok: true, matrix: { rows: rows.length, cols, data }, skipped: { header, labels } };
}

/** Why pasted values cannot be a calibration stream. */
export type ValuesProblem =
  | { readonly kind: 'tooLong'; readonly chars: number; readonly max: number }
  | { readonly kind: 'noNumbers' }
  | { readonly kind: 'tooMany'; readonly count: number; readonly max: number }
  | { readonly kind: 'cell'; readonly row: number; readonly col: number; readonly problem: NumberProblem };

/**
 * Parses pasted text as a flat list of values in reading order, whatever its shape (one line,
 * one per line, ragged rows, numpy's printed arrays, JSON, a spreadsheet with a header line).
 * At most `max` values; every refusal says where.
 */
export function parseValues(
  text: string,
  max: number,
): { readonly ok: true; readonly values: Float32Array } | { readonly ok: false; readonly problem: ValuesProblem } {
  if (text.length > MAX_PASTE_CHARS) {
    return { ok: false, problem: { kind: 'tooLong', chars: text.length, max: MAX_PASTE_CHARS } };
  }
  const { rows: all, bracketed } = tokenize(normalizeNumberText(text));
  let rows = all.map((tokens, line) => ({ tokens, line })).filter((r) => r.tokens.some((t) => t !== ''));
  if (!bracketed && rows.length > 1 && !(rows[0]?.tokens ?? []).some(isNumber)) rows = rows.slice(1);
  // Empty entries (a trailing comma, a blank spreadsheet cell) are no values.
  const count = rows.reduce((n, r) => n + r.tokens.filter((t) => t !== '').length, 0);
  if (count === 0) return { ok: false, problem: { kind: 'noNumbers' } };
  if (count > max) return { ok: false, problem: { kind: 'tooMany', count, max } };
  const values = new Float32Array(count);
  let at = 0;
  for (const { tokens, line } of rows) {
    for (let j = 0; j < tokens.length; j++) {
      if (tokens[j] === '') continue;
      const parsed = parseNumber(tokens[j] ?? '');
      if (!parsed.ok) return { ok: false, problem: { kind: 'cell', row: line, col: j, problem: parsed.problem } };
      values[at++] = parsed.value;
    }
  }
  return { ok: true, values };
}
