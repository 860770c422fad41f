/**
 * What section 9 shows of a model: where the model came from (a bundled example, or a file known
 * by its name, size and SHA-256: a model cannot live in a link), the node, the output element and
 * the step of its walk, and the model's input. All are in the link and the saved session; undo
 * restores the view but not the walk's step (as for section 5's walk). The model itself is read into the model store (modelStore.ts),
 * which opens the example or asks for the file when this names one that is not open.
 */
import { MAX_SEED } from '../random.ts';
import type { Slice } from '../store.ts';

/** The models that ship with the app (public/models/). */
export const EXAMPLE_MODELS = ['hello_world_int8', 'okay_nabu'] as const;
export type ExampleModel = (typeof EXAMPLE_MODELS)[number];

/** Where the open model came from. */
export type ModelSource =
  | { readonly kind: 'example'; readonly name: ExampleModel }
  | { readonly kind: 'file'; readonly name: string; readonly size: number; readonly sha256: string };

/** Section 9's choices. */
export interface ModelView {
  readonly source: ModelSource;
  readonly node: number;
  /** Flat index of the output element being stepped. */
  readonly element: number;
  /** hello_world's input x. */
  readonly x: number;
  /** The seed of the random input codes of other models. */
  readonly seed: number;
}

/** The model's first input set by hand: integer codes, or real values quantized by the input's S and Z. */
export interface ModelInput {
  readonly kind: 'codes' | 'reals';
  readonly values: Float32Array;
}

/** The most input values a person types (or a link holds). */
export const MAX_INPUT_VALUES = 4096;

/** The largest node, element and step a link may name (the model, once open, bounds them). */
export const MAX_MODEL_INDEX = 2 ** 28;
/** The largest file size a link may name (the readers' own limit, 1 GiB). */
export const MAX_MODEL_FILE = 2 ** 30;
/** hello_world's input range: x ∈ [0, 2π]. */
export const HELLO_X_MAX = 2 * Math.PI;

export interface ModelViewSlice {
  /** Null until a model is opened. */
  modelView: ModelView | null;
  /** Terms shown of the element's sum (the walk's step). */
  modelStep: number;
  /** The first input typed by hand; null: hello_world's x, or seeded random codes. */
  modelInput: ModelInput | null;
  setModelInput: (input: ModelInput | null) => void;
  /** A model was opened: its view starts at `node`. */
  openModelView: (source: ModelSource, node: number) => void;
  setModelNode: (node: number) => void;
  setModelElement: (element: number) => void;
  setModelStep: (step: number) => void;
  setModelX: (x: number) => void;
  newModelInput: () => void;
  closeModelView: () => void;
}

/** The ops whose output elements can be stepped (a model opens at the first node of one). */
export const STEPPED_OPS = [
  'FULLY_CONNECTED',
  'CONV_2D',
  'DEPTHWISE_CONV_2D',
  'QLinearConv',
  'QLinearMatMul',
  'ConvInteger',
  'MatMulInteger',
];

/** The first node of a model that can be stepped (or 0). */
export function firstSteppable(model: { readonly nodes: readonly { readonly op: string }[] }): number {
  return Math.max(
    model.nodes.findIndex((n) => STEPPED_OPS.includes(n.op)),
    0,
  );
}

/** Whether two sources name the same model. */
export function sameSource(a: ModelSource | null | undefined, b: ModelSource | null | undefined): boolean {
  if (!a || !b) return a === b;
  return a.kind === 'example' ? b.kind === 'example' && a.name === b.name : b.kind === 'file' && a.sha256 === b.sha256;
}

export const createModelViewSlice: Slice<ModelViewSlice> = (set, get) => {
  const patch = (p: Partial<ModelView>, modelStep = get().modelStep) => {
    const view = get().modelView;
    if (view) set({ modelView: { ...view, ...p }, modelStep });
  };
  return {
    modelView: null,
    modelStep: 0,
    modelInput: null,
    setModelInput: (modelInput) => set({ modelInput }),
    openModelView: (source, node) =>
      set((s) => ({
        modelView: { source, node, element: 0, x: s.modelView?.x ?? 1.57, seed: s.modelView?.seed ?? 1 },
        modelStep: 0,
        modelInput: null,
      })),
    setModelNode: (node) => patch({ node, element: 0 }, 0),
    setModelElement: (element) => patch({ element }, 0),
    setModelStep: (modelStep) => set({ modelStep }),
    setModelX: (x) => patch({ x }),
    newModelInput: () => {
      const seed = get().modelView?.seed ?? 0;
      patch({ seed: seed >= MAX_SEED ? 0 : seed + 1 });
      set({ modelInput: null });
    },
    closeModelView: () => set({ modelView: null, modelStep: 0, modelInput: null }),
  };
};
