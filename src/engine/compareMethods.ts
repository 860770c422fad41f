/**
 * Every requantization method on one product's accumulators, and the outputs on which they differ
 * (its own module: only the comparison view, loaded on demand, needs it).
 */
import { EngineError, type EngineProblem } from './errors.ts';
import type { QuantizedMatMulResult } from './quantizedMatMul.ts';
import {
  cellGroups,
  REQUANTIZATIONS,
  requantize,
  requantizer,
  type Requantization,
  type Requantizer,
} from './requantize.ts';
import type { Library } from './schemes.ts';

/** One method's codes for a product's accumulators, or why it cannot requantize them. */
export type MethodCodes =
  | { readonly method: Requantization; readonly ok: true; readonly codes: Int32Array }
  | { readonly method: Requantization; readonly ok: false; readonly problem: EngineProblem };

/** An output on which the methods do not all agree: each method's code (null where it cannot). */
export interface MethodDisagreement {
  readonly index: number;
  readonly codes: readonly (number | null)[];
}

/** What every method gives for the same accumulators, and where they differ. */
export interface MethodComparison {
  readonly methods: readonly MethodCodes[];
  readonly disagreements: readonly MethodDisagreement[];
}

/** The parts of a product every method starts from. */
export interface Requantizable {
  /** int32 accumulators (with the bias added), rows × cols. */
  readonly biased: { readonly rows: number; readonly cols: number; readonly data: Int32Array };
  /** The scales of the LHS (one, or one per row) and of the RHS (one, or one per column). */
  readonly lhsScales: readonly number[];
  readonly rhsScales: readonly number[];
  readonly resultScale: number;
  readonly resultZeroPoint: number;
  readonly resultLibrary: Library;
  /** The output's clamp (the code range narrowed by the activation). */
  readonly lo: number;
  readonly hi: number;
}

/**
 * Every requantization method on the same accumulators: each method's output codes, and the
 * outputs on which they do not all agree (methods that cannot hold a multiplier are left out of
 * the comparison, with their problem).
 */
export function compareRequantizations(p: Requantizable): MethodComparison {
  const { rows, cols, data } = p.biased;
  const methods = REQUANTIZATIONS.map((method): MethodCodes => {
    try {
      const rs = p.lhsScales.flatMap((s1) =>
        p.rhsScales.map((s2) => requantizer(method, s1, s2, p.resultScale, p.resultLibrary)),
      );
      const codes = new Int32Array(rows * cols);
      for (let i = 0; i < rows; i++) {
        for (let k = 0; k < cols; k++) {
          const r = rs[cellGroups(p.lhsScales.length, p.rhsScales.length, i, k).requantizer];
          const t = i * cols + k;
          const v = requantize(r as Requantizer, data[t] as number).scaled + p.resultZeroPoint;
          codes[t] = v < p.lo ? p.lo : v > p.hi ? p.hi : v;
        }
      }
      return { method, ok: true, codes };
    } catch (e) {
      if (e instanceof EngineError) return { method, ok: false, problem: e.problem };
      throw e;
    }
  });
  const disagreements: MethodDisagreement[] = [];
  for (let t = 0; t < rows * cols; t++) {
    const codes = methods.map((m) => (m.ok ? (m.codes[t] as number) : null));
    const seen = codes.filter((c): c is number => c !== null);
    if (seen.some((c) => c !== seen[0])) disagreements.push({ index: t, codes });
  }
  return { methods, disagreements };
}

/** Every requantization method on this product's accumulators (see compareRequantizations). */
export function compareMethods(result: QuantizedMatMulResult): MethodComparison {
  return compareRequantizations({
    biased: result.biased,
    lhsScales: result.lhsGroups.map((g) => g.scale),
    rhsScales: result.rhsGroups.map((g) => g.scale),
    resultScale: result.resultParams.scale,
    resultZeroPoint: result.resultParams.zeroPoint,
    resultLibrary: result.resultScheme.library,
    lo: result.clampLow,
    hi: result.clampHigh,
  });
}
