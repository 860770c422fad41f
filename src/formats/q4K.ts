/**
 * ggml's Q4_K (ggml-quants.c quantize_row_q4_K_ref, dequantize_row_q4_K): super-blocks of 256
 * values in 8 sub-blocks of 32, each with a 6-bit scale and a 6-bit min packed into 12 bytes, under
 * an fp16 d and dmin:
 *
 *     per sub-block: make_qkx2_quants — an affine fit x ≈ scale·l − min (l in 0…15), weighted by
 *       |x| + rms(x), searched over 21 candidate scales (nmax + rmin + rdelta·is)/(max − min)
 *     d = max scale / 63, dmin = max min / 63;  sc = nearest(63·scale / max scale), m likewise
 *     l = clamp(nearest((x + dmin·m) / (d·sc)), 0, 15);  x̂ = d·sc·l − dmin·m
 *
 * every float operation in float32 in the C's order (gcc -O2 on x86-64: no FMA, no reassociation).
 */
import { float32ToFp16, fp16ToFloat32 } from './fp16.ts';

export const Q4_K_BLOCK = { blockValues: 256, blockBytes: 144 } as const;

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

/** make_qkx2_quants(n, nmax, x, weights, L, &the_min, Laux, rmin, rdelta, nstep, use_mad = false). */
export function makeQkx2Quants(
  nmax: number,
  x: Float32Array,
  weights: Float32Array,
  L: Uint8Array,
  rmin: number,
  rdelta: number,
  nstep: number,
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
    bestError = f(bestError + f((weights[i] ?? 0) * f(diff * diff)));
  }
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
        curError = f(curError + f((weights[i] ?? 0) * f(diff * diff)));
      }
      if (curError < bestError) {
        L.set(laux);
        bestError = curError;
        scale = thisScale;
        min = thisMin;
      }
    }
  }
  return { scale, min: -min };
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

/** quantize_row_q4_K_ref: `values` (a multiple of 256) as 144-byte super-blocks (d, dmin, 12 scale bytes, 128 nibble bytes). */
export function quantizeQ4K(values: Float32Array): Uint8Array {
  const nb = Math.floor(values.length / 256);
  const out = new Uint8Array(nb * 144);
  const L = new Uint8Array(256);
  const weights = new Float32Array(32);
  for (let i = 0; i < nb; i++) {
    const x = values.subarray(i * 256, i * 256 + 256);
    const at = i * 144;
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
      const fit = makeQkx2Quants(15, sub, weights, L.subarray(32 * j, 32 * j + 32), -1, 0.1, 20);
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
        L[32 * j + ii] = Math.max(0, Math.min(15, l));
      }
    }
    const qs = at + 16;
    for (let j = 0, q = qs; j < 256; j += 64, q += 32)
      for (let l = 0; l < 32; l++) out[q + l] = (L[j + l] ?? 0) | ((L[j + l + 32] ?? 0) << 4);
  }
  return out;
}

/** dequantize_row_q4_K: the first `count` values (a multiple of 256). */
export function dequantizeQ4K(bytes: Uint8Array, count: number): Float32Array {
  const y = new Float32Array(count);
  let o = 0;
  for (let i = 0; i < count / 256; i++) {
    const at = i * 144;
    const d = readFp16(bytes, at);
    const min = readFp16(bytes, at + 2);
    let q = at + 16;
    for (let j = 0, is = 0; j < 256; j += 64, is += 2, q += 32) {
      const a = scaleMinK4(is, bytes, at + 4);
      const b = scaleMinK4(is + 1, bytes, at + 4);
      const d1 = f(d * a.sc);
      const m1 = f(min * a.m);
      const d2 = f(d * b.sc);
      const m2 = f(min * b.m);
      for (let l = 0; l < 32; l++) y[o++] = f(f(d1 * ((bytes[q + l] ?? 0) & 0xf)) - m1);
      for (let l = 0; l < 32; l++) y[o++] = f(f(d2 * ((bytes[q + l] ?? 0) >> 4)) - m2);
    }
  }
  return y;
}
