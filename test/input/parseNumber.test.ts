import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/input/parseNumber.ts';

describe('parseNumber', () => {
  it.each([
    ['1.5', 1.5],
    ['-2', -2],
    ['.5', 0.5],
    ['5.', 5],
    ['1e-3', Math.fround(1e-3)],
    ['  0.25  ', 0.25],
    ['−0.75', -0.75], // U+2212 minus
    ['１．５', 1.5], // full-width digits and point
    ['－２', -2], // full-width minus
    ['＋３ｅ２', 300], // full-width plus and exponent
    ['0.1', Math.fround(0.1)],
    ['+7', 7],
    ['0。5', 0.5], // the ideographic full stop of a Chinese IME as the decimal point
    ['－０。２５', -0.25],
  ])('accepts %j as %s', (text, value) => {
    expect(parseNumber(text)).toEqual({ ok: true, value });
  });
  it('keeps a typed −0', () => {
    const r = parseNumber('-0');
    expect(r.ok && Object.is(r.value, -0)).toBe(true);
  });
  it.each([
    ['abc', { kind: 'notANumber', text: 'abc' }],
    ['NaN', { kind: 'notFinite', text: 'NaN' }],
    ['Infinity', { kind: 'notFinite', text: 'Infinity' }],
    ['1e999', { kind: 'tooLarge', text: '1e999' }],
    ['1e39', { kind: 'tooLarge', text: '1e39' }],
    ['1e-50', { kind: 'tooSmall', text: '1e-50' }],
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['1.2.3', { kind: 'notANumber', text: '1.2.3' }],
    ['0x10', { kind: 'notANumber', text: '0x10' }],
    ['1,5', { kind: 'severalNumbers', text: '1,5', count: 2 }],
    ['1，2，3', { kind: 'severalNumbers', text: '1，2，3', count: 3 }], // full-width commas
    ['1、2', { kind: 'severalNumbers', text: '1、2', count: 2 }], // the ideographic comma
    ['1 2', { kind: 'notANumber', text: '1 2' }],
  ])('refuses %j, saying why', (text, problem) => {
    expect(parseNumber(text)).toEqual({ ok: false, problem });
  });
});
