/**
 * An ONNX ModelProto as the app's Model: every named value once (initializers, then graph inputs that
 * are not initializers, then node outputs in node order), nodes referring to them by index (−1 for an
 * optional input left out), and each value's quantization r = scale · (q − zero_point) where a
 * Quantize/Dequantize/QLinear* node gives it constant parameters (see quantization.ts).
 */
import { fromBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import type { Model, ModelNode, ModelTensor, NodeAttribute, TensorQuantization } from '../types.ts';
import { ModelError, refuseModel } from '../problems.ts';
import {
  AttributeProto_AttributeType as AttrType,
  ModelProtoSchema,
  TensorProtoSchema,
  type AttributeProto,
  type TypeProto,
  type ValueInfoProto,
} from './onnx_pb.ts';
import { checkShape, decodeTensor, dtypeName } from './tensorData.ts';
import { walkWire } from './wire.ts';
import { quantizationOf } from './quantization.ts';

/** The bytes decoded as `schema`, after the wire walk; any decoder error becomes `malformed`. */
function decode<Desc extends DescMessage>(schema: Desc, bytes: Uint8Array): MessageShape<Desc> {
  walkWire(bytes, schema);
  try {
    return fromBinary(schema, bytes);
  } catch (e) {
    if (e instanceof ModelError) throw e;
    return refuseModel({
      kind: 'malformed',
      format: 'onnx',
      at: '',
      detail: e instanceof Error ? e.message : String(e),
    });
  }
}

/** dtype and shape of a value's type (unknown dims −1; an unknown shape []). */
function typeInfo(type: TypeProto | undefined, name: string): { dtype: string; shape: number[] } {
  if (type?.value.case !== 'tensorType') return { dtype: 'unknown', shape: [] };
  const t = type.value.value;
  const dtype = t.elemType ? dtypeName(t.elemType, name) : 'unknown';
  const dims = (t.shape?.dim ?? []).map((d) => (d.value.case === 'dimValue' ? d.value.value : -1));
  return { dtype, shape: checkShape(dims, name) };
}

const utf8 = new TextDecoder();

/** An attribute's value (TENSOR: its elements, with `<name>.dims` and `<name>.dtype` beside it). */
function attributeEntries(a: AttributeProto, at: string): [string, NodeAttribute][] {
  const type =
    a.type ||
    (a.ints.length ? AttrType.INTS : a.floats.length ? AttrType.FLOATS : a.strings.length ? AttrType.STRINGS : 0);
  switch (type) {
    case AttrType.FLOAT:
      return [[a.name, a.f]];
    case AttrType.INT:
      return [[a.name, Number(a.i)]];
    case AttrType.STRING:
      return [[a.name, utf8.decode(a.s)]];
    case AttrType.FLOATS:
      return [[a.name, a.floats]];
    case AttrType.INTS:
      return [[a.name, a.ints.map(Number)]];
    case AttrType.STRINGS:
      return [[a.name, a.strings.map((s) => utf8.decode(s))]];
    case AttrType.TENSOR: {
      if (!a.t) return [];
      const t = decodeTensor(a.t, `${at}.t`);
      return [
        [a.name, Array.from(t.data ?? [])],
        [`${a.name}.dims`, t.shape],
        [`${a.name}.dtype`, t.dtype],
      ];
    }
    default:
      // Graphs, sparse tensors and type protos: not kept (no subgraphs).
      return [];
  }
}

/** A Constant node's value (value, value_float(s), value_int(s)); null for the forms not kept. */
function constantOf(
  a: Readonly<Record<string, NodeAttribute>>,
): { dtype: string; shape: number[]; data: Float64Array } | null {
  const list = (v: NodeAttribute) => Float64Array.from(v as readonly number[]);
  if (typeof a['value.dtype'] === 'string' && a.value !== undefined)
    return { dtype: a['value.dtype'], shape: [...(a['value.dims'] as readonly number[])], data: list(a.value) };
  for (const [key, dtype] of [
    ['value_float', 'float32'],
    ['value_int', 'int64'],
  ] as const) {
    const v = a[key];
    if (typeof v === 'number') return { dtype, shape: [], data: Float64Array.of(v) };
  }
  for (const [key, dtype] of [
    ['value_floats', 'float32'],
    ['value_ints', 'int64'],
  ] as const) {
    const v = a[key];
    if (Array.isArray(v)) return { dtype, shape: [v.length], data: list(v) };
  }
  return null;
}

/** Reads an ONNX model; throws a ModelError on anything it cannot read. */
export function readOnnx(bytes: Uint8Array): Model {
  const model = decode(ModelProtoSchema, bytes);
  const graph = model.graph;
  if (!graph) return refuseModel({ kind: 'noGraph', format: 'onnx' });

  const tensors: ModelTensor[] = [];
  const index = new Map<string, number>();
  const add = (t: ModelTensor) => {
    index.set(t.name, tensors.length);
    tensors.push(t);
  };
  const infos = new Map<string, ValueInfoProto>();
  for (const v of [...graph.valueInfo, ...graph.output, ...graph.input]) infos.set(v.name, v);

  graph.initializer.forEach((t, k) => {
    const d = decodeTensor(t, `graph.initializer[${k}]`);
    if (!index.has(t.name)) add({ name: t.name, ...d, quantization: null });
  });
  for (const v of graph.input)
    if (!index.has(v.name)) add({ name: v.name, ...typeInfo(v.type, v.name), quantization: null, data: null });

  const nodes: ModelNode[] = [];
  graph.node.forEach((n, k) => {
    const at = `graph.node[${k}]`;
    const inputs = n.input.map((name, j) => {
      if (name === '') return -1;
      const i = index.get(name);
      return i ?? refuseModel({ kind: 'unknownValue', at: `${at}.input[${j}]`, name });
    });
    const attributes: Record<string, NodeAttribute> = {};
    n.attribute.forEach((a, j) => {
      for (const [key, value] of attributeEntries(a, `${at}.attribute[${j}]`)) attributes[key] = value;
    });
    const outputs = n.output.map((name) => {
      if (name === '') return -1;
      const known = index.get(name);
      if (known !== undefined) return known;
      const constant = n.opType === 'Constant' ? constantOf(attributes) : null;
      const info = constant ?? { ...typeInfo(infos.get(name)?.type, name), data: null };
      add({ name, ...info, quantization: null });
      return tensors.length - 1;
    });
    nodes.push({ op: n.opType, inputs, outputs, attributes });
  });

  const outputs = graph.output.map(
    (v, j) => index.get(v.name) ?? refuseModel({ kind: 'unknownValue', at: `graph.output[${j}]`, name: v.name }),
  );
  const quantized = quantizationOf(tensors, nodes);
  const initializers = new Set(graph.initializer.map((t) => t.name));
  const metadata: Record<string, string> = {
    ir_version: String(model.irVersion),
    producer_name: model.producerName,
    producer_version: model.producerVersion,
    domain: model.domain,
    model_version: String(model.modelVersion),
    graph_name: graph.name,
  };
  for (const o of model.opsetImport) metadata[`opset_import.${o.domain || 'ai.onnx'}`] = String(o.version);
  for (const p of model.metadataProps) metadata[`metadata_props.${p.key}`] = p.value;
  return {
    format: 'onnx',
    tensors: tensors.map((t, i) => {
      const q: TensorQuantization | undefined = quantized.get(i);
      return q ? { ...t, quantization: q } : t;
    }),
    nodes,
    inputs: graph.input.filter((v) => !initializers.has(v.name)).map((v) => index.get(v.name) ?? -1),
    outputs,
    subgraphs: [],
    metadata,
  };
}

/** Reads a TensorProto file (the ONNX node tests' input_*.pb / output_*.pb). */
export function readOnnxTensor(bytes: Uint8Array): {
  name: string;
  dtype: string;
  shape: number[];
  data: ArrayLike<number>;
} {
  const t = decode(TensorProtoSchema, bytes);
  const d = decodeTensor(t, 'tensor');
  if (d.data === null) return refuseModel({ kind: 'unsupportedDtype', tensor: t.name, dtype: d.dtype });
  return { name: t.name, dtype: d.dtype, shape: d.shape, data: d.data };
}
