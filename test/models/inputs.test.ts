/** A model's input typed by hand: read, refused with the reason, and quantized as TFLite's QUANTIZE does. */
import { describe, expect, it } from 'vitest';
import { readModel } from '../../src/models/index.ts';
import { inputCodes, parseInput } from '../../src/models/inputs.ts';
import { modelBytes } from '../helpers/modelFixture.ts';

const nabu = readModel(modelBytes('tflite/okay_nabu.tflite'));
// okay_nabu's input: int8[1,3,40], S = 0.10196078568696976 (float32), Z = −128.
const S = 0.10196078568696976;

describe('parseInput', () => {
  it('refuses what cannot be an input, saying which value and why', () => {
    const many = (v: string) => Array.from({ length: 120 }, () => v).join(' ');
    expect(parseInput(nabu, 'reals', '1, 2, abc')).toEqual({ kind: 'notANumber', index: 2, token: 'abc' });
    expect(parseInput(nabu, 'reals', 'NaN')).toEqual({ kind: 'notANumber', index: 0, token: 'NaN' });
    expect(parseInput(nabu, 'reals', '1 Infinity')).toEqual({ kind: 'notANumber', index: 1, token: 'Infinity' });
    // Beyond float32: not a number the input can hold.
    expect(parseInput(nabu, 'reals', '1e39')).toEqual({ kind: 'notANumber', index: 0, token: '1e39' });
    expect(parseInput(nabu, 'reals', '1 2 3')).toEqual({ kind: 'count', expected: 120, actual: 3 });
    expect(parseInput(nabu, 'codes', many('128'))).toEqual({
      kind: 'notACode',
      index: 0,
      value: 128,
      qmin: -128,
      qmax: 127,
    });
    expect(parseInput(nabu, 'codes', many('1.5'))).toMatchObject({ kind: 'notACode', value: 1.5 });
    expect(parseInput(nabu, 'codes', many('-128'))).toMatchObject({ kind: 'codes' });
  });

  it('quantizes real values by the input’s S and Z: round half away from zero of the float32 x / S, + Z, clamped', () => {
    // Codes worked by hand from S and Z: 0 → −128; S·10 → −118; 2.5·S → round(2.5) = 3 → −125 (away
    // from zero; half to even would give −126); −1 → clamped to −128; 100 → 981 − 128 = 853 → 127.
    const reals = [0, Math.fround(S * 10), 2.5 * S, -1, 100];
    const text = [...reals, ...Array.from({ length: 115 }, () => 0)].join(' ');
    const given = parseInput(nabu, 'reals', text);
    if (!('values' in given)) throw new Error(given.kind);
    const [codes] = inputCodes(nabu, null, 1, given);
    expect(Array.from(codes ?? []).slice(0, 5)).toEqual([-128, -118, -125, -128, 127]);
    // Codes are used as they are.
    const typed = parseInput(nabu, 'codes', Array.from({ length: 120 }, (_, i) => (i % 256) - 128).join(','));
    if (!('values' in typed)) throw new Error(typed.kind);
    expect(Array.from(inputCodes(nabu, null, 1, typed)[0] ?? [])).toEqual(
      Array.from({ length: 120 }, (_, i) => (i % 256) - 128),
    );
  });
});
