/**
 * The engine's problems in words: one sentence each, in the page's language, with the numbers as
 * the page shows them (float32 digits, a real minus sign). The engine and the store only report codes.
 * Worded at call time: the components that show these call `useLingui()`.
 */
import { i18n } from '@lingui/core';
import type { EngineProblem, Subject } from '../../engine/index.ts';
import type { Failure } from '../../state/derived/index.ts';
import { formatFloat32, formatScale } from '../../viz/format.ts';
import { matrixName } from './names.ts';
import { LIBRARY_NAME } from './schemeText.ts';

/** A float32 (a range end, a multiplier, a bias) as the page shows it: shortest digits, real minus. */
const f = formatFloat32;
/** A double or a large integer: its shortest round-trip digits, with a real minus. */
const d = (x: number): string => (Number.isFinite(x) ? String(x).replace(/-/g, '−') : String(x));
const int = (x: number): string => (x < 0 ? `−${-x}` : String(x));

const subjectName = (s: Subject): string => (s === 'bias' ? i18n._('problem.subject.bias') : matrixName(s));

/** One problem, in words. */
export function problemSentence(p: EngineProblem): string {
  switch (p.kind) {
    case 'empty':
      return i18n._('problem.empty');
    case 'notFinite':
      return i18n._('problem.notFinite', { n: p.index + 1, value: String(p.value) });
    case 'rangeNotFinite':
      return i18n._('problem.rangeNotFinite', { min: String(p.min), max: String(p.max) });
    case 'rangeEmpty':
      return i18n._('problem.rangeEmpty', { min: f(p.min), max: f(p.max) });
    case 'scaleOverflow':
      return i18n._('problem.scaleOverflow', { min: f(p.min), max: f(p.max) });
    case 'scaleUnderflow':
      return i18n._('problem.scaleUnderflow', { min: f(p.min), max: f(p.max), levels: p.levels });
    case 'multiplierNotFinite':
      return i18n._('problem.multiplierNotFinite', { m: String(p.m) });
    case 'multiplierNotPositive':
      return i18n._('problem.multiplierNotPositive', { m: f(p.m) });
    case 'multiplierNotBelowOne':
      return i18n._('problem.multiplierNotBelowOne', { m: f(p.m) });
    case 'multiplierNegative':
      return i18n._('problem.multiplierNegative', { m: d(p.m) });
    case 'multiplierTooSmall':
      return i18n._('problem.multiplierTooSmall', { m: f(p.m), shift: p.shift });
    case 'multiplierTooLarge':
      return i18n._('problem.multiplierTooLarge', { m: f(p.m), shift: p.shift });
    case 'notInt32':
      return i18n._('problem.notInt32', { operand: p.operand, value: d(p.value) });
    case 'shiftOutOfRange':
      return i18n._('problem.shiftOutOfRange', { min: int(p.min), max: int(p.max), shift: d(p.shift) });
    case 'leftShiftOverflow':
      return i18n._('problem.leftShiftOverflow', { x: int(p.x), shift: p.shift });
    case 'resultNotInt32':
      return i18n._('problem.resultNotInt32', { value: d(p.value) });
    case 'codesTooWide':
      return i18n._('problem.codesTooWide', { qmin: int(p.qmin), qmax: int(p.qmax) });
    case 'depthMismatch':
      return i18n._('problem.depthMismatch', {
        lhsRows: p.lhsRows,
        lhsCols: p.lhsCols,
        rhsRows: p.rhsRows,
        rhsCols: p.rhsCols,
      });
    case 'accumulatorOverflow':
      return i18n._('problem.accumulatorOverflow', {
        row: p.row + 1,
        col: p.col + 1,
        value: d(p.value),
        depth: p.depth,
        safeDepth: p.safeDepth,
      });
    case 'productOverflow':
      return i18n._('problem.productOverflow', { row: p.row + 1, col: p.col + 1 });
    case 'biasLength':
      return i18n._('problem.biasLength', { length: p.length, cols: p.cols });
    case 'biasTooLarge':
      return i18n._('problem.biasTooLarge', { n: p.index + 1, value: f(p.value), scale: formatScale(p.scale) });
    case 'biasOverflow':
      return i18n._('problem.biasOverflow', { n: p.index + 1 });
    case 'matrixEmpty':
      return i18n._('problem.matrixEmpty');
    case 'raggedRows':
      return i18n._('problem.raggedRows', { row: p.row + 1, length: p.length, expected: p.expected });
    case 'cellOutside':
      return i18n._('problem.cellOutside', { row: p.row + 1, col: p.col + 1, rows: p.rows, cols: p.cols });
    case 'stepOutside':
      return i18n._('problem.stepOutside', { step: p.step + 1, length: p.length });
    case 'lengthMismatch':
      return i18n._('problem.lengthMismatch', { a: p.a, b: p.b });
    case 'codeRangeInvalid':
      return i18n._('problem.codeRangeInvalid', { qmin: int(p.qmin), qmax: int(p.qmax) });
    case 'codeRangeWithoutZero':
      return i18n._('problem.codeRangeWithoutZero', { qmin: int(p.qmin), qmax: int(p.qmax) });
    case 'symmetricUnsupported':
      return i18n._('problem.symmetricUnsupported', { library: LIBRARY_NAME[p.library] });
    case 'symmetricUnsigned':
      return i18n._('problem.symmetricUnsigned', {
        library: LIBRARY_NAME[p.library],
        qmin: int(p.qmin),
        qmax: int(p.qmax),
      });
    case 'scaleNotPositive':
      return i18n._('problem.scaleNotPositive', { scale: d(p.scale) });
    case 'observerConstantInvalid':
      return i18n._('problem.observerConstantInvalid', { constant: d(p.constant) });
    case 'batchEmpty':
      return i18n._('problem.batchEmpty', { n: p.batch + 1 });
    case 'zeroPointOutside':
      return i18n._('problem.zeroPointOutside', { qmin: d(p.qmin), qmax: d(p.qmax), zeroPoint: d(p.zeroPoint) });
    case 'percentileInvalid':
      return i18n._('problem.percentileInvalid', { percentile: d(p.percentile) });
    case 'calibrationMagnitude':
      return i18n._('problem.calibrationMagnitude', { amax: d(p.amax) });
    case 'formatLoading':
      return i18n._('problem.formatLoading');
    case 'pipelineLoading':
      return i18n._('problem.pipelineLoading');
    case 'formatNotFinite':
      return i18n._('problem.formatNotFinite', {
        format: p.format,
        value: f(p.value),
        decoded: Number.isNaN(p.decoded) ? 'NaN' : p.decoded > 0 ? '∞' : '−∞',
      });
    case 'binsInvalid':
      return i18n._('problem.binsInvalid', { bins: d(p.bins) });
    case 'blockSizeInvalid':
      return i18n._('problem.blockSizeInvalid', { max: p.max, blockSize: d(p.blockSize) });
    case 'granularityAcrossDepth':
      return p.granularity === 'block'
        ? i18n._('problem.blocksAcrossDepth')
        : p.axis === 0
          ? i18n._('problem.rowsAcrossDepth')
          : i18n._('problem.columnsAcrossDepth');
    case 'resultNotPerTensor':
      return i18n._('problem.resultNotPerTensor');
    case 'biasWithPerRowLhs':
      return i18n._('problem.biasWithPerRowLhs');
    default:
      return p satisfies never;
  }
}

/** A failure in words, with what it is about: "LHS: Value #3 is NaN, not a finite number." */
export function failureText(failure: Failure): string {
  const sentence = problemSentence(failure.problem);
  return failure.subject ? i18n._('problem.about', { subject: subjectName(failure.subject), sentence }) : sentence;
}
