/**
 * A small multilayer perceptron trained three ways from one seed, as the paper does it (§3):
 * in float; in float then quantized after training (post-training quantization, PTQ); and with
 * simulated quantization in the forward pass (quantization-aware training, QAT): weights and
 * activations fake-quantized with the engine's gemmlowp arithmetic, straight-through gradients
 * (zero where a value was clamped), activation ranges tracked by an EMA (PyTorch's m + c·(x − m))
 * and quantization switched on only after `delay` steps. At the end the network runs integer-only
 * through the engine: uint8 codes, int32 accumulators, an int32 bias at S_in·S_w, fixed-point
 * requantization and ReLU as a clamp.
 */
import {
  activationBounds,
  chooseQuantizationParams,
  findMinMax,
  integerMatMul,
  lcg,
  normal,
  quantize,
  quantizeBias,
  requantize,
  requantizer,
  type QuantizationParams,
  type Scheme,
  fakeQuantize,
  movingAverageStep,
} from '../engine/index.ts';

/** One dense layer: y = x·W + b, W stored row by row (inputs × outputs); optionally batch-normalized. */
export interface Layer {
  readonly inputs: number;
  readonly outputs: number;
  readonly w: Float32Array;
  readonly b: Float32Array;
  readonly bn?: BatchNorm;
}

/** Batch normalization of a layer's outputs: γ, β and the running mean and variance (momentum 0.1). */
export interface BatchNorm {
  readonly gamma: Float32Array;
  readonly beta: Float32Array;
  readonly mean: Float32Array;
  readonly variance: Float32Array;
}

const BN_EPSILON = 1e-5;
const BN_MOMENTUM = 0.1;

/**
 * The layer with its batch norm folded in (the paper's §3.2), from the running statistics:
 * W' = W·γ/σ per output, b' = β + γ(b − μ)/σ, σ = √(variance + ε). A layer without one as it is.
 */
export function foldLayer(layer: Layer): Layer {
  const { bn, inputs, outputs, w, b } = layer;
  if (!bn) return layer;
  const scale = Float64Array.from(bn.gamma, (g, o) => g / Math.sqrt((bn.variance[o] as number) + BN_EPSILON));
  return {
    inputs,
    outputs,
    w: Float32Array.from(w, (v, t) => v * (scale[t % outputs] as number)),
    b: Float32Array.from(b, (v, o) => (bn.beta[o] as number) + (scale[o] as number) * (v - (bn.mean[o] as number))),
  };
}

/** The network with every batch norm folded into its layer. */
export function foldedNetwork(net: Network): Network {
  return { layers: net.layers.map(foldLayer) };
}

/** ReLU after every layer but the last (whose outputs are the class scores). */
export interface Network {
  readonly layers: Layer[];
}

/** A running range: PyTorch's moving average (first batch copied). */
export interface Range {
  min: number;
  max: number;
  seen: boolean;
}

/** The averaging constant of the activation ranges (PyTorch's default). */
export const EMA_CONSTANT = 0.01;

/** A network of these layer sizes, He-initialized from `seed`, biases 0; batch norm on the hidden layers if asked. */
export function createNetwork(sizes: readonly number[], seed: number, batchNorm = false): Network {
  const g = normal(lcg(seed), 0, 1);
  const layers = sizes.slice(1).map((outputs, l): Layer => {
    const inputs = sizes[l] as number;
    const std = Math.sqrt(2 / inputs);
    const layer = {
      inputs,
      outputs,
      w: Float32Array.from({ length: inputs * outputs }, () => g() * std),
      b: new Float32Array(outputs),
    };
    if (!batchNorm || l === sizes.length - 2) return layer;
    const bn = {
      gamma: new Float32Array(outputs).fill(1),
      beta: new Float32Array(outputs),
      mean: new Float32Array(outputs),
      variance: new Float32Array(outputs).fill(1),
    };
    return { ...layer, bn };
  });
  return { layers };
}

/** A deep copy (the PTQ and QAT runs start from the same weights). */
export function cloneNetwork(net: Network): Network {
  return {
    layers: net.layers.map((l) => {
      const copy = { inputs: l.inputs, outputs: l.outputs, w: l.w.slice(), b: l.b.slice() };
      if (!l.bn) return copy;
      const { gamma, beta, mean, variance } = l.bn;
      return {
        ...copy,
        bn: { gamma: gamma.slice(), beta: beta.slice(), mean: mean.slice(), variance: variance.slice() },
      };
    }),
  };
}

/** uint8-style codes of `bits` bits, gemmlowp's affine arithmetic, per tensor. */
export function codeScheme(bits: number): Scheme {
  return { library: 'gemmlowp', qmin: 0, qmax: 2 ** bits - 1, symmetric: false, granularity: { kind: 'tensor' } };
}

/** (S, Z) of a range under `bits` bits (gemmlowp: the range widened to contain 0). */
export function paramsOf(range: { min: number; max: number }, bits: number): QuantizationParams {
  return chooseQuantizationParams(range.min, range.max, { qmin: 0, qmax: 2 ** bits - 1 });
}

/** How a forward pass quantizes: not at all, or with these ranges (one per layer input, then the output). */
export type Quantization = { readonly bits: number; readonly ranges: readonly Range[] } | null;

/** What backward needs from the forward pass. */
interface Trace {
  /** The input of each layer as used (fake-quantized when quantizing). */
  readonly inputs: Float32Array[];
  /** The weights as used. */
  readonly weights: Float32Array[];
  /** Pre-activations z = x·W + b. */
  readonly z: Float32Array[];
  /** Where the fake quantization of each layer's output passes the gradient (null: everywhere). */
  readonly masks: (Uint8Array | null)[];
  /** The last layer's outputs (class scores) as used. */
  readonly scores: Float32Array;
  /** The batch's own min and max of each quantized tensor (input, then each layer's output). */
  readonly extents: { min: number; max: number }[];
  /** Per layer: batch-statistics normalization (training in float), or the fold used, or neither. */
  readonly norms: (BatchStats | Folded | null)[];
}

/** A batch-normalized layer in training: x̂ = (u − μ_B)/σ_B per output, and 1/σ_B. */
interface BatchStats {
  readonly kind: 'batch';
  readonly xhat: Float32Array;
  readonly invStd: Float64Array;
}

/** A layer used folded (W·γ/σ, running statistics): the per-output γ/σ, 1/σ and μ it used. */
interface Folded {
  readonly kind: 'folded';
  readonly scale: Float64Array;
  readonly invStd: Float64Array;
  readonly mean: Float64Array;
}

/** x·W + b for n rows (k inputs, m outputs). */
function affine(a: Float32Array, w: Float32Array, b: Float32Array, n: number, k: number, m: number): Float32Array {
  const z = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let o = 0; o < m; o++) {
      let s = b[o] as number;
      for (let j = 0; j < k; j++) s += (a[i * k + j] as number) * (w[j * m + o] as number);
      z[i * m + o] = s;
    }
  }
  return z;
}

/** Each output's batch mean and (biased) variance; the running statistics move 10 % toward them (unbiased variance). */
function batchStatistics(
  u: Float32Array,
  n: number,
  m: number,
  bn: BatchNorm,
): { mean: Float64Array; variance: Float64Array } {
  const mean = new Float64Array(m);
  const variance = new Float64Array(m);
  for (let o = 0; o < m; o++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += u[i * m + o] as number;
    const mu = sum / n;
    let sq = 0;
    for (let i = 0; i < n; i++) sq += ((u[i * m + o] as number) - mu) ** 2;
    mean[o] = mu;
    variance[o] = sq / n;
    bn.mean[o] = (1 - BN_MOMENTUM) * (bn.mean[o] as number) + BN_MOMENTUM * mu;
    bn.variance[o] = (1 - BN_MOMENTUM) * (bn.variance[o] as number) + BN_MOMENTUM * (n > 1 ? sq / (n - 1) : 0);
  }
  return { mean, variance };
}

/** Fake-quantizes `v` with a range's (S, Z), returning the values and the straight-through mask. */
function fq(
  v: Float32Array,
  range: { min: number; max: number },
  bits: number,
): { out: Float32Array; mask: Uint8Array } {
  const r = fakeQuantize(v, codeScheme(bits), paramsOf(range, bits));
  return { out: r.output, mask: r.passesGradient };
}

/** m ← m + c·(x − m) in float32, the first batch copied (PyTorch's MovingAverageMinMaxObserver). */
export function observe(range: Range, batch: { min: number; max: number }): void {
  const f = Math.fround;
  if (!range.seen) {
    range.min = f(batch.min);
    range.max = f(batch.max);
    range.seen = true;
    return;
  }
  ({ min: range.min, max: range.max } = movingAverageStep(range, batch, f(EMA_CONSTANT)));
}

/**
 * The forward pass on `n` examples. With `quantization`, the input, every weight matrix and every
 * layer's output are fake-quantized; with `observeRanges`, the ranges are first updated from the
 * batch (the input before quantization, each output after its ReLU).
 */
function forward(
  net: Network,
  x: Float32Array,
  n: number,
  quantization: Quantization,
  ranges?: Range[],
  train = false,
): Trace {
  const inputs: Float32Array[] = [];
  const weights: Float32Array[] = [];
  const zs: Float32Array[] = [];
  const masks: (Uint8Array | null)[] = [];
  const norms: (BatchStats | Folded | null)[] = [];
  const extents = [findMinMax(x)];
  if (ranges) observe(ranges[0] as Range, extents[0] as { min: number; max: number });
  let a = quantization ? fq(x, quantization.ranges[0] as Range, quantization.bits).out : x;
  const last = net.layers.length - 1;
  net.layers.forEach((layer, l) => {
    const { inputs: k, outputs: m, bn } = layer;
    inputs.push(a);
    let z: Float32Array;
    if (bn && train && !quantization) {
      // Training in float: normalize with this batch's statistics.
      const u = affine(a, layer.w, layer.b, n, k, m);
      const { mean, variance } = batchStatistics(u, n, m, bn);
      const invStd = Float64Array.from(variance, (v) => 1 / Math.sqrt(v + BN_EPSILON));
      const xhat = Float32Array.from(u, (v, t) => (v - (mean[t % m] as number)) * (invStd[t % m] as number));
      z = Float32Array.from(xhat, (v, t) => (bn.gamma[t % m] as number) * v + (bn.beta[t % m] as number));
      weights.push(layer.w);
      norms.push({ kind: 'batch', xhat, invStd });
    } else {
      // Folded (running statistics) when batch-normalized: what inference and the integer network compute.
      const folded = foldLayer(layer);
      if (bn) {
        // The statistics this pass folds with, kept before training moves them.
        const invStd = Float64Array.from(bn.variance, (v) => 1 / Math.sqrt(v + BN_EPSILON));
        const scale = Float64Array.from(invStd, (v, o) => v * (bn.gamma[o] as number));
        norms.push({ kind: 'folded', scale, invStd, mean: Float64Array.from(bn.mean) });
        if (train) batchStatistics(affine(a, layer.w, layer.b, n, k, m), n, m, bn); // keep the statistics current
      } else norms.push(null);
      const w = quantization ? fq(folded.w, findMinMax(folded.w), quantization.bits).out : folded.w;
      z = affine(a, w, folded.b, n, k, m);
      weights.push(w);
    }
    zs.push(z);
    const y = l === last ? z : z.map((v) => (v > 0 ? v : 0));
    extents.push(findMinMax(y));
    if (ranges) observe(ranges[l + 1] as Range, extents[l + 1] as { min: number; max: number });
    if (quantization) {
      const q = fq(y, quantization.ranges[l + 1] as Range, quantization.bits);
      masks.push(q.mask);
      a = q.out;
    } else {
      masks.push(null);
      a = y;
    }
  });
  return { inputs, weights, z: zs, masks, scores: a, extents, norms };
}

/** Mean softmax cross-entropy of the scores, and its gradient with respect to them. */
function crossEntropy(
  scores: Float32Array,
  y: Int32Array,
  n: number,
  classes: number,
): { loss: number; grad: Float32Array } {
  const grad = new Float32Array(n * classes);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let top = -Infinity;
    for (let c = 0; c < classes; c++) top = Math.max(top, scores[i * classes + c] as number);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp((scores[i * classes + c] as number) - top);
    const label = y[i] as number;
    loss += Math.log(sum) - ((scores[i * classes + label] as number) - top);
    for (let c = 0; c < classes; c++) {
      const p = Math.exp((scores[i * classes + c] as number) - top) / sum;
      grad[i * classes + c] = (p - (c === label ? 1 : 0)) / n;
    }
  }
  return { loss: loss / n, grad };
}

/** Gradients of the loss with respect to every weight and bias. */
export interface Gradients {
  readonly w: Float32Array[];
  readonly b: Float32Array[];
  /** Of each batch norm's γ and β (empty for a layer without one). */
  readonly gamma: Float32Array[];
  readonly beta: Float32Array[];
}

/** Loss and gradients on a batch (straight-through: a clamped value passes no gradient). */
export function lossAndGradients(
  net: Network,
  x: Float32Array,
  y: Int32Array,
  quantization: Quantization,
  ranges?: Range[],
): { loss: number; grads: Gradients; extents: { min: number; max: number }[] } {
  const n = y.length;
  const trace = forward(net, x, n, quantization, ranges, true);
  const classes = (net.layers[net.layers.length - 1] as Layer).outputs;
  const { loss, grad } = crossEntropy(trace.scores, y, n, classes);
  const gw: Float32Array[] = [];
  const gb: Float32Array[] = [];
  const gGamma: Float32Array[] = [];
  const gBeta: Float32Array[] = [];
  let upstream = grad; // dL/d(output of layer l, as used)
  for (let l = net.layers.length - 1; l >= 0; l--) {
    const { inputs: k, outputs: m } = net.layers[l] as Layer;
    const mask = trace.masks[l] ?? null;
    const z = trace.z[l] as Float32Array;
    const last = l === net.layers.length - 1;
    const dz = new Float32Array(n * m);
    for (let t = 0; t < n * m; t++) {
      const passes = (mask === null || mask[t] === 1) && (last || (z[t] as number) > 0);
      dz[t] = passes ? (upstream[t] as number) : 0;
    }
    const a = trace.inputs[l] as Float32Array;
    const w = trace.weights[l] as Float32Array;
    const norm = trace.norms[l] ?? null;
    const layer = net.layers[l] as Layer;
    const dGamma = new Float32Array(layer.bn ? m : 0);
    const dBeta = new Float32Array(layer.bn ? m : 0);
    // Batch statistics: z = γ·x̂ + β; back through the normalization to du (u = x·W + b).
    const du = norm?.kind === 'batch' ? batchNormBackward(dz, norm, layer.bn as BatchNorm, n, m, dGamma, dBeta) : dz;
    const dw = new Float32Array(k * m);
    const db = new Float32Array(m);
    const da = new Float32Array(n * k);
    for (let i = 0; i < n; i++) {
      for (let o = 0; o < m; o++) {
        const d = du[i * m + o] as number;
        if (d === 0) continue;
        db[o] = (db[o] as number) + d;
        for (let j = 0; j < k; j++) {
          dw[j * m + o] = (dw[j * m + o] as number) + (a[i * k + j] as number) * d;
          da[i * k + j] = (da[i * k + j] as number) + (w[j * m + o] as number) * d;
        }
      }
    }
    if (norm?.kind === 'folded') {
      // W' = W·γ/σ and b' = β + γ(b − μ)/σ: back from the folded weights and bias to W, b, γ, β.
      for (let o = 0; o < m; o++) {
        const scale = norm.scale[o] as number;
        const inv = norm.invStd[o] as number;
        let dScale = 0;
        for (let j = 0; j < k; j++) {
          dScale += (dw[j * m + o] as number) * (layer.w[j * m + o] as number);
          dw[j * m + o] = (dw[j * m + o] as number) * scale;
        }
        const dbFolded = db[o] as number;
        dGamma[o] = dScale * inv + dbFolded * inv * ((layer.b[o] as number) - (norm.mean[o] as number));
        dBeta[o] = dbFolded;
        db[o] = dbFolded * scale;
      }
    }
    gw[l] = dw;
    gb[l] = db;
    gGamma[l] = dGamma;
    gBeta[l] = dBeta;
    upstream = da; // the previous layer's mask is applied with its own dz
  }
  return { loss, grads: { w: gw, b: gb, gamma: gGamma, beta: gBeta }, extents: trace.extents };
}

/** d loss / du through z = γ·(u − μ_B)/σ_B + β, filling dγ and dβ. */
function batchNormBackward(
  dz: Float32Array,
  norm: BatchStats,
  bn: BatchNorm,
  n: number,
  m: number,
  dGamma: Float32Array,
  dBeta: Float32Array,
): Float32Array {
  const du = new Float32Array(n * m);
  for (let o = 0; o < m; o++) {
    const gamma = bn.gamma[o] as number;
    let sumD = 0;
    let sumDX = 0;
    let g = 0;
    let be = 0;
    for (let i = 0; i < n; i++) {
      const d = dz[i * m + o] as number;
      const xh = norm.xhat[i * m + o] as number;
      g += d * xh;
      be += d;
      sumD += d * gamma;
      sumDX += d * gamma * xh;
    }
    dGamma[o] = g;
    dBeta[o] = be;
    const inv = norm.invStd[o] as number;
    for (let i = 0; i < n; i++) {
      const dxh = (dz[i * m + o] as number) * gamma;
      du[i * m + o] = (inv / n) * (n * dxh - sumD - (norm.xhat[i * m + o] as number) * sumDX);
    }
  }
  return du;
}

/** Adam's moments for every parameter. */
export interface Optimizer {
  readonly lr: number;
  step: number;
  beta1Power: number;
  beta2Power: number;
  readonly m: Float32Array[];
  readonly v: Float32Array[];
}

/** Every trained array: the weights, the biases, then each batch norm's γ and β (empty where none). */
function parametersOf(net: Network): Float32Array[] {
  const none = new Float32Array(0);
  return [
    ...net.layers.map((l) => l.w),
    ...net.layers.map((l) => l.b),
    ...net.layers.map((l) => l.bn?.gamma ?? none),
    ...net.layers.map((l) => l.bn?.beta ?? none),
  ];
}

/** Adam (β1 0.9, β2 0.999, ε 1e−8) over the network's weights then biases. */
export function createOptimizer(net: Network, lr: number): Optimizer {
  const params = parametersOf(net);
  return {
    lr,
    step: 0,
    beta1Power: 1,
    beta2Power: 1,
    m: params.map((p) => new Float32Array(p.length)),
    v: params.map((p) => new Float32Array(p.length)),
  };
}

/** One Adam update. */
export function applyGradients(net: Network, opt: Optimizer, grads: Gradients): void {
  opt.step++;
  // β^step as running products (exact the same in every JavaScript engine, unlike **).
  opt.beta1Power *= 0.9;
  opt.beta2Power *= 0.999;
  const params = parametersOf(net);
  const gs = [...grads.w, ...grads.b, ...grads.gamma, ...grads.beta];
  const c1 = 1 - opt.beta1Power;
  const c2 = 1 - opt.beta2Power;
  params.forEach((p, k) => {
    const g = gs[k] as Float32Array;
    const m = opt.m[k] as Float32Array;
    const v = opt.v[k] as Float32Array;
    for (let t = 0; t < p.length; t++) {
      const gt = g[t] as number;
      m[t] = 0.9 * (m[t] as number) + 0.1 * gt;
      v[t] = 0.999 * (v[t] as number) + 0.001 * gt * gt;
      p[t] = (p[t] as number) - (opt.lr * ((m[t] as number) / c1)) / (Math.sqrt((v[t] as number) / c2) + 1e-8);
    }
  });
}

/** The class with the highest score for each of `n` examples (the first on a tie). */
export function argmax(scores: ArrayLike<number>, n: number, classes: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++)
      if ((scores[i * classes + c] as number) > (scores[i * classes + best] as number)) best = c;
    out[i] = best;
  }
  return out;
}

/** Predictions in float, or fake-quantized with fixed ranges. */
export function predict(net: Network, x: Float32Array, n: number, quantization: Quantization): Int32Array {
  const classes = (net.layers[net.layers.length - 1] as Layer).outputs;
  return argmax(forward(net, x, n, quantization).scores, n, classes);
}

/** Ranges for post-training quantization: the min and max of each quantized tensor over `x`. */
export function calibrate(net: Network, x: Float32Array, n: number): Range[] {
  const ranges = Array.from({ length: net.layers.length + 1 }, () => ({ min: Infinity, max: -Infinity, seen: true }));
  const trace = forward(net, x, n, null);
  const outputs = [x, ...trace.inputs.slice(1), trace.scores];
  outputs.forEach((v, t) => {
    const e = findMinMax(v);
    (ranges[t] as Range).min = Math.fround(e.min);
    (ranges[t] as Range).max = Math.fround(e.max);
  });
  return ranges;
}

/** The share of predictions equal to the labels (or to other predictions). */
export function agreement(a: Int32Array, b: Int32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return a.length ? same / a.length : 0;
}

/** One layer as the integer-only network runs it. */
export interface IntegerLayer {
  readonly input: QuantizationParams;
  readonly weights: QuantizationParams;
  readonly output: QuantizationParams;
  readonly codes: Uint8Array;
  readonly bias: Int32Array;
  readonly relu: boolean;
}

/**
 * The network as uint8 integer layers: weights quantized from their min/max, each layer's input
 * and output from the ranges, the bias as int32 at S_in·S_w (throws an EngineError where a scale
 * or multiplier cannot be represented).
 */
export function integerNetwork(net: Network, ranges: readonly Range[], bits: number): IntegerLayer[] {
  return foldedNetwork(net).layers.map((layer, l) => {
    const input = paramsOf(ranges[l] as Range, bits);
    const output = paramsOf(ranges[l + 1] as Range, bits);
    const weights = paramsOf(findMinMax(layer.w), bits);
    const codes = quantize(weights, layer.w) as Uint8Array;
    const bias = quantizeBias(layer.b, Math.fround(input.scale * weights.scale));
    return { input, weights, output, codes, bias, relu: l < net.layers.length - 1 };
  });
}

/**
 * Integer-only inference of `n` examples: the input quantized once, then per layer int32
 * accumulators, + bias, TFLite's fixed-point requantization, + Z, clamped (ReLU: from Z). Returns
 * the last layer's codes.
 */
export function integerInference(layers: readonly IntegerLayer[], x: Float32Array, n: number): Uint8Array {
  const first = layers[0] as IntegerLayer;
  let codes = quantize(first.input, x) as Uint8Array;
  for (const layer of layers) {
    const m = layer.bias.length;
    const k = layer.codes.length / m;
    const acc = integerMatMul(
      { rows: n, cols: k, data: codes },
      layer.input.zeroPoint,
      { rows: k, cols: m, data: layer.codes },
      layer.weights.zeroPoint,
    );
    const r = requantizer('tflite', layer.input.scale, layer.weights.scale, layer.output.scale);
    const { lo, hi } = activationBounds(layer.relu ? 'relu' : 'none', layer.output);
    const out = new Uint8Array(n * m);
    for (let t = 0; t < n * m; t++) {
      const q = requantize(r, (acc.data[t] as number) + (layer.bias[t % m] as number)).scaled + layer.output.zeroPoint;
      out[t] = q < lo ? lo : q > hi ? hi : q;
    }
    codes = out;
  }
  return codes;
}
