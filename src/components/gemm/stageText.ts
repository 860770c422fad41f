/** What the walkthrough calls each stage after the accumulation. */
import type { CodeRange, Stage } from '../../engine/index.ts';
import { codeRangeName } from '../../viz/format.ts';

/** The counter's name of each stage (the clamp names the result's codes). */
export function stageName(stage: Stage, result: CodeRange): string {
  const names: Record<Stage, string> = {
    decomposition: 'zero-point decomposition',
    bias: 'add the bias',
    highMul: 'doubling high multiply',
    shift: 'rounding right shift',
    scale: 'multiply by M and round',
    offset: 'add Z3',
    clamp: `clamp to ${codeRangeName(result)}`,
  };
  return names[stage];
}

/** The short name of each stage in the pipeline list. */
export const STAGE_SHORT: Record<Stage, string> = {
  decomposition: 'int32 sum',
  bias: '+ bias',
  highMul: 'high multiply',
  shift: 'rounding shift',
  scale: '× M, rounded',
  offset: '+ Z3',
  clamp: 'clamp',
};
