/** What the page calls the libraries and the requantization methods. */
import { codeBits, type Library, type PresetName, type Requantization, type Scheme } from '../../engine/index.ts';

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

/** The presets the page offers, named after what computes them. */
export const PRESET_TEXT: Partial<Record<PresetName, string>> = {
  gemmlowp: 'gemmlowp — uint8, the paper',
  'tflite-int8': 'TFLite int8 (activations)',
  'pytorch-quint8': 'PyTorch quint8',
  'pytorch-quint8-reduce-range': 'PyTorch quint8, reduce_range [0, 127]',
  'pytorch-qint8-symmetric': 'PyTorch qint8 symmetric (÷ 127.5)',
  'onnx-uint8': 'ONNX Runtime uint8 (DynamicQuantizeLinear)',
  'onnx-int8': 'ONNX Runtime int8 (quantization tool)',
  'tflite-int8-weights-per-column': 'TFLite int8 weights: symmetric ±127, per column',
  'pytorch-qint8-per-channel': 'PyTorch qint8 per channel: symmetric, per column',
  'onnx-int8-symmetric-per-column': 'ONNX Runtime int8 symmetric, per column',
  'onnx-int4-blocked-32': 'ONNX int4 symmetric, blocks of 32 down each column',
};

/** A scheme in a few words (for one that is not a preset): library, codes, symmetry, granularity. */
export function describeScheme(s: Scheme): string {
  const bits = codeBits(s);
  const codes = `${s.qmin < 0 ? 'int' : 'uint'}${bits}`;
  const g = s.granularity;
  const where =
    g.kind === 'tensor'
      ? 'per tensor'
      : g.kind === 'axis'
        ? g.axis === 0
          ? 'per row'
          : 'per column'
        : `blocks of ${g.blockSize} ${g.axis === 0 ? 'down each column' : 'along each row'}`;
  return `${LIBRARY_NAME[s.library]} ${codes} ${s.symmetric ? 'symmetric' : 'affine'}, ${where}`;
}

/** What a group of values is called: a row, a column, or a block of one. */
export function groupName(scheme: Scheme, g: number, shape: { rows: number; cols: number }): string {
  const k = scheme.granularity;
  if (k.kind === 'tensor') return 'the matrix';
  if (k.kind === 'axis') return `${k.axis === 0 ? 'row' : 'column'} ${g + 1}`;
  const b = k.blockSize;
  if (k.axis === 0) {
    const first = Math.floor(g / shape.cols) * b;
    return `rows ${first + 1}–${Math.min(first + b, shape.rows)} of column ${(g % shape.cols) + 1}`;
  }
  const perRow = Math.ceil(shape.cols / b);
  const first = (g % perRow) * b;
  return `columns ${first + 1}–${Math.min(first + b, shape.cols)} of row ${Math.floor(g / perRow) + 1}`;
}
