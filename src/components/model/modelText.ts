/** A model problem in the page's language (the readers report codes; the words live here). */
import { i18n } from '@lingui/core';
import type { ModelProblem } from '../../models/index.ts';
import type { TensorFileProblem } from '../../models/tensorFiles/index.ts';
import type { GgufProblem } from '../../models/gguf/gguf.ts';

/** One sentence saying what is wrong with the file, and where. */
export function modelProblemText(p: ModelProblem): string {
  switch (p.kind) {
    case 'unknownFormat':
      return i18n._('model.problem.unknownFormat', { size: p.size });
    case 'fileTooLarge':
      return i18n._('model.problem.fileTooLarge', { size: p.size, max: p.max });
    case 'outOfBounds':
      return i18n._('model.problem.outOfBounds', { at: p.at, offset: p.offset, size: p.size });
    case 'malformed':
      return i18n._('model.problem.malformed', { at: p.at, detail: p.detail });
    case 'tooDeep':
      return i18n._('model.problem.tooDeep', { depth: p.depth, max: p.max });
    case 'noGraph':
      return i18n._('model.problem.noGraph');
    case 'badTensorIndex':
      return i18n._('model.problem.badTensorIndex', { at: p.at, index: p.index, count: p.count });
    case 'unknownValue':
      return i18n._('model.problem.unknownValue', { at: p.at, name: p.name });
    case 'badShape':
      return i18n._('model.problem.badShape', { tensor: p.tensor, shape: p.shape.join('×') });
    case 'shapeTooLarge':
      return i18n._('model.problem.shapeTooLarge', { tensor: p.tensor, shape: p.shape.join('×'), max: p.max });
    case 'dataSizeMismatch':
      return i18n._('model.problem.dataSizeMismatch', { tensor: p.tensor, expected: p.expected, actual: p.actual });
    case 'unsupportedDtype':
      return i18n._('model.problem.unsupportedDtype', { tensor: p.tensor, dtype: p.dtype });
    case 'quantizationLength':
      return i18n._('model.problem.quantizationLength', {
        tensor: p.tensor,
        axis: p.axis,
        channels: p.channels,
        scales: p.scales,
        zeroPoints: p.zeroPoints,
      });
    case 'badScale':
      return i18n._('model.problem.badScale', { tensor: p.tensor, channel: p.channel, scale: String(p.scale) });
    case 'unsupportedOp':
      return i18n._('model.problem.unsupportedOp', { node: p.node, op: p.op });
    case 'unsupportedForm':
      return i18n._('model.problem.unsupportedForm', { node: p.node, op: p.op, detail: p.detail });
    case 'missingInput':
      return i18n._('model.problem.missingInput', { node: p.node, input: p.input });
    case 'inputLength':
      return i18n._('model.problem.inputLength', { input: p.input, expected: p.expected, actual: p.actual });
    case 'runTooLong':
      return i18n._('model.problem.runTooLong', { node: p.node, ms: p.ms });
    case 'readTooLong':
      return i18n._('model.problem.readTooLong', { ms: p.ms, max: p.max });
  }
}

/** One sentence saying what is wrong with a tensor file (.npy, .safetensors), and where. */
export function tensorProblemText(p: TensorFileProblem): string {
  switch (p.kind) {
    case 'badMagic':
      return i18n._('model.tensorProblem.badMagic');
    case 'unsupportedVersion':
      return i18n._('model.tensorProblem.unsupportedVersion', { version: `${p.major}.${p.minor}` });
    case 'outOfBounds':
      return i18n._('model.tensorProblem.outOfBounds', { at: p.at, offset: p.offset, length: p.length, size: p.size });
    case 'headerTooLarge':
      return i18n._('model.tensorProblem.headerTooLarge', { length: p.length, max: p.max });
    case 'badHeader':
      return i18n._('model.tensorProblem.badHeader', { at: p.at || 'header', detail: p.detail });
    case 'fortranOrder':
      return i18n._('model.tensorProblem.fortranOrder');
    case 'unsupportedDtype':
    case 'badShape':
    case 'shapeTooLarge':
    case 'dataSizeMismatch':
      // The same problems as a model's tensor, in the same words.
      return modelProblemText(p);
    case 'badOffsets':
      return i18n._('model.tensorProblem.badOffsets', { tensor: p.tensor, begin: p.begin, expected: p.expectedBegin });
    case 'uncoveredData':
      return i18n._('model.tensorProblem.uncoveredData', { end: p.end, size: p.size });
    case 'duplicateName':
      return i18n._('model.tensorProblem.duplicateName', { tensor: p.tensor });
    case 'unknownTensor':
    case 'badIndex':
      return i18n._('model.tensorProblem.badIndex', { tensor: p.tensor });
  }
}

/** Why a GGUF file could not be read, in words. */
export function ggufProblemText(p: GgufProblem): string {
  switch (p.kind) {
    case 'badMagic':
      return i18n._('model.ggufProblem.badMagic');
    case 'unsupportedVersion':
      return i18n._('model.ggufProblem.unsupportedVersion', { version: p.version });
    case 'truncated':
      return i18n._('model.ggufProblem.truncated', { at: p.at, offset: p.offset, size: p.size });
    case 'tooMany':
      return i18n._('model.ggufProblem.tooMany', { what: p.what, count: p.count, max: p.max });
    case 'badValueType':
      return i18n._('model.ggufProblem.badValueType', { key: p.key, type: p.type });
    case 'badTensor':
      return i18n._(TENSOR_DETAIL[p.detail], { tensor: p.tensor });
    case 'badAlignment':
      return i18n._('model.ggufProblem.badAlignment', { alignment: p.alignment });
  }
}

const TENSOR_DETAIL = {
  dims: 'model.ggufProblem.dims',
  type: 'model.ggufProblem.type',
  offset: 'model.ggufProblem.offset',
  outside: 'model.ggufProblem.outside',
  blocks: 'model.ggufProblem.blocks',
} as const;
