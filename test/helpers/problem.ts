/** What the engine refused, as its typed code (tests assert codes; the words are the components'). */
import { EngineError, type EngineProblem, type Subject } from '../../src/engine/index.ts';

/** The problem `run` throws, with its subject; fails the test when it does not throw an EngineError. */
export function problemOf(run: () => unknown): { problem: EngineProblem; subject: Subject | null } {
  try {
    run();
  } catch (e) {
    if (e instanceof EngineError) return { problem: e.problem, subject: e.subject };
    throw e;
  }
  throw new Error('expected an EngineError, but nothing was thrown');
}

/** The kind of the problem `run` throws. */
export const kindOf = (run: () => unknown): string => problemOf(run).problem.kind;
