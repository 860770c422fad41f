/**
 * The view of one matrix that the parameter, heatmap and histogram panels share: its real
 * values, parameters, codes, r̂ = S(q − Z), the error r̂ − r and its metrics.
 */
import {
  type CodeArray,
  codesOf,
  dequantize,
  dequantizeTensor,
  EngineError,
  errorMetrics,
  groupedErrorMetrics,
  groupLayout,
  paramsOf,
  PRESETS,
  quantizeMatrix,
  sameScheme,
  schemeParams,
  type ErrorMetrics,
  type Granularity,
  type Scheme,
  type FloatMatrix,
  type Matrix,
  type QuantizationParams,
} from '../../engine/index.ts';
import type { InputId, MatrixId } from '../store.ts';
import { attempt, type Derived } from './derived.ts';
import type { FormatInfo } from './format.ts';

/** Everything the parameter, heatmap and histogram panels show for one matrix. */
export interface TensorView {
  readonly id: MatrixId;
  /** r: the real values (for the result, the ideal output: float product, bias and activation). */
  readonly real: FloatMatrix;
  /** The parameters: the only ones per tensor; per channel or block, the coarsest group's (largest S). */
  readonly params: QuantizationParams;
  /** The range (with 0) of all groups together: what charts of the whole matrix span. */
  readonly span: { readonly min: number; readonly max: number };
  /** One parameter set per channel or block (ONNX's order); one per tensor. */
  readonly groups: readonly QuantizationParams[];
  /** The group of each value (null per tensor). */
  readonly groupOf: Int32Array | null;
  /** q: the codes. */
  readonly quantized: Matrix<CodeArray>;
  /** r̂ = S(q − Z). */
  readonly dequantized: FloatMatrix;
  /** r̂ − r (float32). */
  readonly error: FloatMatrix;
  readonly metrics: ErrorMetrics;
  /** Set when the input is stored in a block format: its layout (see format.ts); null for a scheme. */
  readonly format: FormatInfo | null;
}

/** The observed min and max of an input's shown group (the grid marks the cells that hold them). */
export interface Extremes {
  readonly min: number;
  readonly max: number;
  /** The shown group, null per tensor. */
  readonly group: number | null;
  /** Whether a cell belongs to the shown group (always, per tensor). */
  readonly inGroup: (row: number, col: number) => boolean;
}

/** An input's parameters under its scheme: one per tensor, or one per channel or block. */
export interface InputGroups {
  readonly groups: readonly QuantizationParams[];
  /** The coarsest group's (see TensorView.params). */
  readonly params: QuantizationParams;
}

/** What stands for several groups in the formulas: the coarsest (largest S, what bounds the error). */
function coarsest(groups: readonly QuantizationParams[]): QuantizationParams {
  return groups.reduce((a, g) => (g.scale > a.scale ? g : a), groups[0] as QuantizationParams);
}

/** The range every group's range lies in (what charts of the whole matrix span). */
export function spanOf(groups: readonly QuantizationParams[]): { readonly min: number; readonly max: number } {
  return { min: Math.min(...groups.map((g) => g.min)), max: Math.max(...groups.map((g) => g.max)) };
}

/** An input's parameters from its own values under its scheme (one pass: what the grid and the card need). */
export function inputParams(id: InputId, m: FloatMatrix, scheme: Scheme): Derived<InputGroups> {
  return attempt(() => {
    if (sameScheme(scheme, PRESETS.gemmlowp)) {
      const params = paramsOf(m, id);
      return { groups: [params], params };
    }
    try {
      const groups = schemeParams(m, scheme);
      return { groups, params: coarsest(groups) };
    } catch (e) {
      throw e instanceof EngineError && e.subject === null ? new EngineError(e.problem, id) : e;
    }
  });
}

/** The group a card draws and the grid marks: the one picked (while it exists), else the coarsest. */
export function shownGroup(p: InputGroups, picked: number | null): number {
  return picked !== null && picked < p.groups.length ? picked : p.groups.indexOf(p.params);
}

/** The group of every value of a matrix of this shape under a granularity (null per tensor). */
function groupsOfValues(granularity: Granularity, shape: { rows: number; cols: number }): Int32Array | null {
  if (granularity.kind === 'tensor') return null;
  const { rowBase, colPart } = groupLayout(granularity, shape);
  const out = new Int32Array(shape.rows * shape.cols);
  for (let i = 0; i < shape.rows; i++) {
    for (let j = 0; j < shape.cols; j++) out[i * shape.cols + j] = (rowBase[i] as number) + (colPart[j] as number);
  }
  return out;
}

/** Builds the view of a matrix from its real values, parameters and codes (and r̂ when already computed). */
export function tensorView(
  id: MatrixId,
  real: FloatMatrix,
  params: QuantizationParams,
  quantized: Matrix<CodeArray>,
  dequantizedData?: Float32Array,
  grouped?: { readonly groups: readonly QuantizationParams[]; readonly groupOf: Int32Array },
): TensorView {
  const { rows, cols } = real;
  const groups = grouped?.groups ?? [params];
  const groupOf = grouped?.groupOf ?? null;
  const deq = dequantizedData ?? dequantize(params, quantized.data);
  const err = new Float32Array(deq.length);
  for (let t = 0; t < err.length; t++) err[t] = (deq[t] as number) - (real.data[t] as number);
  return {
    id,
    real,
    params,
    span: spanOf(groups),
    groups,
    groupOf,
    quantized,
    dequantized: { rows, cols, data: deq },
    error: { rows, cols, data: err },
    metrics: groupOf ? groupedErrorMetrics(groups, groupOf, real.data, deq) : errorMetrics(params, real.data, deq),
    format: null,
  };
}

/** The whole quantization of one input (codes, r̂, error, metrics), for the panels that draw it. */
export function inputView(
  id: InputId,
  m: FloatMatrix,
  scheme: Scheme,
  input: Derived<InputGroups>,
): Derived<TensorView> {
  if (!input.ok) return input;
  const { groups, params } = input.value;
  return attempt(() => {
    if (sameScheme(scheme, PRESETS.gemmlowp)) return tensorView(id, m, params, quantizeMatrix(params, m));
    const codes = { rows: m.rows, cols: m.cols, data: codesOf(m, scheme, groups) };
    const groupOf = groupsOfValues(scheme.granularity, m);
    const scales = Float32Array.from(groups, (g) => g.scale);
    const zeroPoints = Int32Array.from(groups, (g) => g.zeroPoint);
    const deq = dequantizeTensor({ scales, zeroPoints, codes: codes.data }, m, scheme).data;
    return tensorView(id, m, params, codes, deq, groupOf ? { groups, groupOf } : undefined);
  });
}
