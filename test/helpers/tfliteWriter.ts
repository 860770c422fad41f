/**
 * Writes TFLite flatbuffers through the builders flatc generated from TFLite's schema.fbs (the
 * same code the reader uses, written the other way): a chain of int8 FULLY_CONNECTED layers of
 * any width, for the tests of big and unusual models and the model benchmark's 50 MB file.
 */
import * as flatbuffers from 'flatbuffers';
import { lcg } from '../../src/engine/random.ts';
import {
  ActivationFunctionType,
  Buffer,
  BuiltinOperator,
  BuiltinOptions,
  FullyConnectedOptions,
  FullyConnectedOptionsWeightsFormat,
  Model,
  Operator,
  OperatorCode,
  QuantizationParameters,
  SubGraph,
  Tensor,
  TensorType,
  QuantizationDetails,
  CustomOptionsFormat,
  BuiltinOptions2,
} from '../../src/models/tflite/schema_generated.ts';

/** `layers` FULLY_CONNECTED int8 layers of width × width weights (random codes of `seed`), input [1, width]. */
export function writeFcChain(layers: number, width: number, seed = 1): Uint8Array {
  const random = lcg(seed);
  const b = new flatbuffers.Builder(layers * width * width + 1024);
  const buffers: flatbuffers.Offset[] = [Buffer.createBuffer(b, 0, 0n, 0n)];
  const tensors: flatbuffers.Offset[] = [];
  const quant = (scale: number, zero: number) =>
    QuantizationParameters.createQuantizationParameters(
      b,
      0,
      0,
      QuantizationParameters.createScaleVector(b, [scale]),
      QuantizationParameters.createZeroPointVector(b, [BigInt(zero)]),
      QuantizationDetails.NONE,
      0,
      0,
    );
  const tensor = (name: string, shape: number[], type: TensorType, buffer: number, scale: number, zero: number) => {
    const n = b.createString(name);
    const s = Tensor.createShapeVector(b, shape);
    const q = quant(scale, zero);
    Tensor.startTensor(b);
    Tensor.addShape(b, s);
    Tensor.addType(b, type);
    Tensor.addBuffer(b, buffer);
    Tensor.addName(b, n);
    Tensor.addQuantization(b, q);
    tensors.push(Tensor.endTensor(b));
    return tensors.length - 1;
  };
  const data = (bytes: Uint8Array) => {
    buffers.push(Buffer.createBuffer(b, Buffer.createDataVector(b, bytes), 0n, 0n));
    return buffers.length - 1;
  };
  const operators: flatbuffers.Offset[] = [];
  let input = tensor('input', [1, width], TensorType.INT8, 0, 0.05, -3);
  const first = input;
  for (let l = 0; l < layers; l++) {
    const w = new Uint8Array(width * width);
    for (let i = 0; i < w.length; i++) w[i] = Math.floor(random() * 255) - 127;
    const bias = new Int32Array(width).map(() => Math.floor(random() * 2001) - 1000);
    const wt = tensor(`layer${l}/weights`, [width, width], TensorType.INT8, data(w), 0.002, 0);
    const bt = tensor(`layer${l}/bias`, [width], TensorType.INT32, data(new Uint8Array(bias.buffer)), 0.05 * 0.002, 0);
    const out = tensor(`layer${l}/output`, [1, width], TensorType.INT8, 0, 0.05, -3);
    const options = FullyConnectedOptions.createFullyConnectedOptions(
      b,
      ActivationFunctionType.RELU,
      FullyConnectedOptionsWeightsFormat.DEFAULT,
      false,
      false,
      TensorType.FLOAT32,
    );
    operators.push(
      Operator.createOperator(
        b,
        0,
        Operator.createInputsVector(b, [input, wt, bt]),
        Operator.createOutputsVector(b, [out]),
        BuiltinOptions.FullyConnectedOptions,
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
    input = out;
  }
  const subgraph = SubGraph.createSubGraph(
    b,
    SubGraph.createTensorsVector(b, tensors),
    SubGraph.createInputsVector(b, [first]),
    SubGraph.createOutputsVector(b, [input]),
    SubGraph.createOperatorsVector(b, operators),
    b.createString('main'),
    -1,
  );
  const code = OperatorCode.createOperatorCode(
    b,
    BuiltinOperator.FULLY_CONNECTED,
    0,
    1,
    BuiltinOperator.FULLY_CONNECTED,
  );
  const model = Model.createModel(
    b,
    3,
    Model.createOperatorCodesVector(b, [code]),
    Model.createSubgraphsVector(b, [subgraph]),
    b.createString('FULLY_CONNECTED chain written by the tests'),
    Model.createBuffersVector(b, buffers),
    0,
    0,
    0,
    0,
    0,
  );
  Model.finishModelBuffer(b, model);
  return b.asUint8Array();
}
