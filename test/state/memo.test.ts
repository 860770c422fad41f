import { describe, expect, it, vi } from 'vitest';
import { memoizeByKey } from '../../src/state/memo.ts';

describe('memoizeByKey', () => {
  it('computes once per key and keeps the most recent entries up to the limit', () => {
    const make = vi.fn((n: number) => ({ n }));
    const boxed = memoizeByKey((n: number) => n, make, 2);
    const one = boxed(1);
    expect(boxed(1)).toBe(one);
    boxed(2);
    boxed(3); // evicts 1, the oldest
    expect(make).toHaveBeenCalledTimes(3);
    expect(boxed(3)).toEqual({ n: 3 });
    expect(boxed(1)).not.toBe(one);
    expect(make).toHaveBeenCalledTimes(4);
  });
});
