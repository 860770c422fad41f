/**
 * One matrix in a link, in whichever form is shortest and restores every float32 bit for bit:
 *   ['p', preset, side]                  a preset's matrix, unchanged
 *   ['g', rows, cols, distribution, seed(, stream)] the randomizer's draw, unchanged (stream 0 when absent)
 *   ['i', rows, cols, d, "base64url"]    values k / 10^d with integers k as zigzag varints (typed decimals)
 *   ['d', rows, cols, "0.5,-0,1e-45,…"]  shortest float32 decimals (−0 and subnormals kept)
 *   ['f', rows, cols, "base64url"]       raw little-endian float32 bytes
 */
import { sameMatrix, shortestFloat32, type FloatMatrix } from '../engine/index.ts';
import { PRESET_IDS, presetMatrices, type PresetId } from '../state/presets.ts';
import { cachedDraw, DISTRIBUTIONS, MAX_SEED, randomMatrix, STREAMS, type Distribution } from '../state/random.ts';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { LinkError } from './linkError.ts';

/** Largest matrix side a link may carry (the paste limit). */
export const MAX_LINK_DIM = 512;

/** Matrices up to this many values also try the decimal form. */
const DECIMAL_LIMIT = 1024;

/** The JSON form of a matrix in a link. */
export type EncodedMatrix = readonly unknown[];

/** A float32 as a link token: the shortest exact decimal ("-0" for −0). */
export const float32Token = shortestFloat32;

/** Parses a float32 token written by {@link float32Token}; throws a LinkError otherwise. */
export function parseFloat32Token(token: string, where: string): number {
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(token))
    throw new LinkError('malformed', `${where}: “${token.slice(0, 20)}” is not a number.`);
  const x = Number(token);
  const f = Math.fround(x);
  if (!Number.isFinite(f))
    throw new LinkError('range', `${where}: ${token.slice(0, 20)} is outside the float32 range.`);
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

function readVarints(bytes: Uint8Array, count: number, where: string): number[] {
  const out: number[] = [];
  let at = 0;
  while (out.length < count) {
    let z = 0;
    let scale = 1;
    for (;;) {
      const b = bytes[at++];
      if (b === undefined) throw new LinkError('truncated', `${where}: the values are cut off.`);
      z += (b % 128) * scale;
      scale *= 128;
      if (b < 128) break;
      if (scale > 2 ** 35) throw new LinkError('malformed', `${where}: a value is too long.`);
    }
    out.push(z % 2 === 1 ? -(z + 1) / 2 : z / 2);
  }
  if (at !== bytes.length) throw new LinkError('malformed', `${where}: there are more values than the shape holds.`);
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
  const stream = STREAMS[side];
  if (sameMatrix(cachedDraw(m.rows, m.cols, distribution, seed, stream), m)) {
    return stream === 0 ? ['g', m.rows, m.cols, distribution, seed] : ['g', m.rows, m.cols, distribution, seed, stream];
  }
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

function dims(rows: unknown, cols: unknown, where: string): [number, number] {
  const ok = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= MAX_LINK_DIM;
  if (!ok(rows) || !ok(cols)) {
    throw new LinkError(
      'range',
      `${where}: the shape ${String(rows)}×${String(cols)} is not between 1×1 and ${MAX_LINK_DIM}×${MAX_LINK_DIM}.`,
    );
  }
  return [rows, cols];
}

function int(d: unknown, where: string): number {
  if (!Number.isInteger(d) || (d as number) < 0 || (d as number) > 9)
    throw new LinkError('range', `${where}: ${String(d)} decimal places is not in 0…9.`);
  return d as number;
}

/** Restores a matrix from its link form; throws a LinkError saying what is wrong. */
export function decodeMatrix(encoded: unknown, where: string): FloatMatrix {
  if (!Array.isArray(encoded)) throw new LinkError('malformed', `${where}: not a matrix.`);
  const e = encoded as readonly unknown[];
  if (typeof e[0] !== 'string') throw new LinkError('malformed', `${where}: not a matrix.`);
  const [kind] = e;
  if (kind === 'p') {
    const [, id, side] = e;
    if (!PRESET_IDS.includes(id as PresetId) || (side !== 'lhs' && side !== 'rhs')) {
      throw new LinkError('range', `${where}: unknown preset ${String(id)}.`);
    }
    return presetMatrices(id as PresetId)[side];
  }
  const [rows, cols] = dims(e[1], e[2], where);
  if (kind === 'g') {
    const [, , , distribution, seed, stream = 0] = e;
    if (!DISTRIBUTIONS.includes(distribution as Distribution)) {
      throw new LinkError('range', `${where}: unknown distribution ${String(distribution)}.`);
    }
    if (!Number.isInteger(seed) || (seed as number) < 0 || (seed as number) > MAX_SEED) {
      throw new LinkError('range', `${where}: the seed ${String(seed)} is not an integer in 0…${MAX_SEED}.`);
    }
    if (stream !== 0 && stream !== 1)
      throw new LinkError('range', `${where}: unknown random stream ${String(stream)}.`);
    return randomMatrix(rows, cols, distribution as Distribution, seed as number, stream);
  }
  const data = new Float32Array(rows * cols);
  if (kind === 'i') {
    const [, , , d, text] = e;
    const digits = int(d, where);
    if (typeof text !== 'string') throw new LinkError('malformed', `${where}: the values are missing.`);
    readVarints(fromBase64Url(text, where), data.length, where).forEach((k, t) => {
      data[t] = k / 10 ** digits;
    });
    return { rows, cols, data };
  }
  const body = e[3];
  if (typeof body !== 'string') throw new LinkError('malformed', `${where}: the values are missing.`);
  if (kind === 'd') {
    const tokens = body.split(',');
    if (tokens.length !== data.length) {
      throw new LinkError(
        'truncated',
        `${where}: ${tokens.length} values for a ${rows}×${cols} matrix (${data.length} expected).`,
      );
    }
    tokens.forEach((token, t) => {
      data[t] = parseFloat32Token(token, `${where}, value ${t + 1}`);
    });
    return { rows, cols, data };
  }
  if (kind === 'f') {
    const bytes = fromBase64Url(body, where);
    if (bytes.length !== data.length * 4) {
      throw new LinkError(
        'truncated',
        `${where}: ${bytes.length} bytes for a ${rows}×${cols} matrix (${data.length * 4} expected).`,
      );
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let t = 0; t < data.length; t++) {
      const v = view.getFloat32(t * 4, true);
      if (!Number.isFinite(v)) throw new LinkError('range', `${where}, value ${t + 1}: not a finite number.`);
      data[t] = v;
    }
    return { rows, cols, data };
  }
  throw new LinkError('malformed', `${where}: unknown matrix form “${kind.slice(0, 10)}”.`);
}
