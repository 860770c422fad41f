/**
 * Matrices and the state as files: CSV (one row per line, exact float32 decimals), NumPy text that
 * pastes into Python as the same array (dtype included), and the state as JSON (the link's fields).
 * Pure: strings in, strings out.
 */
import { shortestFloat32, type Matrix } from '../engine/index.ts';

/** A matrix to export: float32 values or integer codes. */
export type ExportMatrix =
  | { readonly kind: 'float'; readonly m: Matrix }
  | { readonly kind: 'codes'; readonly m: Matrix; readonly qmin: number; readonly qmax: number };

function rowsOf(e: ExportMatrix, token: (v: number) => string): string[][] {
  const { rows, cols, data } = e.m;
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => token(data[i * cols + j] as number)),
  );
}

const csvToken = (e: ExportMatrix) => (e.kind === 'float' ? shortestFloat32 : String);
// Python reads -0 as the integer 0: −0 is written -0.0 to keep its sign.
const numpyToken = (e: ExportMatrix) =>
  e.kind === 'float' ? (v: number) => (Object.is(v, -0) ? '-0.0' : shortestFloat32(v)) : String;

/** CSV: a line per row, values separated by commas; floats as their shortest exact decimals. */
export function toCsv(e: ExportMatrix): string {
  return `${rowsOf(e, csvToken(e))
    .map((r) => r.join(','))
    .join('\n')}\n`;
}

/** The smallest NumPy integer type that holds [qmin, qmax]. */
export function numpyIntType(qmin: number, qmax: number): string {
  for (const [name, lo, hi] of [
    ['uint8', 0, 255],
    ['int8', -128, 127],
    ['uint16', 0, 65535],
    ['int16', -32768, 32767],
  ] as const) {
    if (qmin >= lo && qmax <= hi) return name;
  }
  return 'int32';
}

/** NumPy: `np.array([[…], …], dtype=np.float32)`, exact (float32 decimals read back as the same float32). */
export function toNumpy(e: ExportMatrix): string {
  const dtype = e.kind === 'float' ? 'float32' : numpyIntType(e.qmin, e.qmax);
  const body = rowsOf(e, numpyToken(e))
    .map((r) => `[${r.join(', ')}]`)
    .join(',\n    ');
  return `np.array([${body}], dtype=np.${dtype})\n`;
}

/** The state as JSON: what the link holds, readable. */
export function toStateJson(payload: Record<string, unknown>, version: number): string {
  return `${JSON.stringify({ app: 'Quantization Explorer', linkVersion: version, state: payload }, null, 1)}\n`;
}
