/**
 * The public engine API: a pure TypeScript port of the integer-only inference scheme of
 * Jacob et al. 2018 as written in google/gemmlowp (doc/quantization_example.cc,
 * fixedpoint/fixedpoint.h) and TFLite (quantization_util.cc, common.h). No React, DOM or store.
 */
export { findMinMax, type MinMax } from './minMax.ts';
export {
  chooseQuantizationParams,
  paramsOf,
  QMIN,
  QMAX,
  type QuantizationParams,
  type Degeneracy,
} from './quantizationParams.ts';
export { quantize, dequantize, quantizeMatrix } from './quantize.ts';
export {
  UINT8,
  codeBits,
  newCodeArray,
  isEightBit,
  type CodeRange,
  type CodeArray,
  type EightBitCodes,
} from './codes.ts';
export {
  quantizeMultiplierSmallerThanOne,
  multiplierSteps,
  multiplierValue,
  quantizeMultiplier,
  type MultiplierSteps,
  frexp,
  type GemmlowpMultiplier,
  type TfliteMultiplier,
} from './multiplier.ts';
export {
  saturatingRoundingDoublingHighMul,
  highMulSteps,
  roundingDivideByPOT,
  divideSteps,
  type HighMulSteps,
  type DivideSteps,
  multiplyByQuantizedMultiplier,
  multiplyByQuantizedMultiplierSingleRounding,
  INT32_MIN,
  INT32_MAX,
} from './fixedPoint.ts';
export { floatMatMul } from './floatMatMul.ts';
export { integerMatMul, SAFE_UINT8_DEPTH, type ZeroPoints } from './integerMatMul.ts';
export {
  REQUANTIZATIONS,
  requantizer,
  requantize,
  cellGroups,
  type Requantization,
  type Requantizer,
} from './requantize.ts';
export {
  quantizedMatMul,
  outputErrorLsb,
  type QuantizedMatMulOptions,
  type QuantizedMatMulResult,
} from './quantizedMatMul.ts';
export { resultReal, type ResultReal, type ResultRealOptions } from './resultReal.ts';
export { traceLength, STAGES, type Stage } from './traceStages.ts';
export {
  cellTrace,
  type CellTrace,
  type TraceFrame,
  type AccumulateFrame,
  type DecompositionFrame,
  type BiasFrame,
  type HighMulFrame,
  type ShiftFrame,
  type OffsetFrame,
  type ClampFrame,
} from './stepTrace.ts';
export { roundHalfAwayFromZero, roundHalfToEven } from './rounding.ts';
export {
  matrixFromRows,
  matrixToRows,
  entry,
  MAX_MATRIX_DIM,
  type Matrix,
  type FloatMatrix,
  type MatrixData,
} from './matrix.ts';
export { errorMetrics, groupedErrorMetrics, metricsPerGroup, type ErrorMetrics } from './metrics.ts';
export { ACTIVATIONS, activationBounds, activateReal, biasScale, quantizeBias, type Activation } from './epilogue.ts';
export { compareRoundingModes, type Disagreement } from './roundingModes.ts';
export { shortestFloat32, FLT_MAX, FLT_MIN_NORMAL, DECIMAL_LITERAL } from './float32.ts';
export { EngineError, type EngineProblem, type Subject } from './errors.ts';
export { mulInt32Exact, type Int64 } from './int64.ts';
export { sameMatrix } from './incremental.ts';
export { lcg, uniform, normal, type RandomSource } from './random.ts';
export {
  compareMethods,
  compareRequantizations,
  type MethodCodes,
  type MethodComparison,
  type MethodDisagreement,
  type Requantizable,
} from './compareMethods.ts';
export {
  LIBRARIES,
  PRESETS,
  checkScheme,
  chooseSchemeParams,
  schemeParams,
  quantizeTensor,
  dequantizeTensor,
  groupLayout,
  codesOf,
  sameScheme,
  presetNameOf,
  type Library,
  type Granularity,
  type Scheme,
  type PresetName,
  type QuantizedTensor,
  type GroupLayout,
  type Shape,
} from './schemes.ts';
export { fdlibmLog } from './log.ts';
// Calibration (calibration.ts: fake quantization, observers, TensorRT's and ONNX Runtime's
// calibrators) is imported from its own module: only the sections loaded on demand use it.
export {
  fakeQuantize,
  observeRanges,
  movingAverageStep,
  calibrateRange,
  absHistogram,
  CALIBRATION_BINS,
  type FakeQuantized,
  type Observer,
  type CalibrationMethod,
  type CalibrationLibrary,
} from './calibration.ts';
export { onnxPercentileRange, onnxEntropyRange, histogram32 } from './onnxCalibration.ts';
export { schemeMseRange, schemePercentileRange, rangeError } from './schemeCalibration.ts';
export { pairwiseSum } from './pairwiseSum.ts';
export { simd, enableSimd, dotProductsI16, roundUp, type Simd, type Heap, type PackRow } from './simd.ts';
export { logisticInt8, logisticParams, fixedPointLogistic, type LogisticParams } from './kernels/logistic.ts';
