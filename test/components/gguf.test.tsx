/** A GGUF file opened in section 9: its header, a tensor's rows read by range, into the explorer as Q4_K. */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/engine/random.ts';
import { dequantizeBlocks, quantizeBlocks } from '../../src/formats/index.ts';
import { openFile } from '../../src/state/modelStore.ts';
import { useAppStore } from '../../src/state/store.ts';
import { writeGguf } from '../helpers/ggufWriter.ts';
import { renderApp } from '../helpers/renderApp.tsx';

const random = lcg(9);
// A 6-output weight over 256 inputs in Q4_K (ggml's order: ne0 = 256 inputs, ne1 = 6 rows).
const weights = Float32Array.from({ length: 256 * 6 }, () => (random() - 0.5) * 0.1);
const q4k = quantizeBlocks('q4_K', weights);

describe('a GGUF file in section 9', () => {
  it('lists its metadata and tensors, reads a tensor’s rows, shows a block and opens the rows as the RHS in Q4_K', async () => {
    const user = userEvent.setup();
    await renderApp();
    const bytes = writeGguf(
      [
        ['general.architecture', { type: 'string', value: 'llama' }],
        ['tokenizer.ggml.tokens', { type: 'strings', value: ['<s>', '</s>', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] }],
      ],
      [
        {
          name: 'token_embd.weight',
          dims: [4, 2],
          type: 0,
          data: new Uint8Array(Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8).buffer),
        },
        { name: 'blk.0.ffn_up.weight', dims: [256, 6], type: 12, data: q4k },
      ],
    );
    await act(() => openFile(new File([bytes.slice()], 'tiny.gguf')));
    expect(
      await screen.findByRole('heading', { name: 'tiny.gguf: GGUF version 3, 2 tensors, 2 metadata keys' }),
    ).toBeInTheDocument();
    expect(screen.getByText('[string × 10] <s>, </s>, a, b, c, d, e, f, …')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Tensor' }), 'blk.0.ffn_up.weight Q4_K [256 × 6]');
    expect(screen.getByText(/^864 bytes from byte \d+: 4\.5 bits per weight$/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Read 6 rows (864 bytes)' }));
    const table = await screen.findByRole('table', { name: 'Bytes of block 1' });
    const shown = [...table.querySelectorAll('.byte')].map((b) => b.textContent).join('');
    expect(shown).toBe([...q4k.subarray(0, 144)].map((b) => b.toString(16).padStart(2, '0')).join(''));
    await user.click(screen.getByRole('button', { name: /Open these rows in the explorer as the RHS/ }));
    // The RHS takes the inputs down and one column per row, decoded by dequantize_row_q4_K.
    const rhs = useAppStore.getState().rhs;
    expect([rhs.rows, rhs.cols]).toEqual([256, 6]);
    const decoded = dequantizeBlocks('q4_K', q4k, 256 * 6);
    expect(rhs.data[10 * 6 + 3]).toBe(decoded[3 * 256 + 10]);
    expect(useAppStore.getState().productOptions.formats.rhs).toBe('q4_K');
    expect(screen.getByText(/The RHS is now 256 × 6: rows 1–6 of the tensor/)).toBeInTheDocument();
  });

  it('explains a truncated GGUF file where it was opened', async () => {
    await renderApp();
    const bytes = writeGguf([['general.name', { type: 'string', value: 'x'.repeat(100) }]], []);
    await act(() => openFile(new File([bytes.slice(0, 40)], 'cut.gguf')));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('cut.gguf could not be read as a GGUF file.')).toBeInTheDocument();
    expect(alert).toHaveTextContent(/The header ends at key 1: it needs bytes from byte 32, beyond the file’s 40/);
  });
});
