/**
 * Why a model file could not be read or a node not run: a code with the numbers and the place in
 * the file that explain it. The readers write no sentences; the views word these (in any language).
 */

/** Where in the file: a path of fields as the schema names them, e.g. "subgraphs[0].tensors[3].buffer". */
export type FilePath = string;

/** What a model reader or runner refused, and where. */
export type ModelProblem =
  /** The bytes are not a TFLite flatbuffer (identifier "TFL3") nor an ONNX protobuf. */
  | { readonly kind: 'unknownFormat'; readonly size: number }
  /** The file is larger than the reader accepts. */
  | { readonly kind: 'fileTooLarge'; readonly size: number; readonly max: number }
  /** An offset or length points outside the file (a truncated or damaged file). */
  | {
      readonly kind: 'outOfBounds';
      readonly format: 'tflite' | 'onnx';
      readonly at: FilePath;
      readonly offset: number;
      readonly size: number;
    }
  /** The protobuf itself could not be decoded (bad wire type, bad varint, truncated field). */
  | { readonly kind: 'malformed'; readonly format: 'tflite' | 'onnx'; readonly at: FilePath; readonly detail: string }
  /** Nested messages deeper than the reader follows (a recursion bomb). */
  | { readonly kind: 'tooDeep'; readonly format: 'tflite' | 'onnx'; readonly depth: number; readonly max: number }
  /** A model without a graph or subgraph. */
  | { readonly kind: 'noGraph'; readonly format: 'tflite' | 'onnx' }
  /** A tensor index outside the tensor list. */
  | { readonly kind: 'badTensorIndex'; readonly at: FilePath; readonly index: number; readonly count: number }
  /** An ONNX node input named but never defined. */
  | { readonly kind: 'unknownValue'; readonly at: FilePath; readonly name: string }
  /** A dimension that is negative or not an integer. */
  | { readonly kind: 'badShape'; readonly tensor: string; readonly shape: readonly number[] }
  /** The shape's element count overflows what the reader accepts. */
  | { readonly kind: 'shapeTooLarge'; readonly tensor: string; readonly shape: readonly number[]; readonly max: number }
  /** A constant's data does not hold the shape's element count. */
  | { readonly kind: 'dataSizeMismatch'; readonly tensor: string; readonly expected: number; readonly actual: number }
  | { readonly kind: 'unsupportedDtype'; readonly tensor: string; readonly dtype: string }
  /** Per-channel scales or zero points whose count is not the size of the quantized dimension. */
  | {
      readonly kind: 'quantizationLength';
      readonly tensor: string;
      readonly axis: number;
      readonly channels: number;
      readonly scales: number;
      readonly zeroPoints: number;
    }
  /** A quantization scale that is not finite and positive. */
  | { readonly kind: 'badScale'; readonly tensor: string; readonly channel: number; readonly scale: number }
  /** An op the app does not run (its node number and name). */
  | { readonly kind: 'unsupportedOp'; readonly node: number; readonly op: string }
  /** An op the app runs, in a form it does not (a dtype, a fused activation, an attribute). */
  | { readonly kind: 'unsupportedForm'; readonly node: number; readonly op: string; readonly detail: string }
  /** A node was run without a value for one of its inputs. */
  | { readonly kind: 'missingInput'; readonly node: number; readonly input: number }
  /** A model input given with the wrong element count. */
  | { readonly kind: 'inputLength'; readonly input: number; readonly expected: number; readonly actual: number }
  /** The run took longer than allowed. */
  | { readonly kind: 'runTooLong'; readonly node: number; readonly ms: number }
  /** Reading the file took longer than allowed (`max` ms). */
  | { readonly kind: 'readTooLong'; readonly ms: number; readonly max: number };

/** A model reader's or runner's one kind of error. */
export class ModelError extends Error {
  constructor(readonly problem: ModelProblem) {
    super(`${problem.kind} ${JSON.stringify(problem)}`);
    this.name = 'ModelError';
  }
}

/** Throws a ModelError of `problem`. */
export function refuseModel(problem: ModelProblem): never {
  throw new ModelError(problem);
}
