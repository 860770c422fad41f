/** What the walkthrough calls each stage after the accumulation. */
import { i18n } from '@lingui/core';
import type { CodeRange, Stage } from '../../engine/index.ts';
import { codeRangeName } from '../../viz/format.ts';

/** The message id of each stage's name in the counter. */
const STAGE_NAME: Record<Stage, string> = {
  decomposition: 'gemm.stage.decomposition',
  bias: 'gemm.stage.bias',
  highMul: 'gemm.stage.highMul',
  shift: 'gemm.stage.shift',
  scale: 'gemm.stage.scale',
  offset: 'gemm.stage.offset',
  clamp: 'gemm.stage.clamp',
};

/** The counter's name of each stage (the clamp names the result's codes). */
export function stageName(stage: Stage, result: CodeRange): string {
  return i18n._(STAGE_NAME[stage], { codes: codeRangeName(result) });
}

/** The message id of each stage's short name in the pipeline list. */
const STAGE_SHORT: Record<Stage, string> = {
  decomposition: 'gemm.short.decomposition',
  bias: 'gemm.short.bias',
  highMul: 'gemm.short.highMul',
  shift: 'gemm.short.shift',
  scale: 'gemm.short.scale',
  offset: 'gemm.short.offset',
  clamp: 'gemm.short.clamp',
};

/** The short name of each stage in the pipeline list. */
export const stageShort = (stage: Stage): string => i18n._(STAGE_SHORT[stage]);
