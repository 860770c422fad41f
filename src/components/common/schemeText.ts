/** What the page calls the libraries and the requantization methods. */
import { i18n } from '@lingui/core';
import { codeBits, type Library, type PresetName, type Requantization, type Scheme } from '../../engine/index.ts';

/** The libraries, as people name them. */
export const LIBRARY_NAME: Record<Library, string> = {
  gemmlowp: 'gemmlowp',
  tflite: 'TFLite',
  pytorch: 'PyTorch',
  onnx: 'ONNX Runtime',
};

const REQUANTIZATION_TEXT: Record<Requantization, string> = {
  gemmlowp: 'names.requant.gemmlowp',
  tflite: 'names.requant.tflite',
  'tflite-single-rounding': 'names.requant.tfliteSingleRounding',
  float32: 'names.requant.float32',
  float64: 'names.requant.float64',
};

/** What the menu calls a requantization method. */
export const requantizationText = (r: Requantization): string => i18n._(REQUANTIZATION_TEXT[r]);

const PRESET_TEXT: Partial<Record<PresetName, string>> = {
  gemmlowp: 'names.preset.gemmlowp',
  'tflite-int8': 'names.preset.tfliteInt8',
  'pytorch-quint8': 'names.preset.pytorchQuint8',
  'pytorch-quint8-reduce-range': 'names.preset.pytorchQuint8ReduceRange',
  'pytorch-qint8-symmetric': 'names.preset.pytorchQint8Symmetric',
  'onnx-uint8': 'names.preset.onnxUint8',
  'onnx-int8': 'names.preset.onnxInt8',
  'tflite-int8-weights-per-column': 'names.preset.tfliteInt8WeightsPerColumn',
  'pytorch-qint8-per-channel': 'names.preset.pytorchQint8PerChannel',
  'onnx-int8-symmetric-per-column': 'names.preset.onnxInt8SymmetricPerColumn',
  'onnx-int4-blocked-32': 'names.preset.onnxInt4Blocked32',
};

/** The presets the page offers, in its menus' order. */
export const SCHEME_PRESETS = Object.keys(PRESET_TEXT) as PresetName[];

/** A preset, named after what computes it. */
export const presetText = (name: PresetName): string => {
  const id = PRESET_TEXT[name];
  return id ? i18n._(id) : name;
};

/** A scheme in a few words (for one that is not a preset): library, codes, symmetry, granularity. */
export function describeScheme(s: Scheme): string {
  const bits = codeBits(s);
  const codes = `${s.qmin < 0 ? 'int' : 'uint'}${bits}`;
  const g = s.granularity;
  const where =
    g.kind === 'tensor'
      ? i18n._('names.perTensor')
      : g.kind === 'axis'
        ? g.axis === 0
          ? i18n._('names.perRow')
          : i18n._('names.perColumn')
        : g.axis === 0
          ? i18n._('names.blocksDown', { size: g.blockSize })
          : i18n._('names.blocksAlong', { size: g.blockSize });
  const library = LIBRARY_NAME[s.library];
  return s.symmetric
    ? i18n._('names.schemeSymmetric', { library, codes, where })
    : i18n._('names.schemeAffine', { library, codes, where });
}

/** What a group of values is called: a row, a column, or a block of one. */
export function groupName(scheme: Scheme, g: number, shape: { rows: number; cols: number }): string {
  const k = scheme.granularity;
  if (k.kind === 'tensor') return i18n._('names.wholeMatrix');
  if (k.kind === 'axis') return k.axis === 0 ? i18n._('names.row', { n: g + 1 }) : i18n._('names.column', { n: g + 1 });
  const b = k.blockSize;
  if (k.axis === 0) {
    const first = Math.floor(g / shape.cols) * b;
    const last = Math.min(first + b, shape.rows);
    return i18n._('names.rowsOfColumn', { first: first + 1, last, column: (g % shape.cols) + 1 });
  }
  const perRow = Math.ceil(shape.cols / b);
  const first = (g % perRow) * b;
  const last = Math.min(first + b, shape.cols);
  return i18n._('names.columnsOfRow', { first: first + 1, last, row: Math.floor(g / perRow) + 1 });
}
