/**
 * Section 9's models: the model a person opened (read and run in a worker; kept here, never in the
 * link), the tensor file open, how reading went, and the last run's values. What is shown of the
 * model (its source, node, element, step, input) is in the app's store (modelViewSlice.ts), so links,
 * undo and the saved session cover it; this store follows it: a view naming an example opens the
 * example, one naming a file not open asks for that file and checks its SHA-256.
 */
import { create } from 'zustand';
import type { GraphLayout } from '../models/graphLayout.ts';
import { ModelError, type Model, type ModelProblem } from '../models/index.ts';
import type { WorkerReply, WorkerRequest } from '../models/modelWork.ts';
import type { FileTensor, TensorFileProblem } from '../models/tensorFiles/index.ts';
import type { GgufHeader, GgufProblem, GgufTensor } from '../models/gguf/gguf.ts';
import { isGguf } from '../models/gguf/range.ts';
import { inputCodes } from '../models/inputs.ts';
import { useAppStore } from './store.ts';
import {
  firstSteppable,
  sameSource,
  type ExampleModel,
  type ModelInput,
  type ModelSource,
  type ModelView,
} from './slices/modelViewSlice.ts';

export { EXAMPLE_MODELS, type ExampleModel, type ModelSource } from './slices/modelViewSlice.ts';

/** The largest file read (the readers' limit, 1 GiB). */
export const MAX_FILE_BYTES = 2 ** 30;
/** The longest a file may take to read, and a model to run, before the worker is stopped. */
export const READ_TIME_CAP_MS = 60_000;
export const RUN_TIME_CAP_MS = 20_000;

/** What reading a file came to. */
export type ReadState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading'; readonly name: string; readonly size: number; readonly read: number }
  | { readonly kind: 'failed'; readonly name: string; readonly problem: ModelProblem }
  | { readonly kind: 'tensorFailed'; readonly name: string; readonly problem: TensorFileProblem }
  | { readonly kind: 'ggufFailed'; readonly name: string; readonly problem: GgufProblem }
  /** A file opened for a link is not the file the link was made with. */
  | { readonly kind: 'otherFile'; readonly name: string; readonly sha256: string };

/** A tensor file's tensors (.npy, .safetensors). */
export interface TensorFile {
  readonly name: string;
  readonly tensors: readonly FileTensor[];
}

/** A GGUF file open: its header; the file itself, for reading tensors' rows by range. */
export interface GgufFile {
  readonly name: string;
  readonly size: number;
  readonly file: Blob;
  readonly header: GgufHeader;
}

/** The values of one run: every tensor's, for the inputs of `x` / `seed`. */
export interface ModelRun {
  readonly key: string;
  readonly x: number;
  readonly seed: number;
  readonly input: ModelInput | null;
  readonly values: (ArrayLike<number> | null)[] | null;
  readonly problem: ModelProblem | null;
}

export interface ModelState {
  /** The model open and where it came from. */
  readonly model: Model | null;
  readonly source: ModelSource | null;
  /** Its graph laid out for drawing (in the worker, after the first run); null: too many nodes to draw. */
  readonly layout: Layout;
  readonly tensorFile: TensorFile | null;
  readonly gguf: GgufFile | null;
  readonly reading: ReadState;
  /** A file the view names that is not open: the person is asked for it. */
  readonly wanted: Extract<ModelSource, { kind: 'file' }> | null;
  /** The link's node was not in the model (it has `nodes`): the first steppable one is shown. */
  readonly badNode: { readonly node: number; readonly nodes: number } | null;
  readonly run: ModelRun | null;
  readonly running: boolean;
}

/** A graph's layout: null when it has too many nodes to draw; still being laid out; or not laid out (the worker stopped). */
export type Layout = GraphLayout | null | 'pending' | 'failed';

const keyOf = (s: ModelSource) => (s.kind === 'example' ? `e:${s.name}` : `f:${s.sha256}`);

export const useModelStore = create<ModelState>()(() => ({
  model: null,
  source: null,
  layout: null,
  tensorFile: null,
  gguf: null,
  reading: { kind: 'idle' },
  wanted: null,
  badNode: null,
  run: null,
  running: false,
}));

// ---- The worker ------------------------------------------------------------------------------

let worker: Worker | null = null;
let nextId = 0;
/** The models the worker holds (lost when it is stopped). */
const inWorker = new Set<string>();
/** Models read this session, most recent last (undo and links back to one reopen it at once). */
const opened = new Map<string, Opened>();
const KEPT = 3;

/** A model read, with where it came from and its graph's layout. */
interface Opened {
  readonly model: Model;
  readonly source: ModelSource;
  readonly layout: Layout;
}

function remember(o: Opened): void {
  const key = keyOf(o.source);
  opened.delete(key);
  opened.set(key, o);
  for (const old of opened.keys()) if (opened.size > KEPT) opened.delete(old);
}

/** The handler on the page's own thread, where there are no workers (tests in jsdom). */
let onPage: Promise<typeof import('../models/modelWork.ts')> | null = null;

/** The worker, or where there are none an object that answers the same way on the page. */
function theWorker(): Pick<Worker, 'postMessage' | 'addEventListener' | 'removeEventListener' | 'terminate'> {
  if (typeof Worker === 'undefined') return pageWorker;
  worker ??= new Worker(new URL('../models/modelWorker.ts', import.meta.url), { type: 'module' });
  return worker;
}

const pageTarget = new EventTarget();
const pageWorker = {
  postMessage(request: WorkerRequest) {
    onPage ??= import('../models/modelWork.ts');
    void onPage.then((m) =>
      m.handle(request, (reply) => pageTarget.dispatchEvent(new MessageEvent('message', { data: reply }))),
    );
  },
  addEventListener: pageTarget.addEventListener.bind(pageTarget),
  removeEventListener: pageTarget.removeEventListener.bind(pageTarget),
  terminate: () => undefined,
} as unknown as Worker;

function stopWorker(): void {
  worker?.terminate();
  worker = null;
  inWorker.clear();
}

/**
 * One request to the worker; resolves with its last reply (progress replies go to `onProgress`).
 * Past `capMs` the worker is stopped and the reply is `timedOut`.
 */
function ask(
  request: WorkerRequest,
  capMs: number,
  onProgress?: (read: number) => void,
): Promise<WorkerReply | { type: 'timedOut'; ms: number } | { type: 'crashed' }> {
  const w = theWorker();
  return new Promise((resolve) => {
    const started = performance.now();
    const done = (reply: Parameters<typeof resolve>[0]) => {
      clearTimeout(timer);
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      resolve(reply);
    };
    const timer = setTimeout(() => {
      stopWorker();
      done({ type: 'timedOut', ms: Math.round(performance.now() - started) });
    }, capMs);
    const onMessage = (e: MessageEvent<WorkerReply>) => {
      if (e.data.id !== request.id) return;
      if (e.data.type === 'progress') onProgress?.(e.data.read);
      else done(e.data);
    };
    const onError = () => {
      stopWorker();
      done({ type: 'crashed' });
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    w.postMessage(request);
  });
}

// ---- Opening -----------------------------------------------------------------------------------

/** Shows `model` from `source`; a new model (not one a view asked for) starts its view at its first steppable node. */
function show(o: Opened): void {
  const { model, source, layout } = o;
  remember(o);
  const view = useAppStore.getState().modelView;
  const asked = view !== null && sameSource(view.source, source);
  useModelStore.setState({ model, source, layout, wanted: null, reading: { kind: 'idle' }, badNode: null });
  if (!asked) useAppStore.getState().openModelView(source, firstSteppable(model));
  else if (view.node >= model.nodes.length) {
    useModelStore.setState({ badNode: { node: view.node, nodes: model.nodes.length } });
    useAppStore.getState().setModelNode(firstSteppable(model));
  }
  requestRun();
  if (layout === 'pending' || layout === 'failed') void requestLayout(o);
}

/** Asks the worker to lay out a model's graph (queued after its first run) and shows it. */
async function requestLayout(o: Opened): Promise<void> {
  const key = keyOf(o.source);
  const reply = await ask({ id: ++nextId, type: 'layout', key }, RUN_TIME_CAP_MS);
  // A worker stopped meanwhile (a run past its time cap) no longer holds the model: the graph
  // says so, and opening the model again tries again.
  if (reply.type !== 'layout') {
    if (useModelStore.getState().model === o.model) useModelStore.setState({ layout: 'failed' });
    return;
  }
  const { layout } = reply;
  const kept = opened.get(key);
  if (kept?.model === o.model) opened.set(key, { ...kept, layout });
  if (useModelStore.getState().model === o.model) useModelStore.setState({ layout });
}

let readId = 0;

/** Rows [from, to) of a tensor of the open GGUF file, read by range in the worker (null: it could not be read). */
export async function readGgufRows(tensor: GgufTensor, from: number, to: number): Promise<Uint8Array | null> {
  const gguf = useModelStore.getState().gguf;
  if (!gguf) return null;
  const reply = await ask({ id: ++nextId, type: 'ggufRows', file: gguf.file, tensor, from, to }, READ_TIME_CAP_MS);
  return reply.type === 'ggufRows' ? reply.bytes : null;
}

/** Reads a file (a model or a tensor file) in the worker; `example` names a bundled one. */
export async function readBlob(file: Blob, name: string, example: ExampleModel | null): Promise<void> {
  const id = ++nextId;
  readId = id;
  // GGUF files are read by range (only the header, then the rows asked for): any size.
  if (file.size > MAX_FILE_BYTES && !(await isGguf(file))) {
    useModelStore.setState({
      reading: { kind: 'failed', name, problem: { kind: 'fileTooLarge', size: file.size, max: MAX_FILE_BYTES } },
    });
    return;
  }
  useModelStore.setState({ reading: { kind: 'reading', name, size: file.size, read: 0 } });
  const key = example ? `e:${example}` : null;
  const reply = await ask({ id, type: 'read', key, file, name }, READ_TIME_CAP_MS, (r) => {
    if (readId === id) useModelStore.setState({ reading: { kind: 'reading', name, size: file.size, read: r } });
  });
  // A newer file dropped meanwhile wins; a file that cannot be read keeps the model open before.
  if (readId !== id) return;
  const fail = (problem: ModelProblem) => useModelStore.setState({ reading: { kind: 'failed', name, problem } });
  switch (reply.type) {
    case 'tensors':
      useModelStore.setState({ tensorFile: { name, tensors: reply.tensors }, reading: { kind: 'idle' } });
      return;
    case 'tensorProblem':
      useModelStore.setState({ reading: { kind: 'tensorFailed', name, problem: reply.problem } });
      return;
    case 'gguf':
      useModelStore.setState({
        gguf: { name, size: reply.size, file, header: reply.header },
        reading: { kind: 'idle' },
      });
      return;
    case 'ggufProblem':
      useModelStore.setState({ reading: { kind: 'ggufFailed', name, problem: reply.problem } });
      return;
    case 'model': {
      const source: ModelSource = example
        ? { kind: 'example', name: example }
        : { kind: 'file', name, size: reply.size, sha256: reply.sha256 };
      inWorker.add(keyOf(source));
      const wanted = useModelStore.getState().wanted;
      if (!example && wanted && wanted.sha256 !== reply.sha256) {
        // Asked for the link's file, given another: say so, and change nothing.
        useModelStore.setState({ reading: { kind: 'otherFile', name, sha256: reply.sha256 } });
        return;
      }
      show({ model: reply.model, source, layout: 'pending' });
      return;
    }
    case 'problem':
      fail(reply.problem);
      return;
    case 'timedOut':
      fail({ kind: 'readTooLong', ms: reply.ms, max: READ_TIME_CAP_MS });
      return;
    default:
      fail({ kind: 'malformed', format: 'tflite', at: 'file', detail: 'worker' });
  }
}

/** Reads a file a person chose or dropped. */
export function openFile(file: File): Promise<void> {
  return readBlob(file, file.name, null);
}

/** Fetches and reads a bundled example. */
export async function openExample(name: ExampleModel): Promise<void> {
  const cached = opened.get(`e:${name}`);
  if (cached) {
    show(cached);
    return;
  }
  const response = await fetch(`${import.meta.env.BASE_URL}models/${name}.tflite`);
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  await readBlob(await response.blob(), `${name}.tflite`, name);
}

/** Stops waiting for the link's file: the view is closed and any model can be opened. */
export function forgetWanted(): void {
  useModelStore.setState({ wanted: null, reading: { kind: 'idle' } });
  useAppStore.getState().closeModelView();
}

const problemOf = (e: unknown): ModelProblem =>
  e instanceof ModelError ? e.problem : { kind: 'malformed', format: 'tflite', at: 'input', detail: String(e) };

// ---- Running -----------------------------------------------------------------------------------

let runId = 0;

/** Runs the open model in the worker on the view's input (hello_world: x; others: seeded random codes). */
function requestRun(): void {
  const { model, source, run } = useModelStore.getState();
  const view = useAppStore.getState().modelView;
  if (!model || !source || !view || !sameSource(view.source, source)) return;
  const key = keyOf(source);
  const hello = source.kind === 'example' && source.name === 'hello_world_int8';
  const x = hello ? view.x : 0;
  const given = useAppStore.getState().modelInput;
  if (run && run.key === key && run.x === x && run.seed === view.seed && run.input === given) return;
  const id = ++nextId;
  runId = id;
  useModelStore.setState({ running: true });
  let inputs: ArrayLike<number>[];
  try {
    inputs = inputCodes(model, hello ? x : null, view.seed, given);
  } catch (e) {
    useModelStore.setState({
      run: { key, x, seed: view.seed, input: given, values: null, problem: problemOf(e) },
      running: false,
    });
    return;
  }
  void (async () => {
    if (!inWorker.has(key)) {
      theWorker().postMessage({ id, type: 'load', key, model } satisfies WorkerRequest);
      inWorker.add(key);
    }
    const reply = await ask({ id, type: 'run', key, inputs }, RUN_TIME_CAP_MS);
    if (runId !== id) return;
    if (reply.type === 'unknownKey') {
      inWorker.delete(key);
      requestRun();
      return;
    }
    const done = (values: ModelRun['values'], problem: ModelProblem | null) =>
      useModelStore.setState({ run: { key, x, seed: view.seed, input: given, values, problem }, running: false });
    if (reply.type === 'values')
      done(
        reply.values.map((v, t) => v ?? model.tensors[t]?.data ?? null),
        null,
      );
    else if (reply.type === 'problem') done(null, reply.problem);
    else if (reply.type === 'timedOut') done(null, { kind: 'runTooLong', node: -1, ms: reply.ms });
    else done(null, { kind: 'malformed', format: model.format, at: 'run', detail: 'worker' });
  })();
}

/** Whether `run` is the run of `source`'s model for the view's input. */
export function isCurrentRun(
  run: ModelRun | null,
  source: ModelSource | null,
  view: ModelView | null,
  input: ModelInput | null,
): boolean {
  if (!run || !source || !view || run.input !== input) return false;
  const hello = source.kind === 'example' && source.name === 'hello_world_int8';
  return run.key === keyOf(source) && run.x === (hello ? view.x : 0) && run.seed === view.seed;
}

// ---- Following the view ------------------------------------------------------------------------

/** Makes the open model the one the view names: from memory, the example, or by asking for the file. */
function follow(): void {
  const view = useAppStore.getState().modelView;
  const { source } = useModelStore.getState();
  if (!view) {
    if (useModelStore.getState().wanted) useModelStore.setState({ wanted: null });
    return;
  }
  if (sameSource(view.source, source)) {
    requestRun();
    return;
  }
  const cached = opened.get(keyOf(view.source));
  if (cached) show(cached);
  else if (view.source.kind === 'example') void openExample(view.source.name).catch(() => undefined);
  else useModelStore.setState({ wanted: view.source, reading: { kind: 'idle' } });
}

useAppStore.subscribe((s, prev) => {
  if (s.modelView !== prev.modelView || s.modelInput !== prev.modelInput) follow();
});
follow();
