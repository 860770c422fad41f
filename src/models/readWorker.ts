/** The model reader's worker: bytes in, a Model (or its problem) out, so a big file never blocks the page. */
import { readModel } from './index.ts';
import { ModelError, type ModelProblem } from './problems.ts';

self.onmessage = (e: MessageEvent<{ id: number; bytes: Uint8Array }>) => {
  const { id, bytes } = e.data;
  try {
    self.postMessage({ id, model: readModel(bytes) });
  } catch (error) {
    const problem: ModelProblem =
      error instanceof ModelError
        ? error.problem
        : {
            kind: 'malformed',
            format: 'onnx',
            at: 'file',
            detail: error instanceof Error ? error.message : String(error),
          };
    self.postMessage({ id, problem });
  }
};
