/** Code loaded on demand: loaded once, listeners told, and a failed load tried again when asked. */
import { describe, expect, it, vi } from 'vitest';
import { lazyCode } from '../../src/state/lazyCode.ts';

describe('lazyCode', () => {
  it('loads once and tells its listeners', async () => {
    const importer = vi.fn(() => Promise.resolve({ answer: 42 }));
    const code = lazyCode(importer);
    const heard = vi.fn();
    code.subscribe(heard);
    expect(code.get()).toBeNull();
    await Promise.all([code.load(), code.load()]);
    expect(code.get()).toEqual({ answer: 42 });
    expect(importer).toHaveBeenCalledOnce();
    expect(heard).toHaveBeenCalledOnce();
  });
  it('tries again after a load that failed (a network blip)', async () => {
    const importer = vi
      .fn<() => Promise<{ answer: number }>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce({ answer: 7 });
    const code = lazyCode(importer);
    await expect(code.load()).rejects.toThrow('offline');
    expect(code.get()).toBeNull();
    await expect(code.load()).resolves.toEqual({ answer: 7 });
    expect(importer).toHaveBeenCalledTimes(2);
  });
});
