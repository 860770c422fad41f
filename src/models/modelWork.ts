/**
 * What the model worker does (modelWorker.ts runs it in a worker): a file in, read in chunks (progress posted), hashed and parsed into a Model
 * or a tensor file's tensors (or the problem); and a model run on given input codes, every
 * tensor's values out. A big file never blocks the page; the page stops the worker past its time
 * caps. The worker keeps the models it read (a few, by key) so a run sends only the inputs.
 */
import { layoutModel, type GraphLayout } from './graphLayout.ts';
import { createRunner, readModel, type Model } from './index.ts';
import { ModelError, type ModelProblem } from './problems.ts';
import { isTensorFile, readTensorFile, TensorFileError } from './tensorFiles/index.ts';
import { isGguf, readRange } from './gguf/range.ts';
import {
  GgufError,
  readGgufHeader,
  rowBytes,
  type GgufHeader,
  type GgufProblem,
  type GgufTensor,
} from './gguf/gguf.ts';

/** What the page asks. */
export type WorkerRequest =
  | {
      readonly id: number;
      readonly type: 'read';
      readonly key: string | null;
      readonly file: Blob;
      readonly name: string;
    }
  | { readonly id: number; readonly type: 'load'; readonly key: string; readonly model: Model }
  | { readonly id: number; readonly type: 'run'; readonly key: string; readonly inputs: ArrayLike<number>[] }
  /** A kept model's graph laid out for drawing (asked after its first run: reading and running come first). */
  | { readonly id: number; readonly type: 'layout'; readonly key: string }
  /** Rows [from, to) of a GGUF tensor, read from the file by range. */
  | {
      readonly id: number;
      readonly type: 'ggufRows';
      readonly file: Blob;
      readonly tensor: GgufTensor;
      readonly from: number;
      readonly to: number;
    };

/** What the worker answers (progress any number of times, then one of the others). */
export type WorkerReply =
  | { readonly id: number; readonly type: 'progress'; readonly read: number; readonly size: number }
  | {
      readonly id: number;
      readonly type: 'model';
      readonly model: Model;
      readonly sha256: string;
      readonly size: number;
    }
  /** The graph laid out for drawing (null: too many nodes to draw). */
  | { readonly id: number; readonly type: 'layout'; readonly layout: GraphLayout | null }
  | { readonly id: number; readonly type: 'tensors'; readonly tensors: ReturnType<typeof readTensorFile> }
  /** A GGUF file's header (its tensors stay in the file until asked for). */
  | { readonly id: number; readonly type: 'gguf'; readonly header: GgufHeader; readonly size: number }
  | { readonly id: number; readonly type: 'ggufProblem'; readonly problem: GgufProblem }
  | { readonly id: number; readonly type: 'ggufRows'; readonly bytes: Uint8Array }
  | { readonly id: number; readonly type: 'problem'; readonly problem: ModelProblem }
  | { readonly id: number; readonly type: 'tensorProblem'; readonly problem: TensorFileError['problem'] }
  /** Every tensor the run computed (null: a constant, which the page's model holds). */
  | { readonly id: number; readonly type: 'values'; readonly values: (ArrayLike<number> | null)[] }
  /** A run asked for a model the worker does not hold (it was restarted): load it and ask again. */
  | { readonly id: number; readonly type: 'unknownKey' };

type Post = (reply: WorkerReply, transfer?: Transferable[]) => void;

/** Every array buffer a model's tensors hold (each once). */
function buffersOf(model: Model): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const graph of [model, ...model.subgraphs])
    for (const t of graph.tensors)
      for (const a of [t.data, t.quantization?.scales, t.quantization?.zeroPoints])
        if (ArrayBuffer.isView(a) && a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  return [...buffers];
}

/** Models kept for runs, most recent last. */
const KEPT = 3;
const runners = new Map<string, { model: Model } & ReturnType<typeof createRunner>>();

function keep(key: string, model: Model): void {
  runners.delete(key);
  runners.set(key, { model, ...createRunner(model) });
  for (const old of runners.keys()) if (runners.size > KEPT) runners.delete(old);
}

function problemOf(error: unknown): ModelProblem {
  return error instanceof ModelError
    ? error.problem
    : { kind: 'malformed', format: 'onnx', at: 'file', detail: error instanceof Error ? error.message : String(error) };
}

/** The file's bytes, read in chunks with progress. */
async function readBytes(id: number, file: Blob, post: Post): Promise<Uint8Array> {
  // Blobs without streams (jsdom's) are read whole.
  if (typeof file.stream !== 'function')
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
      reader.onerror = () => reject(reader.error ?? new Error('read'));
      reader.readAsArrayBuffer(file);
    });
  const bytes = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let read = 0;
  let posted = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes.set(value, read);
    read += value.length;
    // At most a hundred progress messages.
    if (read - posted >= file.size / 100) {
      posted = read;
      post({ id, type: 'progress', read, size: file.size });
    }
  }
  return bytes;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A GGUF file: only its header is read, by range, with progress. */
async function readGguf(id: number, file: Blob, post: Post): Promise<void> {
  try {
    const header = await readGgufHeader(async (offset, length) => {
      const bytes = await readRange(file, offset, length);
      post({ id, type: 'progress', read: offset + bytes.length, size: file.size });
      return bytes;
    }, file.size);
    post({ id, type: 'gguf', header, size: file.size });
  } catch (error) {
    if (error instanceof GgufError) post({ id, type: 'ggufProblem', problem: error.problem });
    else post({ id, type: 'problem', problem: problemOf(error) });
  }
}

async function read(request: Extract<WorkerRequest, { type: 'read' }>, post: Post): Promise<void> {
  const { id, file, name } = request;
  if (await isGguf(file)) {
    await readGguf(id, file, post);
    return;
  }
  const bytes = await readBytes(id, file, post);
  if (isTensorFile(bytes)) {
    try {
      post({ id, type: 'tensors', tensors: readTensorFile(bytes, name) });
    } catch (error) {
      if (error instanceof TensorFileError) post({ id, type: 'tensorProblem', problem: error.problem });
      else post({ id, type: 'problem', problem: problemOf(error) });
    }
    return;
  }
  const hash = await sha256(bytes);
  try {
    const model = readModel(bytes);
    keep(request.key ?? `f:${hash}`, model);
    // The page gets its own copy, transferred: cloning 50 MB of weights into the page would hold
    // its thread for hundreds of milliseconds; the copy here costs the worker's time instead.
    const copy = structuredClone(model);
    post({ id, type: 'model', model: copy, sha256: hash, size: bytes.length }, buffersOf(copy));
  } catch (error) {
    post({ id, type: 'problem', problem: problemOf(error) });
  }
}

/** Answers one request through `post` (the worker's postMessage; or, where workers are missing, the page's own callback). */
export function handle(request: WorkerRequest, post: Post): void {
  if (request.type === 'read') {
    void read(request, post);
  } else if (request.type === 'ggufRows') {
    const { id, file, tensor, from, to } = request;
    const row = rowBytes(tensor);
    void readRange(file, tensor.offset + from * row, (to - from) * row).then(
      (bytes) => post({ id, type: 'ggufRows', bytes }, [bytes.buffer]),
      (error: unknown) => post({ id, type: 'problem', problem: problemOf(error) }),
    );
  } else if (request.type === 'load') {
    keep(request.key, request.model);
  } else {
    const runner = runners.get(request.key);
    if (!runner) {
      post({ id: request.id, type: 'unknownKey' });
      return;
    }
    if (request.type === 'layout') {
      post({ id: request.id, type: 'layout', layout: layoutModel(runner.model) });
      return;
    }
    try {
      // Constants are the page's already (its copy of the model): only what the run computed travels back.
      const values = runner.invoke(request.inputs).map((v, t) => (runner.model.tensors[t]?.data ? null : v));
      post({ id: request.id, type: 'values', values });
    } catch (error) {
      post({ id: request.id, type: 'problem', problem: problemOf(error) });
    }
  }
}
