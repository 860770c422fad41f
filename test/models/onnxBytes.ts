/** Hand-made ONNX bytes for the reader's refusals: protobuf varints, and models built with the schema. */
import { create, toBinary } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType,
  ModelProtoSchema,
  NodeProtoSchema,
  TensorProtoSchema,
  type NodeProto,
  type TensorProto,
} from '../../src/models/onnx/onnx_pb.ts';

/** A protobuf varint. */
export function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

/**
 * ModelProto.graph → GraphProto.node → NodeProto.attribute → AttributeProto.g → GraphProto …, `depth`
 * graphs deep: the length prefixes from the inside out, then the prefixes written outside in.
 */
export function recursionBomb(depth: number): Uint8Array {
  const prefixes: number[][] = [];
  let length = 0;
  const wrap = (field: number) => {
    const prefix = [(field << 3) | 2, ...varint(length)];
    prefixes.push(prefix);
    length += prefix.length;
  };
  for (let d = 0; d < depth; d++) {
    wrap(6); // AttributeProto.g
    wrap(5); // NodeProto.attribute
    wrap(1); // GraphProto.node
  }
  wrap(7); // ModelProto.graph
  return Uint8Array.from(prefixes.reverse().flat());
}

/** A float32 initializer. */
export function floatTensor(name: string, dims: number[], values: number[]): TensorProto {
  return create(TensorProtoSchema, {
    name,
    dims: dims.map(BigInt),
    dataType: 1,
    rawData: new Uint8Array(Float32Array.from(values).buffer),
  });
}

/** A tensor with int32_data (uint8 / int8 / …: data_type code). */
export function intTensor(name: string, dataType: number, dims: number[], values: number[]): TensorProto {
  return create(TensorProtoSchema, { name, dims: dims.map(BigInt), dataType, int32Data: values });
}

/** A node with int, int-list (pads, strides, …) and string (auto_pad) attributes. */
export function node(
  opType: string,
  input: string[],
  output: string[],
  attributes: Record<string, number | number[] | string> = {},
): NodeProto {
  return create(NodeProtoSchema, {
    opType,
    input,
    output,
    attribute: Object.entries(attributes).map(([name, v]) =>
      typeof v === 'number'
        ? { name, type: AttributeProto_AttributeType.INT, i: BigInt(v) }
        : typeof v === 'string'
          ? { name, type: AttributeProto_AttributeType.STRING, s: new TextEncoder().encode(v) }
          : { name, type: AttributeProto_AttributeType.INTS, ints: v.map(BigInt) },
    ),
  });
}

/** A graph input of an element type (TensorProto's numbering: 1 float, 2 uint8, 3 int8, …) and shape. */
export interface GraphInput {
  readonly name: string;
  readonly elemType: number;
  readonly dims: readonly number[];
}

const inputOf = (i: string | GraphInput) => {
  const { name, elemType, dims } = typeof i === 'string' ? { name: i, elemType: 1, dims: null } : i;
  const shape = dims
    ? { dim: dims.map((d) => ({ value: { case: 'dimValue' as const, value: BigInt(d) } })) }
    : undefined;
  return { name, type: { value: { case: 'tensorType' as const, value: { elemType, shape } } } };
};

/**
 * A model of `nodes` with `initializer`s and graph inputs `inputs` (a name alone: float32 of no
 * shape), as bytes; its graph outputs are `outputs`, by default every node output.
 */
export function modelBytes(
  nodes: NodeProto[],
  initializer: TensorProto[],
  inputs: (string | GraphInput)[] = [],
  outputs: string[] = nodes.flatMap((n) => n.output),
): Uint8Array {
  const model = create(ModelProtoSchema, {
    irVersion: 9n,
    producerName: 'test',
    opsetImport: [{ domain: '', version: 21n }],
    graph: {
      name: 'g',
      node: nodes,
      initializer,
      input: inputs.map(inputOf),
      output: outputs.map((name) => ({ name })),
    },
  });
  return toBinary(ModelProtoSchema, model);
}

/**
 * A Conv in QDQ form: uint8 activations, int8 weights per output channel, an int32 bias of scale
 * S_x·S_w[c]; the graph's output is the QuantizeLinear's alone (ONNX Runtime fuses no float op
 * whose output is a graph output).
 */
export function qdqConv(biasScales?: number[], biasZeroPoints?: number[]) {
  const xs = 0.0213;
  const ws = [0.0041, 0.0107, 0.0029];
  return modelBytes(
    [
      node('DequantizeLinear', ['xq', 'xs', 'xz'], ['x']),
      node('DequantizeLinear', ['wq', 'ws', 'wz'], ['w'], { axis: 0 }),
      node('DequantizeLinear', ['bq', 'bs', 'bz'], ['b'], { axis: 0 }),
      node('Conv', ['x', 'w', 'b'], ['y'], { group: 1 }),
      node('QuantizeLinear', ['y', 'ys', 'yz'], ['yq']),
    ],
    [
      floatTensor('xs', [], [xs]),
      intTensor('xz', 2, [], [131]),
      intTensor(
        'wq',
        3,
        [3, 2, 3, 3],
        Array.from({ length: 54 }, (_, i) => ((i * 53) % 255) - 127),
      ),
      floatTensor('ws', [3], ws),
      intTensor('wz', 3, [3], [0, 0, 0]),
      intTensor('bq', 6, [3], [-3100, 250, 3977]),
      floatTensor('bs', [3], biasScales ?? ws.map((s) => Math.fround(Math.fround(xs) * Math.fround(s)))),
      intTensor('bz', 6, [3], biasZeroPoints ?? [0, 0, 0]),
      floatTensor('ys', [], [0.0377]),
      intTensor('yz', 2, [], [118]),
    ],
    [{ name: 'xq', elemType: 2, dims: [1, 2, 6, 5] }],
    ['yq'],
  );
}
