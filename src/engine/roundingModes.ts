/**
 * TFLite's two ways of applying a quantized multiplier: the default double rounding
 * (SRDHM, then RoundingDivideByPOT) and the single-rounding variant. They differ on some inputs
 * (e.g. M = 0.25, x = 1: double rounding gives 1, single rounding 0).
 */
import { multiplyByQuantizedMultiplier, multiplyByQuantizedMultiplierSingleRounding } from './fixedPoint.ts';

/** An input on which the two rounding modes disagree. */
export interface Disagreement {
  readonly x: number;
  readonly double: number;
  readonly single: number;
}

/**
 * The inputs x ∈ [from, to] on which double and single rounding disagree for (qm, shift):
 * how many, and the first `limit` of them (nearest to 0 first). Throws where the single-rounding
 * variant is undefined (shift outside −31…30).
 */
export function compareRoundingModes(
  quantizedMultiplier: number,
  shift: number,
  from: number,
  to: number,
  limit = 8,
): { count: number; examples: Disagreement[] } {
  const examples: Disagreement[] = [];
  let count = 0;
  const xs = Array.from({ length: to - from + 1 }, (_, t) => from + t).sort(
    (a, b) => Math.abs(a) - Math.abs(b) || a - b,
  );
  for (const x of xs) {
    const double = multiplyByQuantizedMultiplier(x, quantizedMultiplier, shift);
    const single = multiplyByQuantizedMultiplierSingleRounding(x, quantizedMultiplier, shift);
    if (double !== single) {
      count++;
      if (examples.length < limit) examples.push({ x, double, single });
    }
  }
  return { count, examples };
}
