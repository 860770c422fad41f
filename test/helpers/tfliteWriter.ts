/**
 * Writes TFLite flatbuffers through the builders flatc generated from TFLite's schema.fbs (the
 * same code the reader uses, written the other way): a chain of int8 FULLY_CONNECTED layers of
 * any width (the model benchmark's 50 MB file) and a one-node int8 ADD (the ADD tests).
 */
import * as flatbuffers from 'flatbuffers';
import { lcg } from '../../src/engine/random.ts';
import {
  ActivationFunctionType,
  AddOptions,
  Buffer,
  BuiltinOperator,
  BuiltinOptions,
  BuiltinOptions2,
  CustomOptionsFormat,
  FullyConnectedOptions,
  FullyConnectedOptionsWeightsFormat,
  Model,
  Operator,
  OperatorCode,
  QuantizationDetails,
  QuantizationParameters,
  SubGraph,
  Tensor,
  TensorType,
} from '../../src/models/tflite/schema_generated.ts';

/** A model being written: its tensors, buffers and operators, then `finish`. */
function writer(bytes: number) {
  const b = new flatbuffers.Builder(bytes);
  const buffers: flatbuffers.Offset[] = [Buffer.createBuffer(b, 0, 0n, 0n)];
  const tensors: flatbuffers.Offset[] = [];
  const operators: flatbuffers.Offset[] = [];
  return {
    b,
    /** A buffer holding `bytes`; its index. */
    data(data: Uint8Array): number {
      buffers.push(Buffer.createBuffer(b, Buffer.createDataVector(b, data), 0n, 0n));
      return buffers.length - 1;
    },
    /** A per-tensor quantized tensor; its index. */
    tensor(name: string, shape: number[], type: TensorType, buffer: number, scale: number, zero: number): number {
      const n = b.createString(name);
      const s = Tensor.createShapeVector(b, shape);
      const q = QuantizationParameters.createQuantizationParameters(
        b,
        0,
        0,
        QuantizationParameters.createScaleVector(b, [scale]),
        QuantizationParameters.createZeroPointVector(b, [BigInt(zero)]),
        QuantizationDetails.NONE,
        0,
        0,
      );
      Tensor.startTensor(b);
      Tensor.addShape(b, s);
      Tensor.addType(b, type);
      Tensor.addBuffer(b, buffer);
      Tensor.addName(b, n);
      Tensor.addQuantization(b, q);
      tensors.push(Tensor.endTensor(b));
      return tensors.length - 1;
    },
    operator(inputs: number[], outputs: number[], type: BuiltinOptions, options: flatbuffers.Offset): void {
      operators.push(
        Operator.createOperator(
          b,
          0,
          Operator.createInputsVector(b, inputs),
          Operator.createOutputsVector(b, outputs),
          type,
          options,
          0,
          CustomOptionsFormat.FLEXBUFFERS,
          0,
          0,
          0n,
          0n,
          BuiltinOptions2.NONE,
          0,
          -1,
        ),
      );
    },
    /** The file: one subgraph, one operator code (every operator is of it). */
    finish(op: BuiltinOperator, inputs: number[], outputs: number[]): Uint8Array {
      const subgraph = SubGraph.createSubGraph(
        b,
        SubGraph.createTensorsVector(b, tensors),
        SubGraph.createInputsVector(b, inputs),
        SubGraph.createOutputsVector(b, outputs),
        SubGraph.createOperatorsVector(b, operators),
        b.createString('main'),
        -1,
      );
      // deprecated_builtin_code is an int8: ops past 127 keep 127 there (the schema's placeholder).
      const code = OperatorCode.createOperatorCode(b, Math.min(op, 127), 0, 1, op);
      const model = Model.createModel(
        b,
        3,
        Model.createOperatorCodesVector(b, [code]),
        Model.createSubgraphsVector(b, [subgraph]),
        b.createString('written by the tests'),
        Model.createBuffersVector(b, buffers),
        0,
        0,
        0,
        0,
        0,
      );
      Model.finishModelBuffer(b, model);
      return b.asUint8Array();
    },
  };
}

/** `layers` FULLY_CONNECTED int8 layers of width × width weights (random codes of `seed`), input [1, width]. */
export function writeFcChain(layers: number, width: number, seed = 1): Uint8Array {
  const random = lcg(seed);
  const w = writer(layers * width * width + 1024);
  let input = w.tensor('input', [1, width], TensorType.INT8, 0, 0.05, -3);
  const first = input;
  for (let l = 0; l < layers; l++) {
    const weights = new Uint8Array(width * width);
    for (let i = 0; i < weights.length; i++) weights[i] = Math.floor(random() * 255) - 127;
    const bias = new Int32Array(width).map(() => Math.floor(random() * 2001) - 1000);
    const wt = w.tensor(`layer${l}/weights`, [width, width], TensorType.INT8, w.data(weights), 0.002, 0);
    const bt = w.tensor(`layer${l}/bias`, [width], TensorType.INT32, w.data(new Uint8Array(bias.buffer)), 0.0001, 0);
    const out = w.tensor(`layer${l}/output`, [1, width], TensorType.INT8, 0, 0.05, -3);
    const options = FullyConnectedOptions.createFullyConnectedOptions(
      w.b,
      ActivationFunctionType.RELU,
      FullyConnectedOptionsWeightsFormat.DEFAULT,
      false,
      false,
      TensorType.FLOAT32,
    );
    w.operator([input, wt, bt], [out], BuiltinOptions.FullyConnectedOptions, options);
    input = out;
  }
  return w.finish(BuiltinOperator.FULLY_CONNECTED, [first], [input]);
}

const ACTIVATIONS = [
  ActivationFunctionType.NONE,
  ActivationFunctionType.RELU,
  ActivationFunctionType.RELU_N1_TO_1,
  ActivationFunctionType.RELU6,
];

/** One int8 (or int16) ADD of two model inputs: scales and zero points [input 1, input 2, output], shapes likewise. */
export function writeAdd(
  scales: readonly [number, number, number],
  zeroPoints: readonly [number, number, number],
  /** TFLite's fused activation: 0 none, 1 RELU, 2 RELU_N1_TO_1, 3 RELU6. */
  activation: number,
  shapes: readonly [number[], number[], number[]],
  dtype: 'int8' | 'int16' = 'int8',
): Uint8Array {
  const w = writer(4096);
  const [a, b, out] = (['x', 'y', 'sum'] as const).map((name, k) =>
    w.tensor(
      name,
      shapes[k] ?? [],
      dtype === 'int16' ? TensorType.INT16 : TensorType.INT8,
      0,
      scales[k] ?? 1,
      zeroPoints[k] ?? 0,
    ),
  ) as [number, number, number];
  w.operator(
    [a, b],
    [out],
    BuiltinOptions.AddOptions,
    AddOptions.createAddOptions(w.b, ACTIVATIONS[activation] ?? ActivationFunctionType.NONE, false),
  );
  return w.finish(BuiltinOperator.ADD, [a, b], [out]);
}
