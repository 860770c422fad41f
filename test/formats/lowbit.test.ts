/**
 * NF4/FP4 and their double quantization against bitsandbytes' own kernels, and the MX formats and
 * FP8/FP6/FP4 element rounding against microxcaling's C++ (golden outputs built from their source at
 * pinned commits by make-lowbit-fixtures.sh): absmax, packed codes and dequantized float32 bit
 * patterns for every case. FP8 on its own is checked against the OCP tables and exact midpoints.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bnbBitsPerWeight,
  dequantize4bit,
  dequantize4bitDouble,
  quantize4bitDouble,
  dequantizeBlockwise,
  quantize4bit,
  quantizeBlockwise,
  type Bnb4Type,
} from '../../src/formats/bitsandbytes.ts';
import { DYNAMIC_MAP } from '../../src/formats/dynamicMap.ts';
import {
  dequantizeFp8,
  dequantizeMx,
  e8m0Value,
  fp8Code,
  MX_ELEMENTS,
  mxBlockBytes,
  quantizeElemwise,
  quantizeMx,
  type MxElementName,
} from '../../src/formats/mx.ts';

const golden = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../fixtures/lowbit/lowbit_reference.json'), 'utf8'),
) as {
  dynamicMap: string[];
  bnb4: { type: Bnb4Type; name: string; values: string[]; absmax: string[]; packed: string; dequantized: string[] }[];
  blockwise: { name: string; values: string[]; absmax: string[]; codes: string; dequantized: string[] }[];
  mx: { element: MxElementName; name: string; values: string[]; scales: string[]; dequantized: string[] }[];
  elementInputs: string[];
  elements: { element: MxElementName; rounding: 'away' | 'even'; saturate: boolean; outputs: string[] }[];
};

const fromHex = (h: string) => new Float32Array(new Uint32Array([parseInt(h, 16)]).buffer)[0] ?? NaN;
/** Float32 bit patterns, every NaN as one (its payload and sign are the compiler's and the CPU's, not the format's). */
const bitsHex = (a: Float32Array) =>
  Array.from(new Uint32Array(a.buffer), (u, i) => (Number.isNaN(a[i]) ? 'nan' : u.toString(16).padStart(8, '0')));
const nan = (hs: string[]) => hs.map((h) => (Number.isNaN(fromHex(h)) ? 'nan' : h));
const bytesHex = (a: Uint8Array) => Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');

describe('bitsandbytes NF4 and FP4, bit for bit with kQuantizeBlockwise / kDequantizeBlockwise', () => {
  it('has both types for every case', () => expect(golden.bnb4.length).toBe(18));
  it.each(golden.bnb4.map((c) => [`${c.type}: ${c.name}`, c] as const))('%s', (_n, c) => {
    const values = Float32Array.from(c.values, fromHex);
    const { packed, absmax } = quantize4bit(c.type, values);
    expect(bitsHex(absmax)).toEqual(nan(c.absmax));
    expect(bytesHex(packed)).toBe(c.packed);
    expect(bitsHex(dequantize4bit(c.type, packed, absmax, values.length))).toEqual(nan(c.dequantized));
  });
  it('codes an all-zero block as NF4 −1.0 (0·∞ is NaN, which fails every comparison), so it decodes to −0', () => {
    const { packed, absmax } = quantize4bit('nf4', new Float32Array(64));
    expect(packed[0]).toBe(0);
    expect(Object.is(dequantize4bit('nf4', packed, absmax, 64)[0], -0)).toBe(true);
  });
});

describe('the 8-bit dynamic code of double quantization (quantize_blockwise, dQuantize)', () => {
  it('is the code bitsandbytes builds (create_dynamic_map, run with torch)', () => {
    expect(bitsHex(DYNAMIC_MAP)).toEqual(golden.dynamicMap);
  });
  it.each(golden.blockwise.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const values = Float32Array.from(c.values, fromHex);
    const { codes, absmax } = quantizeBlockwise(values);
    expect(bitsHex(absmax)).toEqual(nan(c.absmax));
    expect(bytesHex(codes)).toBe(c.codes);
    expect(bitsHex(dequantizeBlockwise(codes, absmax))).toEqual(nan(c.dequantized));
  });
});

describe('double quantization (quantize_4bit(compress_statistics=True))', () => {
  const values = Float32Array.from(
    golden.bnb4.filter((c) => c.type === 'nf4').flatMap((c) => c.values.slice(0, 64)),
    fromHex,
  );
  it('codes absmax − mean(absmax) with quantize_blockwise, and decodes within one dynamic-code step of the plain absmax', () => {
    const plain = quantize4bit('nf4', values);
    const state = quantize4bitDouble('nf4', values);
    const offset = Math.fround(plain.absmax.reduce((a, b) => a + b, 0) / plain.absmax.length);
    expect(state.offset).toBe(offset);
    const nested = quantizeBlockwise(Float32Array.from(plain.absmax, (a) => Math.fround(a - offset)));
    expect(state.absmaxCodes).toEqual(nested.codes);
    expect(state.packed).toEqual(plain.packed);
    const double = dequantize4bitDouble('nf4', state, values.length);
    const single = dequantize4bit('nf4', plain.packed, plain.absmax, values.length);
    const worst = Math.max(...double.map((v, i) => Math.abs(v - (single[i] ?? 0))));
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThan(0.05 * Math.max(...plain.absmax));
  });
  it('stores 4.127 bits per weight for a 4096 × 4096 matrix (4.5 without)', () => {
    expect(bnbBitsPerWeight(4096 * 4096, true).toFixed(3)).toBe('4.127');
    expect(bnbBitsPerWeight(4096 * 4096, false)).toBe(4.5);
  });
});

describe('OCP MX formats, bit for bit with microxcaling quantize_mx_cpp', () => {
  it('has every element type for every case', () => expect(golden.mx.length).toBe(45));
  it.each(golden.mx.map((c) => [`${c.element}: ${c.name}`, c] as const))('%s', (_n, c) => {
    const values = Float32Array.from(c.values, fromHex);
    const el = MX_ELEMENTS[c.element];
    const bytes = quantizeMx(c.element, values);
    expect(bytes.length).toBe((values.length / 32) * mxBlockBytes(el));
    const scales = Float32Array.from({ length: values.length / 32 }, (_, b) =>
      e8m0Value(bytes[b * mxBlockBytes(el)] ?? 0),
    );
    expect(bitsHex(scales).map((h) => (h === '7fc00000' ? 'nan' : h))).toEqual(
      c.scales.map((h) => (Number.isNaN(fromHex(h)) ? 'nan' : h)),
    );
    const got = bitsHex(dequantizeMx(c.element, bytes, values.length));
    expect(got.map((h) => (Number.isNaN(fromHex(h)) ? 'nan' : h))).toEqual(
      c.dequantized.map((h) => (Number.isNaN(fromHex(h)) ? 'nan' : h)),
    );
  });
});

describe('element rounding (quantize_elemwise), every input, both roundings, saturating or not', () => {
  const inputs = golden.elementInputs.map(fromHex);
  it.each(golden.elements.map((c) => [`${c.element} ${c.rounding} saturate=${c.saturate}`, c] as const))(
    '%s',
    (_n, c) => {
      const got = Float32Array.from(inputs, (x) => quantizeElemwise(x, MX_ELEMENTS[c.element], c.rounding, c.saturate));
      expect(bitsHex(got)).toEqual(c.outputs);
    },
  );
});

describe('FP8 on its own (ONNX Cast: round half to even, saturate)', () => {
  // OCP OFP8 v1.0 table 1: the largest normal, the smallest subnormal, NaN and ∞ codes.
  it('holds the OCP table’s landmarks', () => {
    expect(dequantizeFp8('e4m3', Uint8Array.of(0x7e, 0x01, 0x08, 0xfe), 4)).toEqual(
      Float32Array.of(448, 2 ** -9, 2 ** -6, -448),
    );
    expect(Number.isNaN(dequantizeFp8('e4m3', Uint8Array.of(0x7f), 1)[0])).toBe(true);
    expect(dequantizeFp8('e5m2', Uint8Array.of(0x7b, 0x01, 0x7c, 0xfc), 4)).toEqual(
      Float32Array.of(57344, 2 ** -16, Infinity, -Infinity),
    );
    expect(fp8Code('e4m3', 1e6)).toBe(0x7e);
    expect(fp8Code('e4m3', -Infinity)).toBe(0xfe);
    expect(fp8Code('e4m3', 1e6, false)).toBe(0x7f);
    expect(fp8Code('e5m2', 1e6, false)).toBe(0x7c);
    expect(fp8Code('e5m2', NaN)).toBe(0x7f);
  });
  it.each(['e4m3', 'e5m2'] as const)(
    '%s: each midpoint of neighbours goes to the even code, either side to the nearer',
    (name) => {
      const codes = Array.from({ length: 128 }, (_, q) => q).filter((q) =>
        Number.isFinite(dequantizeFp8(name, Uint8Array.of(q), 1)[0]),
      );
      const value = (q: number) => dequantizeFp8(name, Uint8Array.of(q), 1)[0] as number;
      for (let k = 0; k + 1 < codes.length; k++) {
        const [a, b] = [codes[k] as number, codes[k + 1] as number];
        const mid = (value(a) + value(b)) / 2; // exact: both are short binary fractions
        expect(fp8Code(name, mid)).toBe(a % 2 === 0 ? a : b);
        expect(fp8Code(name, mid * (1 - 2 ** -20))).toBe(a);
        expect(fp8Code(name, mid * (1 + 2 ** -20))).toBe(b);
        expect(fp8Code(name, -mid * (1 + 2 ** -20))).toBe(b | 0x80);
      }
    },
  );
  it('agrees with microxcaling’s round-half-to-even saturating cast on every input below 2³¹', () => {
    // Past 2³¹ microxcaling's clamp tests C's int abs of the truncated value (INT_MIN: not clamped).
    const inputs = golden.elementInputs.map(fromHex);
    for (const name of ['e4m3', 'e5m2'] as const) {
      const want = golden.elements.find((c) => c.element === name && c.rounding === 'even' && c.saturate);
      const pairs = inputs
        .map((x, i) => [x, fromHex(want?.outputs[i] ?? '')] as const)
        .filter(([x]) => Math.abs(x) < 2 ** 31);
      expect(pairs.length).toBeGreaterThan(1500);
      // Zeros compared by value: microxcaling returns +0 for −0 and for what rounds to zero.
      const got = pairs.map(([x]) => (dequantizeFp8(name, Uint8Array.of(fp8Code(name, x)), 1)[0] as number) || 0);
      expect(got).toEqual(pairs.map(([, y]) => y || 0));
    }
  });
});
