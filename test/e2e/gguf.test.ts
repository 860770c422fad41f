/** Journey: open a GGUF file in Chromium (read by range in the worker), a tensor's rows into the explorer. */
import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/engine/random.ts';
import { quantizeBlocks } from '../../src/formats/index.ts';
import { writeGguf } from '../helpers/ggufWriter.ts';
import { seriousViolations } from './axe.ts';
import { canRunBrowser, openPage, useSession } from './browser.ts';

const random = lcg(21);
const weights = Float32Array.from({ length: 256 * 16 }, () => (random() - 0.5) * 0.05);
const gguf = writeGguf(
  [
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: 'tiny test model' }],
    ['llama.context_length', { type: 'u32', value: 2048 }],
    ['tokenizer.ggml.tokens', { type: 'strings', value: Array.from({ length: 32000 }, (_, i) => `t${i}`) }],
  ],
  [
    { name: 'blk.0.attn_q.weight', dims: [256, 16], type: 12, data: quantizeBlocks('q4_K', weights) },
    { name: 'blk.0.attn_k.weight', dims: [256, 16], type: 8, data: quantizeBlocks('q8_0', weights) },
    { name: 'blk.0.ffn_gate.weight', dims: [256, 16], type: 23, data: new Uint8Array(256 * 16) },
  ],
);

describe.runIf(canRunBrowser)('a GGUF file in Chromium', () => {
  const current = useSession();

  it('opens from the picker, lists the tensors, reads rows of a Q8_0 one and opens them as the RHS in Q8_0', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors);
    await page.getByRole('region', { name: /The multiplier/ }).waitFor();
    await page.locator('input[type=file]').setInputFiles({
      name: 'tiny.gguf',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(gguf),
    });
    await page.getByRole('heading', { name: 'tiny.gguf: GGUF version 3, 3 tensors, 4 metadata keys' }).waitFor();
    const tensor = page.getByRole('combobox', { name: 'Tensor' });
    // A type the app does not decode is listed and said so.
    await tensor.selectOption({ label: 'blk.0.ffn_gate.weight IQ4_XS [256 × 16]' });
    await page.getByText('The app does not decode IQ4_XS yet: its metadata and place are shown.').waitFor();
    await tensor.selectOption({ label: 'blk.0.attn_k.weight Q8_0 [256 × 16]' });
    await page.getByRole('spinbutton', { name: 'From row' }).fill('5');
    await page.getByRole('button', { name: 'Read 12 rows (3,264 bytes)' }).click();
    await page.getByRole('table', { name: 'Bytes of block 1' }).waitFor();
    await page.getByRole('button', { name: /Open these rows in the explorer as the RHS/ }).click();
    await page.getByText(/The RHS is now 256 × 12: rows 5–16 of the tensor/).waitFor();
    const rhs = page.getByRole('article', { name: 'RHS quantization parameters' });
    await expect.poll(() => rhs.getByTestId('rhs-bits-per-weight').innerText(), { timeout: 10_000 }).toMatch(/^8\.5 /);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
