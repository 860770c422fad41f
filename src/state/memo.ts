/**
 * Memoization on object identity: the store replaces an input object whenever it changes, so
 * "same object" means "same value". Nested WeakMaps let old entries be garbage-collected.
 */

type Node<V> = { map: WeakMap<object, Node<V>>; value?: V; has: boolean };

/** f memoized on the identity of all its (object) arguments. */
export function memoize<A extends object[], V>(f: (...args: A) => V): (...args: A) => V {
  const root: Node<V> = { map: new WeakMap(), has: false };
  return (...args: A): V => {
    let node = root;
    for (const a of args) {
      let next = node.map.get(a);
      if (!next) {
        next = { map: new WeakMap(), has: false };
        node.map.set(a, next);
      }
      node = next;
    }
    if (!node.has) {
      node.value = f(...args);
      node.has = true;
    }
    return node.value as V;
  };
}

/**
 * f memoized on a key made from its (primitive) arguments, which a WeakMap cannot hold; the
 * `limit` most recently added entries are kept.
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
