/**
 * The block formats' code (src/formats and the format view), loaded on demand: the first paint
 * does without it. Asked for when a format is chosen or a link or session names one; each store
 * that listens re-derives its views once it has arrived.
 */
type FormatCode = typeof import('./derived/format.ts');

let code: FormatCode | null = null;
let pending: Promise<FormatCode> | null = null;
const listeners = new Set<() => void>();

/** The code, once loaded. */
export const formatCode = (): FormatCode | null => code;

/** Loads the code (once); resolves when it is here. */
export function loadFormatCode(): Promise<FormatCode> {
  pending ??= import('./derived/format.ts').then((m) => {
    code = m;
    for (const listener of listeners) listener();
    return m;
  });
  return pending;
}

/** Calls `listener` when the code arrives (for a store to re-derive); returns how to stop. */
export function onFormatCode(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
