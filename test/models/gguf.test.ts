/** GGUF headers read by range, as include/gguf.h lays them out; bad files refused with a typed problem. */
import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/engine/random.ts';
import { quantizeBlocks } from '../../src/formats/index.ts';
import { GgufError, readGgufHeader, rowBytes, type ReadRange } from '../../src/models/gguf/gguf.ts';
import { writeGguf } from '../helpers/ggufWriter.ts';

const random = lcg(5);
const weights = Float32Array.from({ length: 512 * 4 }, () => random() - 0.5);
const q4k = quantizeBlocks('q4_K', weights);
const q80 = quantizeBlocks('q8_0', weights.subarray(0, 64 * 3));

const file = () =>
  writeGguf(
    [
      ['general.architecture', { type: 'string', value: 'llama' }],
      ['general.alignment', { type: 'u32', value: 64 }],
      ['llama.rope.freq_base', { type: 'f32', value: 10000 }],
      ['tokenizer.ggml.tokens', { type: 'strings', value: Array.from({ length: 3000 }, (_, i) => `tok${i}`) }],
      ['tokenizer.ggml.token_type', { type: 'i32s', value: Array.from({ length: 3000 }, () => 1) }],
    ],
    [
      { name: 'blk.0.attn_q.weight', dims: [512, 4], type: 12, data: q4k },
      { name: 'output.weight', dims: [64, 3], type: 8, data: q80 },
    ],
    { alignment: 64 },
  );

/** A range reader over bytes that counts what it was asked. */
function reader(bytes: Uint8Array): { read: ReadRange; asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    read: (offset, length) => {
      asked.push(length);
      return Promise.resolve(bytes.slice(offset, offset + length));
    },
  };
}

const problem = async (bytes: Uint8Array) => {
  try {
    await readGgufHeader(reader(bytes).read, bytes.length);
  } catch (e) {
    if (e instanceof GgufError) return e.problem;
    throw e;
  }
  return null;
};

describe('readGgufHeader', () => {
  it('reads the metadata (arrays summarised) and each tensor’s dims, type and absolute offset', async () => {
    const bytes = file();
    const h = await readGgufHeader(reader(bytes).read, bytes.length);
    expect(h.version).toBe(3);
    expect(h.alignment).toBe(64);
    expect(h.metadata.map((m) => m.key)).toEqual([
      'general.architecture',
      'general.alignment',
      'llama.rope.freq_base',
      'tokenizer.ggml.tokens',
      'tokenizer.ggml.token_type',
    ]);
    expect(h.metadata[3]?.value).toEqual({
      kind: 'array',
      type: 'string',
      count: 3000,
      first: ['tok0', 'tok1', 'tok2', 'tok3', 'tok4', 'tok5', 'tok6', 'tok7'],
    });
    expect(h.metadata[2]?.value).toEqual({ kind: 'number', type: 'f32', value: 10000 });
    const [q, out] = h.tensors;
    expect(q).toMatchObject({ name: 'blk.0.attn_q.weight', dims: [512, 4], type: 12, bytes: q4k.length });
    expect(out).toMatchObject({ name: 'output.weight', dims: [64, 3], type: 8, bytes: q80.length });
    expect(h.dataOffset % 64).toBe(0);
    // The tensors' bytes are where the header says.
    expect(bytes.subarray(q?.offset, (q?.offset ?? 0) + q4k.length)).toEqual(q4k);
    expect(bytes.subarray(out?.offset, (out?.offset ?? 0) + q80.length)).toEqual(q80);
    expect(rowBytes(q as NonNullable<typeof q>)).toBe(2 * 144);
  });

  it('reads only the header of a large file: the tensor data is never asked for', async () => {
    const small = file();
    const size = 4 * 2 ** 30; // a 4 GiB file whose tensors the reader never reaches
    const { read, asked } = reader(small);
    const h = await readGgufHeader((offset, length) => read(offset, Math.min(length, small.length - offset)), size);
    expect(h.tensors).toHaveLength(2);
    expect(asked.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2 ** 20 + small.length);
  });

  it('refuses a file that is not GGUF, a version it does not know, a cut header and a tensor past the end', async () => {
    const bytes = file();
    expect(await problem(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8))).toEqual({ kind: 'badMagic', size: 8 });
    const v9 = bytes.slice();
    v9[4] = 9;
    expect(await problem(v9)).toEqual({ kind: 'unsupportedVersion', version: 9 });
    expect(await problem(bytes.subarray(0, 200))).toMatchObject({ kind: 'truncated', at: 'tokenizer.ggml.tokens' });
    const cut = bytes.subarray(0, bytes.length - 100);
    expect(await problem(cut)).toEqual({ kind: 'badTensor', tensor: 'output.weight', detail: 'outside' });
  });

  it('refuses a tensor whose rows are not whole blocks, and an alignment that is not a multiple of 8', async () => {
    const odd = writeGguf([], [{ name: 'w', dims: [100, 2], type: 2, data: new Uint8Array(0) }]);
    expect(await problem(odd)).toEqual({ kind: 'badTensor', tensor: 'w', detail: 'blocks' });
    const badAlign = writeGguf([['general.alignment', { type: 'u32', value: 3 }]], [], { alignment: 8 });
    expect(await problem(badAlign)).toEqual({ kind: 'badAlignment', alignment: 3 });
  });
});
