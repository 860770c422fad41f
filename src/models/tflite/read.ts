/**
 * TFLite flatbuffer → Model, through the code flatc generated from TFLite's schema.fbs. A tensor's
 * real value is r = scale[c] · (q − zero_point[c]) with c its index along quantized_dimension
 * (one scale: per tensor). Every read is bounds-checked (CheckedByteBuffer), every size is checked
 * against the shape, so a damaged file gives a problem naming the field instead of wrong numbers.
 */
import { refuseModel } from '../problems.ts';
import type { Model, ModelNode, ModelTensor, NodeAttribute, Subgraph, TensorQuantization } from '../types.ts';
import { CheckedByteBuffer, within } from './checkedBuffer.ts';
import { decodeData, DTYPE_BYTES, elementCount } from '../tensorData.ts';
import {
  BuiltinOperator,
  BuiltinOptions,
  BuiltinOptions2,
  Model as FbModel,
  TensorType,
  unionToBuiltinOptions,
  unionToBuiltinOptions2,
  type Operator,
  type SubGraph,
  type Tensor,
} from './schema_generated.ts';

/** Reads a TFLite model (the caller has checked its identifier). */
export function readTflite(bytes: Uint8Array): Model {
  return within(
    () => 'file',
    bytes.length,
    () => readChecked(bytes),
  );
}

function readChecked(bytes: Uint8Array): Model {
  const bb = new CheckedByteBuffer(bytes);
  const size = bytes.length;
  const model = within(
    () => 'root',
    size,
    () => FbModel.getRootAsModel(bb),
  );
  const subgraphCount = within(
    () => 'subgraphs',
    size,
    () => model.subgraphsLength(),
  );
  if (subgraphCount === 0) refuseModel({ kind: 'noGraph', format: 'tflite' });
  const opNames = within(
    () => 'operator_codes',
    size,
    () => operatorNames(model),
  );
  const buffer = (index: number, at: string): Uint8Array | null =>
    within(
      () => `buffers[${index}]`,
      size,
      () => bufferBytes(model, index, bytes, at),
    );
  const graphs: Subgraph[] = [];
  for (let g = 0; g < subgraphCount; g++) {
    const graph = within(
      () => `subgraphs[${g}]`,
      size,
      () => model.subgraphs(g),
    );
    if (!graph) refuseModel({ kind: 'noGraph', format: 'tflite' });
    graphs.push(readSubgraph(graph, g, opNames, buffer, size));
  }
  const [main, ...rest] = graphs as [Subgraph, ...Subgraph[]];
  const description = within(
    () => 'description',
    size,
    () => model.description(),
  );
  return {
    format: 'tflite',
    tensors: main.tensors,
    nodes: main.nodes,
    inputs: main.inputs,
    outputs: main.outputs,
    subgraphs: rest,
    metadata: { version: String(model.version()), ...(description ? { description } : {}) },
  };
}

function operatorNames(model: FbModel): string[] {
  const names: string[] = [];
  for (let i = 0; i < model.operatorCodesLength(); i++) {
    const code = model.operatorCodes(i);
    if (!code) refuseModel({ kind: 'malformed', format: 'tflite', at: `operator_codes[${i}]`, detail: 'missing' });
    // Codes below 127 were once stored in the deprecated byte; the larger of the two is the code.
    const builtin = Math.max(code.deprecatedBuiltinCode(), code.builtinCode());
    names.push(
      builtin === (BuiltinOperator.CUSTOM as number)
        ? (code.customCode() ?? 'CUSTOM')
        : (BuiltinOperator[builtin] ?? `BUILTIN_${builtin}`),
    );
  }
  return names;
}

/** A buffer's bytes: inline data, or (models over 2 GB) an offset and size from the file's start. */
function bufferBytes(model: FbModel, index: number, bytes: Uint8Array, at: string): Uint8Array | null {
  if (index === 0) return null; // buffer 0 is the empty sentinel
  if (index < 0 || index >= model.buffersLength())
    refuseModel({ kind: 'badTensorIndex', at, index, count: model.buffersLength() });
  const buf = model.buffers(index);
  if (!buf) return null;
  const offset = Number(buf.offset());
  if (offset > 1) {
    const length = Number(buf.size());
    if (offset + length > bytes.length)
      refuseModel({
        kind: 'outOfBounds',
        format: 'tflite',
        at: `buffers[${index}].offset`,
        offset,
        size: bytes.length,
      });
    return bytes.subarray(offset, offset + length);
  }
  const length = buf.dataLength();
  if (length === 0) return null;
  const data = buf.dataArray();
  return data;
}

function readSubgraph(
  graph: SubGraph,
  g: number,
  opNames: readonly string[],
  buffer: (index: number, at: string) => Uint8Array | null,
  size: number,
): Subgraph {
  const at = `subgraphs[${g}]`;
  const tensorCount = within(
    () => `${at}.tensors`,
    size,
    () => graph.tensorsLength(),
  );
  const tensors: ModelTensor[] = [];
  for (let t = 0; t < tensorCount; t++) {
    const path = `${at}.tensors[${t}]`;
    const tensor = within(
      () => path,
      size,
      () => graph.tensors(t),
    );
    if (!tensor) refuseModel({ kind: 'malformed', format: 'tflite', at: path, detail: 'missing' });
    tensors.push(
      within(
        () => path,
        size,
        () => readTensor(tensor, path, buffer),
      ),
    );
  }
  const index = (path: string, i: number, optional: boolean): number => {
    if (optional && i === -1) return -1;
    if (!(i >= 0 && i < tensorCount)) refuseModel({ kind: 'badTensorIndex', at: path, index: i, count: tensorCount });
    return i;
  };
  const list = (path: string, length: () => number, get: (k: number) => number | null, optional = false): number[] =>
    within(
      () => path,
      size,
      () => Array.from({ length: length() }, (_, k) => index(`${path}[${k}]`, get(k) ?? -2, optional)),
    );
  const nodes: ModelNode[] = [];
  const opCount = within(
    () => `${at}.operators`,
    size,
    () => graph.operatorsLength(),
  );
  for (let n = 0; n < opCount; n++) {
    const path = `${at}.operators[${n}]`;
    const op = within(
      () => path,
      size,
      () => graph.operators(n),
    );
    if (!op) refuseModel({ kind: 'malformed', format: 'tflite', at: path, detail: 'missing' });
    const opcode = within(
      () => `${path}.opcode_index`,
      size,
      () => op.opcodeIndex(),
    );
    const name = opNames[opcode];
    if (name === undefined)
      refuseModel({ kind: 'badTensorIndex', at: `${path}.opcode_index`, index: opcode, count: opNames.length });
    nodes.push({
      op: name,
      inputs: list(
        `${path}.inputs`,
        () => op.inputsLength(),
        (k) => op.inputs(k),
        true,
      ),
      outputs: list(
        `${path}.outputs`,
        () => op.outputsLength(),
        (k) => op.outputs(k),
      ),
      attributes: within(
        () => `${path}.builtin_options`,
        size,
        () => options(op),
      ),
    });
  }
  return {
    name: within(
      () => `${at}.name`,
      size,
      () => graph.name() ?? '',
    ),
    tensors,
    nodes,
    inputs: list(
      `${at}.inputs`,
      () => graph.inputsLength(),
      (k) => graph.inputs(k),
    ),
    outputs: list(
      `${at}.outputs`,
      () => graph.outputsLength(),
      (k) => graph.outputs(k),
    ),
  };
}

function readTensor(
  tensor: Tensor,
  path: string,
  buffer: (index: number, at: string) => Uint8Array | null,
): ModelTensor {
  const name = tensor.name() ?? '';
  const shape = Array.from({ length: tensor.shapeLength() }, (_, k) => tensor.shape(k) ?? 0);
  const type = tensor.type();
  const dtype = ((TensorType[type] as string | undefined) ?? `type${type}`).toLowerCase();
  const count = elementCount(name, shape);
  const bytes = buffer(tensor.buffer(), `${path}.buffer`);
  let data: ArrayLike<number> | null = null;
  if (bytes) {
    if (!(dtype in DTYPE_BYTES)) refuseModel({ kind: 'unsupportedDtype', tensor: name, dtype });
    data = decodeData(name, dtype, bytes, count);
  }
  return { name, shape, dtype, quantization: quantization(tensor, name, shape), data };
}

function quantization(tensor: Tensor, name: string, shape: readonly number[]): TensorQuantization | null {
  const q = tensor.quantization();
  if (!q || q.scaleLength() === 0) return null;
  const scales = Float32Array.from({ length: q.scaleLength() }, (_, k) => q.scale(k) ?? NaN);
  const zeroPoints = Int32Array.from({ length: q.zeroPointLength() }, (_, k) => Number(q.zeroPoint(k) ?? 0n));
  const axis = q.quantizedDimension();
  const channels = scales.length === 1 ? 1 : (shape[axis] ?? -1);
  if (scales.length !== channels || (zeroPoints.length !== scales.length && zeroPoints.length > 1))
    refuseModel({
      kind: 'quantizationLength',
      tensor: name,
      axis,
      channels,
      scales: scales.length,
      zeroPoints: zeroPoints.length,
    });
  scales.forEach((scale, channel) => {
    if (!(scale > 0 && Number.isFinite(scale))) refuseModel({ kind: 'badScale', tensor: name, channel, scale });
  });
  // A missing zero point vector means 0 for every channel.
  const zp = zeroPoints.length === scales.length ? zeroPoints : new Int32Array(scales.length).fill(zeroPoints[0] ?? 0);
  return { scales, zeroPoints: zp, axis };
}

/** An operator's builtin options by their schema names (fused_activation_function, stride_w, …). */
function options(op: Operator): Record<string, NodeAttribute> {
  const type1 = op.builtinOptionsType();
  const type2 = op.builtinOptions2Type();
  // flatc types the union accessors' results as any; the table is only read through its getters below.
  /* eslint-disable @typescript-eslint/no-unsafe-return */
  const table: unknown =
    type1 !== BuiltinOptions.NONE
      ? unionToBuiltinOptions(type1, (obj) => op.builtinOptions(obj))
      : type2 !== BuiltinOptions2.NONE
        ? unionToBuiltinOptions2(type2, (obj) => op.builtinOptions2(obj))
        : null;
  /* eslint-enable @typescript-eslint/no-unsafe-return */
  if (!table || typeof table !== 'object') return {};
  const out: Record<string, NodeAttribute> = {};
  const proto = Object.getPrototypeOf(table) as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (
      key === 'constructor' ||
      key.startsWith('__') ||
      key.startsWith('mutate') ||
      key.endsWith('Length') ||
      key.endsWith('Array')
    )
      continue;
    const get = proto[key];
    if (typeof get !== 'function') continue;
    const call = (...args: unknown[]): unknown => Reflect.apply(get, table, args) as unknown;
    const lengthOf = proto[`${key}Length`];
    let value: unknown;
    if (typeof lengthOf === 'function') {
      const length = (lengthOf as () => number).call(table);
      value = Array.from({ length }, (_, k) => call(k));
    } else if (get.length === 0 || key === 'sharedName' || key === 'container') value = call();
    if (typeof value === 'bigint') value = Number(value);
    if (typeof value === 'boolean') value = value ? 1 : 0;
    if (typeof value === 'number' || typeof value === 'string' || Array.isArray(value))
      out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value as NodeAttribute;
  }
  return out;
}
