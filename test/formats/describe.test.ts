/** A block described field by field: every value's decoding rebuilds dequantize's value, and the codes are the packed ones. */
import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/engine/random.ts';
import {
  bitsPerWeight,
  BLOCK_FORMAT_NAMES,
  BLOCK_FORMATS,
  describeBlock,
  quantizeBlocks,
} from '../../src/formats/index.ts';

const random = lcg(3);
const values = Float32Array.from({ length: 512 }, (_, i) => (random() - 0.5) * (i % 37 === 0 ? 20 : 2));

describe('describeBlock', () => {
  it.each(BLOCK_FORMAT_NAMES)(
    '%s: fields cover the block’s bytes, and scale · level + offset is each value',
    (format) => {
      const bytes = quantizeBlocks(format, values);
      const { blockValues, blockBytes } = BLOCK_FORMATS[format];
      const block = 1;
      const b = describeBlock(format, bytes, block);
      if (!b) throw new Error('not described');
      expect(b.bytes).toEqual(bytes.subarray(blockBytes, 2 * blockBytes));
      // The fields tile the block in order, with no gap or overlap.
      let at = 0;
      for (const field of b.fields) {
        expect(field.offset).toBe(at);
        at += field.length;
      }
      expect(at).toBe(blockBytes);
      expect(b.values).toHaveLength(blockValues);
      // Symmetric formats multiply only (so −0 stays −0); affine ones add the offset after.
      const affine = b.fields.some((field) => field.name === 'm' || field.name === 'dmin');
      for (const v of b.values) {
        const product = Math.fround(v.scale * v.level);
        expect(affine ? Math.fround(product + v.offset) : product).toBe(v.value);
      }
    },
  );

  it('names Q4_0’s codes as ggml packs them: value j in the low nibble of byte j, j + 16 in the high one, minus 8', () => {
    const bytes = quantizeBlocks('q4_0', values);
    const b = describeBlock('q4_0', bytes, 0);
    expect(b?.values[3]?.code).toBe(((bytes[2 + 3] ?? 0) & 0x0f) - 8);
    expect(b?.values[19]?.code).toBe(((bytes[2 + 3] ?? 0) >> 4) - 8);
  });

  it('says null past the end', () => {
    const bytes = quantizeBlocks('q8_0', values);
    expect(describeBlock('q8_0', bytes, 16)).toBeNull();
    expect(describeBlock('q8_0', bytes, -1)).toBeNull();
  });

  it('names NF4’s codes as bitsandbytes packs them: the first of each pair in the high nibble', () => {
    const bytes = quantizeBlocks('nf4', values);
    const b = describeBlock('nf4', bytes, 0);
    expect(b?.values[6]?.code).toBe((bytes[4 + 3] ?? 0) >> 4);
    expect(b?.values[7]?.code).toBe((bytes[4 + 3] ?? 0) & 0x0f);
  });

  it('counts bits per weight from the layouts: Q4_0 4.5, Q4_K 4.5, Q6_K 6.5625, MXFP4 4.25, NF4 4.5, MXFP6 6.25', () => {
    const formats = ['q4_0', 'q4_K', 'q6_K', 'mxfp4', 'nf4', 'mxfp6_e2m3'] as const;
    expect(formats.map(bitsPerWeight)).toEqual([4.5, 4.5, 6.5625, 4.25, 4.5, 6.25]);
  });
});
