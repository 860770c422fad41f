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
  ])('accepts %j as %s', (text, value) => {
    expect(parseNumber(text)).toEqual({ ok: true, value });
  });
  it('keeps a typed −0', () => {
    const r = parseNumber('-0');
    expect(r.ok && Object.is(r.value, -0)).toBe(true);
  });
  it.each([
    ['abc', /not a number/],
    ['NaN', /Only finite numbers/],
    ['Infinity', /Only finite numbers/],
    ['1e999', /too large/],
    ['1e39', /too large/],
    ['1e-50', /too small/],
    ['', /Empty/],
    ['   ', /Empty/],
    ['1.2.3', /not a number/],
    ['0x10', /not a number/],
    ['1,5', /not a number/],
    ['1 2', /not a number/],
  ])('refuses %j with a message', (text, message) => {
    const r = parseNumber(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
