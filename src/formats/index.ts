/**
 * The block formats of today's LLM weights, bit for bit with the code that defines them: ggml's
 * Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, MXFP4 and K-quants Q2_K…Q8_K (ggml-quants.c), bitsandbytes' NF4 and
 * FP4 (kernels.cu), FP8 E4M3FN / E5M2 (ONNX Cast) and the OCP MX formats (microxcaling). Pure: no DOM.
 */
import { BNB_BLOCK, dequantizeBnbBlocks, quantizeBnbBlocks } from './bitsandbytes.ts';
import { describeLayout, type BlockFields } from './describe.ts';
import { dequantizeLegacy, LEGACY_FORMATS, quantizeLegacy, type LegacyFormat } from './ggmlLegacy.ts';
import { dequantizeK, K_BLOCKS, quantizeK, type KFormat } from './kQuants.ts';
import {
  dequantizeFp8,
  dequantizeMx,
  MX_ELEMENTS,
  mxBlockBytes,
  quantizeFp8,
  quantizeMx,
  type MxElementName,
} from './mx.ts';
import { dequantizeMxfp4, MXFP4_BLOCK, quantizeMxfp4 } from './mxfp4.ts';

export { float32ToFp16, fp16ToFloat32 } from './fp16.ts';
export type { BlockField, BlockFields, ValueDecoding } from './describe.ts';

import type { BlockFormat } from './names.ts';

export { BLOCK_FORMAT_NAMES, FORMAT_LABEL, FORMAT_SOURCE, type BlockFormat } from './names.ts';

type MxFormat = 'mxfp8_e4m3' | 'mxfp8_e5m2' | 'mxfp6_e2m3' | 'mxfp6_e3m2' | 'mxfp4_e2m1';

const MX_FORMATS: Readonly<Record<MxFormat, MxElementName>> = {
  mxfp8_e4m3: 'e4m3',
  mxfp8_e5m2: 'e5m2',
  mxfp6_e2m3: 'e2m3',
  mxfp6_e3m2: 'e3m2',
  mxfp4_e2m1: 'e2m1',
};

const mxBlock = (format: MxFormat) => ({ blockValues: 32, blockBytes: mxBlockBytes(MX_ELEMENTS[MX_FORMATS[format]]) });

/** Values and bytes per block of each format. */
export const BLOCK_FORMATS: Readonly<Record<BlockFormat, { blockValues: number; blockBytes: number }>> = {
  ...LEGACY_FORMATS,
  mxfp4: MXFP4_BLOCK,
  ...K_BLOCKS,
  nf4: BNB_BLOCK,
  fp4: BNB_BLOCK,
  fp8_e4m3fn: { blockValues: 1, blockBytes: 1 },
  fp8_e5m2: { blockValues: 1, blockBytes: 1 },
  mxfp8_e4m3: mxBlock('mxfp8_e4m3'),
  mxfp8_e5m2: mxBlock('mxfp8_e5m2'),
  mxfp6_e2m3: mxBlock('mxfp6_e2m3'),
  mxfp6_e3m2: mxBlock('mxfp6_e3m2'),
  mxfp4_e2m1: mxBlock('mxfp4_e2m1'),
};

const isK = (format: BlockFormat): format is KFormat => format in K_BLOCKS;
const isLegacy = (format: BlockFormat): format is LegacyFormat => format in LEGACY_FORMATS;
const isMx = (format: BlockFormat): format is MxFormat => format in MX_FORMATS;
const fp8Of = (format: 'fp8_e4m3fn' | 'fp8_e5m2') => (format === 'fp8_e4m3fn' ? 'e4m3' : 'e5m2');

/**
 * The format's own quantizer, byte for byte: ggml's quantize_row_<format>_ref, bitsandbytes'
 * kQuantizeBlockwise (NF4, FP4: absmax float32 then the 32 code bytes per block), ONNX's saturating
 * Cast (FP8), microxcaling's quantize_mx (MX). `values.length` a multiple of the block size.
 */
export function quantizeBlocks(format: BlockFormat, values: Float32Array): Uint8Array {
  if (format === 'mxfp4') return quantizeMxfp4(values);
  if (format === 'nf4' || format === 'fp4') return quantizeBnbBlocks(format, values);
  if (format === 'fp8_e4m3fn' || format === 'fp8_e5m2') return quantizeFp8(fp8Of(format), values);
  if (isMx(format)) return quantizeMx(MX_FORMATS[format], values);
  if (isK(format)) return quantizeK(format, values);
  if (isLegacy(format)) return quantizeLegacy(format, values);
  throw new RangeError(format);
}

/** The format's own dequantizer (ggml's dequantize_row_<format>, …): the first `count` values of `bytes`. */
export function dequantizeBlocks(format: BlockFormat, bytes: Uint8Array, count: number): Float32Array {
  if (format === 'mxfp4') return dequantizeMxfp4(bytes, count);
  if (format === 'nf4' || format === 'fp4') return dequantizeBnbBlocks(format, bytes, count);
  if (format === 'fp8_e4m3fn' || format === 'fp8_e5m2') return dequantizeFp8(fp8Of(format), bytes, count);
  if (isMx(format)) return dequantizeMx(MX_FORMATS[format], bytes, count);
  if (isK(format)) return dequantizeK(format, bytes, count);
  if (isLegacy(format)) return dequantizeLegacy(format, bytes, count);
  throw new RangeError(format);
}

/** Bits per weight as the layout stores them: the block's bytes over its values. */
export const bitsPerWeight = (format: BlockFormat): number =>
  (8 * BLOCK_FORMATS[format].blockBytes) / BLOCK_FORMATS[format].blockValues;

/**
 * Block `block` of `bytes` in `format`: its bytes, its named fields and each value's decoding, or
 * null for a block past the end.
 */
export function describeBlock(format: BlockFormat, bytes: Uint8Array, block: number): BlockFields | null {
  const { blockValues, blockBytes } = BLOCK_FORMATS[format];
  const b = bytes.subarray(block * blockBytes, (block + 1) * blockBytes);
  if (block < 0 || b.length < blockBytes) return null;
  return { format, block, bytes: b, ...describeLayout(format, b, dequantizeBlocks(format, b, blockValues)) };
}
