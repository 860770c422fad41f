/** A derived value, or why it could not be computed (a panel explains it instead of showing NaN). */

/** A computed value, or the reason it could not be computed (shown in the panel). */
export type Derived<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Runs `compute`, turning a thrown error into a failed Derived. */
export function attempt<T>(compute: () => T): Derived<T> {
  try {
    return { ok: true, value: compute() };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
