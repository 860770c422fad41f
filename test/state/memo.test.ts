import { describe, expect, it, vi } from 'vitest';
import { memoizeByKey, memoizeRecent } from '../../src/state/memo.ts';

describe('memoizeRecent', () => {
  it('returns the cached value for the same arguments, by identity, objects and primitives alike', () => {
    const f = vi.fn((m: object, k: number) => ({ m, k }));
    const memo = memoizeRecent(f, 2);
    const a = {};
    const first = memo(a, 1);
    expect(memo(a, 1)).toBe(first);
    expect(memo({}, 1)).not.toBe(first); // an equal but different object is another input
    expect(f).toHaveBeenCalledTimes(2);
  });
  it('keeps only the most recently used entries: older inputs are forgotten, not kept alive', () => {
    const f = vi.fn((m: object) => ({ m }));
    const memo = memoizeRecent(f, 2);
    const [a, b, c] = [{}, {}, {}];
    const fromA = memo(a);
    memo(b);
    expect(memo(a)).toBe(fromA); // a is now the most recent
    memo(c); // evicts b, the least recently used
    expect(f).toHaveBeenCalledTimes(3);
    memo(a);
    expect(f).toHaveBeenCalledTimes(3);
    memo(b);
    expect(f).toHaveBeenCalledTimes(4);
  });
});

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
