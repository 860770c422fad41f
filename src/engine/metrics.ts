/**
 * Error metrics of a quantized tensor (reference §9): with r̂ = S(q − Z), inside the range the
 * error r̂ − r is at most S/2 and, for values spread over many steps, roughly uniform on
 * [−S/2, S/2] with variance S²/12; outside the range it is clipping error.
 */
import { refuse } from './errors.ts';
import type { QuantizationParams } from './quantizationParams.ts';

/** Summary of r̂ − r over a tensor. */
export interface ErrorMetrics {
  /** mean((r̂ − r)²). */
  readonly mse: number;
  /** max |r̂ − r|. */
  readonly maxAbsError: number;
  /** 10·log10(Σr² / Σ(r̂ − r)²) in dB; null when there is no error (lossless) or no signal. */
  readonly sqnrDb: number | null;
  /** S²/12, the MSE of uniform rounding error. */
  readonly theoreticalMse: number;
  /** Values outside the representable range [S(qmin − Z), S(qmax − Z)] by more than half a step. */
  readonly clipped: number;
  readonly count: number;
}

type MetricParams = Pick<QuantizationParams, 'scale' | 'zeroPoint' | 'qmin' | 'qmax'>;

/** Metrics of `reconstructed` (r̂) against `original` (r); throws if the lengths differ. */
export function errorMetrics(
  params: MetricParams,
  original: ArrayLike<number>,
  reconstructed: ArrayLike<number>,
): ErrorMetrics {
  return groupedErrorMetrics([params], null, original, reconstructed);
}

/**
 * The same with one parameter set per channel or block: value t uses params[groupOf[t]] (per
 * tensor when groupOf is null). S²/12 is then the mean of each value's own S²/12.
 */
export function groupedErrorMetrics(
  params: readonly MetricParams[],
  groupOf: ArrayLike<number> | null,
  original: ArrayLike<number>,
  reconstructed: ArrayLike<number>,
): ErrorMetrics {
  const n = original.length;
  if (reconstructed.length !== n) refuse({ kind: 'lengthMismatch', a: n, b: reconstructed.length });
  let sumSq = 0;
  let signal = 0;
  let maxAbsError = 0;
  let clipped = 0;
  let sumStepSq = 0;
  for (let i = 0; i < n; i++) {
    const { scale, zeroPoint, qmin, qmax } = params[groupOf ? (groupOf[i] as number) : 0] as MetricParams;
    const r = original[i] as number;
    const e = (reconstructed[i] as number) - r;
    sumSq += e * e;
    signal += r * r;
    sumStepSq += scale * scale;
    if (Math.abs(e) > maxAbsError) maxAbsError = Math.abs(e);
    const t = Math.fround(zeroPoint + Math.fround(r / scale));
    if (t < qmin - 0.5 || t > qmax + 0.5) clipped++;
  }
  const mse = n > 0 ? sumSq / n : 0;
  const sqnrDb = sumSq > 0 && signal > 0 ? 10 * Math.log10(signal / sumSq) : null;
  const theoreticalMse = n > 0 ? sumStepSq / n / 12 : (params[0]?.scale ?? 0) ** 2 / 12;
  return { mse, maxAbsError, sqnrDb, theoreticalMse, clipped, count: n };
}

/** The metrics of each group apart (value t in group groupOf[t]), in the groups' order. */
export function metricsPerGroup(
  params: readonly MetricParams[],
  groupOf: ArrayLike<number>,
  original: ArrayLike<number>,
  reconstructed: ArrayLike<number>,
): ErrorMetrics[] {
  const members: number[][] = params.map(() => []);
  for (let t = 0; t < groupOf.length; t++) members[groupOf[t] as number]?.push(t);
  return params.map((p, g) => {
    const idx = members[g] as number[];
    return errorMetrics(
      p,
      idx.map((t) => original[t] as number),
      idx.map((t) => reconstructed[t] as number),
    );
  });
}
