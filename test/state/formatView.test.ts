/** The format view of an input: stored down the columns, decoded by the format's own code, double quantization too. */
import { describe, expect, it } from 'vitest';
import { dequantize4bitDouble, quantize4bitDouble } from '../../src/formats/bitsandbytes.ts';
import { dequantizeBlocks, quantizeBlocks } from '../../src/formats/index.ts';
import { formatView } from '../../src/state/derived/format.ts';
import { randomMatrix } from '../../src/state/random.ts';

const m = randomMatrix(64, 32, 'normal', 7);
/** The matrix down each column, as the view stores an RHS. */
const columns = Float32Array.from({ length: 64 * 32 }, (_, p) => m.data[(p % 64) * 32 + Math.floor(p / 64)] as number);

describe('formatView', () => {
  it('stores an RHS down its columns: r̂ of every cell is the format’s decoding of its place in the stream', () => {
    const v = formatView('rhs', m, 'q4_K');
    const decoded = dequantizeBlocks('q4_K', quantizeBlocks('q4_K', columns), columns.length);
    expect(v.dequantized.data[5 * 32 + 3]).toBe(decoded[3 * 64 + 5]);
    expect(v.format?.bitsPerWeight).toBe(4.5);
    expect(v.groups).toHaveLength(8);
  });

  it('double-quantizes NF4: the absmax values as 8-bit codes, 4 + (8·32 + 32 + 32)/2048 bits per weight', () => {
    const v = formatView('rhs', m, 'nf4', true);
    const want = dequantize4bitDouble('nf4', quantize4bitDouble('nf4', columns), columns.length);
    expect(v.dequantized.data[5 * 32 + 3]).toBe(want[3 * 64 + 5]);
    expect(v.format?.bitsPerWeight).toBe(4 + (8 * 32 + 32 + 32) / 2048);
    const block = v.format?.describe(2);
    expect(block?.fields.map((f) => f.name)).toEqual(['absmax code', 'codes']);
    expect(block?.values[10]?.value).toBe(want[2 * 64 + 10]);
    // Without double quantization the same codes, with the exact absmax.
    const plain = formatView('rhs', m, 'nf4');
    expect(plain.format?.bitsPerWeight).toBe(4.5);
    expect(plain.format?.describe(2)?.values[10]?.code).toBe(block?.values[10]?.code);
  });
});
