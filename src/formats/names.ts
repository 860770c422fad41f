/**
 * The block formats' names: the list the pickers and links use, without the formats' code (which
 * loads when a format is first chosen).
 */

/** Every block format, in the order the app lists them. */
export const BLOCK_FORMAT_NAMES = [
  'q4_0',
  'q4_1',
  'q5_0',
  'q5_1',
  'q8_0',
  'q2_K',
  'q3_K',
  'q4_K',
  'q5_K',
  'q6_K',
  'q8_K',
  'mxfp4',
  'nf4',
  'fp4',
  'fp8_e4m3fn',
  'fp8_e5m2',
  'mxfp8_e4m3',
  'mxfp8_e5m2',
  'mxfp6_e2m3',
  'mxfp6_e3m2',
  'mxfp4_e2m1',
] as const;

/** A block format. */
export type BlockFormat = (typeof BLOCK_FORMAT_NAMES)[number];

/** How each format is written: ggml's type names, bitsandbytes' and OCP's. */
export const FORMAT_LABEL: Readonly<Record<BlockFormat, string>> = {
  q4_0: 'Q4_0',
  q4_1: 'Q4_1',
  q5_0: 'Q5_0',
  q5_1: 'Q5_1',
  q8_0: 'Q8_0',
  q2_K: 'Q2_K',
  q3_K: 'Q3_K',
  q4_K: 'Q4_K',
  q5_K: 'Q5_K',
  q6_K: 'Q6_K',
  q8_K: 'Q8_K',
  mxfp4: 'MXFP4 (ggml)',
  nf4: 'NF4',
  fp4: 'FP4 (bitsandbytes)',
  fp8_e4m3fn: 'FP8 E4M3FN',
  fp8_e5m2: 'FP8 E5M2',
  mxfp8_e4m3: 'MXFP8 E4M3',
  mxfp8_e5m2: 'MXFP8 E5M2',
  mxfp6_e2m3: 'MXFP6 E2M3',
  mxfp6_e3m2: 'MXFP6 E3M2',
  mxfp4_e2m1: 'MXFP4 E2M1 (OCP)',
};

/** The library or spec whose code each format is computed by. */
export const FORMAT_SOURCE: Readonly<Record<BlockFormat, 'ggml' | 'bitsandbytes' | 'onnx' | 'ocp'>> = {
  q4_0: 'ggml',
  q4_1: 'ggml',
  q5_0: 'ggml',
  q5_1: 'ggml',
  q8_0: 'ggml',
  q2_K: 'ggml',
  q3_K: 'ggml',
  q4_K: 'ggml',
  q5_K: 'ggml',
  q6_K: 'ggml',
  q8_K: 'ggml',
  mxfp4: 'ggml',
  nf4: 'bitsandbytes',
  fp4: 'bitsandbytes',
  fp8_e4m3fn: 'onnx',
  fp8_e5m2: 'onnx',
  mxfp8_e4m3: 'ocp',
  mxfp8_e5m2: 'ocp',
  mxfp6_e2m3: 'ocp',
  mxfp6_e3m2: 'ocp',
  mxfp4_e2m1: 'ocp',
};
