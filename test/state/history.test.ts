/** The undo history and the derived data: neither may grow memory without bound. */
import { describe, expect, it } from 'vitest';
import { example } from '../helpers/fixture.ts';
import { loadPipelineCode, pipelineCode } from '../../src/state/pipelineCode.ts';
import { createAppStore } from '../../src/state/store.ts';

describe('the undo history', () => {
  it('forgets its oldest steps once the matrices it holds pass the byte budget', () => {
    // 64 × 64 float32 = 16 KiB per LHS; a budget of 100 KiB holds 6 past LHS matrices.
    const store = createAppStore(100 * 1024);
    store.getState().resize('lhs', 64, 64);
    for (let e = 0; e < 20; e++) store.getState().setCell('lhs', 0, 0, e + 1);
    const past = store.temporal.getState().pastStates;
    expect(past.length).toBe(6);
    // The most recent steps are the ones kept: undo walks back through them in order.
    store.temporal.getState().undo();
    expect(store.getState().lhs.data[0]).toBe(19);
    expect(store.getState().lhs.rows).toBe(64);
  });
  it('keeps every step while the budget allows (a shared matrix counts once)', () => {
    const store = createAppStore();
    for (let e = 0; e < 30; e++) store.getState().setCell('rhs', 1, 1, e + 1);
    expect(store.temporal.getState().pastStates.length).toBe(30);
  });
});

describe('derived data', () => {
  it("waits for the integer pipeline's code, then re-derives the product by itself", async () => {
    const store = createAppStore();
    expect(pipelineCode()).toBeNull();
    const loading = store.derive.product(store.getState());
    expect(!loading.ok && loading.failure.problem.kind).toBe('pipelineLoading');
    // The parameters of the inputs need no pipeline.
    expect(store.derive.params(store.getState(), 'lhs').ok).toBe(true);
    let notified = 0;
    store.subscribe(() => notified++);
    await loadPipelineCode();
    expect(notified).toBe(1);
    const product = store.derive.product(store.getState());
    // The store starts on gemmlowp's example: the result codes of doc/quantization_example.cc.
    expect(product.ok && Array.from(product.value.result.output.data)).toEqual(example.result_uint8.flat());
  });
  it('is cached for the current state and a few recent ones, not for every step of the history', () => {
    const store = createAppStore();
    const { derive } = store;
    const first = derive.product(store.getState());
    expect(derive.product(store.getState())).toBe(first);
    for (let e = 0; e < 5; e++) {
      store.getState().setCell('lhs', 0, 0, e + 1);
      derive.product(store.getState()); // each edit's state is shown
    }
    for (let e = 0; e < 5; e++) store.temporal.getState().undo();
    // Back at the first state: its product was forgotten and is computed anew (equal, not the same object).
    const again = derive.product(store.getState());
    expect(again).not.toBe(first);
    expect(again.ok && first.ok && Array.from(again.value.result.output.data)).toEqual(
      first.ok && Array.from(first.value.result.output.data),
    );
  });
});
