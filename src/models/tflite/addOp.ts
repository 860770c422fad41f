/**
 * TFLite Micro's int8 and int16 ADD (add.cc EvalAddQuantized; reference_integer_ops/add.h AddFunc,
 * reference/add.h AddElementwise): both inputs are brought to a common scale before they are summed,
 * with the parameters of AddPrepare (prepare.ts addParams) —
 *
 *     a_k  = RoundingDivideByPOT(SRDHM((q_k − Z_k) · 2^left_shift, M0_k), −shift_k)        k = 1, 2
 *     code = clamp(RoundingDivideByPOT(SRDHM(a_1 + a_2, M0_out), −shift_out) + Z_out, act_min, act_max)
 *
 * with numpy-style broadcasting (BroadcastAdd4DSlow → BroadcastBinaryOpSimple, broadcast.ts).
 */
import { multiplyByQuantizedMultiplier } from '../../engine/index.ts';
import type { ModelNode, ModelTensor } from '../types.ts';
import { newArray, type Value } from '../values.ts';
import { coordinate } from '../values.ts';
import { broadcastIndex, broadcastOutputShape } from './broadcast.ts';
import { addParams } from './prepare.ts';

/** The quantized ADD of two values: every output element as AddFunc computes it. */
export function addOp(tensors: readonly ModelTensor[], node: ModelNode, index: number, a: Value, b: Value): Value {
  const p = addParams(tensors, node, index);
  const outShape = broadcastOutputShape(a, b, index, 'ADD');
  const count = outShape.reduce((x, y) => x * Math.max(y, 1), 1);
  const out = newArray(p.dtype, count);
  // MultiplyByQuantizedMultiplierSmallerThanOneExp: shift ≤ 0, so no left shift inside.
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
  return { shape: outShape, dtype: p.dtype, data: out };
}
