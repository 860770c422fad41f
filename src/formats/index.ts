/**
 * The block formats of today's LLM weights, bit for bit with the code that defines them (issue 21,
 * in progress): ggml's 32-value formats Q4_0, Q4_1, Q5_0, Q5_1, Q8_0 and MXFP4, the K-quants Q2_K, Q4_K, Q5_K, Q6_K and Q8_K, and ggml's fp16 so far;
 * Q3_K, MXFP4, NF4/FP4, FP8 and the OCP MX formats follow. Pure: no DOM.
 */
import { describeLayout, type BlockFields } from './describe.ts';
import { dequantizeLegacy, LEGACY_FORMATS, quantizeLegacy, type LegacyFormat } from './ggmlLegacy.ts';
import { dequantizeMxfp4, MXFP4_BLOCK, quantizeMxfp4 } from './mxfp4.ts';
import { dequantizeK, K_BLOCKS, quantizeK, type KFormat } from './kQuants.ts';

export { float32ToFp16, fp16ToFloat32 } from './fp16.ts';
export type { BlockField, BlockFields, ValueDecoding } from './describe.ts';

/** The block formats implemented so far. */
export type BlockFormat = LegacyFormat | 'mxfp4' | KFormat;

/** Values and bytes per block of each format. */
export const BLOCK_FORMATS: Readonly<Record<BlockFormat, { blockValues: number; blockBytes: number }>> = {
  ...LEGACY_FORMATS,
  mxfp4: MXFP4_BLOCK,
  ...K_BLOCKS,
};

const isK = (format: BlockFormat): format is KFormat => format in K_BLOCKS;

/** ggml's quantize_row_<format>_ref, byte for byte: `values` (a multiple of the block size) as blocks. */
export function quantizeBlocks(format: BlockFormat, values: Float32Array): Uint8Array {
  if (format === 'mxfp4') return quantizeMxfp4(values);
  if (isK(format)) return quantizeK(format, values);
  return quantizeLegacy(format, values);
}

/** ggml's dequantize_row_<format>: the first `count` values of `bytes`. */
export function dequantizeBlocks(format: BlockFormat, bytes: Uint8Array, count: number): Float32Array {
  if (format === 'mxfp4') return dequantizeMxfp4(bytes, count);
  if (isK(format)) return dequantizeK(format, bytes, count);
  return dequantizeLegacy(format, bytes, count);
}

/**
 * Block `block` of `bytes` in `format`: its bytes, its named fields and each value's decoding, or
 * null for the formats not described yet (Q2_K, Q3_K, Q6_K, Q8_K) or a block past the end.
 */
export function describeBlock(format: BlockFormat, bytes: Uint8Array, block: number): BlockFields | null {
  const { blockValues, blockBytes } = BLOCK_FORMATS[format];
  const b = bytes.subarray(block * blockBytes, (block + 1) * blockBytes);
  if (block < 0 || b.length < blockBytes) return null;
  const layout = describeLayout(format, b, dequantizeBlocks(format, b, blockValues));
  return layout && { format, block, bytes: b, ...layout };
}
