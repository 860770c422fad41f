/**
 * The ONNX kernels the runner dispatches to, by op_type, and each quantized op's requantization
 * y = saturate(round(acc · M + Z_y)) with M = S_a · S_b / S_y per output channel, in float32 as
 * ONNX Runtime computes it (the kernels themselves follow onnx/reference, see matmulOps.ts).
 */
import type { Model } from '../types.ts';
import { INT_RANGES } from './dtypes.ts';
import { convInteger, qlinearConv } from './convOps.ts';
import { floatConv, floatMatMul } from './floatLinear.ts';
import { FLOAT_KERNELS } from './floatOps.ts';
import type { Kernel } from './kernel.ts';
import { matMulInteger, qlinearMatMul } from './matmulOps.ts';
import { dequantizeLinear, dynamicQuantizeLinear, quantizeLinear } from './quantizeOps.ts';

export type { Kernel, KernelResult, Value } from './kernel.ts';

export const ONNX_KERNELS: Readonly<Record<string, Kernel>> = {
  QLinearMatMul: qlinearMatMul,
  QLinearConv: qlinearConv,
  MatMulInteger: matMulInteger,
  ConvInteger: convInteger,
  QuantizeLinear: quantizeLinear,
  DequantizeLinear: dequantizeLinear,
  DynamicQuantizeLinear: dynamicQuantizeLinear,
  MatMul: floatMatMul,
  Conv: floatConv,
  ...FLOAT_KERNELS,
};

/** Inputs (a_scale, b_scale, y_scale, y_zero_point) of the ops with a requantization. */
const REQUANTIZED: Readonly<Record<string, readonly [number, number, number, number]>> = {
  QLinearMatMul: [1, 4, 6, 7],
  QLinearConv: [1, 4, 6, 7],
};

/**
 * Per output channel, what the op's requantization uses: the float multiplier M = S_a·S_b/S_y (float32
 * as ONNX Runtime computes it), the output zero point and range. Null for ops without one, or when a
 * scale or zero point is not a constant of the model.
 */
export function onnxRequantization(
  model: Model,
  node: number,
): { realMultipliers: Float32Array; outputZeroPoint: number; outputMin: number; outputMax: number } | null {
  const n = model.nodes[node];
  const slots = n ? REQUANTIZED[n.op] : undefined;
  if (!n || !slots) return null;
  const [a, b, y, z] = slots.map((k) => {
    const i = n.inputs[k] ?? -1;
    return i >= 0 ? model.tensors[i] : undefined;
  });
  if (!a?.data || !b?.data || !y?.data || a.data.length !== 1 || y.data.length !== 1 || (z && !z.data)) return null;
  const f = Math.fround;
  const sa = f(a.data[0] ?? NaN);
  const sy = f(y.data[0] ?? NaN);
  const realMultipliers = Float32Array.from(b.data, (sb) => f(f(sa * f(sb)) / sy));
  const dtype = z?.dtype ?? model.tensors[n.inputs[0] ?? -1]?.dtype ?? 'uint8';
  const range = INT_RANGES[dtype];
  if (!range) return null;
  return { realMultipliers, outputZeroPoint: z?.data?.[0] ?? 0, outputMin: range[0], outputMax: range[1] };
}
