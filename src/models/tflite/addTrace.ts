/**
 * One output element of a quantized ADD, written out as TFLite Micro's AddFunc computes it
 * (addOp.ts), beside the same sum in real numbers:
 *
 *     shifted_k = (q_k − Z_k) · 2^left_shift
 *     a_k       = RoundingDivideByPOT(SRDHM(shifted_k, M0_k), −shift_k)                 k = 1, 2
 *     code      = clamp(RoundingDivideByPOT(SRDHM(a_1 + a_2, M0_out), −shift_out) + Z_out, act_min, act_max)
 *     real      = S1 · (q1 − Z1) + S2 · (q2 − Z2),   ideal code = real / S_out + Z_out
 */
import { divideSteps, highMulSteps, type DivideSteps, type HighMulSteps } from '../../engine/index.ts';
import { refuseModel } from '../problems.ts';
import type { ModelNode, ModelTensor } from '../types.ts';
import type { Value } from '../values.ts';
import { coordinate } from '../values.ts';
import { broadcastIndex, broadcastOutputShape } from './broadcast.ts';
import { addParams } from './prepare.ts';

/** One input's side of an element: its code, offset and shift, and its rescaling to the common scale. */
export interface AddSide {
  /** Where in this input the element reads (size-1 dimensions broadcast: index 0). */
  readonly at: readonly number[];
  /** The flat index into this input. */
  readonly index: number;
  readonly q: number;
  readonly zeroPoint: number;
  /** −Z, TFLite's input offset. */
  readonly offset: number;
  readonly scale: number;
  /** (q − Z) · 2^left_shift. */
  readonly shifted: number;
  /** M_k = S_k / (2 · max(S1, S2)) in double. */
  readonly realMultiplier: number;
  readonly multiplier: number;
  /** ≤ 0 (a right shift of −shift). */
  readonly shift: number;
  readonly highMul: HighMulSteps;
  readonly divide: DivideSteps;
  /** The scaled value a_k. */
  readonly scaled: number;
}

/** The walk of one ADD output element. */
export interface AddTrace {
  readonly element: number;
  /** Where in the output. */
  readonly at: readonly number[];
  readonly leftShift: number;
  readonly sides: readonly [AddSide, AddSide];
  /** a_1 + a_2 (int32). */
  readonly rawSum: number;
  /** M_out = 2 · max(S1, S2) / (2^left_shift · S_out) in double. */
  readonly outputRealMultiplier: number;
  readonly outputMultiplier: number;
  readonly outputShift: number;
  readonly highMul: HighMulSteps;
  readonly divide: DivideSteps;
  readonly outputScale: number;
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
function scaleSteps(x: number, multiplier: number, shift: number): { highMul: HighMulSteps; divide: DivideSteps } {
  const highMul = highMulSteps(x, multiplier);
  return { highMul, divide: divideSteps(highMul.result, -shift) };
}

/** Output element `element` of the int8 or int16 ADD node `index` on its inputs `values`, step by step. */
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
  const outShape = broadcastOutputShape(a, b, index, 'ADD');
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
      index: i,
      q,
      zeroPoint,
      offset: -zeroPoint,
      scale: p.scales[k],
      shifted,
      realMultiplier: p.realMultipliers[k],
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
  const real = sides[0].scale * (sides[0].q - sides[0].zeroPoint) + sides[1].scale * (sides[1].q - sides[1].zeroPoint);
  return {
    element,
    at,
    leftShift: p.leftShift,
    sides,
    rawSum,
    outputRealMultiplier: p.realMultipliers[2],
    outputMultiplier: p.multipliers[2],
    outputShift: p.shifts[2],
    ...out,
    outputScale: p.scales[2],
    zOut,
    unclamped,
    outputMin: p.outputMin,
    outputMax: p.outputMax,
    code: Math.min(Math.max(unclamped, p.outputMin), p.outputMax),
    real,
    idealCode: real / p.scales[2] + zOut,
  };
}
