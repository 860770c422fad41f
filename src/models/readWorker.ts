/** The file reader's worker: bytes in, a Model or a tensor file's tensors (or the problem) out, so a big file never blocks the page. */
import { readModel } from './index.ts';
import { ModelError, type ModelProblem } from './problems.ts';
import { isTensorFile, readTensorFile, TensorFileError } from './tensorFiles/index.ts';

self.onmessage = (e: MessageEvent<{ id: number; bytes: Uint8Array; name: string }>) => {
  const { id, bytes, name } = e.data;
  try {
    if (isTensorFile(bytes)) self.postMessage({ id, tensors: readTensorFile(bytes, name) });
    else self.postMessage({ id, model: readModel(bytes) });
  } catch (error) {
    if (error instanceof TensorFileError) {
      self.postMessage({ id, tensorProblem: error.problem });
      return;
    }
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
