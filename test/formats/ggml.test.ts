/**
 * ggml's 32-value block formats, MXFP4 and its fp16 conversion against ggml's own C (golden outputs of
 * quantize_row_<t>_ref, dequantize_row_<t> and ggml_compute_fp32_to_fp16 / _fp16_to_fp32 compiled
 * from a pinned ggml by make-ggml-fixtures.sh): packed bytes and dequantized float32 bit patterns
 * for every case, and the fp16 conversion checked independently against exact arithmetic.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { float32ToFp16, fp16ToFloat32 } from '../../src/formats/fp16.ts';
import { BLOCK_FORMATS, dequantizeBlocks, quantizeBlocks, type BlockFormat } from '../../src/formats/index.ts';

const golden = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../fixtures/ggml/ggml_reference.json'), 'utf8'),
) as {
  quant: { format: BlockFormat; name: string; values: string[]; bytes: string; dequantized: string[] }[];
  fp16: { input: string; fp16: string; widened: string }[];
  dequantized: { format: BlockFormat; bytes: string; dequantized: string[] }[];
};

const fromHex = (h: string) => new Float32Array(new Uint32Array([parseInt(h, 16)]).buffer)[0] ?? NaN;
const bitsHex = (a: Float32Array) => Array.from(new Uint32Array(a.buffer), (u) => u.toString(16).padStart(8, '0'));
const bytesHex = (a: Uint8Array) => Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');

describe('ggml Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, MXFP4, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K and Q8_K, byte for byte with ggml-quants.c', () => {
  it('has every format and case', () => expect(golden.quant.length).toBe(108));
  it.each(golden.quant.map((c) => [`${c.format}: ${c.name}`, c] as const))('%s', (_n, c) => {
    const values = Float32Array.from(c.values, fromHex);
    const bytes = quantizeBlocks(c.format, values);
    expect(bytes.length).toBe(
      (values.length / BLOCK_FORMATS[c.format].blockValues) * BLOCK_FORMATS[c.format].blockBytes,
    );
    expect(bytesHex(bytes)).toBe(c.bytes);
    expect(bitsHex(dequantizeBlocks(c.format, bytes, values.length))).toEqual(c.dequantized);
  });
});

describe('dequantize_row_<t> on raw blocks of random bytes (any d and m, NaN and ∞ among them)', () => {
  it.each(golden.dequantized.map((c) => [c.format, c] as const))('%s: every float32 bit', (_f, c) => {
    const bytes = Uint8Array.from(c.bytes.match(/../g) ?? [], (h) => parseInt(h, 16));
    expect(bitsHex(dequantizeBlocks(c.format, bytes, c.dequantized.length))).toEqual(c.dequantized);
  });
});

describe('fp16 as ggml converts it', () => {
  it('float32 → fp16 → float32 matches ggml for boundaries, NaN, ±∞, subnormals and 4,096 random bit patterns', () => {
    const mismatches = golden.fp16.filter((g) => {
      const h = float32ToFp16(fromHex(g.input));
      return h.toString(16).padStart(4, '0') !== g.fp16 || bitsHex(Float32Array.of(fp16ToFloat32(h)))[0] !== g.widened;
    });
    expect(mismatches).toEqual([]);
  });

  it('widens every fp16 code to its exact value (computed independently from sign, exponent and mantissa)', () => {
    for (let h = 0; h < 0x10000; h++) {
      const sign = h & 0x8000 ? -1 : 1;
      const e = (h >> 10) & 0x1f;
      const m = h & 0x3ff;
      const x = fp16ToFloat32(h);
      if (e === 31) {
        if (m) expect(x).toBeNaN();
        else expect(x).toBe(sign * Infinity);
      } else {
        const exact = sign * (e ? (1 + m / 1024) * 2 ** (e - 15) : (m / 1024) * 2 ** -14);
        expect(Object.is(x, exact)).toBe(true);
      }
    }
  });

  it('rounds float32 to the nearest fp16, ties to even (checked against the exact neighbours)', () => {
    // Every fp16 ulp boundary below 1024: the exact midpoints go to the even code.
    for (let h = 0x3c00; h < 0x6400; h += 37) {
      const lo = fp16ToFloat32(h);
      const hi = fp16ToFloat32(h + 1);
      const mid = (lo + hi) / 2;
      expect(float32ToFp16(mid)).toBe(h % 2 === 0 ? h : h + 1);
      expect(float32ToFp16(Math.fround(mid + (hi - lo) / 8))).toBe(h + 1);
    }
  });
});
