/**
 * The stages of a cell's trace (stepTrace.ts) and how many frames it has: what the walkthrough's
 * position needs before the integer pipeline's code is here.
 */
import type { Requantization } from './requantize.ts';
import type { TraceFrame } from './stepTrace.ts';

/** A stage after the accumulation steps. */
export type Stage = Exclude<TraceFrame['kind'], 'accumulate'>;

/** Every stage once, in order (a Record: a frame kind left out here fails to compile). */
const STAGE_ORDER: Record<Stage, true> = {
  decomposition: true,
  bias: true,
  highMul: true,
  shift: true,
  scale: true,
  offset: true,
  clamp: true,
};

/**
 * Every stage after the accumulation steps, in order; a trace has 'bias' only with a bias, and
 * either 'highMul' and 'shift' (fixed point with a high multiply) or 'scale' (the other methods).
 */
export const STAGES = Object.keys(STAGE_ORDER) as readonly Stage[];

/** Whether a method applies its multiplier as a high multiply and a rounding shift. */
export const highMultiplies = (method: Requantization): boolean => method === 'gemmlowp' || method === 'tflite';

export function stagesOf(withBias: boolean, method: Requantization): readonly Stage[] {
  return STAGES.filter(
    (s) => (s !== 'bias' || withBias) && (highMultiplies(method) ? s !== 'scale' : s !== 'highMul' && s !== 'shift'),
  );
}

/** Number of frames of a cell's trace: `depth` accumulation steps, then the stages (5 to 6, 4 to 5 without a high multiply). */
export function traceLength(depth: number, withBias: boolean, method: Requantization = 'gemmlowp'): number {
  return depth + stagesOf(withBias, method).length;
}
