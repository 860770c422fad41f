/**
 * The training lab's data: the 2-D sets teachers know from TensorFlow Playground (generated from a
 * seed) and the UCI 8×8 handwritten digits (1,797 images, CC BY 4.0, as scikit-learn ships them:
 * public/data/digits.csv.gz, 64 pixels 0…16 then the label per line).
 */
import { lcg, normal, uniform } from '../engine/index.ts';
export { DATASETS, type DatasetName } from './settings.ts';

import type { DatasetName } from './settings.ts';

/** Examples as rows of `features` floats, their class, split into training and test. */
export interface Dataset {
  readonly name: DatasetName;
  readonly features: number;
  readonly classes: number;
  readonly train: Examples;
  readonly test: Examples;
}

export interface Examples {
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly count: number;
}

/** Points per 2-D set (TensorFlow Playground draws 500). */
const POINTS = 500;

/** A 2-D set drawn from `seed`, half for training and half for testing (as the Playground's default). */
export function playgroundDataset(name: Exclude<DatasetName, 'digits'>, seed: number): Dataset {
  const random = lcg(seed);
  const u = uniform(random, 0, 1);
  const g = normal(random, 0, 1);
  const x = new Float32Array(POINTS * 2);
  const y = new Int32Array(POINTS);
  for (let n = 0; n < POINTS; n++) {
    const label = n % 2;
    let a = 0;
    let b = 0;
    switch (name) {
      case 'circles': {
        // Inside a radius-2 disc (class 0) or on a ring 3.5…5 (class 1), with noise.
        const r = label === 0 ? 2 * u() : 3.5 + 1.5 * u();
        const t = 2 * Math.PI * u();
        a = r * Math.sin(t) + 0.2 * g();
        b = r * Math.cos(t) + 0.2 * g();
        break;
      }
      case 'xor': {
        a = 10 * u() - 5;
        b = 10 * u() - 5;
        a += a > 0 ? 0.3 : -0.3; // a margin around the axes
        b += b > 0 ? 0.3 : -0.3;
        y[n] = a * b >= 0 ? 0 : 1;
        x[2 * n] = a;
        x[2 * n + 1] = b;
        continue;
      }
      case 'gaussians': {
        a = (label === 0 ? 2 : -2) + g();
        b = (label === 0 ? 2 : -2) + g();
        break;
      }
      case 'spirals': {
        const r = (5 * n) / POINTS;
        const t = (1.75 * 2 * Math.PI * n) / POINTS + label * Math.PI;
        a = r * Math.sin(t) + 0.15 * g();
        b = r * Math.cos(t) + 0.15 * g();
        break;
      }
    }
    x[2 * n] = a;
    x[2 * n + 1] = b;
    y[n] = label;
  }
  return split(name, 2, 2, x, y, seed);
}

/** The digits from their CSV (pixels scaled to [0, 1]); 80 % for training, split by `seed`. */
export function digitsDataset(csv: string, seed: number): Dataset {
  const lines = csv.split('\n').filter((line) => line.trim() !== '');
  const x = new Float32Array(lines.length * 64);
  const y = new Int32Array(lines.length);
  lines.forEach((line, n) => {
    const cells = line.split(',').map(Number);
    for (let k = 0; k < 64; k++) x[n * 64 + k] = (cells[k] as number) / 16;
    y[n] = cells[64] as number;
  });
  return split('digits', 64, 10, x, y, seed, 0.8);
}

/** A seeded shuffle of the examples into training (fraction) and test. */
function split(
  name: DatasetName,
  features: number,
  classes: number,
  x: Float32Array,
  y: Int32Array,
  seed: number,
  fraction = 0.5,
): Dataset {
  const count = y.length;
  const order = shuffled(count, seed + 1);
  const nTrain = Math.round(count * fraction);
  const take = (ids: Int32Array): Examples => {
    const xs = new Float32Array(ids.length * features);
    const ys = new Int32Array(ids.length);
    ids.forEach((id, k) => {
      xs.set(x.subarray(id * features, (id + 1) * features), k * features);
      ys[k] = y[id] as number;
    });
    return { x: xs, y: ys, count: ids.length };
  };
  return {
    name,
    features,
    classes,
    train: take(order.subarray(0, nTrain)),
    test: take(order.subarray(nTrain)),
  };
}

/** 0…n−1 in an order drawn from `seed` (Fisher–Yates). */
export function shuffled(n: number, seed: number): Int32Array {
  const u = uniform(lcg(seed), 0, 1);
  const order = Int32Array.from({ length: n }, (_, k) => k);
  for (let k = n - 1; k > 0; k--) {
    const j = Math.floor(u() * (k + 1));
    const t = order[k] as number;
    order[k] = order[j] as number;
    order[j] = t;
  }
  return order;
}
