/** What the page calls the libraries and the requantization methods. */
import type { Library, Requantization } from '../../engine/index.ts';

/** The libraries, as people name them. */
export const LIBRARY_NAME: Record<Library, string> = {
  gemmlowp: 'gemmlowp',
  tflite: 'TFLite',
  pytorch: 'PyTorch',
  onnx: 'ONNX Runtime',
};

/** What the menu calls each requantization method. */
export const REQUANTIZATION_TEXT: Record<Requantization, string> = {
  gemmlowp: 'gemmlowp fixed point: high multiply, rounding right shift',
  tflite: 'TFLite fixed point: signed shift, two roundings',
  'tflite-single-rounding': 'TFLite single rounding (one rounding, ties up)',
  float32: 'float32 multiplier, half to even (ONNX Runtime, PyTorch QNNPACK)',
  float64: 'float64, half to even (ONNX reference)',
};
