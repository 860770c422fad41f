/** The link codec: exact round trips, short links, and bad links answered with typed errors. */
import { BLOCK_FORMAT_NAMES } from '../../src/formats/names.ts';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPart } from '../../src/i18n/i18n.ts';
import {
  CALIBRATION_SOURCES,
  DEFAULT_CALIBRATION,
  MAX_BATCHES,
  MAX_BATCH_SIZE,
} from '../../src/state/calibrationSettings.ts';
import { DATASETS, MAX_HIDDEN, MAX_STEPS } from '../../src/training/settings.ts';
import { PRESETS, REQUANTIZATIONS, type FloatMatrix, type Scheme } from '../../src/engine/index.ts';
import { toBase64Url } from '../../src/permalink/base64url.ts';
import { decodeLink, encodeLink } from '../../src/permalink/codec.ts';
import { COMFORTABLE_LINK_CHARS } from '../../src/permalink/activeLink.ts';
import { linkProblemText } from '../../src/components/link/linkText.ts';
import { LinkError } from '../../src/permalink/linkError.ts';
import { randomMatrix } from '../../src/state/random.ts';
import { createAppStore, type State } from '../../src/state/store.ts';

const SEED = 31337;
const base = (): State => createAppStore().getState();

/** Bit patterns of a float32 matrix (so −0 ≠ 0 and NaN never sneaks in). */
const bits = (m: FloatMatrix) => [m.rows, m.cols, ...new Uint32Array(m.data.buffer, m.data.byteOffset, m.data.length)];

const special = fc.constantFrom(
  -0,
  0,
  1.4e-45,
  -1.4e-45,
  1.1754942e-38,
  3.4028234663852886e38,
  -3.4028234663852886e38,
  0.1,
  -2.5,
);
const float32 = fc.oneof(fc.float({ noNaN: true, noDefaultInfinity: true }), special.map(Math.fround));
const matrix = (maxDim: number): fc.Arbitrary<FloatMatrix> =>
  fc
    .tuple(fc.integer({ min: 1, max: maxDim }), fc.integer({ min: 1, max: maxDim }))
    .chain(([r, c]) =>
      fc
        .array(float32, { minLength: r * c, maxLength: r * c })
        .map((v) => ({ rows: r, cols: c, data: Float32Array.from(v) })),
    );

/** Any scheme the engine accepts: a preset, or one built by hand. */
const scheme: fc.Arbitrary<Scheme> = fc.oneof(
  fc.constantFrom(...Object.values(PRESETS)),
  fc
    .record({
      library: fc.constantFrom('tflite', 'pytorch', 'onnx' as const),
      bits: fc.integer({ min: 2, max: 16 }),
      signed: fc.boolean(),
      symmetric: fc.boolean(),
      granularity: fc.oneof(
        fc.constant({ kind: 'tensor' as const }),
        fc.constantFrom(0 as const, 1 as const).map((axis) => ({ kind: 'axis' as const, axis })),
        fc
          .tuple(fc.constantFrom(0 as const, 1 as const), fc.integer({ min: 1, max: 512 }))
          .map(([axis, blockSize]) => ({ kind: 'block' as const, axis, blockSize })),
      ),
    })
    .map(({ library, bits, signed, symmetric, granularity }) => ({
      library,
      qmin: signed ? -(2 ** (bits - 1)) : 0,
      qmax: signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1,
      symmetric: symmetric && (signed || library !== 'tflite'),
      granularity,
    })),
);

const stateArb = fc
  .record({
    schemes: fc.record({ lhs: scheme, rhs: scheme, result: scheme }),
    requantization: fc.constantFrom(...REQUANTIZATIONS),
    formats: fc.record({
      lhs: fc.option(fc.constantFrom(...BLOCK_FORMAT_NAMES), { nil: null }),
      rhs: fc.option(fc.constantFrom(...BLOCK_FORMAT_NAMES), { nil: null }),
    }),
    doubleQuant: fc.record({ lhs: fc.boolean(), rhs: fc.boolean() }),
    lhs: matrix(64),
    k: fc.integer({ min: 1, max: 64 }),
    seeds: fc.record({ lhs: fc.integer({ min: 0, max: 2147483647 }), rhs: fc.integer({ min: 0, max: 2147483647 }) }),
    distribution: fc.constantFrom('uniform', 'normal', 'outliers', 'relu' as const),
    activation: fc.constantFrom('none', 'relu', 'relu6' as const),
    bias: fc.option(fc.array(float32, { minLength: 1, maxLength: 8 }), { nil: null }),
    range: fc.option(fc.tuple(float32, float32), { nil: null }),
    selected: fc.tuple(fc.nat(511), fc.nat(511)),
    step: fc.nat(100),
    m: float32,
    single: fc.boolean(),
    comparedInput: fc.constantFrom('lhs', 'rhs' as const),
    compared: fc.array(
      fc.oneof(
        scheme,
        fc.constantFrom(...BLOCK_FORMAT_NAMES).map((format) => ({ format })),
        fc.constant({ format: 'nf4' as const, doubleQuant: true }),
      ),
      {
        minLength: 2,
        maxLength: 4,
      },
    ),
    scaleBits: fc.constantFrom(32, 16 as const),
    calibration: fc.record({
      source: fc.constantFrom(...CALIBRATION_SOURCES),
      batches: fc.integer({ min: 1, max: MAX_BATCHES }),
      batchSize: fc.integer({ min: 1, max: MAX_BATCH_SIZE }),
      seed: fc.integer({ min: 0, max: 2147483647 }),
      // Longer than a matrix may be wide (512), to cross the pasted values' own limit.
      pasted: fc.oneof(
        fc.constant(new Float32Array(0)),
        fc.float32Array({ minLength: 1, maxLength: 1500, noNaN: true, noDefaultInfinity: true }),
      ),
    }),
    training: fc.record({
      dataset: fc.constantFrom(...DATASETS),
      hidden: fc.integer({ min: 2, max: MAX_HIDDEN }),
      bits: fc.integer({ min: 2, max: 8 }),
      delay: fc.integer({ min: 0, max: MAX_STEPS }),
      steps: fc.integer({ min: 1, max: MAX_STEPS }),
      seed: fc.integer({ min: 0, max: 2147483647 }),
      batchNorm: fc.boolean(),
    }),
    pickedGroups: fc.record({
      lhs: fc.option(fc.nat(4095), { nil: null }),
      rhs: fc.option(fc.nat(4095), { nil: null }),
    }),
  })
  .chain((r) =>
    fc.array(float32, { minLength: r.lhs.cols * r.k, maxLength: r.lhs.cols * r.k }).map((v): State => ({
      ...base(),
      lhs: r.lhs,
      rhs: { rows: r.lhs.cols, cols: r.k, data: Float32Array.from(v) },
      seeds: r.seeds,
      distribution: r.distribution,
      productOptions: {
        activation: r.activation,
        bias: r.bias,
        resultRange: r.range ? { min: r.range[0], max: r.range[1] } : null,
        schemes: r.schemes,
        requantization: r.requantization,
        formats: r.formats,
        doubleQuant: r.doubleQuant,
      },
      selected: { row: r.selected[0], col: r.selected[1] },
      step: r.step,
      freeMultiplier: r.m,
      singleRounding: r.single,
      comparedInput: r.comparedInput,
      compared: r.compared,
      scaleBits: r.scaleBits,
      pickedGroups: r.pickedGroups,
      calibration: r.calibration,
      training: r.training,
    })),
  );

// The page words a refused link with the link part's words (loaded with the first notice).
beforeAll(() => loadPart('link'));
describe('encodeLink / decodeLink', () => {
  it('keeps the calibration lab’s pasted values, up to a whole stream of them, bit for bit', () => {
    const pasted = Float32Array.from({ length: MAX_BATCHES * MAX_BATCH_SIZE }, (_, k) => Math.sin(k) * 1e3);
    pasted[7] = -0;
    const state = { ...base(), calibration: { ...DEFAULT_CALIBRATION, source: 'pasted' as const, pasted } };
    const decoded = decodeLink(encodeLink(state));
    expect(decoded.ok && decoded.state.calibration).toEqual(state.calibration);
  });

  it('writes no scheme for the gemmlowp example, and explains an impossible one in a link', () => {
    const plain = encodeLink(base());
    const withScheme = encodeLink({
      ...base(),
      productOptions: {
        ...base().productOptions,
        schemes: { ...base().productOptions.schemes, rhs: PRESETS['tflite-int8'] },
      },
    });
    expect(withScheme.length).toBeGreaterThan(plain.length);
    const decoded = decodeLink(withScheme);
    expect(decoded.ok && decoded.state.productOptions?.schemes.rhs).toBe(PRESETS['tflite-int8']);
    const bad = decodeLink(
      encodeLink({
        ...base(),
        productOptions: {
          ...base().productOptions,
          schemes: {
            ...base().productOptions.schemes,
            lhs: { ...PRESETS['tflite-int8'], symmetric: true, qmin: 0, qmax: 255 },
          },
        },
      }),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(linkProblemText(bad.error.problem)).toBe(
        "The quantization scheme (value 1) cannot be: TFLite's symmetric codes are signed with zero point 0; [0, 255] is unsigned.",
      );
    }
  });

  it('round-trips random states bit for bit (−0, subnormals, ±max float32, 1×1 to 64×64)', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const decoded = decodeLink(encodeLink(s));
        if (!decoded.ok) throw decoded.error;
        const d = decoded.state;
        expect(bits(d.lhs ?? s.rhs)).toEqual(bits(s.lhs));
        expect(bits(d.rhs ?? s.lhs)).toEqual(bits(s.rhs));
        expect(d.productOptions?.bias?.map((b) => (Object.is(b, -0) ? '-0' : b))).toEqual(
          s.productOptions.bias?.map((b) => (Object.is(b, -0) ? '-0' : b)),
        );
        expect(d.productOptions?.activation).toBe(s.productOptions.activation);
        expect(d.productOptions?.resultRange).toEqual(s.productOptions.resultRange);
        expect(d.productOptions?.schemes).toEqual(s.productOptions.schemes);
        expect(d.productOptions?.requantization).toBe(s.productOptions.requantization);
        expect([d.seeds, d.distribution, d.selected, d.step, d.singleRounding]).toEqual([
          s.seeds,
          s.distribution,
          s.selected,
          s.step,
          s.singleRounding,
        ]);
        expect(Object.is(d.freeMultiplier, s.freeMultiplier)).toBe(true);
        expect([d.comparedInput, d.compared, d.scaleBits, d.pickedGroups]).toEqual([
          s.comparedInput,
          s.compared,
          s.scaleBits,
          s.pickedGroups,
        ]);
        expect(d.calibration).toEqual(s.calibration);
        expect(d.training).toEqual(s.training);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('keeps the example and randomized 8×8 and 16×16 states short', () => {
    const example = encodeLink(base());
    const random = (n: number): State => ({
      ...base(),
      lhs: randomMatrix(n, n, 'uniform', 1),
      rhs: randomMatrix(n, n, 'uniform', 2),
    });
    expect(example.length).toBeLessThan(COMFORTABLE_LINK_CHARS);
    expect(encodeLink(random(8)).length).toBeLessThan(COMFORTABLE_LINK_CHARS);
    expect(encodeLink(random(16)).length).toBeLessThan(COMFORTABLE_LINK_CHARS);
  });

  it('restores a 16×16 state of typed decimals exactly and within 2,000 characters', () => {
    const decimals = (n: number, s: number): FloatMatrix => ({
      rows: n,
      cols: n,
      data: Float32Array.from({ length: n * n }, (_, t) => Math.fround(((t * 37 + s) % 201) / 100 - 1)),
    });
    const s: State = { ...base(), lhs: decimals(16, 3), rhs: decimals(16, 7) };
    const link = encodeLink(s);
    expect(link.length).toBeLessThan(COMFORTABLE_LINK_CHARS);
    const d = decodeLink(link);
    expect(d.ok && bits(d.state.lhs ?? s.rhs)).toEqual(bits(s.lhs));
  });

  it('reads the embed flag', () => {
    const d = decodeLink(encodeLink(base(), { embed: true }));
    expect(d.ok && d.embed).toBe(true);
  });

  it('stores each side’s draw as its seed and stream, in a few characters, and restores it exactly', () => {
    const store = createAppStore();
    store.getState().resize('lhs', 64, 64);
    store.getState().resize('rhs', 64, 64);
    store.getState().randomize('lhs');
    store.getState().randomize('rhs');
    const link = encodeLink(store.getState());
    expect(link.length).toBeLessThan(200);
    const d = decodeLink(link);
    if (!d.ok) throw d.error;
    expect(bits(d.state.lhs ?? store.getState().rhs)).toEqual(bits(store.getState().lhs));
    expect(bits(d.state.rhs ?? store.getState().lhs)).toEqual(bits(store.getState().rhs));
  });

  it('keeps section 9’s view: the example or the file’s name, size and SHA-256, the node, element, step and input', () => {
    const store = createAppStore();
    const sha256 = 'ab'.repeat(32);
    store.getState().openModelView({ kind: 'file', name: 'mobilenet v2 (int8).tflite', size: 3_577_760, sha256 }, 12);
    store.getState().setModelElement(4095);
    store.getState().setModelStep(27);
    store.getState().setModelX(Math.fround(2.5));
    store.getState().newModelInput();
    const d = decodeLink(encodeLink(store.getState()));
    if (!d.ok) throw d.error;
    expect(d.state.modelView).toEqual(store.getState().modelView);
    expect(d.state.modelStep).toBe(27);
    store.getState().openModelView({ kind: 'example', name: 'okay_nabu' }, 3);
    const e = decodeLink(encodeLink(store.getState()));
    expect(e.ok && e.state.modelView).toEqual({
      source: { kind: 'example', name: 'okay_nabu' },
      node: 3,
      element: 0,
      x: Math.fround(2.5),
      seed: 2,
    });
    // A state without a model writes no model (and reads as none).
    const none = decodeLink(encodeLink(base()));
    expect(none.ok && [none.state.modelView, none.state.modelStep]).toEqual([null, 0]);
  });

  it('opens a link written before each side had its own seed, with d3-random’s draws, unchanged', () => {
    // Written on 2026-11-28 by the app of commit e30d950: LHS 3×5 and RHS 5×3, both drawn from
    // Normal (σ = 0.5) with the one seed 7 (so with the same values); the bits below are that page's.
    const old =
      'q1.VYxLCoNAFATvUusmDBER3lVCFiaKm3EEfwji3X2KCC67q7pXIvahQZlykbq-LSMqvqK_QO7oASrszgxYITps5YelKUZRnkKqHfvJ0W3i73dBwfcjFsSMvUXranhlbi7ebjs';
    const bitsThen = [
      1040224585, 3181539611, 1051627697, 1035466334, 3195758052, 3181143939, 1014661687, 1047322791, 1065287702,
      3212857027, 1059913241, 1048772425, 3193130871, 1060401074, 1058444697,
    ];
    const d = decodeLink(old);
    if (!d.ok) throw d.error;
    expect(Array.from(new Uint32Array(d.state.lhs?.data.buffer ?? new ArrayBuffer(0)))).toEqual(bitsThen);
    expect(Array.from(new Uint32Array(d.state.rhs?.data.buffer ?? new ArrayBuffer(0)))).toEqual(bitsThen);
    expect([d.state.lhs?.rows, d.state.rhs?.rows]).toEqual([3, 5]);
    expect(d.state.seeds).toEqual({ lhs: 7, rhs: 7 });
    expect(d.state.distribution).toBe('normal');
  });
});

const payload = (json: string) => `q1.${toBase64Url(deflateSync(new TextEncoder().encode(json)))}`;

describe('bad links', () => {
  it.each([
    ['garbage', 'hello', 'malformed', { kind: 'notALink' }, /not a Quantization Explorer link/],
    ['a future version', 'q9.AAAA', 'version', { kind: 'version', found: 9, reads: 1 }, /newer version .*\(format 9\)/],
    ['an old version', 'q0.AAAA', 'version', { kind: 'version', found: 0, reads: 1 }, /format 0/],
    ['bad characters', 'q1.<script>', 'malformed', { kind: 'badCharacters' }, /characters a link never has/],
    ['a truncated link', encodeLink(base()).slice(0, 40), 'truncated', { kind: 'cutOff' }, /cut off/],
    [
      'an out-of-range seed',
      payload('{"s":-5}'),
      'range',
      { kind: 'field', part: 'seeds', detail: { kind: 'outOfRange', value: '-5', lo: 0, hi: 2147483647 } },
      /The seeds holds -5, not an integer from 0 to 2147483647/,
    ],
    [
      'an oversized matrix',
      payload('{"l":["d",600,1,"1"]}'),
      'range',
      { kind: 'field', part: 'lhs', detail: { kind: 'shape', rows: '600', cols: '1', max: 512 } },
      /LHS has the shape 600×1/,
    ],
    [
      'a wrong value count',
      payload('{"l":["d",2,2,"1,2,3"]}'),
      'truncated',
      { kind: 'field', part: 'lhs', detail: { kind: 'count', found: 3, expected: 4 } },
      /LHS has 3 values .* needs 4/,
    ],
    [
      'NaN values',
      payload('{"l":["d",1,1,"NaN"]}'),
      'malformed',
      { kind: 'field', part: 'lhs', index: 0, detail: { kind: 'notANumber', token: 'NaN' } },
      /LHS \(value 1\) holds “NaN”, which is not a number/,
    ],
    [
      'non-multipliable shapes',
      payload('{"l":["d",1,2,"1,2"],"r":["d",3,1,"1,2,3"]}'),
      'range',
      { kind: 'notMultipliable', lhsRows: 1, lhsCols: 2, rhsRows: 3, rhsCols: 1 },
      /cannot be multiplied \(1×2 by 3×1\)/,
    ],
    [
      'an unknown activation',
      payload('{"o":{"a":"gelu"}}'),
      'range',
      { kind: 'field', part: 'activation', detail: { kind: 'unknown', value: 'gelu' } },
      /The activation holds “gelu”/,
    ],
    [
      'a model file whose SHA-256 is not 64 hex digits',
      payload('{"mv":["f","m.tflite",100,"<b>",0,0,"1",1]}'),
      'malformed',
      { kind: 'field', part: 'model', index: 3, detail: { kind: 'malformed' } },
      /The model view \(section 9\)/,
    ],
    [
      'an unknown example model',
      payload('{"mv":["e","resnet",0,0,"1",1]}'),
      'range',
      { kind: 'field', part: 'model', index: 1, detail: { kind: 'unknown', value: 'resnet' } },
      /The model view \(section 9\) .*“resnet”/,
    ],
    [
      'a model input x outside [0, 2π]',
      payload('{"mv":["e","hello_world_int8",0,0,"7",1]}'),
      'range',
      { kind: 'field', part: 'model', index: 4, detail: { kind: 'outOfRange', value: '7', lo: 0, hi: 6.28 } },
      /The model view \(section 9\)/,
    ],
    [
      'a decompression bomb',
      `q1.${toBase64Url(deflateSync(new Uint8Array(20_000_000).fill(32)))}`,
      'too-large',
      { kind: 'tooLarge' },
      /more data/,
    ],
  ])('refuses %s with a typed error, which the page explains', (_name, link, kind, problem, words) => {
    const d = decodeLink(link);
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.error).toBeInstanceOf(LinkError);
      expect(d.error.kind).toBe(kind);
      expect(d.error.problem).toEqual(problem);
      expect(linkProblemText(d.error.problem)).toMatch(words);
    }
  });

  it('never throws on 10,000 random, truncated and mutated links', { timeout: 60_000 }, () => {
    const good = encodeLink({
      ...base(),
      productOptions: {
        ...base().productOptions,
        bias: [0.5, -1, 0],
        activation: 'relu',
        resultRange: { min: -1, max: 2 },
        schemes: {
          lhs: PRESETS['tflite-int8'],
          rhs: PRESETS['onnx-int4-blocked-32'],
          result: PRESETS['pytorch-quint8'],
        },
        requantization: 'float64',
      },
    });
    const mutate = fc.oneof(
      fc.string({ maxLength: 200 }).map((s) => `q1.${s}`),
      fc.string({ maxLength: 300 }),
      fc.nat(good.length).map((n) => good.slice(0, n)),
      fc
        .tuple(fc.nat(good.length - 1), fc.integer({ min: 32, max: 126 }))
        .map(([i, c]) => good.slice(0, i) + String.fromCharCode(c) + good.slice(i + 1)),
      fc.uint8Array({ maxLength: 400 }).map((b) => `q1.${toBase64Url(b)}`),
      fc.uint8Array({ maxLength: 400 }).map((b) => `q1.${toBase64Url(deflateSync(b))}`),
      fc.json().map((j) => payload(j)),
    );
    fc.assert(
      fc.property(mutate, (link) => {
        const d = decodeLink(link);
        return d.ok ? typeof d.state === 'object' : d.error instanceof LinkError && d.error.message.length > 0;
      }),
      { seed: SEED, numRuns: 10_000 },
    );
  });
});

describe('base64url', () => {
  it('agrees with btoa (RFC 4648 §5, no padding) for every length 0…300', async () => {
    const { fromBase64Url } = await import('../../src/permalink/base64url.ts');
    for (let n = 0; n <= 300; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n * 7) & 255);
      const expected = btoa(String.fromCharCode(...bytes))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
      expect(toBase64Url(bytes)).toBe(expected);
      expect(Array.from(fromBase64Url(expected))).toEqual(Array.from(bytes));
    }
  });
});
