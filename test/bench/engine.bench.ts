/**
 * Engine benchmarks (not tests): `npm run bench`. Each figure is the median of several timed
 * runs after a warm-up, next to a naive transcription of the seed note's loops (nested arrays,
 * per-element std::round emulation, the float rescale) measured in the same process.
 */
import { BLOCK_FORMATS, dequantizeBlocks, quantizeBlocks, type BlockFormat } from '../../src/formats/index.ts';
import { createRunner, readModel } from '../../src/models/index.ts';
import { conv2d, type ConvInputs } from '../../src/models/tflite/convOps.ts';
import { enableSimd } from '../../src/engine/simd.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { digitsDataset } from '../../src/training/datasets.ts';
import { applyGradients, createNetwork, createOptimizer, lossAndGradients } from '../../src/training/network.ts';
import {
  chooseQuantizationParams,
  integerMatMul,
  PRESETS,
  quantizeTensor,
  quantize,
  quantizedMatMul,
  roundHalfAwayFromZero,
  roundingDivideByPOT,
  saturatingRoundingDoublingHighMul,
  type FloatMatrix,
} from '../../src/engine/index.ts';
import { observeRanges, calibrateRange } from '../../src/engine/calibration.ts';

/** Deterministic uniform floats in [-1, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function floats(n: number, seed: number): Float32Array {
  const r = random(seed);
  return Float32Array.from({ length: n }, () => r() * 2 - 1);
}

/** The sorted wall times in ms of `runs` calls of f after `warmup` calls. */
function timings(f: () => unknown, runs: number, warmup: number): number[] {
  for (let i = 0; i < warmup; i++) f();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b);
}

/** Median wall time in ms of `runs` calls of f after `warmup` calls. */
const time = (f: () => unknown, runs = 9, warmup = 3): number => {
  const t = timings(f, runs, warmup);
  return t[Math.floor(t.length / 2)] as number;
};

/** The best wall time in ms of `runs` calls of f after `warmup` calls. */
const best = (f: () => unknown, runs: number, warmup = 3): number => timings(f, runs, warmup)[0] as number;

const fmt = (x: number, unit: string): string => `${(x / 1e6).toFixed(1)} M${unit}/s`;
const rows: string[][] = [['benchmark', 'engine', 'naive seed loop', 'speed-up']];
function report(name: string, count: number, unit: string, engineMs: number, naiveMs: number): void {
  rows.push([
    name,
    fmt((count / engineMs) * 1e3, unit),
    fmt((count / naiveMs) * 1e3, unit),
    `${(naiveMs / engineMs).toFixed(1)}×`,
  ]);
}

// --- 1. quantize 1M floats -------------------------------------------------------------------
const N = 1_000_000;
const values = floats(N, 1);
const params = chooseQuantizationParams(-1, 1);
const out = new Uint8Array(N);
const valuesArray = Array.from(values);
/** The seed's Quantize loop on a std::vector (a JS array), std::round via a helper. */
function naiveQuantize(src: number[]): number[] {
  const dst: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const transformed = Math.fround(params.zeroPoint + Math.fround((src[i] as number) / params.scale));
    const clamped = Math.max(0, Math.min(255, transformed));
    dst.push(roundHalfAwayFromZero(clamped));
  }
  return dst;
}
report(
  'quantize 1M floats',
  N,
  'values',
  time(() => quantize(params, values, out)),
  time(() => naiveQuantize(valuesArray)),
);

// --- 2. fixed-point output stage on 1M accumulators -----------------------------------------
const accs = Int32Array.from(floats(N, 2), (v) => Math.round(v * 40000));
const stageOut = new Int32Array(N);
const M0 = 1200097792;
const SHIFT = 7;
function outputStage(): void {
  for (let i = 0; i < N; i++) {
    const v = roundingDivideByPOT(saturatingRoundingDoublingHighMul(accs[i] as number, M0), SHIFT) + 118;
    stageOut[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
}
/** The seed's rescale: int32_accumulator * lhs_scale * rhs_scale / result_scale + result_zero_point (float). */
function naiveOutputStage(): number[] {
  const res: number[] = [];
  for (let i = 0; i < N; i++)
    res.push(Math.round(((accs[i] as number) * 0.0066029881 * 0.0070503601) / 0.0106628919 + 118));
  return res;
}
report('output stage, 1M accumulators', N, 'values', time(outputStage), time(naiveOutputStage));

// --- 3. 256×256 · 256×256 ------------------------------------------------------------------
const S = 256;
const lhs: FloatMatrix = { rows: S, cols: S, data: floats(S * S, 3) };
const rhs: FloatMatrix = { rows: S, cols: S, data: floats(S * S, 4) };
const macs = S * S * S;
const whole = quantizedMatMul(lhs, rhs);
const q1 = whole.lhsQuantized;
const q2 = whole.rhsQuantized;
const z1 = whole.lhsParams.zeroPoint;
const z2 = whole.rhsParams.zeroPoint;
/** The seed's triple loop over nested arrays, subtracting the zero points inside. */
const q1Rows = Array.from({ length: S }, (_, i) => Array.from(q1.data.subarray(i * S, (i + 1) * S)));
const q2Rows = Array.from({ length: S }, (_, j) => Array.from(q2.data.subarray(j * S, (j + 1) * S)));
function naiveAccumulate(): number[][] {
  const result: number[][] = [];
  for (let i = 0; i < S; i++) {
    const row: number[] = [];
    for (let k = 0; k < S; k++) {
      let acc = 0;
      for (let j = 0; j < S; j++) acc += ((q1Rows[i]?.[j] as number) - z1) * ((q2Rows[j]?.[k] as number) - z2);
      row.push(acc);
    }
    result.push(row);
  }
  return result;
}
const accMs = time(() => integerMatMul(q1, z1, q2, z2));
const naiveAccMs = time(naiveAccumulate, 5, 1);
report('int32 accumulation 256³', macs, 'MAC', accMs, naiveAccMs);
const wholeMs = time(() => quantizedMatMul(lhs, rhs), 5, 1);
rows.push([
  'quantizedMatMul 256³ (whole pipeline)',
  `${fmt((macs / wholeMs) * 1e3, 'MAC')} (${wholeMs.toFixed(1)} ms)`,
  '',
  '',
]);

// --- 3b. beside C++: the same pipelines compiled by g++ -O2, the best of each in one run --------
/** FNV-1a over the bytes of each array, as test/bench/native/pipeline.cc hashes its outputs. */
function fnv(...arrays: ArrayBufferView[]): string {
  let h = 2166136261;
  for (const a of arrays) {
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    for (const b of bytes) h = Math.imul(h ^ b, 16777619) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
const nativeRows: string[][] = [
  ['beside C++ (best of each)', 'engine, WebAssembly SIMD', 'engine, plain JS', 'C++ g++ -O2', 'ratio'],
];
{
  const dir = mkdtempSync(join(tmpdir(), 'qe-bench-'));
  const exe = join(dir, 'pipeline');
  execFileSync('g++', ['-O2', '-o', exe, 'test/bench/native/pipeline.cc']);
  const native = (...args: string[]) => {
    const [ms = '', hash = ''] = execFileSync(exe, args, { encoding: 'utf8' }).trim().split(' ');
    return { ms: Number(ms), hash };
  };
  const row = (name: string, simdMs: number, jsMs: number, cMs: number, same: boolean) =>
    nativeRows.push([
      name,
      `${simdMs.toFixed(2)} ms`,
      `${jsMs.toFixed(2)} ms`,
      `${cMs.toFixed(2)} ms`,
      `${(cMs / simdMs).toFixed(2)}× C++${same ? '' : ' — OUTPUTS DIFFER'}`,
    ]);
  // quantizedMatMul 256³: the whole pipeline (parameters, codes, the float and integer products, the output stage).
  const r = quantizedMatMul(lhs, rhs);
  const engineHash = fnv(r.accumulators.data, r.output.data, r.reference.data);
  // Interleaved rounds, the best of each: a slower or faster spell of the machine hits both sides.
  const rounds = <T extends { ms: number }>(engine: () => number, c: () => T, n = 4): [number, T] => {
    let e = Infinity;
    let b: T | null = null;
    for (let k = 0; k < n; k++) {
      e = Math.min(e, engine());
      const r = c();
      if (!b || r.ms < b.ms) b = r;
    }
    return [e, b as T];
  };
  const [simdMs, c] = rounds(
    () => best(() => quantizedMatMul(lhs, rhs), 5),
    () => native('matmul', String(S), '5'),
  );
  enableSimd(false);
  const jsMs = best(() => quantizedMatMul(lhs, rhs), 7, 1);
  enableSimd(true);
  row(`quantizedMatMul ${S}³, whole pipeline`, simdMs, jsMs, c.ms, c.hash === engineHash);
  // CONV_2D 3×3, SAME, 64×64×64 → 64 int8, per-channel multipliers (TFLite's ConvPerChannel).
  const H = 64;
  const C = 64;
  const int8 = (v: Float32Array) => Int8Array.from(v, (x) => Math.floor(x * 127.5));
  const x: ConvInputs = {
    input: { shape: [1, H, H, C], dtype: 'int8', data: int8(floats(H * H * C, 5)) },
    filter: { shape: [C, 3, 3, C], dtype: 'int8', data: int8(floats(C * 9 * C, 6)) },
    bias: { shape: [C], dtype: 'int32', data: Int32Array.from({ length: C }, (_, k) => ((k * 7919) % 20001) - 10000) },
    filterZeroPoints: new Int32Array(1),
    outputDtype: 'int8',
  };
  const requantization = {
    realMultipliers: new Float64Array(C),
    multipliers: Int32Array.from({ length: C }, (_, k) => 1073741824 + k * 7654321),
    shifts: Int32Array.from({ length: C }, (_, k) => -9 - (k % 3)),
    outputZeroPoint: 5,
    inputZeroPoint: -3,
    outputMin: -128,
    outputMax: 127,
    biasScales: new Float64Array(C),
  };
  const node = { op: 'CONV_2D', inputs: [], outputs: [], attributes: { padding: 0, stride_h: 1, stride_w: 1 } };
  const conv = conv2d(node, x, requantization);
  const convHash = fnv(conv.accumulators as Int32Array, conv.outputs[0]?.data as Int8Array);
  const [convMs, cc] = rounds(
    () => best(() => conv2d(node, x, requantization), 3),
    () => native('conv', String(H), String(C), '3'),
  );
  enableSimd(false);
  const convJsMs = best(() => conv2d(node, x, requantization), 3, 1);
  enableSimd(true);
  row(`CONV_2D 3×3 ${H}×${H}×${C} → ${C}, int8`, convMs, convJsMs, cc.ms, cc.hash === convHash);
}

// --- 4. schemes: quantizeTensor, and the int8 GEMM path beside the uint8 one ------------------
const big: FloatMatrix = { rows: 1000, cols: 1000, data: values };
const reused = new Int32Array(N);
for (const [name, scheme] of [
  ['per tensor (tflite-int8)', PRESETS['tflite-int8']],
  ['per column (pytorch-qint8-per-channel)', PRESETS['pytorch-qint8-per-channel']],
  ['blocks of 32 (onnx-int4-blocked-32)', PRESETS['onnx-int4-blocked-32']],
] as const) {
  const ms = time(() => quantizeTensor(big, scheme, reused));
  const freshMs = time(() => quantizeTensor(big, scheme));
  rows.push([`quantizeTensor 1M, ${name}`, fmt((N / ms) * 1e3, 'values'), '', '']);
  rows.push(['  the same, codes in a fresh Int32Array', fmt((N / freshMs) * 1e3, 'values'), '', '']);
}
// What a fresh 4 MB Int32Array costs by itself: its pages are faulted in on first write, slow in
// some virtual machines (this one: ~15 ms). The example's quantize, into a fresh Int32Array:
const int8Params = { ...chooseQuantizationParams(-1, 1), qmin: -128, qmax: 127, zeroPoint: 0 };
const freshMs = time(() => quantize(int8Params, values, new Int32Array(N)));
rows.push(['  for scale: quantize 1M into a fresh Int32Array', fmt((N / freshMs) * 1e3, 'values'), '', '']);
const int8Options = {
  lhsScheme: PRESETS['tflite-int8'],
  rhsScheme: PRESETS['tflite-int8-weights-per-column'],
  resultScheme: PRESETS['tflite-int8'],
  requantization: 'tflite',
} as const;
const int8 = quantizedMatMul(lhs, rhs, int8Options);
const int8AccMs = time(() => integerMatMul(int8.lhsQuantized, int8.lhsParams.zeroPoint, int8.rhsQuantized, 0));
rows.push(['int32 accumulation 256³, int8 × int8', fmt((macs / int8AccMs) * 1e3, 'MAC'), '', '']);
const int8WholeMs = time(() => quantizedMatMul(lhs, rhs, int8Options), 5, 1);
rows.push([
  'quantizedMatMul 256³, TFLite int8 per column',
  `${fmt((macs / int8WholeMs) * 1e3, 'MAC')} (${int8WholeMs.toFixed(1)} ms)`,
  '',
  '',
]);

// --- 5. calibration: the lab's estimators on its default stream (40 batches of 256) ------------
const stream = Array.from({ length: 40 }, (_, b) => values.subarray(b * 256, (b + 1) * 256));
const seen = values.subarray(0, 40 * 256);
const emaMs = time(() => observeRanges(stream, { kind: 'ema', constant: 0.01, convention: 'pytorch' }));
rows.push(['observeRanges, EMA, 40 batches of 256', `${emaMs.toFixed(2)} ms`, '', '']);
for (const kind of ['percentile', 'mse', 'entropy'] as const) {
  const method = kind === 'percentile' ? { kind, percentile: 99.99 } : { kind };
  const ms = time(() => calibrateRange(seen, PRESETS['onnx-int8'], method), 5, 1);
  rows.push([`calibrateRange ${kind}, 10,240 values (2048 bins)`, `${ms.toFixed(1)} ms`, '', '']);
}
for (const method of [
  { kind: 'percentile', percentile: 99.999, library: 'onnxruntime' },
  { kind: 'entropy', library: 'onnxruntime', bins: 2048 },
] as const) {
  const ms = time(() => calibrateRange(seen, PRESETS['onnx-int8'], method), 5, 1);
  rows.push([`calibrateRange ${method.kind}, ONNX Runtime, 10,240 values (2048 bins)`, `${ms.toFixed(1)} ms`, '', '']);
}

// --- 6. training: the digits network 64 → 32 → 10, batches of 32 (what the lab's worker runs) -----
const digits = digitsDataset(gunzipSync(readFileSync('public/data/digits.csv.gz')).toString('utf8'), 1);
const batchX = digits.train.x.subarray(0, 32 * 64);
const batchY = digits.train.y.subarray(0, 32);
for (const [name, quantized] of [
  ['float', false],
  ['QAT, 8 bits', true],
] as const) {
  const net = createNetwork([64, 32, 10], 1);
  const opt = createOptimizer(net, 0.003);
  const ranges = Array.from({ length: 3 }, () => ({ min: 0, max: 0, seen: false }));
  lossAndGradients(net, batchX, batchY, null, ranges); // ranges seen once
  // Many short runs after a long warm-up: a step takes about a millisecond.
  const ms = time(
    () => {
      const q = lossAndGradients(net, batchX, batchY, quantized ? { bits: 8, ranges } : null, ranges);
      applyGradients(net, opt, q.grads);
    },
    101,
    100,
  );
  rows.push([`training step, digits 64→32→10, batch 32, ${name}`, `${(1000 / ms).toFixed(0)} steps/s`, '', '']);
}

// Real models (section 9): okay_nabu read from its bytes, and one invocation of the whole stream.
{
  const bytes = new Uint8Array(readFileSync('public/models/okay_nabu.tflite'));
  const readMs = time(() => readModel(bytes), 21, 5);
  const model = readModel(bytes);
  const runner = createRunner(model);
  const frame = Array.from({ length: 120 }, (_, i) => ((i * 37) % 256) - 128);
  const runMs = time(() => runner.invoke([frame]), 21, 5);
  rows.push([`okay_nabu.tflite (${bytes.length} B): read`, `${readMs.toFixed(2)} ms`, '', '']);
  rows.push(['okay_nabu.tflite: one invocation (55 nodes, reference kernels)', `${runMs.toFixed(2)} ms`, '', '']);
}

// LLM weight formats (issue 21): ggml's reference quantizer and dequantizer on 1M values each.
{
  const values = floats(1 << 20, 21);
  for (const format of Object.keys(BLOCK_FORMATS) as BlockFormat[]) {
    const bytes = quantizeBlocks(format, values);
    const qMs = time(() => quantizeBlocks(format, values), 3, 1);
    const dMs = time(() => dequantizeBlocks(format, bytes, values.length), 5, 2);
    const bits = ((BLOCK_FORMATS[format].blockBytes * 8) / BLOCK_FORMATS[format].blockValues).toFixed(4);
    rows.push([`${format} (${bits} bits/weight): quantize 1M`, fmt((values.length / qMs) * 1e3, 'values'), '', '']);
    rows.push([`${format}: dequantize 1M`, fmt((values.length / dMs) * 1e3, 'values'), '', '']);
  }
}

/** A table with padded columns. */
function print(table: string[][]): void {
  const widths = table[0]?.map((_, c) => Math.max(...table.map((r) => (r[c] ?? '').length))) ?? [];
  for (const r of table) console.log(r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  '));
}
console.log(`Node ${process.version}, ${availableParallelism()} cores, ${new Date().toISOString()}`);
print(rows);
console.log('');
print(nativeRows);
console.log("Target: each ≥ 1.00× C++ (the ratio is C++ time / the engine's, outputs compared by hash).");
console.log(
  'Targets: quantize and quantizeTensor ≥ 100 M values/s; int32 accumulation 256³ ≥ 600 M MAC/s; the int8 path as fast as the uint8 one.',
);
