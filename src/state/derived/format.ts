/**
 * The view of an input stored in a block format (ggml, bitsandbytes, FP8, MX) for the panels that
 * draw a TensorView: its values laid out as the format stores a weight — blocks running along the
 * product's depth (down each RHS column, along each LHS row, as ggml keeps a weight with its input
 * dimension contiguous), continuing into the next column or row, the last block padded with zeros —
 * quantized by the format's own code, dequantized by its own, with each block as a group.
 *
 * A block's stand-in parameters carry its largest step (the widest gap between neighbouring values it
 * can represent, scale × level gap): what bounds its rounding error at half a step, and what the
 * charts mark as S. Its code range is the format's; the zero point is 0.
 */
import { EngineError, groupedErrorMetrics, type FloatMatrix, type QuantizationParams } from '../../engine/index.ts';
import {
  BLOCK_FORMATS,
  dequantizeBlocks,
  FORMAT_LABEL,
  quantizeBlocks,
  type BlockFields,
  type BlockFormat,
  type ValueDecoding,
} from '../../formats/index.ts';
import type { InputId } from '../store.ts';
import {
  BNB_DOUBLE_BLOCK_BYTES,
  dequantizeBnbDoubleBlocks,
  quantizeBnbDoubleBlocks,
  type DoubleQuantBlocks,
} from '../../formats/bitsandbytes.ts';
import { describeBnbDouble, describeLayout } from '../../formats/describe.ts';
import { tensorView, type TensorView } from './tensor.ts';

/** What a format view adds to a TensorView. */
export interface FormatInfo {
  readonly format: BlockFormat;
  /** The blocks as the format stores them (NF4/FP4 double-quantized: each absmax as its 8-bit code). */
  readonly bytes: Uint8Array;
  readonly blockBytes: number;
  /** Block `b`'s bytes, fields and each value's decoding (null past the end). */
  readonly describe: (b: number) => BlockFields | null;
  /** Double quantization: each block's absmax as computed and as decoded, absmax2 per 256 blocks, the offset. */
  readonly nested: DoubleQuantBlocks | null;
  /** Each value's place in the stored stream (row-major value index → stream index). */
  readonly position: Int32Array;
  /** The values in stored order, the last block padded with zeros (what the quantizer was given). */
  readonly stream: Float32Array;
  /** Bits per weight from the layout (the padding not counted against the matrix). */
  readonly bitsPerWeight: number;
}

/** The stream stored: its bytes, decoded values, each block's layout and the bits it all takes. */
function store(format: BlockFormat, stream: Float32Array, doubleQuant: boolean) {
  const { blockValues, blockBytes } = BLOCK_FORMATS[format];
  const blocks = stream.length / blockValues;
  if (doubleQuant && (format === 'nf4' || format === 'fp4')) {
    const nested = quantizeBnbDoubleBlocks(format, stream);
    const decoded = dequantizeBnbDoubleBlocks(format, nested, stream.length);
    const size = BNB_DOUBLE_BLOCK_BYTES;
    const layout = (b: number) =>
      describeBnbDouble(
        format,
        nested.bytes.subarray(b * size, (b + 1) * size),
        nested.restored[b] ?? NaN,
        decoded.subarray(b * blockValues, (b + 1) * blockValues),
      );
    // 4 bits a value, 8 a block, 32 per 256 blocks (absmax2) and 32 once (the offset).
    const bits = 4 * stream.length + 8 * blocks + 32 * nested.absmax2.length + 32;
    return { bytes: nested.bytes, decoded, blockBytes: size, layout, nested, bits };
  }
  const bytes = quantizeBlocks(format, stream);
  const decoded = dequantizeBlocks(format, bytes, stream.length);
  const layout = (b: number) =>
    describeLayout(
      format,
      bytes.subarray(b * blockBytes, (b + 1) * blockBytes),
      decoded.subarray(b * blockValues, (b + 1) * blockValues),
    );
  return { bytes, decoded, blockBytes, layout, nested: null, bits: 8 * blocks * blockBytes };
}

/** The distinct levels a format's codes stand for, sorted (for the largest gap between neighbours). */
function levelGap(decodings: readonly ValueDecoding[], format: BlockFormat): number {
  // Integer formats: neighbouring codes differ by 1. Table and float formats: the widest gap of the table.
  if (!/^(nf4|fp4|fp8|mx)/.test(format)) return 1;
  return TABLE_GAP[format] ?? widestGap(decodings);
}

function widestGap(decodings: readonly ValueDecoding[]): number {
  const levels = [...new Set(decodings.map((d) => d.level).filter(Number.isFinite))].sort((a, b) => a - b);
  let gap = 0;
  for (let k = 1; k < levels.length; k++) gap = Math.max(gap, (levels[k] as number) - (levels[k - 1] as number));
  return gap;
}

/** The widest gap between neighbouring finite values of each table or float format (its top step). */
const TABLE_GAP: Partial<Record<BlockFormat, number>> = {
  nf4: 1 - 0.7229568362236023,
  fp4: 1 - 0.66666667,
  fp8_e4m3fn: 32,
  fp8_e5m2: 8192,
  mxfp8_e4m3: 32,
  mxfp8_e5m2: 8192,
  mxfp6_e2m3: 0.5,
  mxfp6_e3m2: 4,
  mxfp4_e2m1: 2,
  mxfp4: 4, // ggml keeps E2M1 doubled (…, 8, 12) and halves the scale
};

/** The order values take in the stream: along each row (LHS) or down each column (RHS). */
function streamOrder(id: InputId, rows: number, cols: number): Int32Array {
  const position = new Int32Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) position[i * cols + j] = id === 'lhs' ? i * cols + j : j * rows + i;
  return position;
}

/** The matrix stored in `format`: codes, r̂, error and metrics per block. */
export function formatView(id: InputId, m: FloatMatrix, format: BlockFormat, doubleQuant = false): TensorView {
  const { rows, cols } = m;
  const n = rows * cols;
  const { blockValues } = BLOCK_FORMATS[format];
  const blocks = Math.ceil(n / blockValues);
  const position = streamOrder(id, rows, cols);
  const stream = new Float32Array(blocks * blockValues);
  for (let t = 0; t < n; t++) stream[position[t] as number] = m.data[t] as number;
  const { bytes, decoded, blockBytes, layout, nested, bits } = store(format, stream, doubleQuant);
  const codes = new Int32Array(n);
  const dequantized = new Float32Array(n);
  const groupOf = new Int32Array(n);
  const groups: QuantizationParams[] = [];
  const codeAt = new Int32Array(stream.length);
  let qmin = 0;
  let qmax = 0;
  // FP8 has no blocks: the whole tensor is one group, its step the grid's spacing at its largest value.
  const single = blockValues === 1;
  const groupValues = single ? stream.length : blockValues;
  for (let b = 0; b < stream.length / groupValues; b++) {
    let step = 0;
    if (single) {
      let top = 0;
      for (let k = 0; k < stream.length; k++) {
        codeAt[k] = bytes[k] as number;
        top = Math.max(top, Math.abs(decoded[k] as number));
      }
      const mantissa = format === 'fp8_e4m3fn' ? 3 : 2;
      step = top > 0 ? 2 ** (Math.floor(Math.log2(top)) - mantissa) : 0;
      qmax = 255;
    } else {
      const from = b * blockValues;
      const { values } = layout(b);
      const gap = levelGap(values, format);
      for (const v of values) {
        codeAt[from + v.index] = v.code;
        if (Number.isFinite(v.scale)) step = Math.max(step, Math.abs(v.scale) * gap);
        if (v.code < qmin) qmin = v.code;
        if (v.code > qmax) qmax = v.code;
      }
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = b * groupValues; k < Math.min(n, (b + 1) * groupValues); k++) {
      lo = Math.min(lo, stream[k] as number);
      hi = Math.max(hi, stream[k] as number);
    }
    groups.push(standIn(step, lo, hi));
  }
  for (let t = 0; t < n; t++) {
    const p = position[t] as number;
    codes[t] = codeAt[p] as number;
    dequantized[t] = decoded[p] as number;
    groupOf[t] = Math.floor(p / groupValues);
    if (!Number.isFinite(dequantized[t])) {
      const problem = {
        kind: 'formatNotFinite',
        format: FORMAT_LABEL[format],
        value: m.data[t] as number,
        decoded: dequantized[t] as number,
      } as const;
      throw new EngineError(problem, id);
    }
  }
  const withRange = groups.map((g) => ({ ...g, qmin, qmax }));
  const view = tensorView(id, m, coarsest(withRange), { rows, cols, data: codes }, dequantized, {
    groups: withRange,
    groupOf,
  });
  // Rounding to a block's grid is within half its largest step; "clipped" counts what is further off.
  const metrics = groupedErrorMetrics(
    withRange.map((g) => ({ scale: g.scale, zeroPoint: 0, qmin: -Infinity, qmax: Infinity })),
    groupOf,
    m.data,
    dequantized,
  );
  let clipped = 0;
  for (let t = 0; t < n; t++) {
    const half = (withRange[groupOf[t] as number]?.scale ?? 0) / 2;
    if (Math.abs((dequantized[t] as number) - (m.data[t] as number)) > half * (1 + 2 ** -20)) clipped++;
  }
  const format_: FormatInfo = {
    format,
    bytes,
    blockBytes,
    position,
    stream,
    bitsPerWeight: bits / n,
    nested,
    describe: (b) =>
      b < 0 || b >= blocks
        ? null
        : { format, block: b, bytes: bytes.subarray(b * blockBytes, (b + 1) * blockBytes), ...layout(b) },
  };
  return { ...view, metrics: { ...metrics, clipped }, format: format_ };
}

function standIn(step: number, lo: number, hi: number): QuantizationParams {
  const min = Math.min(lo, 0);
  const max = Math.max(hi, 0);
  return {
    qmin: 0,
    qmax: 0,
    scale: step,
    zeroPoint: 0,
    observedMin: lo,
    observedMax: hi,
    min,
    max,
    range: Math.fround(max - min),
    initialZeroPoint: 0,
    degenerate: step === 0 ? 'all-zero' : null,
  };
}

const coarsest = (groups: readonly QuantizationParams[]) =>
  groups.reduce((a, g) => (g.scale > a.scale ? g : a), groups[0] as QuantizationParams);
