/** The whole model run once on the input a person chose (hello_world: x quantized; others: seeded random codes). */
import { lcg, roundHalfAwayFromZero } from '../engine/index.ts';
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

/** The first input typed by hand: integer codes, or real values quantized by the input's S and Z. */
export interface GivenInput {
  readonly kind: 'codes' | 'reals';
  readonly values: ArrayLike<number>;
}

/** Why typed input values cannot be used. */
export type InputProblem =
  | { readonly kind: 'notANumber'; readonly index: number; readonly token: string }
  | { readonly kind: 'count'; readonly expected: number; readonly actual: number }
  | {
      readonly kind: 'notACode';
      readonly index: number;
      readonly value: number;
      readonly qmin: number;
      readonly qmax: number;
    }
  /** A float input takes real values only. */
  | { readonly kind: 'floatInput'; readonly dtype: string };

const elements = (shape: readonly number[]) => shape.reduce((a, b) => a * Math.max(b, 1), 1);

/** Reads typed values (separated by spaces, commas or new lines) for the model's first input. */
export function parseInput(model: Model, kind: GivenInput['kind'], text: string): GivenInput | InputProblem {
  const tensor = model.tensors[model.inputs[0] ?? -1];
  const tokens = text.split(/[\s,;]+/).filter((t) => t !== '');
  const values = new Float32Array(tokens.length);
  const range = dtypeRange(tensor?.dtype ?? 'int8');
  if (kind === 'codes' && !range) return { kind: 'floatInput', dtype: tensor?.dtype ?? '' };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const v = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(token) ? Math.fround(Number(token)) : NaN;
    if (!Number.isFinite(v)) return { kind: 'notANumber', index: i, token: token.slice(0, 20) };
    if (kind === 'codes' && range && !(Number.isInteger(v) && v >= range.qmin && v <= range.qmax))
      return { kind: 'notACode', index: i, value: v, ...range };
    values[i] = v;
  }
  const expected = elements(tensor?.shape ?? []);
  if (values.length !== expected) return { kind: 'count', expected, actual: values.length };
  return { kind, values };
}

/** The input codes of every model input: the first as given (or hello_world's x), the rest seeded random codes. */
export function inputCodes(
  model: Model,
  x: number | null,
  seed: number,
  given: GivenInput | null = null,
): ArrayLike<number>[] {
  const random = lcg(seed);
  return model.inputs.map((t, k) => {
    const tensor = model.tensors[t];
    const count = tensor ? elements(tensor.shape) : 0;
    if (k === 0 && given) {
      // A float input takes the real values as they are; a quantized one their codes.
      if (given.kind === 'codes' || !dtypeRange(tensor?.dtype ?? 'int8')) return Array.from(given.values);
      return Array.from(given.values, (v) => quantizeInput(model, v));
    }
    if (x !== null && count === 1) return [quantizeInput(model, x)];
    const range = dtypeRange(tensor?.dtype ?? 'int8') ?? { qmin: -128, qmax: 127 };
    return Array.from({ length: count }, () => range.qmin + Math.floor(random() * (range.qmax - range.qmin + 1)));
  });
}

/** Every tensor's values after one invoke. */
export function runModel(model: Model, inputs: ArrayLike<number>[]): (ArrayLike<number> | null)[] {
  return createRunner(model).invoke(inputs);
}
