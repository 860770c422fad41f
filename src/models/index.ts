/**
 * Real quantized models: read a .tflite or .onnx file into a Model, derive what the runtime's
 * Prepare derives for each node, and run one node or the whole graph on integer codes exactly as
 * the runtime's reference kernels do (TFLite Micro's reference_integer_ops; ONNX's reference).
 * Pure: no DOM, so a worker, the views and the tests share it.
 */
import { quantizeMultiplier } from '../engine/index.ts';
import { readOnnx } from './onnx/read.ts';
import { ONNX_KERNELS, onnxRequantization } from './onnx/ops.ts';
import { refuseModel } from './problems.ts';
import { isTflite } from './tflite/checkedBuffer.ts';
import { requantizationOf } from './tflite/prepare.ts';
import { readTflite } from './tflite/read.ts';
import { runTfliteNode, type RunContext } from './tflite/run.ts';
import type { Model, ModelTensor, Subgraph } from './types.ts';
import type { Value } from './values.ts';

export type { Model, ModelNode, ModelTensor, NodeAttribute, Subgraph, TensorQuantization } from './types.ts';
export { ModelError, type ModelProblem } from './problems.ts';
export type { Value, KernelResult } from './values.ts';
export { TFLITE_OPS } from './tflite/run.ts';
export { ONNX_KERNELS, onnxRequantization } from './onnx/ops.ts';
export { ACTIVATION_NAMES, tfliteRequantization, type Requantization } from './tflite/prepare.ts';
export { convGeometry, type ConvGeometry } from './tflite/convOps.ts';

/** The largest file the readers take (1 GiB). */
export const MAX_MODEL_BYTES = 2 ** 30;

/** Whether the bytes start like an ONNX ModelProto: field 1 (ir_version, varint) or another known field tag. */
function looksLikeOnnx(bytes: Uint8Array): boolean {
  // ModelProto's first field is usually ir_version = 1 (tag 0x08); exporters may start with opset_import (0x42),
  // producer_name (0x12) or graph (0x3a).
  return bytes.length > 2 && [0x08, 0x12, 0x1a, 0x22, 0x2a, 0x32, 0x3a, 0x42].includes(bytes[0] ?? -1);
}

/** Reads a TFLite or ONNX model, its format known from the bytes; throws a ModelError with a typed problem. */
export function readModel(bytes: Uint8Array): Model {
  if (bytes.length > MAX_MODEL_BYTES) refuseModel({ kind: 'fileTooLarge', size: bytes.length, max: MAX_MODEL_BYTES });
  if (isTflite(bytes)) return readTflite(bytes);
  if (looksLikeOnnx(bytes)) return readOnnx(bytes);
  return refuseModel({ kind: 'unknownFormat', size: bytes.length });
}

/** Per output channel, as the runtime's Prepare computes them (TFLite QuantizeMultiplier: M ≈ multiplier·2^(shift−31), shift > 0 = left). */
export function nodeRequantization(
  model: Model,
  node: number,
): { multipliers: Int32Array; shifts: Int32Array; outputMin: number; outputMax: number } | null {
  if (model.format === 'tflite') {
    const r = requantizationOf(model, node);
    return r && { multipliers: r.multipliers, shifts: r.shifts, outputMin: r.outputMin, outputMax: r.outputMax };
  }
  const r = onnxRequantization(model, node);
  if (!r) return null;
  // ONNX Runtime requantizes in float; the fixed-point form is shown for comparison.
  const fixed = Array.from(r.realMultipliers, (m) => quantizeMultiplier(m));
  return {
    multipliers: Int32Array.from(fixed, (f) => f.quantizedMultiplier),
    shifts: Int32Array.from(fixed, (f) => f.shift),
    outputMin: r.outputMin,
    outputMax: r.outputMax,
  };
}

function constantValue(t: ModelTensor): Value | null {
  return t.data ? { shape: t.shape, dtype: t.dtype, data: t.data } : null;
}

function valueOf(t: ModelTensor, data: ArrayLike<number>): Value {
  return { shape: t.shape, dtype: t.dtype, data };
}

/** One node on the given values (null = the model's constant); accumulators: bias + Σ (q_in − Z_in)(q_w − Z_w) per output element. */
export function runNode(
  model: Model,
  node: number,
  inputs: (ArrayLike<number> | null)[],
): { outputs: ArrayLike<number>[]; accumulators: Int32Array | null } {
  const n = model.nodes[node];
  if (!n) return refuseModel({ kind: 'unsupportedOp', node, op: '' });
  const values = n.inputs.map((t, k) => {
    const tensor = model.tensors[t];
    if (!tensor) return null;
    const given = inputs[k];
    return given ? valueOf(tensor, given) : constantValue(tensor);
  });
  const result =
    model.format === 'tflite'
      ? runTfliteNode(model, node, values, { variables: new Map(), runSubgraph: () => undefined })
      : runOnnxNode(model, node, values);
  return { outputs: result.outputs.map((v) => v.data), accumulators: result.accumulators };
}

function runOnnxNode(model: Model, node: number, values: readonly (Value | null)[]) {
  const n = model.nodes[node];
  const kernel = n && ONNX_KERNELS[n.op];
  if (!n || !kernel) return refuseModel({ kind: 'unsupportedOp', node, op: n?.op ?? '' });
  return kernel(n, values, node);
}

/** A graph's values, filled as its nodes run. */
function runGraph(
  graph: Pick<Subgraph, 'tensors' | 'nodes'>,
  values: (Value | null)[],
  run: (index: number, inputs: readonly (Value | null)[]) => { outputs: Value[] },
): void {
  graph.nodes.forEach((n, index) => {
    const inputs = n.inputs.map((t) => (t < 0 ? null : (values[t] ?? null)));
    const { outputs } = run(index, inputs);
    n.outputs.forEach((t, k) => {
      values[t] = outputs[k] ?? null;
    });
  });
}

/** The whole model: every tensor's values after one invoke (index = tensor index); resource variables persist between invokes, CALL_ONCE runs once. */
export function createRunner(model: Model): { invoke(inputs: ArrayLike<number>[]): (ArrayLike<number> | null)[] } {
  const variables = new Map<string, Value>();
  const ran = new Set<number>();
  const graphs: Pick<Subgraph, 'tensors' | 'nodes'>[] = [model, ...model.subgraphs];
  const context: RunContext = {
    variables,
    runSubgraph(index) {
      if (ran.has(index)) return;
      ran.add(index);
      const graph = graphs[index];
      if (!graph) refuseModel({ kind: 'unsupportedForm', node: -1, op: 'CALL_ONCE', detail: `subgraph ${index}` });
      const values = graph.tensors.map(constantValue);
      runGraph(graph, values, (k, inputs) => runTfliteNode(graph, k, inputs, context));
    },
  };
  return {
    invoke(inputs) {
      const values = model.tensors.map(constantValue);
      model.inputs.forEach((t, k) => {
        const tensor = model.tensors[t];
        const given = inputs[k];
        if (!tensor) return;
        const expected = tensor.shape.reduce((a, b) => a * Math.max(b, 1), 1);
        if (!given || given.length !== expected)
          refuseModel({ kind: 'inputLength', input: k, expected, actual: given?.length ?? 0 });
        values[t] = valueOf(tensor, given);
      });
      runGraph(model, values, (k, ins) =>
        model.format === 'tflite' ? runTfliteNode(model, k, ins, context) : runOnnxNode(model, k, ins),
      );
      return values.map((v) => v?.data ?? null);
    },
  };
}
