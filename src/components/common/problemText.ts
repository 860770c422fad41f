/**
 * The engine's problems in words: one sentence each, with the numbers as the page shows them
 * (float32 digits, a real minus sign). The engine and the store only report codes.
 */
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

const subjectName = (s: Subject): string => (s === 'bias' ? 'Bias' : matrixName(s));

/** One problem, in words. */
export function problemSentence(p: EngineProblem): string {
  switch (p.kind) {
    case 'empty':
      return 'There are no values to take the range of.';
    case 'notFinite':
      return `Value #${p.index + 1} is ${String(p.value)}, not a finite number.`;
    case 'rangeNotFinite':
      return `The range [${String(p.min)}, ${String(p.max)}] is not finite; every value must be a finite number.`;
    case 'rangeEmpty':
      return `The range is empty: min ${f(p.min)} is greater than max ${f(p.max)}.`;
    case 'scaleOverflow':
      return `The range [${f(p.min)}, ${f(p.max)}] is too wide: max − min overflows float32 (the largest float32 is about 3.4e38), so the scale would be infinite.`;
    case 'scaleUnderflow':
      return `The range [${f(p.min)}, ${f(p.max)}] is too narrow: (max − min) / ${p.levels} underflows float32 to 0, so nothing can be quantized.`;
    case 'multiplierNotFinite':
      return `The multiplier must be a finite number; got ${String(p.m)}.`;
    case 'multiplierNotPositive':
      return `The multiplier must be positive; got M = ${f(p.m)}.`;
    case 'multiplierNotBelowOne':
      return `M = ${f(p.m)} is not smaller than 1; gemmlowp's right-shift form needs 0 < M < 1.`;
    case 'multiplierNegative':
      return `The multiplier must not be negative; got ${d(p.m)}.`;
    case 'multiplierTooSmall':
      return `M = ${f(p.m)} is below 2⁻³²: it needs a right shift of ${p.shift}, but a 32-bit shift can be at most 31.`;
    case 'multiplierTooLarge':
      return `M = ${f(p.m)} is too large: it needs a left shift of ${p.shift} (at most 31).`;
    case 'notInt32':
      return `${p.operand} must be an int32 (an integer from −2147483648 to 2147483647); got ${d(p.value)}.`;
    case 'shiftOutOfRange':
      return `The shift must be an integer from ${int(p.min)} to ${int(p.max)}; got ${d(p.shift)}.`;
    case 'leftShiftOverflow':
      return `${int(p.x)} · 2^${p.shift} overflows int32 before the multiply; the multiplier is too large for this value.`;
    case 'resultNotInt32':
      return `The result ${d(p.value)} does not fit in an int32.`;
    case 'codesTooWide':
      return `The integer GEMM here multiplies 8-bit codes; the codes [${int(p.qmin)}, ${int(p.qmax)}] are wider.`;
    case 'depthMismatch':
      return `A ${p.lhsRows}×${p.lhsCols} LHS cannot multiply a ${p.rhsRows}×${p.rhsCols} RHS: the LHS has ${p.lhsCols} columns but the RHS has ${p.rhsRows} rows.`;
    case 'accumulatorOverflow':
      return `The int32 accumulator of output (${p.row + 1}, ${p.col + 1}) overflows (${d(p.value)}): depth ${p.depth} exceeds the ${p.safeDepth} that always fit.`;
    case 'productOverflow':
      return `The float product overflows float32 at (${p.row + 1}, ${p.col + 1}): the inputs are too large to multiply.`;
    case 'biasLength':
      return `The bias has ${p.length} values but the result has ${p.cols} columns.`;
    case 'biasTooLarge':
      return `Bias #${p.index + 1} (${f(p.value)}) is too large for an int32 at scale S1·S2 = ${formatScale(p.scale)}.`;
    case 'biasOverflow':
      return `Accumulator + bias overflows int32 at output #${p.index + 1}.`;
    case 'matrixEmpty':
      return 'A matrix needs at least one row and one column.';
    case 'raggedRows':
      return `Row ${p.row + 1} has ${p.length} values but row 1 has ${p.expected}; all rows need the same length.`;
    case 'cellOutside':
      return `Output cell (${p.row + 1}, ${p.col + 1}) is outside the ${p.rows}×${p.cols} result.`;
    case 'stepOutside':
      return `Step ${p.step + 1} is outside 1…${p.length}.`;
    case 'lengthMismatch':
      return `The two tensors differ in size (${p.a} and ${p.b} values).`;
    case 'codeRangeInvalid':
      return `Codes [${int(p.qmin)}, ${int(p.qmax)}] are not a code range: it needs integers qmin < qmax, 2 to 16 bits (3 to 65536 codes).`;
    case 'codeRangeWithoutZero':
      return `Codes [${int(p.qmin)}, ${int(p.qmax)}] have no code for real 0: the range must include 0.`;
    case 'symmetricUnsupported':
      return `There is no symmetric scheme in ${LIBRARY_NAME[p.library]}: its parameters always come from the min and max.`;
    case 'symmetricUnsigned':
      return `${LIBRARY_NAME[p.library]}'s symmetric codes are signed with zero point 0; [${int(p.qmin)}, ${int(p.qmax)}] is unsigned.`;
    case 'scaleNotPositive':
      return `A scale must be a finite number above 0; got ${d(p.scale)}.`;
    case 'observerConstantInvalid':
      return `A moving average's constant must lie in (0, 1]; got ${d(p.constant)}.`;
    case 'batchEmpty':
      return `Batch ${p.batch + 1} holds no values.`;
    case 'zeroPointOutside':
      return `A zero point must be a whole code from ${d(p.qmin)} to ${d(p.qmax)}; got ${d(p.zeroPoint)}.`;
    case 'percentileInvalid':
      return `A percentile must lie in (0, 100]; got ${d(p.percentile)}.`;
    case 'calibrationMagnitude':
      return `Histogram calibration needs the largest |x| between 1e-35 and 1e35 (float32 histograms overflow beyond); here it is ${d(p.amax)}.`;
    case 'binsInvalid':
      return `ONNX Runtime's entropy calibration needs a whole number of bins from 128 to 65,536; got ${d(p.bins)}.`;
    case 'blockSizeInvalid':
      return `A block holds 1 to ${p.max} values; got ${d(p.blockSize)}.`;
    case 'granularityAcrossDepth':
      return p.granularity === 'block'
        ? 'Blocks cut the depth of the product: their scales do not factor out of the integer sum, so the integer GEMM cannot use them (the LHS may be per row, the RHS per column).'
        : `Scales per ${p.axis === 0 ? 'row' : 'column'} run along the depth here: they do not factor out of the integer sum (the LHS may be per row, the RHS per column).`;
    case 'resultNotPerTensor':
      return 'The result has one range, so one scale and zero point: its scheme must be per tensor.';
    case 'biasWithPerRowLhs':
      return 'A bias per output column has scale S1·S2: it needs one LHS scale, not one per row.';
    default:
      return p satisfies never;
  }
}

/** A failure in words, with what it is about: "LHS: Value #3 is NaN, not a finite number." */
export function failureText(failure: Failure): string {
  const sentence = problemSentence(failure.problem);
  return failure.subject ? `${subjectName(failure.subject)}: ${sentence}` : sentence;
}
