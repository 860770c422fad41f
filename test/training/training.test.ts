/**
 * The training lab's math: gradients against finite differences, the straight-through mask, runs
 * reproducible from their settings, and on the digits 8-bit QAT within a point of float with its
 * integer-only inference agreeing with its fake-quantized forward pass.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { digitsDataset, playgroundDataset } from '../../src/training/datasets.ts';
import { fakeQuantize } from '../../src/engine/calibration.ts';
import {
  codeScheme,
  createNetwork,
  foldedNetwork,
  predict,
  lossAndGradients,
  paramsOf,
  type Layer,
  type Range,
} from '../../src/training/network.ts';
import { createRun, DEFAULT_TRAINING, integerResults, stepRun } from '../../src/training/run.ts';

describe('the network', () => {
  it('has the gradients of its loss (central differences, float64 steps on float32 weights)', () => {
    const net = createNetwork([3, 4, 3], 5);
    const x = Float32Array.of(0.5, -1, 2, 1.5, 0.25, -0.75);
    const y = Int32Array.of(2, 0);
    const { grads } = lossAndGradients(net, x, y, null);
    let checked = 0;
    net.layers.forEach((layer, l) => {
      for (const [params, grad] of [
        [layer.w, grads.w[l]],
        [layer.b, grads.b[l]],
      ] as const) {
        for (let t = 0; t < params.length; t++) {
          const keep = params[t] as number;
          const h = 1e-2;
          params[t] = keep + h;
          const up = lossAndGradients(net, x, y, null).loss;
          params[t] = keep - h;
          const down = lossAndGradients(net, x, y, null).loss;
          params[t] = keep;
          expect(grad?.[t]).toBeCloseTo((up - down) / (2 * h), 3);
          checked++;
        }
      }
    });
    expect(checked).toBe(3 * 4 + 4 + 4 * 3 + 3);
  });

  it('passes no gradient through a value its fake quantization clamped (straight-through estimator)', () => {
    const net = createNetwork([2, 3], 1);
    const layer = net.layers[0] as Layer;
    const x = Float32Array.of(1, -1, 0.5, 2);
    const y = Int32Array.of(0, 1);
    const ranges: Range[] = [
      { min: -3, max: 3, seen: true },
      { min: -0.2, max: 0.3, seen: true }, // most scores fall outside: clamped
    ];
    const { grads } = lossAndGradients(net, x, y, { bits: 8, ranges });
    // The same written out with the engine's fake quantization: d loss / d b = Σ (softmax − onehot) / n · mask.
    const scheme = codeScheme(8);
    const xq = fakeQuantize(x, scheme, paramsOf(ranges[0] as Range, 8)).output;
    const w = layer.w;
    const wq = fakeQuantize(w, scheme, paramsOf({ min: Math.min(...w), max: Math.max(...w) }, 8)).output;
    const z = Float32Array.from({ length: 6 }, (_, t) => {
      const [i, o] = [Math.floor(t / 3), t % 3];
      return (
        (layer.b[o] as number) +
        (xq[2 * i] as number) * (wq[o] as number) +
        (xq[2 * i + 1] as number) * (wq[3 + o] as number)
      );
    });
    const { output: scores, passesGradient: mask } = fakeQuantize(z, scheme, paramsOf(ranges[1] as Range, 8));
    expect(Array.from(mask)).toContain(0);
    expect(Array.from(mask)).toContain(1);
    const expected = [0, 0, 0];
    for (let i = 0; i < 2; i++) {
      const row = Array.from(scores.subarray(3 * i, 3 * i + 3));
      const top = Math.max(...row);
      const sum = row.reduce((acc, v) => acc + Math.exp(v - top), 0);
      row.forEach((v, o) => {
        const g = (Math.exp(v - top) / sum - (o === y[i] ? 1 : 0)) / 2;
        expected[o] = (expected[o] as number) + (mask[3 * i + o] === 1 ? g : 0);
      });
    }
    Array.from(grads.b[0] ?? []).forEach((g, o) => expect(g).toBeCloseTo(expected[o] as number, 6));
  });
});

describe('batch normalization', () => {
  it('has the gradients of its loss with batch statistics, for W, b, γ and β (central differences)', () => {
    const net = createNetwork([3, 4, 3], 7, true);
    const layer = net.layers[0] as Layer;
    const bn = layer.bn;
    if (!bn) throw new Error('no batch norm');
    bn.gamma.set([1.2, 0.8, 1.5, 0.6]);
    bn.beta.set([0.1, -0.2, 0.3, 0.05]);
    const x = Float32Array.of(0.5, -1, 2, 1.5, 0.25, -0.75, -0.3, 0.9, 1.1, 2, -1.5, 0.4);
    const y = Int32Array.of(2, 0, 1, 1);
    const loss = () => {
      // Evaluating moves the running statistics: restore them, they do not enter the loss here.
      const keep = [bn.mean.slice(), bn.variance.slice()];
      const l = lossAndGradients(net, x, y, null).loss;
      bn.mean.set(keep[0] as Float32Array);
      bn.variance.set(keep[1] as Float32Array);
      return l;
    };
    const { grads } = lossAndGradients(net, x, y, null);
    const pairs = [
      [layer.w, grads.w[0]],
      [bn.gamma, grads.gamma[0]],
      [bn.beta, grads.beta[0]],
      [(net.layers[1] as Layer).w, grads.w[1]],
    ] as const;
    for (const [params, grad] of pairs) {
      for (let t = 0; t < params.length; t++) {
        const keep = params[t] as number;
        const h = 1e-2;
        params[t] = keep + h;
        const up = loss();
        params[t] = keep - h;
        const down = loss();
        params[t] = keep;
        expect(grad?.[t]).toBeCloseTo((up - down) / (2 * h), 3);
      }
    }
    // The first layer's bias is normalized away: no gradient.
    Array.from(grads.b[0] ?? []).forEach((g) => expect(Math.abs(g)).toBeLessThan(1e-6));
  });

  it('passes the folded weights’ gradient back to W, b, γ and β (16-bit fake quantization, central differences)', () => {
    const net = createNetwork([3, 4, 3], 9, true);
    const layer = net.layers[0] as Layer;
    const bn = layer.bn;
    if (!bn) throw new Error('no batch norm');
    bn.gamma.set([1.2, 0.8, 1.5, 0.6]);
    bn.beta.set([0.1, -0.2, 0.3, 0.05]);
    bn.mean.set([0.2, -0.1, 0.4, 0]);
    bn.variance.set([1.5, 0.7, 2, 1.2]);
    layer.b.set([0.05, -0.1, 0.2, 0]);
    const x = Float32Array.of(0.5, -1, 2, 1.5, 0.25, -0.75);
    const y = Int32Array.of(2, 0);
    // Narrow ranges and 16 bits: the quantization's own steps (S ≈ 1.5e−4) stay far below h.
    const wide = { min: -5, max: 5, seen: true };
    const q = { bits: 16, ranges: [wide, wide, wide] };
    const loss = () => {
      const keep = [bn.mean.slice(), bn.variance.slice()];
      const r = lossAndGradients(net, x, y, q);
      bn.mean.set(keep[0] as Float32Array);
      bn.variance.set(keep[1] as Float32Array);
      return r;
    };
    const { grads } = loss();
    for (const [params, grad] of [
      [layer.w, grads.w[0]],
      [layer.b, grads.b[0]],
      [bn.gamma, grads.gamma[0]],
      [bn.beta, grads.beta[0]],
    ] as const) {
      for (let t = 0; t < params.length; t++) {
        const keep = params[t] as number;
        const h = 1e-2; // small enough not to cross a ReLU kink
        params[t] = keep + h;
        const up = loss().loss;
        params[t] = keep - h;
        const down = loss().loss;
        params[t] = keep;
        expect(grad?.[t]).toBeCloseTo((up - down) / (2 * h), 2);
      }
    }
  });

  it('folds into the weights: the folded network computes what the normalized one does at inference', () => {
    const net = createNetwork([2, 5, 2], 3, true);
    const bn = (net.layers[0] as Layer).bn;
    if (!bn) throw new Error('no batch norm');
    bn.gamma.set([1.3, 0.7, 2, 0.5, 1]);
    bn.beta.set([0.2, -0.1, 0, 0.4, -0.3]);
    bn.mean.set([0.5, -0.2, 1, 0, 0.3]);
    bn.variance.set([2, 0.5, 1.5, 0.8, 1.1]);
    const x = Float32Array.from({ length: 40 }, (_, t) => Math.sin(t) * 2);
    const folded = foldedNetwork(net);
    expect(folded.layers[0]?.bn).toBeUndefined();
    expect(predict(folded, x, 20, null)).toEqual(predict(net, x, 20, null));
    // W' = W·γ/σ for one weight, written out.
    const w = (net.layers[0] as Layer).w[1] as number; // input 0, output 1
    expect(folded.layers[0]?.w[1]).toBeCloseTo((w * 0.7) / Math.sqrt(0.5 + 1e-5), 6);
  });

  it('trains with quantization on the folded weights and keeps float accuracy on the digits at 8 bits', () => {
    const csv = gunzipSync(readFileSync('public/data/digits.csv.gz')).toString('utf8');
    const run = createRun(
      { ...DEFAULT_TRAINING, dataset: 'digits', hidden: 32, steps: 400, delay: 150, batchNorm: true },
      digitsDataset(csv, 1),
    );
    while (run.step < 400) stepRun(run);
    const last = run.evaluations.at(-1);
    expect(last?.float).toBeGreaterThan(0.9);
    expect(Math.abs((last?.qat ?? 0) - (last?.float ?? 1))).toBeLessThanOrEqual(0.02);
    const integer = integerResults(run);
    expect('agreement' in integer.qat && integer.qat.agreement).toBeGreaterThanOrEqual(0.98);
  }, 60_000);
});

describe('a run', () => {
  it('is reproduced exactly by its settings, and another seed gives another run', () => {
    const settings = { ...DEFAULT_TRAINING, steps: 60, delay: 20 };
    const go = (seed: number) => {
      const run = createRun({ ...settings, seed }, playgroundDataset('xor', seed));
      while (run.step < settings.steps) stepRun(run);
      return [run.floatLoss, run.qatLoss, run.evaluations];
    };
    expect(go(3)).toEqual(go(3));
    expect(go(4)).not.toEqual(go(3));
  });

  it('on the digits, 8-bit QAT ends within a point of float and its integer-only inference agrees ≥ 99 %', () => {
    const csv = gunzipSync(readFileSync('public/data/digits.csv.gz')).toString('utf8');
    const data = digitsDataset(csv, 1);
    expect([data.train.count + data.test.count, data.features, data.classes]).toEqual([1797, 64, 10]);
    const run = createRun({ ...DEFAULT_TRAINING, dataset: 'digits', hidden: 32, steps: 600, delay: 200 }, data);
    while (run.step < 600) stepRun(run);
    const last = run.evaluations.at(-1);
    expect(last?.float).toBeGreaterThan(0.93);
    expect(Math.abs((last?.qat ?? 0) - (last?.float ?? 1))).toBeLessThanOrEqual(0.01);
    const integer = integerResults(run);
    expect('agreement' in integer.qat && integer.qat.agreement).toBeGreaterThanOrEqual(0.99);
  }, 60_000);
});
