/** A derived value, or why it could not be computed (a panel explains it instead of showing NaN). */
import { EngineError, type EngineProblem, type Subject } from '../../engine/index.ts';

/** Why a value could not be computed: the engine's problem and what it is about. */
export interface Failure {
  readonly problem: EngineProblem;
  readonly subject: Subject | null;
}

/** A computed value, or the reason it could not be computed (shown in the panel). */
export type Derived<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: Failure };

/**
 * Runs `compute`, turning the engine's refusal into a failed Derived. Anything else is a bug and
 * propagates to the panel's error boundary.
 */
export function attempt<T>(compute: () => T): Derived<T> {
  try {
    return { ok: true, value: compute() };
  } catch (e) {
    if (e instanceof EngineError) return { ok: false, failure: { problem: e.problem, subject: e.subject } };
    throw e;
  }
}
