/**
 * The training lab's math: gradients against finite differences, the straight-through mask, runs
 * reproducible from their settings, and on the digits 8-bit QAT within a point of float with its
 * integer-only inference agreeing with its fake-quantized forward pass.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { digitsDataset, playgroundDataset } from '../../src/training/datasets.ts';
import { fakeQuantize } from '../../src/engine/index.ts';
import {
  codeScheme,
  createNetwork,
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
