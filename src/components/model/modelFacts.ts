/** Facts about a model's nodes and tensors that the views show (no words). */
import { ONNX_KERNELS, TFLITE_OPS, type Model } from '../../models/index.ts';

/** The ops whose output elements can be stepped term by term. */
export const STEPPABLE = new Set(['FULLY_CONNECTED', 'CONV_2D', 'DEPTHWISE_CONV_2D']);
/** The ONNX ops whose output elements can be stepped term by term. */
export const ONNX_STEPPABLE = new Set(['QLinearMatMul', 'QLinearConv', 'MatMulInteger', 'ConvInteger']);
/** The elementwise ops whose output elements can be stepped (one input element each). */
export const ELEMENTWISE = new Set(['ADD', 'QUANTIZE', 'DEQUANTIZE']);

/** Whether the app runs node k. */
export function canRun(model: Model, k: number): boolean {
  const op = model.nodes[k]?.op ?? '';
  return model.format === 'tflite' ? TFLITE_OPS.includes(op) : op in ONNX_KERNELS;
}

/** Whether the app steps node k's outputs term by term. */
export function canStep(model: Model, k: number): boolean {
  const op = model.nodes[k]?.op ?? '';
  return model.format === 'tflite' ? STEPPABLE.has(op) || ELEMENTWISE.has(op) : ONNX_STEPPABLE.has(op);
}

/** "name int8[1,5,1,40]". */
export function tensorLabel(model: Model, t: number): string {
  const tensor = model.tensors[t];
  return tensor ? `${tensor.name} ${tensor.dtype}[${tensor.shape.join(',')}]` : `#${t}`;
}

/** A number with the digits that make it round-trip as float32 (scales are float32). */
export function float32Text(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  for (let digits = 1; digits <= 9; digits++) {
    const s = x.toPrecision(digits);
    if (Math.fround(Number(s)) === Math.fround(x)) return String(Number(s));
  }
  return x.toPrecision(9);
}
