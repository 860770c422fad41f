/** The engine's problems in words: every code has a sentence, with the page's number formatting. */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EngineProblem } from '../../src/engine/index.ts';
import { failureText, problemSentence } from '../../src/components/common/problemText.ts';
import { activateLocale } from '../../src/i18n/i18n.ts';

// The sentences come from the catalogs: English unless a test says otherwise.
beforeAll(() => activateLocale('en'));

/** One example of every problem the engine reports (the record's type makes a new kind a compile error here). */
const EXAMPLES: { [K in EngineProblem['kind']]: Extract<EngineProblem, { kind: K }> } = {
  empty: { kind: 'empty' },
  notFinite: { kind: 'notFinite', index: 2, value: Number.NaN },
  rangeNotFinite: { kind: 'rangeNotFinite', min: Number.NaN, max: 1 },
  rangeEmpty: { kind: 'rangeEmpty', min: 2, max: -0.5 },
  scaleOverflow: { kind: 'scaleOverflow', min: -3e38, max: 3e38 },
  scaleUnderflow: { kind: 'scaleUnderflow', min: 0, max: 1e-44, levels: 255 },
  multiplierNotFinite: { kind: 'multiplierNotFinite', m: Infinity },
  multiplierNotPositive: { kind: 'multiplierNotPositive', m: -0.5 },
  multiplierNotBelowOne: { kind: 'multiplierNotBelowOne', m: 1.25 },
  multiplierNegative: { kind: 'multiplierNegative', m: -1 },
  multiplierTooSmall: { kind: 'multiplierTooSmall', m: 2 ** -33, shift: 32 },
  multiplierTooLarge: { kind: 'multiplierTooLarge', m: 2 ** 40, shift: 41 },
  notInt32: { kind: 'notInt32', operand: 'x', value: 1.5 },
  shiftOutOfRange: { kind: 'shiftOutOfRange', shift: 32, min: 0, max: 31 },
  leftShiftOverflow: { kind: 'leftShiftOverflow', x: -5, shift: 30 },
  resultNotInt32: { kind: 'resultNotInt32', value: 2 ** 33 },
  codesTooWide: { kind: 'codesTooWide', qmin: -32768, qmax: 32767 },
  depthMismatch: { kind: 'depthMismatch', lhsRows: 2, lhsCols: 4, rhsRows: 3, rhsCols: 3 },
  accumulatorOverflow: { kind: 'accumulatorOverflow', row: 0, col: 1, value: 2 ** 31, depth: 40000, safeDepth: 33025 },
  productOverflow: { kind: 'productOverflow', row: 1, col: 2 },
  biasLength: { kind: 'biasLength', length: 2, cols: 3 },
  biasTooLarge: { kind: 'biasTooLarge', index: 0, value: 1e30, scale: 1e-10 },
  biasOverflow: { kind: 'biasOverflow', index: 4 },
  matrixEmpty: { kind: 'matrixEmpty' },
  raggedRows: { kind: 'raggedRows', row: 1, length: 2, expected: 3 },
  cellOutside: { kind: 'cellOutside', row: 2, col: 0, rows: 2, cols: 3 },
  stepOutside: { kind: 'stepOutside', step: 9, length: 9 },
  lengthMismatch: { kind: 'lengthMismatch', a: 4, b: 5 },
  codeRangeInvalid: { kind: 'codeRangeInvalid', qmin: 0, qmax: 1 },
  codeRangeWithoutZero: { kind: 'codeRangeWithoutZero', qmin: 1, qmax: 255 },
  symmetricUnsupported: { kind: 'symmetricUnsupported', library: 'gemmlowp' },
  symmetricUnsigned: { kind: 'symmetricUnsigned', library: 'tflite', qmin: 0, qmax: 255 },
  blockSizeInvalid: { kind: 'blockSizeInvalid', blockSize: 0.5, max: 512 },
  granularityAcrossDepth: { kind: 'granularityAcrossDepth', granularity: 'axis', axis: 1 },
  resultNotPerTensor: { kind: 'resultNotPerTensor' },
  biasWithPerRowLhs: { kind: 'biasWithPerRowLhs' },
  scaleNotPositive: { kind: 'scaleNotPositive', scale: -0.5 },
  observerConstantInvalid: { kind: 'observerConstantInvalid', constant: 1.5 },
  batchEmpty: { kind: 'batchEmpty', batch: 2 },
  percentileInvalid: { kind: 'percentileInvalid', percentile: 120 },
  binsInvalid: { kind: 'binsInvalid', bins: 64 },
  calibrationMagnitude: { kind: 'calibrationMagnitude', amax: 3e38 },
  zeroPointOutside: { kind: 'zeroPointOutside', zeroPoint: 300, qmin: 0, qmax: 255 },
  formatLoading: { kind: 'formatLoading' },
  pipelineLoading: { kind: 'pipelineLoading' },
  formatNotFinite: { kind: 'formatNotFinite', format: 'Q4_0', value: 3e38, decoded: NaN },
};

describe('problemSentence', () => {
  it.each(Object.values(EXAMPLES))('puts $kind into one sentence, with no raw code or undefined', (problem) => {
    const sentence = problemSentence(problem);
    expect(sentence).toMatch(/^[A-Z“(0-9−xM].*[.)]$/);
    expect(sentence).not.toMatch(/undefined|\[object|kind/);
    expect(sentence).not.toContain(problem.kind);
  });

  it('prints numbers as the page does: float32 digits and a real minus sign', () => {
    expect(problemSentence(EXAMPLES.rangeEmpty)).toBe('The range is empty: min 2 is greater than max −0.5.');
    expect(problemSentence({ kind: 'rangeEmpty', min: Math.fround(0.1), max: Math.fround(-0.3) })).toBe(
      'The range is empty: min 0.1 is greater than max −0.3.',
    );
    expect(problemSentence(EXAMPLES.leftShiftOverflow)).toMatch(/^−5 · 2\^30 overflows int32/);
  });

  it('names what the problem is about, 1-based', () => {
    expect(failureText({ subject: 'lhs', problem: EXAMPLES.notFinite })).toBe(
      'LHS: Value #3 is NaN, not a finite number.',
    );
    expect(failureText({ subject: 'bias', problem: { kind: 'notFinite', index: 0, value: Infinity } })).toBe(
      'Bias: Value #1 is Infinity, not a finite number.',
    );
    expect(failureText({ subject: null, problem: EXAMPLES.cellOutside })).toBe(
      'Output cell (3, 1) is outside the 2×3 result.',
    );
  });
});

/** English prose (as the page-wide leak test reads it): two or more words, one of them a lowercase word of 3+ letters. */
const ENGLISH = /\b[A-Za-z][a-z']+(?: [A-Za-z][a-z']*)+\b/g;
const englishPhrases = (text: string) =>
  [...text.matchAll(ENGLISH)].map((m) => m[0]).filter((p) => p.split(' ').some((w) => /^[a-z']{3,}$/.test(w)));
const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;

/** Every way of wording a problem: each kind, and each branch of a kind with several sentences. */
const ALL: EngineProblem[] = [
  ...Object.values(EXAMPLES),
  { kind: 'granularityAcrossDepth', granularity: 'axis', axis: 0 },
  { kind: 'granularityAcrossDepth', granularity: 'block', axis: 0 },
  { kind: 'symmetricUnsupported', library: 'onnx' },
  { kind: 'biasLength', length: 1, cols: 1 },
];

describe('problemSentence in Chinese', () => {
  beforeEach(() => activateLocale('zh-CN')); // test/setup.ts returns to English after each test

  it.each(ALL)('words $kind in Chinese, with no English phrase left', (problem) => {
    const sentence = problemSentence(problem);
    expect(sentence).toMatch(/[\u3400-\u9fff]/);
    expect(englishPhrases(sentence)).toEqual([]);
    expect(sentence).not.toMatch(/undefined|\[object|problem\./);
  });

  it('keeps the page’s numbers and names what the problem is about in Chinese', () => {
    expect(problemSentence(EXAMPLES.rangeEmpty)).toBe('范围为空：最小值 2 大于最大值 −0.5。');
    expect(failureText({ subject: 'lhs', problem: EXAMPLES.notFinite })).toBe(
      '左矩阵出错：第 3 个值是 NaN，不是有限数。',
    );
    expect(failureText({ subject: 'bias', problem: EXAMPLES.batchEmpty })).toMatch(/^偏置出错：/);
  });
});

describe('problemSentence in English', () => {
  it.each(ALL)('words $kind in English only', (problem) => {
    expect(problemSentence(problem)).not.toMatch(CJK);
    expect(failureText({ subject: 'rhs', problem })).not.toMatch(CJK);
  });
});
