/** The training lab (section 8) as a person uses it, in jsdom (the trainer runs on the page's thread). */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useAppStore } from '../../src/state/store.ts';
import { renderApp } from '../helpers/renderApp.tsx';

const lab = () => screen.findByRole('region', { name: /8 · Training with quantization/ }, { timeout: 10_000 });

describe('the training lab', () => {
  it('trains to the end with Play, then shows the integer-only results and loads layer 1 into the explorer', async () => {
    const user = userEvent.setup();
    useAppStore.getState().setTraining({ dataset: 'xor', steps: 40, delay: 10, hidden: 4 });
    await renderApp();
    const panel = within(await lab());
    await user.click(await panel.findByRole('button', { name: 'Start training' }, { timeout: 10_000 }));
    const table = await panel.findByRole('table', {}, { timeout: 20_000 });
    expect(
      panel.getByText('Step 40 of 40; quantization-aware training fake-quantizes from step 10.'),
    ).toBeInTheDocument();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'float',
      'post-training quantization',
      'quantization-aware training',
    ]);
    // The integer-only networks agree with their fake-quantized forward passes on almost every point.
    const agreementOf = (r: HTMLElement) => Number(within(r).getAllByRole('cell')[2]?.textContent.replace(' %', ''));
    expect(agreementOf(rows[2] as HTMLElement)).toBeGreaterThanOrEqual(95);
    expect(panel.getByRole('img', { name: /^Decision regions, float: \d+ of 250 test points/ })).toBeInTheDocument();
    // Layer 1's 2 × 4 weights over their 8-bit grid.
    expect(
      panel.getByRole('img', { name: /^Layer 1 weights of the quantization-aware run: 8 values .* 256 levels/ }),
    ).toBeInTheDocument();
    // Any quantized tensor's range, batch by batch against its EMA: the scores can be negative, ReLU outputs not.
    expect(panel.getByRole('img', { name: /^Range of hidden activation 1: this batch \[0, / })).toBeInTheDocument();
    await user.selectOptions(panel.getByLabelText('range of'), 'the class scores');
    expect(panel.getByRole('img', { name: /^Range of the class scores: this batch \[−/ })).toBeInTheDocument();
    await user.click(panel.getByRole('button', { name: 'Open layer 1 in the explorer' }));
    const { lhs, rhs, productOptions } = useAppStore.getState();
    expect([lhs.rows, lhs.cols, rhs.rows, rhs.cols]).toEqual([8, 2, 2, 4]);
    expect(productOptions.activation).toBe('relu');
    expect(productOptions.resultRange?.max).toBeGreaterThan(0);
  }, 60_000);

  it('starts a new run when a setting changes, and refuses a step count it cannot take', async () => {
    const user = userEvent.setup();
    useAppStore.getState().setTraining({ dataset: 'gaussians', steps: 20, delay: 5, hidden: 4 });
    await renderApp();
    const panel = within(await lab());
    await user.click(await panel.findByRole('button', { name: 'Train 10 steps' }, { timeout: 10_000 }));
    await panel.findByText(/^Step 10 of 20;/, undefined, { timeout: 10_000 });
    const steps = panel.getByLabelText('steps');
    await user.clear(steps);
    await user.type(steps, '9999{Enter}');
    expect(panel.getByRole('alert')).toHaveTextContent('steps: “9999” is not a whole number from 1 to 5000. Kept 20.');
    await user.selectOptions(panel.getByLabelText('bits'), '3');
    await waitFor(() => expect(panel.getByText(/^Step 0 of 20;/)).toBeInTheDocument());
    expect(useAppStore.getState().training.bits).toBe(3);
  }, 60_000);
});
