/**
 * ggml's K-quants (ggml-quants.c quantize_row_q{4,5,6}_K_ref, dequantize_row_q{4,5,6}_K):
 * super-blocks of 256 values.
 *
 * Q4_K and Q5_K: 8 sub-blocks of 32, each with a 6-bit scale and a 6-bit min packed into 12 bytes,
 * under an fp16 d and dmin:
 *
 *     per sub-block: make_qkx2_quants — an affine fit x ≈ scale·l − min (l in 0…15 or 0…31),
 *       weighted by |x| + rms(x), searched over candidate scales (nmax + rmin + rdelta·is)/(max − min)
 *       (Q4_K: rmin −1, 21 steps; Q5_K: rmin −0.5, 16 steps)
 *     d = max scale / 63, dmin = max min / 63;  sc = nearest(63·scale / max scale), m likewise
 *     l = clamp(nearest((x + dmin·m) / (d·sc)), 0, nmax);  x̂ = d·sc·l − dmin·m
 *
 * Q2_K: 16 sub-blocks of 16, make_qkx2_quants with weights |x| and absolute errors (nmax 3), 4-bit
 * scales and mins under fp16 d and dmin. Q8_K (for dot products): one float32 d = max/−127 and
 * int8 codes, with the sums of each 16.
 *
 * Q3_K: 16 sub-blocks of 16, make_q3_quants' x²-weighted symmetric fit refined by up to 5 passes
 * of coordinate moves, 6-bit signed scales packed in 12 bytes, codes −4…3 as 2 low bits + a high
 * bit in hmask.
 *
 * Q6_K: 16 sub-blocks of 16, each a symmetric fit (make_qx_quants, weights x², 19 candidate
 * scales) with an 8-bit scale under an fp16 d; l in −32…31 stored as 4 low bits and 2 high bits.
 *
 * every float operation in float32 in the C's order (gcc -O2 on x86-64: no FMA, no reassociation).
 */
import { float32ToFp16, fp16ToFloat32 } from './fp16.ts';

export const K_BLOCKS = {
  q2_K: { blockValues: 256, blockBytes: 84 },
  q3_K: { blockValues: 256, blockBytes: 110 },
  q4_K: { blockValues: 256, blockBytes: 144 },
  q5_K: { blockValues: 256, blockBytes: 176 },
  q6_K: { blockValues: 256, blockBytes: 210 },
  q8_K: { blockValues: 256, blockBytes: 292 },
} as const;
export type KFormat = keyof typeof K_BLOCKS;

const f = Math.fround;
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/** ggml's nearest_int: round half to even through the float32 magic number 1.5·2^23. */
export function nearestInt(x: number): number {
  f32[0] = f(x + 12582912);
  return ((i32[0] ?? 0) & 0x007fffff) - 0x00400000;
}

/** The result of one sub-block's fit: the codes, the scale, and the min (as a positive offset). */
interface Fit {
  readonly scale: number;
  readonly min: number;
}

/** make_qkx2_quants(n, nmax, x, weights, L, &the_min, Laux, rmin, rdelta, nstep, use_mad): errors squared, or absolute (use_mad). */
export function makeQkx2Quants(
  nmax: number,
  x: Float32Array,
  weights: Float32Array,
  L: Uint8Array,
  rmin: number,
  rdelta: number,
  nstep: number,
  useMad = false,
  record?: (candidate: Candidate) => void,
): Fit {
  const n = x.length;
  // rdelta is a float literal in the C (0.1f).
  const delta = f(rdelta);
  let min = x[0] ?? 0;
  let max = x[0] ?? 0;
  let sumW = weights[0] ?? 0;
  let sumX = f(sumW * min);
  for (let i = 1; i < n; i++) {
    const v = x[i] ?? 0;
    if (v < min) min = v;
    if (v > max) max = v;
    const w = weights[i] ?? 0;
    sumW = f(sumW + w);
    sumX = f(sumX + f(w * v));
  }
  if (min > 0) min = 0;
  if (max === min) {
    L.fill(0);
    return { scale: 0, min: -min };
  }
  let iscale = f(nmax / f(max - min));
  let scale = f(1 / iscale);
  let bestError = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i] ?? 0;
    const l = Math.max(0, Math.min(nmax, nearestInt(f(iscale * f(v - min)))));
    L[i] = l;
    const diff = f(f(f(scale * l) + min) - v);
    bestError = f(bestError + f((weights[i] ?? 0) * (useMad ? Math.abs(diff) : f(diff * diff))));
  }
  record?.({ step: -1, iscale, scale, min: -min, error: bestError, kept: true });
  if (nstep < 1) return { scale, min: -min };
  const laux = new Uint8Array(n);
  for (let is = 0; is <= nstep; is++) {
    iscale = f(f(f(rmin + f(delta * is)) + nmax) / f(max - min));
    let sumL = 0;
    let sumL2 = 0;
    let sumXL = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i] ?? 0;
      const l = Math.max(0, Math.min(nmax, nearestInt(f(iscale * f(v - min)))));
      laux[i] = l;
      const w = weights[i] ?? 0;
      sumL = f(sumL + f(w * l));
      sumL2 = f(sumL2 + f(f(w * l) * l));
      sumXL = f(sumXL + f(f(w * l) * v));
    }
    const D = f(f(sumW * sumL2) - f(sumL * sumL));
    if (D > 0) {
      let thisScale = f(f(f(sumW * sumXL) - f(sumX * sumL)) / D);
      let thisMin = f(f(f(sumL2 * sumX) - f(sumL * sumXL)) / D);
      if (thisMin > 0) {
        thisMin = 0;
        thisScale = f(sumXL / sumL2);
      }
      let curError = 0;
      for (let i = 0; i < n; i++) {
        const diff = f(f(f(thisScale * (laux[i] ?? 0)) + thisMin) - (x[i] ?? 0));
        curError = f(curError + f((weights[i] ?? 0) * (useMad ? Math.abs(diff) : f(diff * diff))));
      }
      const kept = curError < bestError;
      record?.({ step: is, iscale, scale: thisScale, min: -thisMin, error: curError, kept });
      if (kept) {
        L.set(laux);
        bestError = curError;
        scale = thisScale;
        min = thisMin;
      }
    }
  }
  return { scale, min: -min };
}

/**
 * One scale make_qkx2_quants tried: step −1 is the plain (max − min)/nmax fit, steps 0…nstep the
 * candidates iscale = (rmin + rdelta·step + nmax)/(max − min), each refitted by weighted least
 * squares; `kept` when its weighted error beat the best so far.
 */
export interface Candidate {
  readonly step: number;
  readonly iscale: number;
  readonly scale: number;
  readonly min: number;
  readonly error: number;
  readonly kept: boolean;
}

/** get_scale_min_k4: sub-block j's 6-bit scale and min from the 12 packed bytes at q[at …]. */
export function scaleMinK4(j: number, q: Uint8Array, at: number): { sc: number; m: number } {
  const b = (k: number) => q[at + k] ?? 0;
  if (j < 4) return { sc: b(j) & 63, m: b(j + 4) & 63 };
  return { sc: (b(j + 4) & 0xf) | ((b(j - 4) >> 6) << 4), m: (b(j + 4) >> 4) | ((b(j) >> 6) << 4) };
}

function writeFp16(out: Uint8Array, at: number, x: number): void {
  const h = float32ToFp16(x);
  out[at] = h & 0xff;
  out[at + 1] = h >>> 8;
}
const readFp16 = (q: Uint8Array, at: number) => fp16ToFloat32((q[at] ?? 0) | ((q[at + 1] ?? 0) << 8));

/**
 * quantize_row_q4_K_ref / quantize_row_q5_K_ref: `values` (a multiple of 256) as super-blocks
 * (d, dmin, 12 scale bytes, for Q5_K 32 bytes of high bits, 128 bytes of low nibbles).
 */
function quantizeQ45K(format: 'q4_K' | 'q5_K', values: Float32Array): Uint8Array {
  const five = format === 'q5_K';
  const nmax = five ? 31 : 15;
  const size = K_BLOCKS[format].blockBytes;
  const nb = Math.floor(values.length / 256);
  const out = new Uint8Array(nb * size);
  const L = new Uint8Array(256);
  const weights = new Float32Array(32);
  for (let i = 0; i < nb; i++) {
    const x = values.subarray(i * 256, i * 256 + 256);
    const at = i * size;
    const scales = new Float32Array(8);
    const mins = new Float32Array(8);
    let maxScale = 0;
    let maxMin = 0;
    for (let j = 0; j < 8; j++) {
      const sub = x.subarray(32 * j, 32 * j + 32);
      let sumX2 = 0;
      for (let l = 0; l < 32; l++) sumX2 = f(sumX2 + f((sub[l] ?? 0) * (sub[l] ?? 0)));
      const avX = f(Math.sqrt(f(sumX2 / 32)));
      for (let l = 0; l < 32; l++) weights[l] = f(avX + Math.abs(sub[l] ?? 0));
      const fit = makeQkx2Quants(
        nmax,
        sub,
        weights,
        L.subarray(32 * j, 32 * j + 32),
        five ? -0.5 : -1,
        0.1,
        five ? 15 : 20,
      );
      scales[j] = fit.scale;
      mins[j] = fit.min;
      if (fit.scale > maxScale) maxScale = fit.scale;
      if (f(fit.min) > maxMin) maxMin = f(fit.min);
    }
    const invScale = maxScale > 0 ? f(63 / maxScale) : 0;
    const invMin = maxMin > 0 ? f(63 / maxMin) : 0;
    const sc = at + 4;
    for (let j = 0; j < 8; j++) {
      // (uint8_t) of nearest_int, then MIN(63, ·).
      const ls = Math.min(63, nearestInt(f(invScale * (scales[j] ?? 0))) & 0xff);
      const lm = Math.min(63, nearestInt(f(invMin * (mins[j] ?? 0))) & 0xff);
      if (j < 4) {
        out[sc + j] = ls;
        out[sc + j + 4] = lm;
      } else {
        out[sc + j + 4] = (ls & 0xf) | ((lm & 0xf) << 4);
        out[sc + j - 4] = (out[sc + j - 4] ?? 0) | ((ls >> 4) << 6);
        out[sc + j] = (out[sc + j] ?? 0) | ((lm >> 4) << 6);
      }
    }
    writeFp16(out, at, f(maxScale / 63));
    writeFp16(out, at + 2, f(maxMin / 63));
    const d0 = readFp16(out, at);
    const dmin0 = readFp16(out, at + 2);
    for (let j = 0; j < 8; j++) {
      const { sc: s, m } = scaleMinK4(j, out, sc);
      const d = f(d0 * s);
      if (!d) continue;
      const dm = f(dmin0 * m);
      for (let ii = 0; ii < 32; ii++) {
        const l = nearestInt(f(f((x[32 * j + ii] ?? 0) + dm) / d));
        L[32 * j + ii] = Math.max(0, Math.min(nmax, l));
      }
    }
    const qh = at + 16;
    const qs = at + (five ? 48 : 16);
    for (let n = 0, q = qs, m1 = 1, m2 = 2; n < 256; n += 64, q += 32, m1 <<= 2, m2 <<= 2)
      for (let l = 0; l < 32; l++) {
        let l1 = L[n + l] ?? 0;
        let l2 = L[n + l + 32] ?? 0;
        if (l1 > 15) {
          l1 -= 16;
          out[qh + l] = (out[qh + l] ?? 0) | m1;
        }
        if (l2 > 15) {
          l2 -= 16;
          out[qh + l] = (out[qh + l] ?? 0) | m2;
        }
        out[q + l] = l1 | (l2 << 4);
      }
  }
  return out;
}

/** dequantize_row_q4_K / dequantize_row_q5_K: the first `count` values (a multiple of 256). */
function dequantizeQ45K(format: 'q4_K' | 'q5_K', bytes: Uint8Array, count: number): Float32Array {
  const five = format === 'q5_K';
  const size = K_BLOCKS[format].blockBytes;
  const y = new Float32Array(count);
  let o = 0;
  for (let i = 0; i < count / 256; i++) {
    const at = i * size;
    const d = readFp16(bytes, at);
    const min = readFp16(bytes, at + 2);
    const qh = at + 16;
    let q = at + (five ? 48 : 16);
    for (let j = 0, is = 0, u1 = 1, u2 = 2; j < 256; j += 64, is += 2, q += 32, u1 <<= 2, u2 <<= 2) {
      const a = scaleMinK4(is, bytes, at + 4);
      const b = scaleMinK4(is + 1, bytes, at + 4);
      const d1 = f(d * a.sc);
      const m1 = f(min * a.m);
      const d2 = f(d * b.sc);
      const m2 = f(min * b.m);
      const high = (l: number, u: number) => (five && (bytes[qh + l] ?? 0) & u ? 16 : 0);
      for (let l = 0; l < 32; l++) y[o++] = f(f(d1 * (((bytes[q + l] ?? 0) & 0xf) + high(l, u1))) - m1);
      for (let l = 0; l < 32; l++) y[o++] = f(f(d2 * (((bytes[q + l] ?? 0) >> 4) + high(l, u2))) - m2);
    }
  }
  return y;
}

const GROUP_MAX_EPS = f(1e-15);

/** make_qx_quants(n, nmax, x, L, rmse_type = 1, qw = NULL): a symmetric fit with weights x², codes L = l + nmax. */
export function makeQxQuants(
  nmax: number,
  x: Float32Array,
  L: Uint8Array,
  record?: (candidate: Candidate) => void,
): number {
  const n = x.length;
  const { amax, max } = signedAbsMax(x);
  if (amax < GROUP_MAX_EPS) {
    L.fill(0);
    return 0;
  }
  const code = (iscale: number, v: number) => Math.max(-nmax, Math.min(nmax - 1, nearestInt(f(iscale * v))));
  let iscale = f(-nmax / max);
  let sumlx = 0;
  let suml2 = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i] ?? 0;
    const l = code(iscale, v);
    L[i] = l + nmax;
    const w = f(v * v);
    sumlx = f(sumlx + f(f(w * v) * l));
    suml2 = f(suml2 + f(f(w * l) * l));
  }
  let scale = suml2 ? f(sumlx / suml2) : 0;
  let best = f(scale * sumlx);
  // What the search maximises, Σw·x·l² / Σw·l², is Σw·x² minus the weighted error at the best scale.
  let sumx2w = 0;
  for (let i = 0; i < n; i++) sumx2w += (x[i] ?? 0) ** 4;
  record?.({ step: -10, iscale, scale, min: 0, error: sumx2w - best, kept: true });
  for (let is = -9; is <= 9; is++) {
    if (is === 0) continue;
    iscale = f(-f(nmax + f(f(0.1) * is)) / max);
    sumlx = 0;
    suml2 = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i] ?? 0;
      const l = code(iscale, v);
      const w = f(v * v);
      sumlx = f(sumlx + f(f(w * v) * l));
      suml2 = f(suml2 + f(f(w * l) * l));
    }
    const kept = suml2 > 0 && f(sumlx * sumlx) > f(best * suml2);
    if (suml2 > 0) {
      const s2 = f(sumlx / suml2);
      record?.({ step: is, iscale, scale: s2, min: 0, error: sumx2w - f(s2 * sumlx), kept });
    }
    if (kept) {
      for (let i = 0; i < n; i++) L[i] = nmax + code(iscale, x[i] ?? 0);
      scale = f(sumlx / suml2);
      best = f(scale * sumlx);
    }
  }
  return scale;
}

/** quantize_row_q6_K_ref: `values` (a multiple of 256) as 210-byte super-blocks (ql[128], qh[64], scales[16], d). */
function quantizeQ6K(values: Float32Array): Uint8Array {
  const nb = Math.floor(values.length / 256);
  const out = new Uint8Array(nb * 210);
  const L = new Uint8Array(256);
  const scales = new Float32Array(16);
  for (let i = 0; i < nb; i++) {
    const x = values.subarray(i * 256, i * 256 + 256);
    const at = i * 210;
    let maxScale = 0;
    let maxAbsScale = 0;
    for (let ib = 0; ib < 16; ib++) {
      const scale = makeQxQuants(32, x.subarray(16 * ib, 16 * ib + 16), L.subarray(16 * ib, 16 * ib + 16));
      scales[ib] = scale;
      if (Math.abs(scale) > maxAbsScale) {
        maxAbsScale = Math.abs(scale);
        maxScale = scale;
      }
    }
    // All zero: the block stays zero (memset; fp16(0) is 0).
    if (maxAbsScale < GROUP_MAX_EPS) continue;
    const iscale = f(-128 / maxScale);
    writeFp16(out, at + 208, f(1 / iscale));
    for (let ib = 0; ib < 16; ib++)
      out[at + 192 + ib] = Math.min(127, nearestInt(f(iscale * (scales[ib] ?? 0)))) & 0xff;
    const d0 = readFp16(out, at + 208);
    for (let j = 0; j < 16; j++) {
      const d = f(d0 * (((out[at + 192 + j] ?? 0) << 24) >> 24));
      if (!d) continue;
      for (let ii = 0; ii < 16; ii++) {
        const l = Math.max(-32, Math.min(31, nearestInt(f((x[16 * j + ii] ?? 0) / d))));
        L[16 * j + ii] = l + 32;
      }
    }
    for (let j = 0, ql = at, qh = at + 128; j < 256; j += 128, ql += 64, qh += 32)
      for (let l = 0; l < 32; l++) {
        const q = (k: number) => L[j + l + k] ?? 0;
        out[ql + l] = (q(0) & 0xf) | ((q(64) & 0xf) << 4);
        out[ql + l + 32] = (q(32) & 0xf) | ((q(96) & 0xf) << 4);
        out[qh + l] = (q(0) >> 4) | ((q(32) >> 4) << 2) | ((q(64) >> 4) << 4) | ((q(96) >> 4) << 6);
      }
  }
  return out;
}

/** dequantize_row_q6_K: the first `count` values (a multiple of 256). */
function dequantizeQ6K(bytes: Uint8Array, count: number): Float32Array {
  const y = new Float32Array(count);
  for (let i = 0; i < count / 256; i++) {
    const at = i * 210;
    const d = readFp16(bytes, at + 208);
    for (let n = 0, ql = at, qh = at + 128, sc = at + 192; n < 256; n += 128, ql += 64, qh += 32, sc += 8)
      for (let l = 0; l < 32; l++) {
        const is = Math.floor(l / 16);
        const h = bytes[qh + l] ?? 0;
        const lo = bytes[ql + l] ?? 0;
        const hi = bytes[ql + l + 32] ?? 0;
        const s = (k: number) => ((bytes[sc + is + k] ?? 0) << 24) >> 24;
        const o = i * 256 + n + l;
        y[o] = f(f(d * s(0)) * (((lo & 0xf) | ((h & 3) << 4)) - 32));
        y[o + 32] = f(f(d * s(2)) * (((hi & 0xf) | (((h >> 2) & 3) << 4)) - 32));
        y[o + 64] = f(f(d * s(4)) * (((lo >> 4) | (((h >> 4) & 3) << 4)) - 32));
        y[o + 96] = f(f(d * s(6)) * (((hi >> 4) | (((h >> 6) & 3) << 4)) - 32));
      }
  }
  return y;
}

/** Q2_K's and Q3_K's qs[64]: 2-bit codes, four to a byte, values l, l + 32, l + 64, l + 96 of each 128. */
function pack2Bits(L: ArrayLike<number>, out: Uint8Array, qs: number): void {
  for (let j = 0; j < 256; j += 128)
    for (let l = 0; l < 32; l++) {
      const q = (k: number) => L[j + l + k] ?? 0;
      out[qs + j / 4 + l] = q(0) | (q(32) << 2) | (q(64) << 4) | (q(96) << 6);
    }
}

/** quantize_row_q2_K_ref: 84-byte super-blocks (scales[16] with the min's 4 bits above the scale's, qs[64], d, dmin). */
function quantizeQ2K(values: Float32Array): Uint8Array {
  const nb = Math.floor(values.length / 256);
  const out = new Uint8Array(nb * 84);
  const L = new Uint8Array(256);
  const weights = new Float32Array(16);
  for (let i = 0; i < nb; i++) {
    const x = values.subarray(i * 256, i * 256 + 256);
    const at = i * 84;
    const scales = new Float32Array(16);
    const mins = new Float32Array(16);
    let maxScale = 0;
    let maxMin = 0;
    for (let j = 0; j < 16; j++) {
      const sub = x.subarray(16 * j, 16 * j + 16);
      for (let l = 0; l < 16; l++) weights[l] = Math.abs(sub[l] ?? 0);
      const fit = makeQkx2Quants(3, sub, weights, L.subarray(16 * j, 16 * j + 16), -0.5, 0.1, 15, true);
      scales[j] = fit.scale;
      mins[j] = fit.min;
      if (fit.scale > maxScale) maxScale = fit.scale;
      if (f(fit.min) > maxMin) maxMin = f(fit.min);
    }
    if (maxScale > 0) {
      const iscale = f(15 / maxScale);
      for (let j = 0; j < 16; j++) out[at + j] = nearestInt(f(iscale * (scales[j] ?? 0))) & 0xff;
      writeFp16(out, at + 80, f(maxScale / 15));
    }
    if (maxMin > 0) {
      const iscale = f(15 / maxMin);
      for (let j = 0; j < 16; j++)
        out[at + j] = ((out[at + j] ?? 0) | (nearestInt(f(iscale * (mins[j] ?? 0))) << 4)) & 0xff;
      writeFp16(out, at + 82, f(maxMin / 15));
    }
    const d0 = readFp16(out, at + 80);
    const dmin0 = readFp16(out, at + 82);
    for (let j = 0; j < 16; j++) {
      const sc = out[at + j] ?? 0;
      const d = f(d0 * (sc & 0xf));
      if (!d) continue;
      const dm = f(dmin0 * (sc >> 4));
      for (let ii = 0; ii < 16; ii++)
        L[16 * j + ii] = Math.max(0, Math.min(3, nearestInt(f(f((x[16 * j + ii] ?? 0) + dm) / d))));
    }
    pack2Bits(L, out, at + 16);
  }
  return out;
}

function dequantizeQ2K(bytes: Uint8Array, count: number): Float32Array {
  const y = new Float32Array(count);
  let o = 0;
  for (let i = 0; i < count / 256; i++) {
    const at = i * 84;
    const d = readFp16(bytes, at + 80);
    const min = readFp16(bytes, at + 82);
    let is = 0;
    for (let n = 0, q = at + 16; n < 256; n += 128, q += 32)
      for (let shift = 0; shift < 8; shift += 2)
        for (const half of [0, 16]) {
          const sc = bytes[at + is++] ?? 0;
          const dl = f(d * (sc & 0xf));
          const ml = f(min * (sc >> 4));
          for (let l = 0; l < 16; l++) y[o++] = f(f(dl * (((bytes[q + l + half] ?? 0) >> shift) & 3)) - ml);
        }
  }
  return y;
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** quantize_row_q8_K_ref: 292-byte blocks (float32 d, int8 qs[256], int16 bsums[16]). */
function quantizeQ8K(values: Float32Array): Uint8Array {
  const nb = Math.floor(values.length / 256);
  const out = new Uint8Array(nb * 292);
  const dv = view(out);
  for (let i = 0; i < nb; i++) {
    const at = i * 292;
    let max = 0;
    let amax = 0;
    for (let j = 0; j < 256; j++) {
      const v = values[i * 256 + j] ?? 0;
      if (Math.abs(v) > amax) {
        amax = Math.abs(v);
        max = v;
      }
    }
    if (!amax) continue;
    const iscale = f(-127 / max);
    for (let j = 0; j < 256; j++)
      dv.setInt8(at + 4 + j, Math.min(127, nearestInt(f(iscale * (values[i * 256 + j] ?? 0)))));
    for (let j = 0; j < 16; j++) {
      let sum = 0;
      for (let ii = 0; ii < 16; ii++) sum += dv.getInt8(at + 4 + j * 16 + ii);
      dv.setInt16(at + 260 + 2 * j, sum, true);
    }
    dv.setFloat32(at, f(1 / iscale), true);
  }
  return out;
}

function dequantizeQ8K(bytes: Uint8Array, count: number): Float32Array {
  const y = new Float32Array(count);
  const dv = view(bytes);
  for (let i = 0; i < count / 256; i++) {
    const d = dv.getFloat32(i * 292, true);
    for (let j = 0; j < 256; j++) y[i * 256 + j] = f(d * dv.getInt8(i * 292 + 4 + j));
  }
  return y;
}

/** The value of largest magnitude with its sign, and that magnitude (strict >: the first of equal ones). */
export function signedAbsMax(x: ArrayLike<number>): { amax: number; max: number } {
  let max = 0;
  let amax = 0;
  for (let i = 0; i < x.length; i++) {
    const ax = Math.abs(x[i] ?? 0);
    if (ax > amax) {
      amax = ax;
      max = x[i] ?? 0;
    }
  }
  return { amax, max };
}

/** make_q3_quants(n, nmax, x, L, do_rmse = true): codes L = l + nmax, and the scale. */
export function makeQ3Quants(nmax: number, x: Float32Array, L: Int8Array): number {
  const n = x.length;
  const { amax, max } = signedAbsMax(x);
  if (amax < GROUP_MAX_EPS) {
    L.fill(0);
    return 0;
  }
  const iscale = f(-nmax / max);
  let sumlx = 0;
  let suml2 = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i] ?? 0;
    const l = Math.max(-nmax, Math.min(nmax - 1, nearestInt(f(iscale * v))));
    L[i] = l;
    const w = f(v * v);
    sumlx = f(sumlx + f(f(w * v) * l));
    suml2 = f(suml2 + f(f(w * l) * l));
  }
  for (let itry = 0; itry < 5; itry++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i] ?? 0;
      const li = L[i] ?? 0;
      const w = f(v * v);
      let slx = f(sumlx - f(f(w * v) * li));
      if (slx > 0) {
        let sl2 = f(suml2 - f(f(w * li) * li));
        const newL = Math.max(-nmax, Math.min(nmax - 1, nearestInt(f(f(v * sl2) / slx))));
        if (newL !== li) {
          slx = f(slx + f(f(w * v) * newL));
          sl2 = f(sl2 + f(f(w * newL) * newL));
          if (sl2 > 0 && f(f(slx * slx) * suml2) > f(f(sumlx * sumlx) * sl2)) {
            L[i] = newL;
            sumlx = slx;
            suml2 = sl2;
            changed++;
          }
        }
      }
    }
    if (!changed) break;
  }
  for (let i = 0; i < n; i++) L[i] = (L[i] ?? 0) + nmax;
  return suml2 > 0 ? f(sumlx / suml2) : 0;
}

/** Sub-block j's 6-bit scale of a Q3_K block (scales at q[at …]), minus 32. */
export function q3Scale(j: number, q: Uint8Array, at: number): number {
  const low = j < 8 ? (q[at + j] ?? 0) & 0xf : (q[at + j - 8] ?? 0) >> 4;
  return (low | ((((q[at + 8 + (j % 4)] ?? 0) >> (2 * Math.floor(j / 4))) & 3) << 4)) - 32;
}

/** quantize_row_q3_K_ref: 110-byte super-blocks (hmask[32], qs[64], scales[12], d). */
function quantizeQ3K(values: Float32Array): Uint8Array {
  const nb = Math.floor(values.length / 256);
  const out = new Uint8Array(nb * 110);
  const L = new Int8Array(256);
  const scales = new Float32Array(16);
  for (let i = 0; i < nb; i++) {
    const x = values.subarray(i * 256, i * 256 + 256);
    const at = i * 110;
    let maxScale = 0;
    let amax = 0;
    for (let j = 0; j < 16; j++) {
      scales[j] = makeQ3Quants(4, x.subarray(16 * j, 16 * j + 16), L.subarray(16 * j, 16 * j + 16));
      if (Math.abs(scales[j] ?? 0) > amax) {
        amax = Math.abs(scales[j] ?? 0);
        maxScale = scales[j] ?? 0;
      }
    }
    const sc = at + 96;
    if (maxScale) {
      const iscale = f(-32 / maxScale);
      for (let j = 0; j < 16; j++) {
        // int8_t l = nearest_int(…), clamped to −32…31, + 32.
        let l = Math.max(-32, Math.min(31, (nearestInt(f(iscale * (scales[j] ?? 0))) << 24) >> 24)) + 32;
        if (j < 8) out[sc + j] = l & 0xf;
        else out[sc + j - 8] = (out[sc + j - 8] ?? 0) | ((l & 0xf) << 4);
        l >>= 4;
        out[sc + 8 + (j % 4)] = (out[sc + 8 + (j % 4)] ?? 0) | (l << (2 * Math.floor(j / 4)));
      }
      writeFp16(out, at + 108, f(1 / iscale));
    }
    const d0 = readFp16(out, at + 108);
    for (let j = 0; j < 16; j++) {
      const d = f(d0 * q3Scale(j, out, sc));
      if (!d) continue;
      for (let ii = 0; ii < 16; ii++)
        L[16 * j + ii] = Math.max(-4, Math.min(3, nearestInt(f((x[16 * j + ii] ?? 0) / d)))) + 4;
    }
    for (let j = 0, m = 0, hm = 1; j < 256; j++) {
      if ((L[j] ?? 0) > 3) {
        out[at + m] = (out[at + m] ?? 0) | hm;
        L[j] = (L[j] ?? 0) - 4;
      }
      if (++m === 32) {
        m = 0;
        hm <<= 1;
      }
    }
    pack2Bits(L, out, at + 32);
  }
  return out;
}

function dequantizeQ3K(bytes: Uint8Array, count: number): Float32Array {
  const y = new Float32Array(count);
  let o = 0;
  for (let i = 0; i < count / 256; i++) {
    const at = i * 110;
    const dAll = readFp16(bytes, at + 108);
    let is = 0;
    let m = 1;
    for (let n = 0, q = at + 32; n < 256; n += 128, q += 32)
      for (let shift = 0; shift < 8; shift += 2, m <<= 1)
        for (const half of [0, 16]) {
          const dl = f(dAll * q3Scale(is++, bytes, at + 96));
          for (let l = 0; l < 16; l++) {
            const low = ((bytes[q + l + half] ?? 0) >> shift) & 3;
            const high = (bytes[at + l + half] ?? 0) & m ? 0 : 4;
            y[o++] = f(dl * (low - high));
          }
        }
  }
  return y;
}

/** quantize_row_<format>_ref for a K-quant. */
export function quantizeK(format: KFormat, values: Float32Array): Uint8Array {
  if (format === 'q2_K') return quantizeQ2K(values);
  if (format === 'q3_K') return quantizeQ3K(values);
  if (format === 'q8_K') return quantizeQ8K(values);
  return format === 'q6_K' ? quantizeQ6K(values) : quantizeQ45K(format, values);
}

/** dequantize_row_<format> for a K-quant. */
export function dequantizeK(format: KFormat, bytes: Uint8Array, count: number): Float32Array {
  if (format === 'q2_K') return dequantizeQ2K(bytes, count);
  if (format === 'q3_K') return dequantizeQ3K(bytes, count);
  if (format === 'q8_K') return dequantizeQ8K(bytes, count);
  return format === 'q6_K' ? dequantizeQ6K(bytes, count) : dequantizeQ45K(format, bytes, count);
}
