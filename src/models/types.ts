/**
 * A quantized model as the views, the runner and the tests see it, whatever file it came from
 * (TFLite flatbuffer or ONNX protobuf). Real values follow r = scale · (q − zeroPoint) per tensor or
 * per channel along `axis`.
 */

/** A tensor's affine quantization: one (scale, zero point) per tensor, or one per index of `axis`. */
export interface TensorQuantization {
  readonly scales: Float32Array;
  readonly zeroPoints: Int32Array;
  /** The quantized dimension (per tensor: 0, with one scale). */
  readonly axis: number;
}

/** One tensor of the model: a constant (weights, bias) with its data, or a value computed at run time. */
export interface ModelTensor {
  readonly name: string;
  readonly shape: readonly number[];
  /** 'int8' | 'uint8' | 'int16' | 'int32' | 'int64' | 'float32' | 'float16' | 'bool' | 'resource' | … */
  readonly dtype: string;
  readonly quantization: TensorQuantization | null;
  /** A constant's values in its dtype (float16 as numbers); null for values computed at run time. */
  readonly data: ArrayLike<number> | null;
}

/** An attribute or option of a node, as the file gives it. */
export type NodeAttribute = number | string | readonly number[] | readonly string[];

/** One operator of the graph. */
export interface ModelNode {
  /** The op as the file names it: 'CONV_2D', 'QLinearConv'. */
  readonly op: string;
  /** Tensor indices; −1 = an optional input left out. */
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  /** The op's options (TFLite's builtin options, ONNX's attributes), by name. */
  readonly attributes: Readonly<Record<string, NodeAttribute>>;
}

/** A model read from its bytes. */
export interface Model {
  readonly format: 'tflite' | 'onnx';
  /** TFLite: subgraph 0's tensors in file order; ONNX: each named value once (initializers, inputs, node outputs). */
  readonly tensors: readonly ModelTensor[];
  /** Execution order (TFLite: subgraph 0's operators in file order). */
  readonly nodes: readonly ModelNode[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  /** Further subgraphs (TFLite's CALL_ONCE initialisers), each with tensors and nodes of its own. */
  readonly subgraphs: readonly Subgraph[];
  /** What the file says of itself: TFLite's description and version, ONNX's producer and opsets. */
  readonly metadata: Readonly<Record<string, string>>;
}

/** A TFLite subgraph other than the main one. */
export interface Subgraph {
  readonly name: string;
  readonly tensors: readonly ModelTensor[];
  readonly nodes: readonly ModelNode[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
}
