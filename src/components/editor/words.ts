/** What the inputs panel calls the presets and distributions, and how it tells of a resize. */
import { i18n } from '@lingui/core';
import type { PresetId } from '../../state/presets.ts';
import type { Distribution } from '../../state/random.ts';
import type { Resized } from '../../state/store.ts';
import { matrixName } from '../common/names.ts';

/** Each preset's name (message ids). */
const PRESET_LABEL: Record<PresetId, string> = {
  gemmlowp: 'editor.preset.gemmlowp',
  outlier: 'editor.preset.outlier',
  positive: 'editor.preset.positive',
  constant: 'editor.preset.constant',
  outlierColumn: 'editor.preset.outlierColumn',
  blocks: 'editor.preset.blocks',
  llmWeights: 'editor.preset.llmWeights',
};

/** Each preset's name as the caption's first sentence (message ids). */
const PRESET_HEADING: Record<PresetId, string> = {
  gemmlowp: 'editor.heading.gemmlowp',
  outlier: 'editor.heading.outlier',
  positive: 'editor.heading.positive',
  constant: 'editor.heading.constant',
  outlierColumn: 'editor.heading.outlierColumn',
  blocks: 'editor.heading.blocks',
  llmWeights: 'editor.heading.llmWeights',
};

/** Each preset's one-line lesson (message ids). */
const PRESET_LESSON: Record<PresetId, string> = {
  gemmlowp: 'editor.lesson.gemmlowp',
  outlier: 'editor.lesson.outlier',
  positive: 'editor.lesson.positive',
  constant: 'editor.lesson.constant',
  outlierColumn: 'editor.lesson.outlierColumn',
  blocks: 'editor.lesson.blocks',
  llmWeights: 'editor.lesson.llmWeights',
};

/** A preset's name, in the page's language. */
export const presetLabel = (id: PresetId): string => i18n._(PRESET_LABEL[id]);

/** A preset's name as a sentence ("gemmlowp example."), in the page's language. */
export const presetHeading = (id: PresetId): string => i18n._(PRESET_HEADING[id]);

/** A preset's one-line lesson, in the page's language. */
export const presetLesson = (id: PresetId): string => i18n._(PRESET_LESSON[id]);

/** Each distribution of the randomizer (message ids). */
const DISTRIBUTION_TEXT: Record<Distribution, string> = {
  uniform: 'editor.distribution.uniform',
  normal: 'editor.distribution.normal',
  outliers: 'editor.distribution.outliers',
  relu: 'editor.distribution.relu',
};

/** A distribution of the randomizer, in the page's language. */
export const distributionText = (d: Distribution): string => i18n._(DISTRIBUTION_TEXT[d]);

/** The note when the other matrix was resized to keep the depths equal. */
export function resizedNote(r: Resized): string {
  return i18n._('editor.resized', { matrix: matrixName(r.other), rows: r.rows, cols: r.cols });
}

/** A cell's accessible name, e.g. "LHS row 1, column 2" (row and column counted from 0). */
export function cellName(matrix: string, row: number, col: number): string {
  return i18n._('editor.cellName', { matrix, row: row + 1, col: col + 1 });
}
