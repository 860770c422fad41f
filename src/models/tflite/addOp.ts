/**
 * TFLite Micro's int8 ADD (add_common.cc CalculateOpDataAdd, reference_integer_ops/add.h AddFunc):
 * both inputs are brought to a common scale before they are summed —
 *
 *     left_shift = 20, twice_max = 2·max(S1, S2)
 *     M1 = S1 / twice_max, M2 = S2 / twice_max, M_out = twice_max / (2^20 · S_out)   (each < 1, QuantizeMultiplierSmallerThanOneExp)
 *     a_k  = RoundingDivideByPOT(SRDHM((q_k − Z_k) · 2^20, M0_k), −shift_k)             k = 1, 2
 *     code = clamp(RoundingDivideByPOT(SRDHM(a_1 + a_2, M0_out), −shift_out) + Z_out, act_min, act_max)
 *
 * with numpy-style broadcasting (BroadcastAdd4DSlow → BroadcastBinaryFunction6DSlow).
 */
import {
  divideSteps,
  highMulSteps,
  multiplyByQuantizedMultiplier,
  type DivideSteps,
  type HighMulSteps,
} from '../../engine/fixedPoint.ts';
import { quantizeMultiplier } from '../../engine/multiplier.ts';
import { refuseModel } from '../problems.ts';
import type { ModelNode, ModelTensor } from '../types.ts';
import type { Value } from '../values.ts';
import { activationRange } from './prepare.ts';

/** What AddPrepare derives for an int8 ADD. */
export interface AddParams {
  readonly leftShift: number;
  /** Z_1, Z_2 and Z_out. */
  readonly zeroPoints: readonly [number, number, number];
  /** M1, M2, M_out in double, as CalculateOpDataAdd computes them. */
  readonly realMultipliers: readonly [number, number, number];
  readonly multipliers: readonly [number, number, number];
  /** ≤ 0: right shifts. */
  readonly shifts: readonly [number, number, number];
  readonly outputMin: number;
  readonly outputMax: number;
}

function quantOf(t: ModelTensor, node: number): { s: number; z: number } {
  const q = t.quantization;
  if (!q || q.scales.length !== 1)
    refuseModel({ kind: 'unsupportedForm', node, op: 'ADD', detail: `per-tensor quantization of ${t.name}` });
  return { s: q.scales[0] as number, z: q.zeroPoints[0] as number };
}

/** AddPrepare for int8 inputs and output (the scales are float32; TFLite widens them to double). */
export function addParams(tensors: readonly ModelTensor[], node: ModelNode, index: number): AddParams {
  const [a, b] = node.inputs.map((t) => tensors[t]);
  const out = tensors[node.outputs[0] ?? -1];
  if (!a || !b || !out) refuseModel({ kind: 'missingInput', node: index, input: !a ? 0 : 1 });
  for (const t of [a, b, out])
    if (t.dtype !== 'int8') refuseModel({ kind: 'unsupportedForm', node: index, op: 'ADD', detail: t.dtype });
  const [q1, q2, qo] = [quantOf(a, index), quantOf(b, index), quantOf(out, index)];
  const leftShift = 20;
  const twiceMax = 2 * Math.max(q1.s, q2.s);
  const real = [q1.s / twiceMax, q2.s / twiceMax, twiceMax / (2 ** leftShift * qo.s)] as const;
  const fixed = real.map((m) => {
    if (!(m > 0 && m < 1))
      refuseModel({ kind: 'unsupportedForm', node: index, op: 'ADD', detail: `multiplier ${m} not in (0, 1)` });
    return quantizeMultiplier(m);
  });
  const activation =
    typeof node.attributes.fused_activation_function === 'number' ? node.attributes.fused_activation_function : 0;
  const { outputMin, outputMax } = activationRange(activation, out, index, 'ADD');
  return {
    leftShift,
    zeroPoints: [q1.z, q2.z, qo.z],
    realMultipliers: real,
    multipliers: fixed.map((f) => f.quantizedMultiplier) as unknown as [number, number, number],
    shifts: fixed.map((f) => f.shift) as unknown as [number, number, number],
    outputMin,
    outputMax,
  };
}

/** The flat index into an input of `shape` read by output coordinate `at` (broadcast: size-1 dimensions repeat). */
function broadcastIndex(shape: readonly number[], outShape: readonly number[], at: readonly number[]): number {
  const lead = outShape.length - shape.length;
  let flat = 0;
  shape.forEach((d, k) => {
    flat = flat * d + (d === 1 ? 0 : (at[k + lead] ?? 0));
  });
  return flat;
}

function coordinate(shape: readonly number[], flat: number): number[] {
  const at = new Array<number>(shape.length).fill(0);
  for (let k = shape.length - 1; k >= 0; k--) {
    const d = Math.max(shape[k] ?? 1, 1);
    at[k] = flat % d;
    flat = Math.floor(flat / d);
  }
  return at;
}

/** The output shape of broadcasting two shapes (numpy's rule), or null when they do not broadcast. */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] | null {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let k = 0; k < rank; k++) {
    const x = a[k - (rank - a.length)] ?? 1;
    const y = b[k - (rank - b.length)] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** One input's side of an element: its code, offset and shift, and its rescaling to the common scale. */
export interface AddSide {
  readonly at: readonly number[];
  readonly q: number;
  readonly zeroPoint: number;
  /** (q − Z) · 2^left_shift. */
  readonly shifted: number;
  readonly multiplier: number;
  readonly shift: number;
  readonly highMul: HighMulSteps;
  readonly divide: DivideSteps;
  /** The scaled value a_k. */
  readonly scaled: number;
}

/** The walk of one ADD output element. */
export interface AddTrace {
  readonly element: number;
  readonly at: readonly number[];
  readonly leftShift: number;
  readonly sides: readonly [AddSide, AddSide];
  readonly rawSum: number;
  readonly outputMultiplier: number;
  readonly outputShift: number;
  readonly highMul: HighMulSteps;
  readonly divide: DivideSteps;
  readonly zOut: number;
  readonly unclamped: number;
  readonly outputMin: number;
  readonly outputMax: number;
  readonly code: number;
  /** S1·(q1 − Z1) + S2·(q2 − Z2), and that over S_out + Z_out. */
  readonly real: number;
  readonly idealCode: number;
}

/** MultiplyByQuantizedMultiplierSmallerThanOneExp written out: SRDHM, then RoundingDivideByPOT(−shift). */
function scaleSteps(x: number, multiplier: number, shift: number) {
  const highMul = highMulSteps(x, multiplier);
  const divide = divideSteps(highMul.result, -shift);
  return { highMul, divide };
}

function outputShapeOf(a: Value, b: Value, index: number): number[] {
  const shape = broadcastShape(a.shape, b.shape);
  if (!shape)
    refuseModel({
      kind: 'unsupportedForm',
      node: index,
      op: 'ADD',
      detail: `shapes [${a.shape.join(',')}] and [${b.shape.join(',')}]`,
    });
  return shape;
}

/** Output element `element` of an int8 ADD, step by step. */
export function addTrace(
  tensors: readonly ModelTensor[],
  node: ModelNode,
  index: number,
  values: readonly (Value | null)[],
  element: number,
): AddTrace {
  const p = addParams(tensors, node, index);
  const [a, b] = values;
  if (!a || !b) refuseModel({ kind: 'missingInput', node: index, input: !a ? 0 : 1 });
  const outShape = outputShapeOf(a, b, index);
  const count = outShape.reduce((x, y) => x * Math.max(y, 1), 1);
  if (!(Number.isInteger(element) && element >= 0 && element < count))
    refuseModel({ kind: 'unsupportedForm', node: index, op: 'ADD', detail: 'element' });
  const at = coordinate(outShape, element);
  const side = (v: Value, k: 0 | 1): AddSide => {
    const i = broadcastIndex(v.shape, outShape, at);
    const q = v.data[i] as number;
    const zeroPoint = p.zeroPoints[k];
    const shifted = (q - zeroPoint) * 2 ** p.leftShift;
    const steps = scaleSteps(shifted, p.multipliers[k], p.shifts[k]);
    return {
      at: coordinate(v.shape, i),
      q,
      zeroPoint,
      shifted,
      multiplier: p.multipliers[k],
      shift: p.shifts[k],
      ...steps,
      scaled: steps.divide.result,
    };
  };
  const sides = [side(a, 0), side(b, 1)] as const;
  const rawSum = (sides[0].scaled + sides[1].scaled) | 0;
  const out = scaleSteps(rawSum, p.multipliers[2], p.shifts[2]);
  const zOut = p.zeroPoints[2];
  const unclamped = out.divide.result + zOut;
  const code = Math.min(Math.max(unclamped, p.outputMin), p.outputMax);
  const [t1, t2, tOut] = [tensors[node.inputs[0] ?? -1], tensors[node.inputs[1] ?? -1], tensors[node.outputs[0] ?? -1]];
  const s = (t: ModelTensor | undefined) => t?.quantization?.scales[0] ?? 1;
  const real = s(t1) * (sides[0].q - sides[0].zeroPoint) + s(t2) * (sides[1].q - sides[1].zeroPoint);
  return {
    element,
    at,
    leftShift: p.leftShift,
    sides,
    rawSum,
    outputMultiplier: p.multipliers[2],
    outputShift: p.shifts[2],
    ...out,
    zOut,
    unclamped,
    outputMin: p.outputMin,
    outputMax: p.outputMax,
    code,
    real,
    idealCode: real / s(tOut) + zOut,
  };
}

/** The int8 ADD of two values: every output element as AddFunc computes it. */
export function addOp(tensors: readonly ModelTensor[], node: ModelNode, index: number, a: Value, b: Value): Value {
  const p = addParams(tensors, node, index);
  const outShape = outputShapeOf(a, b, index);
  const count = outShape.reduce((x, y) => x * Math.max(y, 1), 1);
  const out = new Int8Array(count);
  const one = (q: number, k: 0 | 1) =>
    multiplyByQuantizedMultiplier((q - p.zeroPoints[k]) * 2 ** p.leftShift, p.multipliers[k], p.shifts[k]);
  for (let e = 0; e < count; e++) {
    const at = coordinate(outShape, e);
    const sum =
      (one(a.data[broadcastIndex(a.shape, outShape, at)] as number, 0) +
        one(b.data[broadcastIndex(b.shape, outShape, at)] as number, 1)) |
      0;
    const scaled = multiplyByQuantizedMultiplier(sum, p.multipliers[2], p.shifts[2]);
    out[e] = Math.min(Math.max(scaled + p.zeroPoints[2], p.outputMin), p.outputMax);
  }
  return { shape: outShape, dtype: 'int8', data: out };
}
