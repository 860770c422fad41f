/**
 * Bounded memoization. The store replaces an input object whenever it changes, so "same object"
 * means "same value"; but the undo history keeps every past object alive, so a cache keyed on
 * them (a WeakMap) would keep every past state's derived data too. These caches keep only the
 * most recent few entries: memory follows the current state, never the length of the history.
 */

/**
 * f memoized for its `size` most recently used argument lists, compared by identity (Object.is),
 * so objects and primitives both work as keys.
 */
export function memoizeRecent<A extends unknown[], V>(f: (...args: A) => V, size: number): (...args: A) => V {
  const entries: { args: A; value: V }[] = [];
  const same = (a: A, b: A): boolean => a.length === b.length && a.every((x, k) => Object.is(x, b[k]));
  return (...args: A): V => {
    const at = entries.findIndex((e) => same(e.args, args));
    if (at >= 0) {
      const hit = entries[at] as { args: A; value: V };
      if (at > 0) entries.unshift(...entries.splice(at, 1));
      return hit.value;
    }
    const value = f(...args);
    entries.unshift({ args, value });
    if (entries.length > size) entries.length = size;
    return value;
  };
}

/**
 * f memoized on a key made from its arguments; the `limit` most recently added entries are kept.
 * For many small entries (a key lookup instead of a scan).
 */
export function memoizeByKey<A extends unknown[], V>(
  key: (...args: A) => string | number,
  f: (...args: A) => V,
  limit: number,
): (...args: A) => V {
  const cache = new Map<string | number, V>();
  return (...args: A): V => {
    const k = key(...args);
    if (cache.has(k)) return cache.get(k) as V;
    const value = f(...args);
    cache.set(k, value);
    if (cache.size > limit) cache.delete(cache.keys().next().value as string | number);
    return value;
  };
}
