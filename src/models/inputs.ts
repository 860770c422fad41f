/** The whole model run once on the input a person chose (hello_world: x quantized; others: seeded random codes). */
import { lcg } from '../engine/random.ts';
import { roundHalfAwayFromZero } from '../engine/rounding.ts';
import { createRunner } from './index.ts';
import type { Model } from './types.ts';
import { dtypeRange } from './values.ts';

/** TFLite's QUANTIZE of x by a tensor's (S, Z), clamped to its dtype. */
export function quantizeInput(model: Model, x: number): number {
  const t = model.tensors[model.inputs[0] ?? -1];
  const s = t?.quantization?.scales[0] ?? 1;
  const z = t?.quantization?.zeroPoints[0] ?? 0;
  const range = dtypeRange(t?.dtype ?? 'int8') ?? { qmin: -128, qmax: 127 };
  return Math.min(Math.max(roundHalfAwayFromZero(Math.fround(x / s)) + z, range.qmin), range.qmax);
}

/** The input codes of every model input. */
export function inputCodes(model: Model, x: number | null, seed: number): ArrayLike<number>[] {
  const random = lcg(seed);
  return model.inputs.map((t) => {
    const tensor = model.tensors[t];
    const count = tensor ? tensor.shape.reduce((a, b) => a * Math.max(b, 1), 1) : 0;
    if (x !== null && count === 1) return [quantizeInput(model, x)];
    const range = dtypeRange(tensor?.dtype ?? 'int8') ?? { qmin: -128, qmax: 127 };
    return Array.from({ length: count }, () => range.qmin + Math.floor(random() * (range.qmax - range.qmin + 1)));
  });
}

/** Every tensor's values after one invoke. */
export function runModel(model: Model, inputs: ArrayLike<number>[]): (ArrayLike<number> | null)[] {
  return createRunner(model).invoke(inputs);
}
