/**
 * One element of TFLite's QUANTIZE and DEQUANTIZE, written out as the kernels compute it
 * (run.ts): a float quantized by AffineQuantize — round half away from zero of the float32
 * x / S_out, + Z_out, clamped — or a code requantized to another scale (Requantize:
 * MultiplyByQuantizedMultiplier(q − Z_in, M0, shift) + Z_out, clamped, with M = S_in / S_out);
 * and a code dequantized, S · (q − Z) stored as float32 — for the dtype pairs TFLite Micro runs
 * (prepare.ts checkQuantizeTypes).
 */
import {
  divideSteps,
  highMulSteps,
  type DivideSteps,
  type HighMulSteps,
  quantizeMultiplier,
  roundHalfAwayFromZero,
} from '../../engine/index.ts';
import { refuseModel } from '../problems.ts';
import type { ModelNode, ModelTensor } from '../types.ts';
import { dtypeRange, type Value } from '../values.ts';
import { checkQuantizeTypes } from './prepare.ts';

export type QuantizeTrace =
  | {
      readonly kind: 'quantize';
      readonly element: number;
      readonly x: number;
      readonly scale: number;
      /** x / S in float32. */
      readonly divided: number;
      readonly rounded: number;
      readonly zOut: number;
      readonly qmin: number;
      readonly qmax: number;
      readonly code: number;
    }
  | {
      readonly kind: 'requantize';
      readonly element: number;
      readonly q: number;
      readonly zIn: number;
      readonly realMultiplier: number;
      readonly multiplier: number;
      readonly shift: number;
      readonly leftShifted: number;
      readonly highMul: HighMulSteps;
      readonly divide: DivideSteps;
      readonly zOut: number;
      readonly qmin: number;
      readonly qmax: number;
      readonly code: number;
    }
  | {
      readonly kind: 'dequantize';
      readonly element: number;
      readonly q: number;
      readonly zIn: number;
      readonly scale: number;
      /** S · (q − Z), float32. */
      readonly real: number;
    };

const scaleOf = (t: ModelTensor | undefined) => t?.quantization?.scales[0];
const zeroOf = (t: ModelTensor | undefined) => t?.quantization?.zeroPoints[0] ?? 0;

/** Element `element` of a QUANTIZE or DEQUANTIZE node on its input `input`. */
export function quantizeTrace(
  tensors: readonly ModelTensor[],
  node: ModelNode,
  index: number,
  input: Value | null,
  element: number,
): QuantizeTrace {
  const inT = tensors[node.inputs[0] ?? -1];
  const outT = tensors[node.outputs[0] ?? -1];
  if (!input || !inT || !outT) refuseModel({ kind: 'missingInput', node: index, input: 0 });
  if (!(Number.isInteger(element) && element >= 0 && element < input.data.length))
    refuseModel({ kind: 'unsupportedForm', node: index, op: node.op, detail: 'element' });
  const v = input.data[element] as number;
  checkQuantizeTypes(node.op, input.dtype, outT.dtype, index);
  if (node.op === 'DEQUANTIZE') {
    const scale = scaleOf(inT);
    if (scale === undefined) refuseModel({ kind: 'unsupportedForm', node: index, op: node.op, detail: inT.name });
    return { kind: 'dequantize', element, q: v, zIn: zeroOf(inT), scale, real: Math.fround(scale * (v - zeroOf(inT))) };
  }
  const range = dtypeRange(outT.dtype);
  const sOut = scaleOf(outT);
  if (node.op !== 'QUANTIZE' || !range || sOut === undefined)
    refuseModel({ kind: 'unsupportedForm', node: index, op: node.op, detail: outT.dtype });
  const clamp = (c: number) => Math.min(Math.max(c, range.qmin), range.qmax);
  const zOut = zeroOf(outT);
  if (input.dtype === 'float32') {
    const divided = Math.fround(v / sOut);
    const rounded = roundHalfAwayFromZero(divided);
    return {
      kind: 'quantize',
      element,
      x: v,
      scale: sOut,
      divided,
      rounded,
      zOut,
      ...range,
      code: clamp(rounded + zOut),
    };
  }
  const sIn = scaleOf(inT);
  if (sIn === undefined) refuseModel({ kind: 'unsupportedForm', node: index, op: node.op, detail: inT.name });
  const realMultiplier = sIn / sOut;
  const { quantizedMultiplier, shift } = quantizeMultiplier(realMultiplier);
  const zIn = zeroOf(inT);
  const leftShifted = (v - zIn) * 2 ** Math.max(shift, 0);
  const highMul = highMulSteps(leftShifted | 0, quantizedMultiplier);
  const divide = divideSteps(highMul.result, Math.max(-shift, 0));
  return {
    kind: 'requantize',
    element,
    q: v,
    zIn,
    realMultiplier,
    multiplier: quantizedMultiplier,
    shift,
    leftShifted,
    highMul,
    divide,
    zOut,
    ...range,
    code: clamp(divide.result + zOut),
  };
}
