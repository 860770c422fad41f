/**
 * A pasted block of numbers: from a spreadsheet (tab/comma/semicolon separated lines), numpy's
 * printed arrays (`array([[1., 2.], [3., 4.]], dtype=float32)` or `[[1. 2.]\n [3. 4.]]`) or JSON
 * nested arrays. Each entry goes through {@link parseNumber}; every refusal says where.
 */
import { parseNumber } from './parseNumber.ts';

/** Largest pasted shape accepted. */
export const MAX_PASTE_DIM = 512;
/** Longest pasted text accepted (characters): 512×512 values at ~30 characters each. */
export const MAX_PASTE_CHARS = 8_000_000;

/** A parsed block, row-major float32. */
export interface ParsedMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
}

/** The outcome of parsing pasted text. */
export type ParseMatrixResult =
  { readonly ok: true; readonly matrix: ParsedMatrix } | { readonly ok: false; readonly message: string };

/** Splits text into rows of raw tokens, recognising bracketed (numpy/JSON) or line-based layouts. */
function tokenize(text: string): string[][] {
  let body = text.trim();
  if (body.includes('[')) {
    // numpy's repr wraps the brackets in array( … , dtype=…); drop those wrappers.
    body = body
      .replace(/^\s*(np\.|numpy\.)?array\s*\(/, '')
      .replace(/,?\s*dtype\s*=\s*[\w.]+\s*\)?\s*$/, '')
      .replace(/\)\s*$/, '');
    const innermost = [...body.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '');
    return innermost.map((row) => row.split(/[\s,]+/).filter((t) => t !== ''));
  }
  const lines = body.split(/\r?\n/).filter((line) => line.trim() !== '');
  const separator = lines.some((l) => l.includes('\t')) ? /\t/ : lines.some((l) => /[,;]/.test(l)) ? /[,;]/ : /\s+/;
  return lines.map((line) => line.split(separator).map((t) => t.trim()));
}

/** Parses pasted text into a matrix, or says exactly what is wrong. */
export function parseMatrix(text: string): ParseMatrixResult {
  if (text.length > MAX_PASTE_CHARS) {
    return { ok: false, message: `The pasted text is too long (${text.length.toLocaleString('en')} characters).` };
  }
  const rows = tokenize(text).filter((row) => row.length > 0);
  if (rows.length === 0) return { ok: false, message: 'Nothing to paste: no numbers found.' };
  const cols = rows[0]?.length ?? 0;
  if (rows.length > MAX_PASTE_DIM || cols > MAX_PASTE_DIM) {
    return { ok: false, message: `${rows.length}×${cols} is too large: at most ${MAX_PASTE_DIM}×${MAX_PASTE_DIM}.` };
  }
  const data = new Float32Array(rows.length * cols);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] ?? [];
    if (row.length !== cols) {
      return {
        ok: false,
        message: `Row ${i + 1} has ${row.length} values but row 1 has ${cols}; rows must have the same length.`,
      };
    }
    for (let j = 0; j < cols; j++) {
      const parsed = parseNumber(row[j] ?? '');
      if (!parsed.ok) return { ok: false, message: `Row ${i + 1}, column ${j + 1}: ${parsed.message}` };
      data[i * cols + j] = parsed.value;
    }
  }
  return { ok: true, matrix: { rows: rows.length, cols, data } };
}
