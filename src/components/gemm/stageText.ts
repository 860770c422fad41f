/** What the walkthrough calls each stage after the accumulation. */
import type { Stage } from '../../engine/index.ts';

/** The counter's name of each stage. */
export const STAGE_NAME: Record<Stage, string> = {
  decomposition: 'zero-point decomposition',
  bias: 'add the bias',
  highMul: 'doubling high multiply',
  shift: 'rounding right shift',
  offset: 'add Z3',
  clamp: 'clamp to uint8',
};

/** The short name of each stage in the pipeline list. */
export const STAGE_SHORT: Record<Stage, string> = {
  decomposition: 'int32 sum',
  bias: '+ bias',
  highMul: 'high multiply',
  shift: 'rounding shift',
  offset: '+ Z3',
  clamp: 'clamp',
};
