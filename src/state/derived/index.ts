/**
 * Derived data: everything the views show, computed from the store's inputs by pure functions
 * with small caches of their most recent inputs (the current state, and the copy that panels out
 * of view read). Each store has its own; none grows with the undo history.
 */
import {
  groupLayout,
  type Activation,
  type FloatMatrix,
  type QuantizationParams,
  type ResultReal,
  type Scheme,
} from '../../engine/index.ts';
import type { BlockFormat } from '../../formats/names.ts';
import { formatCode, loadFormatCode } from '../formatCode.ts';
import { memoizeRecent } from '../memo.ts';
import { attempt } from './derived.ts';
import type { PresetId } from '../presets.ts';
import { DRAW_STREAMS } from '../random.ts';
import type { InputId, MatrixId, State } from '../store.ts';
import type { Derived } from './derived.ts';
import { pipelineCode, loadPipelineCode } from '../pipelineCode.ts';
import type { PipelineStages, ProductView } from './pipeline.ts';
import { isDrawOf, presetOf } from './origin.ts';
import { inputParams, inputView, shownGroup, type Extremes, type InputGroups, type TensorView } from './tensor.ts';
import { litOf, walkPosition, type Lit, type TraceView } from './walkthrough.ts';

export type { Derived, Failure } from './derived.ts';
export type { Extremes, TensorView } from './tensor.ts';
export type { ProductView } from './pipeline.ts';
export type { Lit, TraceView } from './walkthrough.ts';

/** What a parameter card shows: the parameters, whether the range was set by hand, and the result's activation clamp. */
export interface ParamsView {
  readonly params: QuantizationParams;
  /** One parameter set per channel or block (one per tensor). */
  readonly groups: readonly QuantizationParams[];
  /** The range was typed (the result's, as a trained network has), not observed. */
  readonly handSet: boolean;
  readonly clamp: { readonly lo: number; readonly hi: number; readonly activation: Activation } | null;
}

type Inputs = Pick<State, 'lhs' | 'rhs' | 'productOptions'>;
type GridInputs = Inputs & Pick<State, 'pickedGroups'>;
type WalkInputs = Inputs & Pick<State, 'selected' | 'step'>;
type DrawInputs = Pick<State, 'lhs' | 'rhs' | 'distribution' | 'seeds'>;

/** The selectors of one store. Each returns the same object while its inputs are unchanged. */
export interface Derive {
  /** The cells holding an input's min and max (null when it has no parameters). */
  readonly extremes: (state: GridInputs, id: InputId) => Extremes | null;
  /** The view of any matrix (the result's runs the integer pipeline). */
  readonly tensor: (state: Inputs, id: MatrixId) => Derived<TensorView>;
  /** A matrix's parameters (the result's without running the integer pipeline). */
  readonly params: (state: Inputs, id: MatrixId) => Derived<ParamsView>;
  /** The float reference, the result's parameters and clamp. */
  readonly resultReal: (state: Inputs) => Derived<ResultReal>;
  /** The whole integer pipeline. */
  readonly product: (state: Inputs) => Derived<ProductView>;
  /** The followed cell's trace at the current step. */
  readonly trace: (state: WalkInputs) => Derived<TraceView>;
  /** What the walkthrough lights in a matrix. */
  readonly lit: (state: WalkInputs, id: MatrixId) => Lit;
  /** The preset on screen, if both inputs are exactly one. */
  readonly preset: (state: DrawInputs) => PresetId | null;
  /** Whether an input is exactly the draw of its seed (with the current distribution). */
  readonly isDraw: (state: DrawInputs, id: InputId) => boolean;
}

type FormatCode = NonNullable<ReturnType<typeof formatCode>>;

/** An input stored in a block format, once the formats' code is here (asked for until then). */
function storedView(
  id: InputId,
  m: FloatMatrix,
  format: BlockFormat,
  double: boolean,
  code: FormatCode | null,
): Derived<TensorView> {
  if (code === null) {
    void loadFormatCode();
    return { ok: false, failure: { problem: { kind: 'formatLoading' }, subject: id } };
  }
  return attempt(() => code.formatView(id, m, format, double));
}

/** The product until the pipeline's code is here (one object, so that views do not re-render). */
const PIPELINE_LOADING: Derived<never> = {
  ok: false,
  failure: { problem: { kind: 'pipelineLoading' }, subject: 'result' },
};

/** A store's selectors, with their own caches. */
export function createDerive(): Derive {
  // Per input: its parameters (one pass), its observed extremes, and its whole quantization,
  // each computed only when a view asks for it (the grid needs only the first two).
  const side = () => {
    const params = memoizeRecent(inputParams, 3);
    const view = memoizeRecent(
      (
        id: InputId,
        m: FloatMatrix,
        scheme: Scheme,
        format: BlockFormat | null,
        double: boolean,
        code: FormatCode | null,
      ) =>
        format === null ? inputView(id, m, scheme, params(id, m, scheme)) : storedView(id, m, format, double, code),
      3,
    );
    const extremes = memoizeRecent((id: InputId, m: FloatMatrix, scheme: Scheme, picked: number | null) => {
      const p = params(id, m, scheme);
      if (!p.ok) return null;
      const { groups } = p.value;
      const g = shownGroup(p.value, picked);
      const { rowBase, colPart } = groupLayout(scheme.granularity, m);
      const { observedMin: min, observedMax: max } = groups[g] as QuantizationParams;
      const inGroup = (i: number, j: number) => (rowBase[i] as number) + (colPart[j] as number) === g;
      return { min, max, group: groups.length > 1 ? g : null, inGroup };
    }, 3);
    const card = memoizeRecent(
      (p: Derived<InputGroups>): Derived<ParamsView> =>
        p.ok ? { ok: true, value: { ...p.value, handSet: false, clamp: null } } : p,
      3,
    );
    return { params, view, extremes, card };
  };
  const inputs: Record<InputId, ReturnType<typeof side>> = { lhs: side(), rhs: side() };
  // The pipeline's stages, made when its code is here (asked for until then).
  let pipeline: PipelineStages | null = null;
  const stages = (): PipelineStages | null => {
    const code = pipelineCode();
    if (code === null) void loadPipelineCode();
    else pipeline ??= code.createPipelineStages();
    return pipeline;
  };
  const traced = memoizeRecent((view: TraceView): Derived<TraceView> => ({ ok: true, value: view }), 3);
  const resultTensor = memoizeRecent((p: Derived<ProductView>): Derived<TensorView> => {
    return p.ok ? { ok: true, value: p.value.view } : p;
  }, 3);
  const paramsOfReal = memoizeRecent((r: Derived<ResultReal>, handSet: boolean): Derived<ParamsView> => {
    if (!r.ok) return r;
    const { resultParams: params, activation, clampLow: lo, clampHigh: hi } = r.value;
    return {
      ok: true,
      value: { params, groups: [params], handSet, clamp: activation === 'none' ? null : { lo, hi, activation } },
    };
  }, 3);

  const preset = memoizeRecent(presetOf, 3);
  const drawn = memoizeRecent(isDrawOf, 6);

  const product = (s: Inputs): Derived<ProductView> =>
    stages()?.product(s.lhs, s.rhs, s.productOptions) ?? PIPELINE_LOADING;
  const resultReal = (s: Inputs): Derived<ResultReal> =>
    stages()?.real(s.lhs, s.rhs, s.productOptions) ?? PIPELINE_LOADING;
  return {
    extremes: (s, id) => inputs[id].extremes(id, s[id], s.productOptions.schemes[id], s.pickedGroups[id]),
    tensor: (s, id) =>
      id === 'result'
        ? resultTensor(product(s))
        : inputs[id].view(
            id,
            s[id],
            s.productOptions.schemes[id],
            s.productOptions.formats[id],
            s.productOptions.doubleQuant[id],
            formatCode(),
          ),
    params: (s, id) =>
      id === 'result'
        ? paramsOfReal(resultReal(s), s.productOptions.resultRange !== null)
        : inputs[id].card(inputs[id].params(id, s[id], s.productOptions.schemes[id])),
    resultReal,
    product,
    trace: (s) => {
      const p = product(s);
      // A product implies its stages are here.
      return p.ok ? traced((pipeline as PipelineStages).traceAt(p.value.result, walkPosition(s))) : p;
    },
    lit: (s, id) => litOf(walkPosition(s), id),
    preset: (s) => preset(s.lhs, s.rhs),
    isDraw: (s, id) => DRAW_STREAMS[id].some((stream) => drawn(s[id], s.distribution, s.seeds[id], stream)),
  };
}
