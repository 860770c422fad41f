/**
 * How one value of a block is encoded, step by step, with the numbers the format's own quantizer
 * computes (each step recomputed with the same float32 arithmetic, so the last step's code is the
 * packed one). Steps are named; the views word them.
 */
import { quantizeFp4Value, quantizeNf4Value, bnb4Value, NF4_CODE } from './bitsandbytes.ts';
import { float32ToFp16, fp16ToFloat32 } from './fp16.ts';
import { absMax, minMax, roundf, toInt8, toUint8 } from './ggmlLegacy.ts';
import { makeQ3Quants, makeQkx2Quants, makeQxQuants, nearestInt, signedAbsMax, type Candidate } from './kQuants.ts';
import { roundToMinifloat } from './minifloat.ts';
import { e8m0Value, MX_ELEMENTS, mxScaleByte, quantizeElemwise, type MxElementName } from './mx.ts';
import { bestIndex, e8m0Half, KVALUES_MXFP4 } from './mxfp4.ts';
import type { BlockFormat } from './names.ts';

const f = Math.fround;
const fp16 = (x: number) => fp16ToFloat32(float32ToFp16(x));

/** One step: its name and its numbers. */
export interface EncodeStep {
  readonly step: string;
  readonly values: Readonly<Record<string, number>>;
}

/** The encoding of value j of a block whose input values are `x`, and (K-quants) the scale search of its sub-block. */
export interface Encoding {
  readonly steps: readonly EncodeStep[];
  readonly candidates: readonly Candidate[] | null;
}

const step = (name: string, values: Record<string, number>): EncodeStep => ({ step: name, values });

function legacy(format: 'q4_0' | 'q4_1' | 'q5_0' | 'q5_1' | 'q8_0', x: Float32Array, j: number): EncodeStep[] {
  const v = x[j] ?? 0;
  if (format === 'q8_0') {
    const { amax } = absMax(x, 0);
    const d = f(amax / 127);
    const id = d ? f(1 / d) : 0;
    const t = f(v * id);
    const code = toInt8(roundf(t));
    const stored = fp16(d);
    return [
      step('amax', { amax }),
      step('d127', { amax, d }),
      step('fp16', { d, stored }),
      step('inverse', { id }),
      step('scaled', { x: v, id, t }),
      step('roundAway', { t, code }),
      step('decode', { code, scale: stored, offset: 0, value: f(code * stored) }),
    ];
  }
  const affine = format === 'q4_1' || format === 'q5_1';
  const five = format === 'q5_0' || format === 'q5_1';
  const levels = five ? 31 : 15;
  const steps: EncodeStep[] = [];
  let d: number;
  let m = 0;
  if (affine) {
    const { min, max } = minMax(x, 0);
    d = f(f(max - min) / levels);
    m = min;
    steps.push(step('minMax', { min, max }), step('dAffine', { min, max, levels, d }));
  } else {
    const { max } = absMax(x, 0);
    const divisor = five ? -16 : -8;
    d = f(max / divisor);
    steps.push(step('signedMax', { max }), step('dSymmetric', { max, divisor, d }));
  }
  const id = d ? f(1 / d) : 0;
  const stored = fp16(d);
  const storedM = fp16(m);
  steps.push(step('fp16', { d, stored }));
  if (affine) steps.push(step('fp16Min', { m, stored: storedM }));
  steps.push(step('inverse', { id }));
  const t = f((affine ? f(v - m) : v) * id);
  steps.push(step(affine ? 'scaledAffine' : 'scaled', { x: v, m, id, t }));
  const add = affine ? 0.5 : five ? 16.5 : 8.5;
  const sum = f(t + add);
  const truncated = format === 'q5_1' ? toUint8(sum) : toInt8(sum);
  const code = format === 'q5_1' ? truncated : Math.min(levels, truncated) & 0xff;
  steps.push(step('truncate', { t, add, sum, truncated, levels, code }));
  const centre = affine ? 0 : five ? 16 : 8;
  steps.push(
    step('decode', {
      code: code - centre,
      scale: stored,
      offset: storedM,
      value: affine ? f(f(code * stored) + storedM) : f((code - centre) * stored),
    }),
  );
  return steps;
}

/** A block's absmax as double quantization stores it: its 8-bit code, its group's absmax2 and the offset. */
export interface NestedAbsmax {
  readonly code: number;
  readonly absmax2: number;
  readonly offset: number;
  readonly restored: number;
}

function bnb(type: 'nf4' | 'fp4', x: Float32Array, j: number, nested: NestedAbsmax | null): EncodeStep[] {
  let absmax = -3.4028234663852886e38;
  for (const v of x) absmax = Number.isNaN(v) ? absmax : Math.max(absmax, Math.abs(v));
  const inv = f(1 / absmax);
  const stored = nested ? nested.restored : absmax;
  const t = f((x[j] ?? 0) * inv);
  const code = type === 'nf4' ? quantizeNf4Value(t) : quantizeFp4Value(t);
  const level = bnb4Value(type, code);
  const values = type === 'nf4' ? NF4_CODE : null;
  // The neighbouring levels' midpoints: the tree's thresholds around the code (NF4; FP4 by magnitude).
  const below = values && code > 0 ? f(((values[code - 1] ?? 0) + level) / 2) : NaN;
  const above = values && code < 15 ? f(((values[code + 1] ?? 0) + level) / 2) : NaN;
  return [
    step('absmax', { absmax }),
    step('inverse32', { inv }),
    step('normalised', { x: x[j] ?? 0, inv, t }),
    step(type === 'nf4' ? 'tree' : 'treeFp4', { t, below, above, code, level }),
    ...(nested
      ? [
          step('nestedAbsmax', {
            absmax,
            offset: nested.offset,
            code: nested.code,
            absmax2: nested.absmax2,
            restored: stored,
          }),
        ]
      : []),
    step('decodeTable', { level, absmax: stored, value: f(level * stored) }),
  ];
}

function fp8(name: 'e4m3' | 'e5m2', x: number): EncodeStep[] {
  const el = MX_ELEMENTS[name];
  const v = f(x);
  const rounded = roundToMinifloat(el.float, v, true);
  const steps = [step('fp8Grid', { x: v, value: rounded, max: el.maxNorm })];
  if (Math.abs(v) > el.maxNorm) steps.push(step('saturate', { x: v, max: el.maxNorm }));
  return steps;
}

function mxOcp(name: MxElementName, x: Float32Array, j: number): EncodeStep[] {
  const el = MX_ELEMENTS[name];
  let amax = 0;
  for (const v of x) if (Number.isNaN(v) || Math.abs(v) > amax) amax = Math.abs(v);
  const e = mxScaleByte(amax, el);
  const scale = e8m0Value(e);
  // The exponent field of max |x| (mx_get_shared_scale works on the float32's bits) and the element's largest.
  const exponent = ((new Uint32Array(Float32Array.of(amax).buffer)[0] ?? 0) >>> 23) - 127;
  const emax = Math.floor(Math.log2(el.maxNorm));
  const t = f((x[j] ?? 0) / scale);
  const q = quantizeElemwise(t, el, 'away', true);
  return [
    step('amax', { amax }),
    step('sharedExponent', { amax, exponent, emax, e: e - 127, byte: e }),
    step('scaledMx', { x: x[j] ?? 0, scale, t }),
    step('elementRound', { t, q, max: el.maxNorm }),
    step('decode', { code: q, scale, offset: 0, value: f(q * scale) }),
  ];
}

function mxfp4Ggml(x: Float32Array, j: number): EncodeStep[] {
  let amax = 0;
  for (const v of x) if (amax < Math.abs(v)) amax = Math.abs(v);
  const e = amax > 0 ? toUint8(f(f(Math.floor(f(Math.log2(amax))) - 2) + 127)) : 0;
  const d = e8m0Half(e);
  const v = x[j] ?? 0;
  const best = bestIndex(v, d);
  const level = KVALUES_MXFP4[best] ?? 0;
  return [
    step('amax', { amax }),
    step('ggmlExponent', { amax, e: e - 127, byte: e, d }),
    step('nearestLevel', { x: v, d, code: best, level }),
    step('decode', { code: level, scale: d, offset: 0, value: f(level * d) }),
  ];
}

/** Q2_K / Q4_K / Q5_K: the sub-block's fit, with every candidate scale make_qkx2_quants tried. */
function kSearch(format: 'q2_K' | 'q4_K' | 'q5_K', x: Float32Array, j: number): Encoding {
  const five = format === 'q5_K';
  const two = format === 'q2_K';
  const size = two ? 16 : 32;
  const sub = x.subarray(size * Math.floor(j / size), size * Math.floor(j / size) + size);
  let sumX2 = 0;
  for (const v of sub) sumX2 = f(sumX2 + f(v * v));
  const avX = f(Math.sqrt(f(sumX2 / 32)));
  // Q2_K weighs each value by |x| and compares absolute errors; Q4_K and Q5_K by rms + |x|, squared errors.
  const weights = Float32Array.from(sub, (v) => (two ? Math.abs(v) : f(avX + Math.abs(v))));
  const candidates: Candidate[] = [];
  const [nmax, rmin, nstep] = two ? [3, -0.5, 15] : five ? [31, -0.5, 15] : [15, -1, 20];
  const fit = makeQkx2Quants(nmax, sub, weights, new Uint8Array(size), rmin, 0.1, nstep, two, (c) =>
    candidates.push(c),
  );
  let min = Infinity;
  let max = -Infinity;
  for (const v of sub) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return {
    steps: [
      step(two ? 'subBlock2' : 'subBlock', { sub: Math.floor(j / size) + 1, min, max, weight: avX }),
      step('kChosen', { scale: fit.scale, min: fit.min, tried: candidates.length }),
    ],
    candidates,
  };
}

/** Q6_K: the sub-block of 16's scale, with every candidate make_qx_quants tried (symmetric, weights x²). */
function q6Search(x: Float32Array, j: number): Encoding {
  const sub = x.subarray(16 * Math.floor(j / 16), 16 * Math.floor(j / 16) + 16);
  const candidates: Candidate[] = [];
  const scale = makeQxQuants(32, sub, new Uint8Array(16), (c) => candidates.push(c));
  const { max } = signedAbsMax(sub);
  return {
    steps: [
      step('subBlock6', { sub: Math.floor(j / 16) + 1, max }),
      step('q6Chosen', { scale, tried: candidates.length }),
    ],
    candidates,
  };
}

/** Q3_K: the sub-block of 16's scale, refined by make_q3_quants' passes over its codes. */
function q3Fit(x: Float32Array, j: number): Encoding {
  const sub = x.subarray(16 * Math.floor(j / 16), 16 * Math.floor(j / 16) + 16);
  const scale = makeQ3Quants(4, sub, new Int8Array(16));
  const { max } = signedAbsMax(sub);
  return {
    steps: [step('subBlock6', { sub: Math.floor(j / 16) + 1, max }), step('q3Chosen', { scale })],
    candidates: null,
  };
}

/** Q8_K: one scale for the 256 values, d = 1 / (−127 / max), codes nearest_int(x · iscale). */
function q8k(x: Float32Array, j: number): Encoding {
  const { amax, max } = signedAbsMax(x);
  const iscale = amax ? f(-127 / max) : 0;
  const t = f(iscale * (x[j] ?? 0));
  const code = amax ? Math.min(127, nearestInt(t)) : 0;
  const d = amax ? f(1 / iscale) : 0;
  return {
    steps: [
      step('signedMax', { max }),
      step('q8kScale', { max, iscale, d }),
      step('q8kCode', { x: x[j] ?? 0, iscale, t, code }),
      step('decode', { code, scale: d, offset: 0, value: f(d * code) }),
    ],
    candidates: null,
  };
}

/** Value j's encoding in `format`, from its block's input values `x` (and, NF4/FP4 double-quantized, its absmax's code). */
export function encodeSteps(
  format: BlockFormat,
  x: Float32Array,
  j: number,
  nested: NestedAbsmax | null = null,
): Encoding {
  switch (format) {
    case 'q4_0':
    case 'q4_1':
    case 'q5_0':
    case 'q5_1':
    case 'q8_0':
      return { steps: legacy(format, x, j), candidates: null };
    case 'nf4':
    case 'fp4':
      return { steps: bnb(format, x, j, nested), candidates: null };
    case 'fp8_e4m3fn':
    case 'fp8_e5m2':
      return { steps: fp8(format === 'fp8_e4m3fn' ? 'e4m3' : 'e5m2', x[j] ?? 0), candidates: null };
    case 'mxfp8_e4m3':
    case 'mxfp8_e5m2':
    case 'mxfp6_e2m3':
    case 'mxfp6_e3m2':
    case 'mxfp4_e2m1':
      return { steps: mxOcp(format.slice(format.indexOf('_') + 1) as MxElementName, x, j), candidates: null };
    case 'mxfp4':
      return { steps: mxfp4Ggml(x, j), candidates: null };
    case 'q2_K':
    case 'q4_K':
    case 'q5_K':
      return kSearch(format, x, j);
    case 'q6_K':
      return q6Search(x, j);
    case 'q3_K':
      return q3Fit(x, j);
    case 'q8_K':
      return q8k(x, j);
  }
}
