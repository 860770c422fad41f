/** The typed problem a model function refused with (or what else it threw; null when it did not throw). */
import { ModelError } from '../../src/models/problems.ts';

export function problemOf(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e instanceof ModelError ? e.problem : e;
  }
  return null;
}
