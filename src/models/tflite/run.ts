/**
 * Runs a TFLite graph as TensorFlow Lite Micro does: operators in file order on their tensors'
 * codes, constants from the file, resource variables that persist between invocations of one
 * runner, and CALL_ONCE's initialiser subgraph run on the first invocation only.
 */
import { addOp } from './addOp.ts';
import { refuseModel } from '../problems.ts';
import type { ModelNode, ModelTensor, Subgraph } from '../types.ts';
import { dtypeRange, newArray, type KernelResult, type Value } from '../values.ts';
import { conv2d, depthwiseConv2d, fullyConnected, type ConvInputs } from './convOps.ts';
import { checkQuantizeTypes, tfliteRequantization } from './prepare.ts';
import { concatenation, reshape, splitV, stridedSlice } from './shapeOps.ts';
import {
  logisticInt8,
  logisticParams,
  multiplyByQuantizedMultiplier,
  quantizeMultiplier,
  roundHalfAwayFromZero,
} from '../../engine/index.ts';

/** The ops this runner computes. */
export const TFLITE_OPS: readonly string[] = [
  'FULLY_CONNECTED',
  'CONV_2D',
  'DEPTHWISE_CONV_2D',
  'QUANTIZE',
  'DEQUANTIZE',
  'LOGISTIC',
  'ADD',
  'RESHAPE',
  'CONCATENATION',
  'STRIDED_SLICE',
  'SPLIT_V',
  'VAR_HANDLE',
  'READ_VARIABLE',
  'ASSIGN_VARIABLE',
  'CALL_ONCE',
];

/** What an op may use besides its inputs: the runner's variables and subgraphs. */
export interface RunContext {
  readonly variables: Map<string, Value>;
  /** Runs subgraph `index` (CALL_ONCE). */
  readonly runSubgraph: (index: number) => void;
}

function zeroPoint(t: ModelTensor): number {
  return t.quantization?.zeroPoints[0] ?? 0;
}

function scale(t: ModelTensor, node: number, op: string): number {
  const s = t.quantization?.scales[0];
  if (s === undefined) refuseModel({ kind: 'unsupportedForm', node, op, detail: `unquantized ${t.name}` });
  return s;
}

/** QUANTIZE: float → code as AffineQuantize (round(x / S) in float32, + Z), or code → code as Requantize. */
function quantizeOp(input: Value, inT: ModelTensor, outT: ModelTensor, index: number): Value {
  checkQuantizeTypes('QUANTIZE', input.dtype, outT.dtype, index);
  const range = dtypeRange(outT.dtype);
  if (!range) refuseModel({ kind: 'unsupportedForm', node: index, op: 'QUANTIZE', detail: `output ${outT.dtype}` });
  const sOut = scale(outT, index, 'QUANTIZE');
  const zOut = zeroPoint(outT);
  const out = newArray(outT.dtype, input.data.length);
  const clamp = (v: number) => Math.min(Math.max(v, range.qmin), range.qmax);
  if (input.dtype === 'float32') {
    for (let i = 0; i < out.length; i++)
      out[i] = clamp(roundHalfAwayFromZero(Math.fround((input.data[i] as number) / sOut)) + zOut);
  } else {
    const { quantizedMultiplier, shift } = quantizeMultiplier(scale(inT, index, 'QUANTIZE') / sOut);
    const zIn = zeroPoint(inT);
    for (let i = 0; i < out.length; i++)
      out[i] = clamp(multiplyByQuantizedMultiplier((input.data[i] as number) - zIn, quantizedMultiplier, shift) + zOut);
  }
  return { shape: outT.shape, dtype: outT.dtype, data: out };
}

/** DEQUANTIZE: r = S · (q − Z) in double, stored as float32. */
function dequantizeOp(input: Value, inT: ModelTensor, outT: ModelTensor, index: number): Value {
  checkQuantizeTypes('DEQUANTIZE', input.dtype, outT.dtype, index);
  const s = scale(inT, index, 'DEQUANTIZE');
  const z = zeroPoint(inT);
  const out = new Float32Array(input.data.length);
  for (let i = 0; i < out.length; i++) out[i] = s * ((input.data[i] as number) - z);
  return { shape: outT.shape, dtype: 'float32', data: out };
}

function variableKey(node: ModelNode): string {
  return `${String(node.attributes.container ?? '')}/${String(node.attributes.shared_name ?? '')}`;
}

/** Runs node `index` of `graph` on `values` (one per input; null for a left-out optional input). */
export function runTfliteNode(
  graph: Pick<Subgraph, 'tensors' | 'nodes'>,
  index: number,
  values: readonly (Value | null)[],
  context: RunContext,
): KernelResult {
  const node = graph.nodes[index];
  if (!node) refuseModel({ kind: 'unsupportedOp', node: index, op: '' });
  const need = (k: number): Value => {
    const v = values[k];
    if (!v) refuseModel({ kind: 'missingInput', node: index, input: k });
    return v;
  };
  const tensorOf = (t: number | undefined): ModelTensor => {
    const tensor = t === undefined ? undefined : graph.tensors[t];
    if (!tensor) refuseModel({ kind: 'missingInput', node: index, input: t ?? -1 });
    return tensor;
  };
  const inT = (k: number) => tensorOf(node.inputs[k]);
  const outT = (k: number) => tensorOf(node.outputs[k]);
  const one = (v: Value): KernelResult => ({ outputs: [v], accumulators: null });
  switch (node.op) {
    case 'FULLY_CONNECTED':
    case 'CONV_2D':
    case 'DEPTHWISE_CONV_2D': {
      const r = tfliteRequantization(graph.tensors, node, index);
      if (!r) refuseModel({ kind: 'unsupportedOp', node: index, op: node.op });
      const filterT = inT(1);
      if (inT(0).dtype !== 'int8' || filterT.dtype !== 'int8')
        refuseModel({
          kind: 'unsupportedForm',
          node: index,
          op: node.op,
          detail: `${inT(0).dtype} × ${filterT.dtype}`,
        });
      const x: ConvInputs = {
        input: need(0),
        filter: need(1),
        bias: values[2] ?? null,
        filterZeroPoints: filterT.quantization?.zeroPoints ?? new Int32Array(1),
        outputDtype: outT(0).dtype,
      };
      return node.op === 'FULLY_CONNECTED'
        ? fullyConnected(node, x, r)
        : node.op === 'CONV_2D'
          ? conv2d(node, x, r)
          : depthwiseConv2d(node, x, r);
    }
    case 'QUANTIZE':
      return one(quantizeOp(need(0), inT(0), outT(0), index));
    case 'DEQUANTIZE':
      return one(dequantizeOp(need(0), inT(0), outT(0), index));
    case 'LOGISTIC': {
      const input = need(0);
      if (input.dtype !== 'int8' || zeroPoint(outT(0)) !== -128)
        refuseModel({ kind: 'unsupportedForm', node: index, op: node.op, detail: input.dtype });
      const p = logisticParams(scale(inT(0), index, node.op), zeroPoint(inT(0)));
      const out = new Int8Array(input.data.length);
      for (let i = 0; i < out.length; i++) out[i] = logisticInt8(input.data[i] as number, p);
      return one({ shape: input.shape, dtype: 'int8', data: out });
    }
    case 'ADD':
      return one(addOp(graph.tensors, node, index, need(0), need(1)));
    case 'RESHAPE':
      return one(reshape(need(0), outT(0).shape));
    case 'CONCATENATION': {
      const axis = typeof node.attributes.axis === 'number' ? node.attributes.axis : 0;
      const inputs = node.inputs.map((_, k) => need(k));
      const s = inT(0).quantization;
      node.inputs.forEach((_, k) => {
        const q = inT(k).quantization;
        if (q && s && (q.scales[0] !== s.scales[0] || q.zeroPoints[0] !== s.zeroPoints[0]))
          refuseModel({ kind: 'unsupportedForm', node: index, op: node.op, detail: 'inputs with different scales' });
      });
      return one(concatenation(inputs, axis, index));
    }
    case 'STRIDED_SLICE':
      return one(stridedSlice(node, index, need(0), need(1), need(2), need(3)));
    case 'SPLIT_V': {
      const axis = need(2).data[0] ?? 0;
      return { outputs: splitV(need(0), need(1).data, axis), accumulators: null };
    }
    case 'VAR_HANDLE':
      // The handle is the variable's name; the value lives in the runner.
      return one({ shape: [], dtype: 'resource', data: [context.variables.size] });
    case 'READ_VARIABLE': {
      const handle = handleOf(graph, node.inputs[0]);
      const value = context.variables.get(handle);
      if (!value) refuseModel({ kind: 'missingInput', node: index, input: 0 });
      return one(value);
    }
    case 'ASSIGN_VARIABLE': {
      const v = need(1);
      context.variables.set(handleOf(graph, node.inputs[0]), {
        shape: v.shape,
        dtype: v.dtype,
        data: Array.from(v.data),
      });
      return { outputs: [], accumulators: null };
    }
    case 'CALL_ONCE': {
      const sub = node.attributes.init_subgraph_index;
      if (typeof sub !== 'number')
        refuseModel({ kind: 'unsupportedForm', node: index, op: node.op, detail: 'init_subgraph_index' });
      context.runSubgraph(sub);
      return { outputs: [], accumulators: null };
    }
    default:
      return refuseModel({ kind: 'unsupportedOp', node: index, op: node.op });
  }
}

/** The variable a resource tensor names: the VAR_HANDLE node of the graph that writes it. */
function handleOf(graph: Pick<Subgraph, 'tensors' | 'nodes'>, tensor: number | undefined): string {
  const producer = graph.nodes.find((n) => n.op === 'VAR_HANDLE' && n.outputs[0] === tensor);
  if (!producer) refuseModel({ kind: 'missingInput', node: -1, input: tensor ?? -1 });
  return variableKey(producer);
}
