/**
 * FindMinMax from gemmlowp's doc/quantization_example.cc: the observed range of a tensor,
 * the simplest calibration (paper §3: "we use the min and max of the weights").
 */
import { refuse } from './errors.ts';

/** The observed range of some real values. */
export interface MinMax {
  readonly min: number;
  readonly max: number;
}

/**
 * Smallest and largest value.
 * Throws an EngineError (with the offending index) on an empty input or on any NaN/±∞, where the C++
 * std::min/std::max would silently depend on the position of the NaN.
 */
export function findMinMax(values: ArrayLike<number>): MinMax {
  const n = values.length;
  if (n === 0) refuse({ kind: 'empty' });
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) refuse({ kind: 'notFinite', index: i, value: v });
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}
