/**
 * Section 9's state: the model a person opened (read in a worker; kept here, never in the link:
 * a link records only where it came from), the node, the output element and the step chosen.
 */
import { create } from 'zustand';
import type { Model, ModelProblem } from '../models/index.ts';
import type { FileTensor, TensorFileProblem } from '../models/tensorFiles/index.ts';

/** Where the open model came from. */
export type ModelSource =
  | { readonly kind: 'example'; readonly name: ExampleModel }
  | { readonly kind: 'file'; readonly name: string; readonly size: number; readonly sha256: string };

/** The models that ship with the app (public/models/). */
export const EXAMPLE_MODELS = ['hello_world_int8', 'okay_nabu'] as const;
export type ExampleModel = (typeof EXAMPLE_MODELS)[number];

/** What reading a file came to. */
export type ReadState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading'; readonly name: string; readonly size: number }
  | { readonly kind: 'failed'; readonly name: string; readonly problem: ModelProblem }
  | { readonly kind: 'tensorFailed'; readonly name: string; readonly problem: TensorFileProblem };

/** A tensor file's tensors (.npy, .safetensors). */
export interface TensorFile {
  readonly name: string;
  readonly tensors: readonly FileTensor[];
}

interface ReadResult {
  model?: Model;
  tensors?: FileTensor[];
  problem?: ModelProblem;
  tensorProblem?: TensorFileProblem;
}

export interface ModelState {
  readonly model: Model | null;
  /** The tensor file open, if any. */
  readonly tensorFile: TensorFile | null;
  readonly source: ModelSource | null;
  readonly reading: ReadState;
  readonly node: number;
  /** Flat index of the output element being stepped. */
  readonly element: number;
  /** Terms shown of the element's sum (the walk's step). */
  readonly step: number;
  /** hello_world's input x. */
  readonly x: number;
  /** The seed of the random input codes of other models. */
  readonly seed: number;
  openBytes: (bytes: Uint8Array, source: ModelSource) => Promise<void>;
  setNode: (node: number) => void;
  setElement: (element: number) => void;
  setStep: (step: number) => void;
  setX: (x: number) => void;
  newInput: () => void;
}

let worker: Worker | null = null;
let nextId = 0;

function readInWorker(bytes: Uint8Array, name: string): Promise<ReadResult> {
  worker ??= new Worker(new URL('../models/readWorker.ts', import.meta.url), { type: 'module' });
  const w = worker;
  const id = ++nextId;
  return new Promise((resolve) => {
    const onMessage = (e: MessageEvent<ReadResult & { id: number }>) => {
      if (e.data.id !== id) return;
      w.removeEventListener('message', onMessage);
      resolve(e.data);
    };
    w.addEventListener('message', onMessage);
    w.onerror = () => resolve({ problem: { kind: 'malformed', format: 'tflite', at: 'file', detail: 'worker' } });
    w.postMessage({ id, bytes, name }, [bytes.buffer]);
  });
}

/** The SHA-256 of a file, hex. */
export async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const useModelStore = create<ModelState>()((set) => ({
  model: null,
  tensorFile: null,
  source: null,
  reading: { kind: 'idle' },
  node: 0,
  element: 0,
  step: 0,
  x: 1.57,
  seed: 1,
  async openBytes(bytes, source) {
    set({ reading: { kind: 'reading', name: source.name, size: bytes.length } });
    const id = nextId + 1;
    const result = await readInWorker(bytes, source.name);
    // A newer file dropped meanwhile wins; a file that cannot be read keeps the model open before.
    if (id !== nextId) return;
    if (result.tensors) {
      set({ tensorFile: { name: source.name, tensors: result.tensors }, reading: { kind: 'idle' } });
      return;
    }
    if (result.tensorProblem) {
      set({ reading: { kind: 'tensorFailed', name: source.name, problem: result.tensorProblem } });
      return;
    }
    if (result.model) {
      const first = result.model.nodes.findIndex((n) =>
        [
          'FULLY_CONNECTED',
          'CONV_2D',
          'DEPTHWISE_CONV_2D',
          'QLinearConv',
          'QLinearMatMul',
          'ConvInteger',
          'MatMulInteger',
        ].includes(n.op),
      );
      set({ model: result.model, source, reading: { kind: 'idle' }, node: Math.max(first, 0), element: 0, step: 0 });
    } else
      set({
        reading: {
          kind: 'failed',
          name: source.name,
          problem: result.problem ?? { kind: 'malformed', format: 'tflite', at: 'file', detail: '' },
        },
      });
  },
  setNode: (node) => set({ node, element: 0, step: 0 }),
  setElement: (element) => set({ element, step: 0 }),
  setStep: (step) => set({ step }),
  setX: (x) => set({ x }),
  newInput: () => set((s) => ({ seed: s.seed + 1 })),
}));

/** Reads a file a person chose or dropped. */
export async function openFile(file: File): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const hash = await sha256(bytes);
  await useModelStore.getState().openBytes(bytes, { kind: 'file', name: file.name, size: file.size, sha256: hash });
}

/** Fetches and reads a bundled example. */
export async function openExample(name: ExampleModel): Promise<void> {
  const response = await fetch(`${import.meta.env.BASE_URL}models/${name}.tflite`);
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  await useModelStore.getState().openBytes(bytes, { kind: 'example', name });
}
