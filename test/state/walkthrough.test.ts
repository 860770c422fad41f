/** The walkthrough's position follows the requantization method's number of stages. */
import { describe, expect, it } from 'vitest';
import { useAppStore } from '../../src/state/store.ts';
import { walkPosition } from '../../src/state/derived/walkthrough.ts';

describe('the walkthrough position', () => {
  it('keeps the last step inside the trace when the method changes to one with fewer stages', () => {
    const store = useAppStore.getState();
    store.setProductOptions({ bias: [0.1, 0.2, 0.3] });
    const depth = useAppStore.getState().lhs.cols;
    // gemmlowp: depth terms, then decomposition, bias, high multiply, shift, offset, clamp.
    store.setStep(1_000);
    expect(walkPosition(useAppStore.getState()).step).toBe(depth + 6 - 1);
    // float32 scales once instead of a high multiply and a shift: one stage fewer.
    store.setProductOptions({ requantization: 'float32' });
    const position = walkPosition(useAppStore.getState());
    expect(position.length).toBe(depth + 5);
    expect(position.step).toBe(depth + 5 - 1);
  });
});
