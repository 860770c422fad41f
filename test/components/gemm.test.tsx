import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../helpers/renderApp.tsx';
import { useAppStore } from '../../src/state/store.ts';
import { example } from '../helpers/fixture.ts';

const walkthrough = () => screen.getByRole('group', { name: /Walkthrough of output row/ });

describe('the integer GEMM walkthrough', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('walks output (1, 1) of the example to the end with the keyboard: 11475 → 6413 → 50 → 168', async () => {
    const user = userEvent.setup();
    await renderApp();
    act(() => walkthrough().focus());
    expect(screen.getByTestId('step-counter')).toHaveTextContent('step 1 of 9: term j = 1 of 4');
    expect(screen.getByTestId('current-accumulator')).toHaveTextContent('3610'); // (208 − 113)(152 − 114)
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(screen.getByTestId('current-accumulator')).toHaveTextContent(String(example.int32_accumulators[0]?.[0]));
    await user.keyboard('{End}');
    expect(screen.getByTestId('step-counter')).toHaveTextContent('step 9 of 9: clamp to uint8');
    expect(screen.getByTestId('stage-decomposition')).toHaveTextContent('11475');
    expect(screen.getByTestId('stage-highMul')).toHaveTextContent('6413');
    expect(screen.getByTestId('stage-shift')).toHaveTextContent('50');
    expect(screen.getByTestId('stage-offset')).toHaveTextContent('168');
    expect(screen.getByTestId('stage-clamp')).toHaveTextContent('168');
    expect(screen.getByTestId('decomposition')).toHaveTextContent('= 11475 = the direct sum ✓');
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByTestId('step-counter')).toHaveTextContent('step 8 of 9: add Z3');
    await user.keyboard('{Home}');
    expect(screen.getByTestId('step-counter')).toHaveTextContent('step 1 of 9');
  });

  it('shows the multiplier 1200097792 with shift 7, and the high multiply and shift of the selected cell', async () => {
    await renderApp();
    expect(screen.getByTestId('m0')).toHaveTextContent('1200097792');
    expect(screen.getByTestId('shift')).toHaveTextContent('7');
    expect(screen.getByTestId('product64').textContent.replace(/\s/g, '')).toBe((11475n * 1200097792n).toString());
    expect(screen.getByTestId('highmul-result')).toHaveTextContent('6413');
    expect(screen.getByTestId('divide-result')).toHaveTextContent('50');
  });

  it('follows the cell chosen among the result buttons', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.click(screen.getByRole('button', { name: /^151 .*: follow result row 2, column 3 / }));
    expect(walkthrough()).toHaveAccessibleName(/output row 2, column 3/);
    act(() => useAppStore.getState().setStep(99));
    expect(screen.getByTestId('stage-offset')).toHaveTextContent(
      String(example.after_adding_result_offset_unclamped[1]?.[2]),
    );
    expect(screen.getByTestId('highmul-result')).toHaveTextContent(
      String(example.after_saturating_rounding_doubling_high_mul[1]?.[2]),
    );
  });

  it('keeps stepping with the keys after a click: on a result button, and on Step forward at the last step', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.click(screen.getByRole('button', { name: /follow result row 2, column 3 / }));
    await user.keyboard('{PageDown}{PageDown}');
    expect(screen.getByTestId('step-counter')).toHaveTextContent('step 3 of 9');
    await user.keyboard('{PageUp}');
    expect(screen.getByTestId('step-counter')).toHaveTextContent('step 2 of 9');
    const forward = screen.getByRole('button', { name: 'Step forward' });
    for (let i = 0; i < 7; i++) await user.click(forward);
    expect(screen.getByTestId('step-counter')).toHaveTextContent('step 9 of 9');
    expect(forward).toHaveAttribute('aria-disabled', 'true');
    expect(forward).toHaveFocus(); // a disabled button would have dropped the focus to the page
    await user.click(forward); // unavailable: nothing happens
    expect(screen.getByTestId('step-counter')).toHaveTextContent('step 9 of 9');
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByTestId('step-counter')).toHaveTextContent('step 8 of 9');
  });

  it('follows a row typed in the picker, and says so when the result has no such row', async () => {
    const user = userEvent.setup();
    await renderApp();
    const row = screen.getByRole('spinbutton', { name: 'row' });
    await user.clear(row);
    await user.type(row, '5');
    expect(screen.getByRole('alert')).toHaveTextContent('The result has no row 5: it has 2 (1 to 2).');
    expect(row).toHaveAttribute('aria-invalid', 'true');
    expect(walkthrough()).toHaveAccessibleName(/output row 1, column 1/);
    await user.clear(row);
    await user.type(row, '2');
    expect(walkthrough()).toHaveAccessibleName(/output row 2, column 1/);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('plays, advancing one step per tick, and pauses', async () => {
    await renderApp();
    vi.useFakeTimers();
    act(() => {
      screen.getByRole('button', { name: 'Play' }).click();
    });
    act(() => {
      vi.advanceTimersByTime(1000); // 2 steps/s
    });
    expect(screen.getByTestId('step-counter')).toHaveTextContent('step 3 of 9');
    act(() => {
      screen.getByRole('button', { name: 'Pause' }).click();
    });
    act(() => {
      vi.advanceTimersByTime(5000);
    });
    expect(screen.getByTestId('step-counter')).toHaveTextContent('step 3 of 9');
  });

  it('adds a bias step when a bias is set, and clamps with ReLU on a hand-set range', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.click(screen.getByRole('checkbox', { name: /Add a bias per output column/ }));
    const field = screen.getByRole('textbox', { name: 'Bias of column 1' });
    await user.clear(field);
    await user.type(field, '0.5{Enter}');
    act(() => useAppStore.getState().setStep(99));
    expect(screen.getByTestId('step-counter')).toHaveTextContent('step 10 of 10');
    const s = Math.fround(example.lhs_qparams.scale * example.rhs_qparams.scale);
    const biased = (example.int32_accumulators[0]?.[0] as number) + Math.round(0.5 / s);
    expect(screen.getByTestId('stage-bias')).toHaveTextContent(String(biased));

    await user.click(screen.getByRole('checkbox', { name: /Set the result range by hand/ }));
    const min = screen.getByRole('textbox', { name: 'Result range min' });
    await user.clear(min);
    await user.type(min, '-3{Enter}');
    await user.selectOptions(screen.getByRole('combobox', { name: /Fused activation/ }), 'relu');
    await user.click(screen.getByRole('button', { name: /follow result row 2, column 1 / }));
    act(() => useAppStore.getState().setStep(99));
    expect(
      within(screen.getByRole('list', { name: 'Requantization stages' })).getByText(/clamped up/),
    ).toBeInTheDocument();
  });
});

describe('the free multiplier explorer', () => {
  it('shows both conventions and explains unusable multipliers', async () => {
    const user = userEvent.setup();
    await renderApp();
    const field = screen.getByRole('textbox', { name: 'Multiplier M' });
    await user.clear(field);
    await user.type(field, '1.5{Enter}');
    expect(screen.getByTestId('free-gemmlowp')).toHaveTextContent(/unusable: .*not smaller than 1/);
    expect(screen.getByTestId('free-tflite')).toHaveTextContent('M0 = 1610612736, shift = 1');
    await user.clear(field);
    await user.type(field, '0{Enter}');
    expect(screen.getByTestId('free-gemmlowp')).toHaveTextContent(/unusable: .*positive/);
    await user.clear(field);
    await user.type(field, '1e-11{Enter}');
    const shift = Math.ceil(Math.log2(0.5 / Math.fround(1e-11))); // doublings needed to reach 0.5
    expect(screen.getByTestId('free-gemmlowp')).toHaveTextContent(`needs a right shift of ${shift}`);
    expect(screen.getByTestId('free-tflite')).toHaveTextContent(/flushes/);
  });
  it('lists inputs where double and single rounding disagree (M = 0.25, x = 1)', async () => {
    const user = userEvent.setup();
    await renderApp();
    const field = screen.getByRole('textbox', { name: 'Multiplier M' });
    await user.clear(field);
    await user.type(field, '0.25{Enter}');
    await user.click(screen.getByRole('checkbox', { name: /single rounding/ }));
    const table = within(screen.getByTestId('rounding-comparison')).getByRole('table');
    const first = within(table).getAllByRole('row')[1];
    expect(first).toHaveTextContent(/^110$/);
  });
});
