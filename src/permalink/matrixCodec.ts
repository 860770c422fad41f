/**
 * One matrix in a link, in whichever form is shortest and restores every float32 bit for bit:
 *   ['p', preset, side]                  a preset's matrix, unchanged
 *   ['g', rows, cols, distribution, seed(, stream)] the randomizer's draw, unchanged (stream 0 when absent)
 *   ['i', rows, cols, d, "base64url"]    values k / 10^d with integers k as zigzag varints (typed decimals)
 *   ['d', rows, cols, "0.5,-0,1e-45,…"]  shortest float32 decimals (−0 and subnormals kept)
 *   ['f', rows, cols, "base64url"]       raw little-endian float32 bytes
 */
import { DECIMAL_LITERAL, MAX_MATRIX_DIM, sameMatrix, shortestFloat32, type FloatMatrix } from '../engine/index.ts';
import { PRESET_IDS, presetMatrices, type PresetId } from '../state/presets.ts';
import {
  cachedDraw,
  DISTRIBUTIONS,
  MAX_SEED,
  randomMatrix,
  DRAW_STREAMS,
  type Distribution,
  type Stream,
} from '../state/random.ts';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { badField, type LinkPart, type LinkPlace } from './linkError.ts';

/** Matrices up to this many values also try the decimal form. */
const DECIMAL_LIMIT = 1024;

/** The JSON form of a matrix in a link. */
export type EncodedMatrix = readonly unknown[];

/** A float32 as a link token: the shortest exact decimal ("-0" for −0). */
export const float32Token = shortestFloat32;

/** Parses a float32 token written by {@link float32Token}; throws a LinkError otherwise. */
export function parseFloat32Token(token: string, where: LinkPlace): number {
  if (!DECIMAL_LITERAL.test(token)) badField('malformed', where, { kind: 'notANumber', token: token.slice(0, 20) });
  const f = Math.fround(Number(token));
  if (!Number.isFinite(f)) badField('range', where, { kind: 'notFloat32', token: token.slice(0, 20) });
  return f;
}

function rawBytes(m: FloatMatrix): string {
  const bytes = new Uint8Array(m.data.length * 4);
  const view = new DataView(bytes.buffer);
  m.data.forEach((v, t) => view.setFloat32(t * 4, v, true));
  return toBase64Url(bytes);
}

/** k / 10^d for integers k: the form of typed decimals, if every value is exactly one (d ≤ 9). */
function scaledIntegers(m: FloatMatrix): { d: number; ints: number[] } | null {
  for (let d = 0; d <= 9; d++) {
    const p = 10 ** d;
    const ints: number[] = [];
    let exact = true;
    for (const x of m.data) {
      const k = Math.round(x * p);
      if (Object.is(x, -0) || Math.abs(k) > 2 ** 31 || Math.fround(k / p) !== x) {
        exact = false;
        break;
      }
      ints.push(k);
    }
    if (exact) return { d, ints };
  }
  return null;
}

function varints(ints: readonly number[]): Uint8Array {
  const out: number[] = [];
  for (const k of ints) {
    let z = k < 0 ? -2 * k - 1 : 2 * k; // zigzag: small magnitudes, small codes
    while (z >= 128) {
      out.push((z % 128) + 128);
      z = Math.floor(z / 128);
    }
    out.push(z);
  }
  return Uint8Array.from(out);
}

function readVarints(bytes: Uint8Array, count: number, where: LinkPlace): number[] {
  const out: number[] = [];
  let at = 0;
  while (out.length < count) {
    let z = 0;
    let scale = 1;
    for (;;) {
      const b = bytes[at++];
      if (b === undefined) badField('truncated', where, { kind: 'count', found: out.length, expected: count });
      z += (b % 128) * scale;
      scale *= 128;
      if (b < 128) break;
      if (scale > 2 ** 35) badField('malformed', { ...where, index: out.length }, { kind: 'malformed' });
    }
    out.push(z % 2 === 1 ? -(z + 1) / 2 : z / 2);
  }
  if (at !== bytes.length) badField('malformed', where, { kind: 'tooMany', max: count });
  return out;
}

/** The shortest exact form of `m`, given the randomizer's current choices. */
export function encodeMatrix(
  m: FloatMatrix,
  side: 'lhs' | 'rhs',
  distribution: Distribution,
  seed: number,
): EncodedMatrix {
  for (const id of PRESET_IDS) if (sameMatrix(presetMatrices(id)[side], m)) return ['p', id, side];
  // The side's own stream, and for an RHS opened from an older link, stream 0.
  for (const stream of DRAW_STREAMS[side]) {
    if (sameMatrix(cachedDraw(m.rows, m.cols, distribution, seed, stream), m)) {
      return stream === 0
        ? ['g', m.rows, m.cols, distribution, seed]
        : ['g', m.rows, m.cols, distribution, seed, stream];
    }
  }
  return encodeValues(m);
}

/** The shortest exact form of `m`'s values (the 'i', 'd' or 'f' form), whatever made them. */
export function encodeValues(m: FloatMatrix): EncodedMatrix {
  const scaled = scaledIntegers(m);
  if (scaled) return ['i', m.rows, m.cols, scaled.d, toBase64Url(varints(scaled.ints))];
  // Shortest decimals win for small matrices of odd values (1e-45, 3e38); beyond, raw bytes are
  // shorter for almost any data and far cheaper to produce.
  const candidates: EncodedMatrix[] = [['f', m.rows, m.cols, rawBytes(m)]];
  if (m.data.length <= DECIMAL_LIMIT)
    candidates.push(['d', m.rows, m.cols, Array.from(m.data, float32Token).join(',')]);
  const size = (c: EncodedMatrix) => String(c[c.length - 1]).length;
  return candidates.reduce((best, c) => (size(c) < size(best) ? c : best));
}

function dims(rows: unknown, cols: unknown, where: LinkPlace, maxCols: number): [number, number] {
  const ok = (n: unknown, max: number): n is number =>
    Number.isInteger(n) && (n as number) >= 1 && (n as number) <= max;
  if (!ok(rows, MAX_MATRIX_DIM) || !ok(cols, maxCols)) {
    badField('range', where, {
      kind: 'shape',
      rows: String(rows).slice(0, 12),
      cols: String(cols).slice(0, 12),
      max: maxCols,
    });
  }
  return [rows, cols];
}

/** An integer of a link in lo…hi, or a LinkError. */
function intIn(raw: unknown, lo: number, hi: number, where: LinkPlace): number {
  if (!Number.isInteger(raw) || (raw as number) < lo || (raw as number) > hi) {
    badField('range', where, { kind: 'outOfRange', value: String(raw).slice(0, 20), lo, hi });
  }
  return raw as number;
}

/**
 * Restores a matrix from its link form; throws a LinkError saying what is wrong. `maxCols` lets a
 * row of values be longer than a matrix may be wide (the calibration lab's pasted values).
 */
export function decodeMatrix(encoded: unknown, part: LinkPart, maxCols = MAX_MATRIX_DIM): FloatMatrix {
  const where = { part };
  if (!Array.isArray(encoded) || typeof encoded[0] !== 'string') badField('malformed', where, { kind: 'malformed' });
  const e = encoded as readonly unknown[];
  const kind = e[0] as string;
  if (kind === 'p') {
    const [, id, side] = e;
    if (!PRESET_IDS.includes(id as PresetId) || (side !== 'lhs' && side !== 'rhs')) {
      badField('range', where, { kind: 'unknown', value: String(id).slice(0, 20) });
    }
    return presetMatrices(id as PresetId)[side];
  }
  const [rows, cols] = dims(e[1], e[2], where, maxCols);
  if (kind === 'g') {
    const [, , , distribution, seed, stream = 0] = e;
    if (!DISTRIBUTIONS.includes(distribution as Distribution)) {
      badField('range', where, { kind: 'unknown', value: String(distribution).slice(0, 20) });
    }
    intIn(seed, 0, MAX_SEED, where);
    intIn(stream, 0, 2, where);
    return randomMatrix(rows, cols, distribution as Distribution, seed as number, stream as Stream);
  }
  const data = new Float32Array(rows * cols);
  if (kind === 'i') {
    const [, , , d, text] = e;
    const digits = intIn(d, 0, 9, where);
    if (typeof text !== 'string') badField('malformed', where, { kind: 'malformed' });
    readVarints(fromBase64Url(text), data.length, where).forEach((k, t) => {
      data[t] = k / 10 ** digits;
    });
    return { rows, cols, data };
  }
  const body = e[3];
  if (typeof body !== 'string') badField('malformed', where, { kind: 'malformed' });
  if (kind === 'd') {
    const tokens = body.split(',');
    if (tokens.length !== data.length) {
      badField('truncated', where, { kind: 'count', found: tokens.length, expected: data.length });
    }
    tokens.forEach((token, index) => {
      data[index] = parseFloat32Token(token, { part, index });
    });
    return { rows, cols, data };
  }
  if (kind === 'f') {
    const bytes = fromBase64Url(body);
    if (bytes.length !== data.length * 4) {
      badField('truncated', where, { kind: 'count', found: bytes.length, expected: data.length * 4 });
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let index = 0; index < data.length; index++) {
      const v = view.getFloat32(index * 4, true);
      if (!Number.isFinite(v)) badField('range', { part, index }, { kind: 'notFloat32', token: String(v) });
      data[index] = v;
    }
    return { rows, cols, data };
  }
  return badField('malformed', where, { kind: 'unknown', value: kind.slice(0, 10) });
}
