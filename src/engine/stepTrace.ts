/**
 * The step-by-step story of one output cell (i, k), produced lazily: frame(step) builds only the
 * frame asked for, and a trace keeps O(depth) numbers, never M·N·K frames.
 *
 * Steps 0..N−1 accumulate (q1[i,j] − Z1)(q2[j,k] − Z2); then the zero-point decomposition
 * (paper eq. 7–8), the doubling high multiply and the rounding right shift (gemmlowp and TFLite's
 * fixed point) or one scaling step (TFLite single rounding, the float methods), + Z3 and the clamp.
 * Z1, Z2 and the multiplier are this cell's: its LHS row's and RHS column's for per-channel schemes.
 */
import { refuse } from './errors.ts';
import { divideSteps, highMulSteps, type DivideSteps, type HighMulSteps } from './fixedPoint.ts';
import { outputErrorLsb, type QuantizedMatMulResult } from './quantizedMatMul.ts';
import { cellGroups, type Requantization, type Requantizer } from './requantize.ts';
import { stagesOf, traceLength, type Stage } from './traceStages.ts';

/** One term j of the sum: the operands, their product and the running int32 accumulator. */
export interface AccumulateFrame {
  readonly kind: 'accumulate';
  readonly j: number;
  readonly lhsValue: number;
  readonly rhsValue: number;
  readonly lhsCentered: number;
  readonly rhsCentered: number;
  readonly product: number;
  readonly accumulator: number;
}

/** Paper eq. 7: N·Z1·Z2 − Z1·Σj q2[j,k] − Z2·Σj q1[i,j] + Σj q1[i,j]·q2[j,k] = direct sum. */
export interface DecompositionFrame {
  readonly kind: 'decomposition';
  readonly depth: number;
  readonly lhsZeroPoint: number;
  readonly rhsZeroPoint: number;
  readonly lhsRowSum: number;
  readonly rhsColSum: number;
  readonly crossSum: number;
  /** N·Z1·Z2, Z1·Σq2, Z2·Σq1, Σq1q2 (the middle two are subtracted). */
  readonly terms: readonly [number, number, number, number];
  readonly decomposed: number;
  readonly direct: number;
}

/** + the int32 bias of this column (only when the product has a bias). */
export interface BiasFrame {
  readonly kind: 'bias';
  readonly input: number;
  /** The bias the int32 stands for, S1·S2 · biasQuantized (float32): the typed bias, rounded to the grid. */
  readonly biasRepresented: number;
  /** The bias as typed (a real number). */
  readonly biasTyped: number;
  readonly biasQuantized: number;
  readonly biasScale: number;
  readonly result: number;
}

/** SaturatingRoundingDoublingHighMul(accumulator · 2^leftShift, M0), step by step. */
export interface HighMulFrame extends HighMulSteps {
  readonly kind: 'highMul';
  readonly input: number;
  /** TFLite's left shift before the multiply (a multiplier ≥ 1); 0 for gemmlowp. */
  readonly leftShift: number;
  readonly quantizedMultiplier: number;
}

/** RoundingDivideByPOT(x, n): mask, remainder and threshold as in gemmlowp. */
export interface ShiftFrame extends DivideSteps {
  readonly kind: 'shift';
  readonly input: number;
  readonly exponent: number;
}

/** One step to the output's scale: TFLite's single rounding, or a float multiply rounded half to even. */
export interface ScaleFrame {
  readonly kind: 'scale';
  readonly method: Exclude<Requantization, 'gemmlowp' | 'tflite'>;
  readonly input: number;
  /** The method's multiplier: the float M, or (M0, shift) for single rounding. */
  readonly multiplier: Requantizer;
  readonly result: number;
}

/** + Z3. */
export interface OffsetFrame {
  readonly kind: 'offset';
  readonly input: number;
  readonly zeroPoint: number;
  readonly result: number;
}

/** Clamp to [lo, hi] (the result's code range, narrowed by a fused activation): the final code beside the ideal value. */
export interface ClampFrame {
  readonly kind: 'clamp';
  readonly input: number;
  readonly lo: number;
  readonly hi: number;
  readonly clamped: 'low' | 'high' | null;
  readonly result: number;
  /** activation(float product + bias): what the code stands for. */
  readonly ideal: number;
  readonly dequantized: number;
  /** r̂ − ideal, and the same in output steps (LSBs): (r̂ − ideal) / S3. */
  readonly error: number;
  readonly errorLsb: number;
}

/** Any frame of a cell trace. */
export type TraceFrame =
  AccumulateFrame | DecompositionFrame | BiasFrame | HighMulFrame | ShiftFrame | ScaleFrame | OffsetFrame | ClampFrame;

/** A lazily evaluated trace of one output cell. */
export interface CellTrace {
  readonly row: number;
  readonly col: number;
  /** Number of frames: depth accumulation steps, then the stages (see {@link traceLength}). */
  readonly length: number;
  /** The frame at `step` (0 ≤ step < length); refuses (stepOutside) outside. */
  frame(step: number): TraceFrame;
}

/** The trace of output cell (row, col) of a computed product. Throws an EngineError for a cell outside it. */
export function cellTrace(result: QuantizedMatMulResult, row: number, col: number): CellTrace {
  const { lhsQuantized: q1, rhsQuantized: q2, lhsGroups, rhsGroups, resultParams, requantization } = result;
  const depth = q1.cols;
  if (!Number.isInteger(row) || !Number.isInteger(col) || row < 0 || col < 0 || row >= q1.rows || col >= q2.cols) {
    refuse({ kind: 'cellOutside', row, col, rows: q1.rows, cols: q2.cols });
  }
  // This cell's groups: its LHS row's and RHS column's for per-channel schemes.
  const groups = cellGroups(lhsGroups.length, rhsGroups.length, row, col);
  const z1 = (lhsGroups[groups.lhs] as (typeof lhsGroups)[number]).zeroPoint;
  const z2 = (rhsGroups[groups.rhs] as (typeof rhsGroups)[number]).zeroPoint;
  const multiplier = result.requantizers[groups.requantizer] as Requantizer;
  const leftShift = Math.max(multiplier.shift, 0);
  const rightShift = Math.max(-multiplier.shift, 0);
  const lhsAt = (j: number): number => q1.data[row * depth + j] as number;
  const rhsAt = (j: number): number => q2.data[j * q2.cols + col] as number;
  // Running sums: O(depth) numbers for this one cell.
  const running = new Float64Array(depth);
  let acc = 0;
  for (let j = 0; j < depth; j++) {
    acc += (lhsAt(j) - z1) * (rhsAt(j) - z2);
    running[j] = acc;
  }
  const index = row * q2.cols + col;
  const accumulator = result.accumulators.data[index] as number;
  const biased = result.biased.data[index] as number;
  const highMul = result.afterHighMul.data[index] as number;
  const shifted = result.afterShift.data[index] as number;
  const offset = result.afterOffset.data[index] as number;
  const stages = stagesOf(result.biasQuantized !== null, requantization);
  const length = traceLength(depth, result.biasQuantized !== null, requantization);

  function frame(step: number): TraceFrame {
    if (!Number.isInteger(step) || step < 0 || step >= length) refuse({ kind: 'stepOutside', step, length });
    if (step < depth) {
      const j = step;
      const lhsValue = lhsAt(j);
      const rhsValue = rhsAt(j);
      const product = (lhsValue - z1) * (rhsValue - z2);
      const accumulator = running[j] as number;
      return {
        kind: 'accumulate',
        j,
        lhsValue,
        rhsValue,
        lhsCentered: lhsValue - z1,
        rhsCentered: rhsValue - z2,
        product,
        accumulator,
      };
    }
    const stage = stages[step - depth] as Stage;
    switch (stage) {
      case 'decomposition': {
        let lhsRowSum = 0;
        let rhsColSum = 0;
        let crossSum = 0;
        for (let j = 0; j < depth; j++) {
          lhsRowSum += lhsAt(j);
          rhsColSum += rhsAt(j);
          crossSum += lhsAt(j) * rhsAt(j);
        }
        const terms = [depth * z1 * z2, z1 * rhsColSum, z2 * lhsRowSum, crossSum] as const;
        const decomposed = terms[0] - terms[1] - terms[2] + terms[3];
        return {
          kind: 'decomposition',
          depth,
          lhsZeroPoint: z1,
          rhsZeroPoint: z2,
          lhsRowSum,
          rhsColSum,
          crossSum,
          terms,
          decomposed,
          direct: accumulator,
        };
      }
      case 'bias': {
        const biasQuantized = result.biasQuantized?.[col] ?? 0;
        return {
          kind: 'bias',
          input: accumulator,
          biasRepresented: Math.fround(biasQuantized * result.biasScale),
          biasTyped: result.bias?.[col] ?? 0,
          biasQuantized,
          biasScale: result.biasScale,
          result: biased,
        };
      }
      case 'highMul':
        return {
          kind: 'highMul',
          input: biased,
          leftShift,
          quantizedMultiplier: multiplier.quantizedMultiplier,
          ...highMulSteps(biased * 2 ** leftShift, multiplier.quantizedMultiplier),
        };
      case 'shift':
        return {
          kind: 'shift',
          input: highMul,
          exponent: rightShift,
          ...divideSteps(highMul, rightShift),
        };
      case 'scale':
        return {
          kind: 'scale',
          method: requantization as ScaleFrame['method'],
          input: biased,
          multiplier,
          result: shifted, // requantize(multiplier, biased), saturated to int32 as the output stage does
        };
      case 'offset':
        return { kind: 'offset', input: shifted, zeroPoint: resultParams.zeroPoint, result: offset };
      case 'clamp':
        return {
          kind: 'clamp',
          input: offset,
          lo: result.clampLow,
          hi: result.clampHigh,
          clamped: offset < result.clampLow ? 'low' : offset > result.clampHigh ? 'high' : null,
          result: result.output.data[index] as number,
          ideal: result.ideal.data[index] as number,
          dequantized: result.dequantized.data[index] as number,
          error: (result.dequantized.data[index] as number) - (result.ideal.data[index] as number),
          errorLsb: outputErrorLsb(result, index),
        };
      default:
        return stage satisfies never;
    }
  }
  return { row, col, length, frame };
}
