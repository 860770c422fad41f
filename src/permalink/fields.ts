/**
 * The permalink is a table: one entry per piece of the store's data, each with its short name in
 * the link, how it is written, and how it is read back with range checks (defaults come from the
 * store). The mapped type over the store's keys makes adding a field to the store without
 * deciding how it persists a compile error.
 */
import {
  ACTIVATIONS,
  checkScheme,
  EngineError,
  LIBRARIES,
  MAX_MATRIX_DIM,
  PRESETS,
  presetNameOf,
  REQUANTIZATIONS,
  sameScheme,
  traceLength,
  type Granularity,
  type Scheme,
} from '../engine/index.ts';
import { BLOCK_FORMAT_NAMES, type BlockFormat } from '../formats/names.ts';
import { DEFAULT_PRODUCT_OPTIONS, SPEEDS, type ProductOptions } from '../state/slices/gemmSlice.ts';
import { DISTRIBUTIONS, MAX_SEED } from '../state/random.ts';
import { MAX_COMPARED, MIN_COMPARED, SCALE_BITS } from '../state/slices/compareSlice.ts';
import {
  CALIBRATION_SOURCES,
  DEFAULT_CALIBRATION,
  MAX_BATCHES,
  MAX_BATCH_SIZE,
  MAX_PASTED,
} from '../state/calibrationSettings.ts';
import type { State } from '../state/store.ts';
import { DATASETS, DEFAULT_TRAINING, MAX_HIDDEN, MAX_STEPS } from '../training/settings.ts';
import { LOCALES } from '../i18n/locales.ts';
import { CHAPTER_IDS } from '../lesson/chapterIds.ts';
import {
  EXAMPLE_MODELS,
  HELLO_X_MAX,
  MAX_INPUT_VALUES,
  MAX_MODEL_FILE,
  MAX_MODEL_INDEX,
  type ModelSource,
  type ModelView,
} from '../state/slices/modelViewSlice.ts';
import { badField, type LinkPlace } from './linkError.ts';
import { decodeMatrix, encodeMatrix, encodeValues, float32Token, parseFloat32Token } from './matrixCodec.ts';

/** The store's data keys (everything but its actions). */
export type DataKey = { [K in keyof State]: State[K] extends (...args: never[]) => unknown ? never : K }[keyof State];

/** The store's data without its actions: what a link is written from (it can be posted to a worker). */
export type LinkData = Pick<State, DataKey>;

/** How one store field persists. */
export interface Field<K extends DataKey> {
  /** Its name in the link. */
  readonly name: string;
  /** The link's value; undefined leaves the field out (then `absent` is what it means). */
  encode(state: LinkData): unknown;
  /** Reads the link's value (never undefined here); throws a LinkError when it is out of range. */
  decode(raw: unknown): State[K];
  /** The value of a field left out of a link, for fields written only when they differ from it. */
  readonly absent?: State[K];
}

/** Fields that do not persist, and why. */
type Transient = { readonly transient: string };

/** A short quote of a link's value for a message (never more than 20 characters of it). */
const quoted = (raw: unknown): string => {
  try {
    return (typeof raw === 'object' && raw !== null ? JSON.stringify(raw) : String(raw)).slice(0, 20);
  } catch {
    return '?';
  }
};

function int(raw: unknown, lo: number, hi: number, where: LinkPlace): number {
  if (!Number.isInteger(raw) || (raw as number) < lo || (raw as number) > hi) {
    badField('range', where, { kind: 'outOfRange', value: quoted(raw), lo, hi });
  }
  return raw as number;
}

function float(raw: unknown, where: LinkPlace): number {
  if (typeof raw !== 'string') badField('malformed', where, { kind: 'malformed' });
  return parseFloat32Token(raw, where);
}

function oneOf<T>(raw: unknown, options: readonly T[], where: LinkPlace): T {
  const found = options.find((o) => o === raw);
  if (found === undefined) badField('range', where, { kind: 'unknown', value: quoted(raw) });
  return found;
}

/** A pair of anything, or a LinkError. */
function pair(raw: unknown, where: LinkPlace): [unknown, unknown] {
  if (!Array.isArray(raw) || raw.length !== 2) badField('malformed', where, { kind: 'malformed' });
  return raw as [unknown, unknown];
}

const SCHEME_OF = ['lhs', 'rhs', 'result'] as const;

/** A scheme in a link: its preset's name, or [library, qmin, qmax, symmetric 0/1, granularity]. */
function encodeScheme(scheme: Scheme): unknown {
  const preset = presetNameOf(scheme);
  if (preset) return preset;
  const g = scheme.granularity;
  const granularity =
    g.kind === 'tensor' ? 't' : g.kind === 'axis' ? (g.axis === 0 ? 'r' : 'c') : ['b', g.axis, g.blockSize];
  return [scheme.library, scheme.qmin, scheme.qmax, scheme.symmetric ? 1 : 0, granularity];
}

function decodeScheme(raw: unknown, index: number, part: 'schemes' | 'compared' = 'schemes'): Scheme {
  const where = { part, index } as const;
  if (typeof raw === 'string') return PRESETS[oneOf(raw, Object.keys(PRESETS) as (keyof typeof PRESETS)[], where)];
  if (!Array.isArray(raw) || raw.length !== 5) badField('malformed', where, { kind: 'malformed' });
  const [library, qmin, qmax, symmetric, g] = raw as unknown[];
  let granularity: Granularity;
  if (g === 't') granularity = { kind: 'tensor' };
  else if (g === 'r' || g === 'c') granularity = { kind: 'axis', axis: g === 'r' ? 0 : 1 };
  else {
    if (!Array.isArray(g) || g.length !== 3 || g[0] !== 'b') badField('malformed', where, { kind: 'malformed' });
    granularity = {
      kind: 'block',
      axis: int(g[1], 0, 1, where) as 0 | 1,
      blockSize: int(g[2], 1, MAX_MATRIX_DIM, where),
    };
  }
  const scheme: Scheme = {
    library: oneOf(library, LIBRARIES, where),
    qmin: int(qmin, -32768, 0, where),
    qmax: int(qmax, 0, 65535, where),
    symmetric: int(symmetric, 0, 1, where) === 1,
    granularity,
  };
  try {
    checkScheme(scheme);
  } catch (e) {
    if (e instanceof EngineError) badField('range', where, { kind: 'scheme', problem: e.problem });
    throw e;
  }
  return scheme;
}

function decodeOptions(raw: unknown): ProductOptions {
  if (typeof raw !== 'object' || raw === null) badField('malformed', { part: 'productOptions' }, { kind: 'malformed' });
  const { b, a, r, q, m, w } = raw as Record<string, unknown>;
  let bias: number[] | null = null;
  if (b !== null && b !== undefined) {
    if (!Array.isArray(b)) badField('malformed', { part: 'bias' }, { kind: 'malformed' });
    if (b.length > MAX_MATRIX_DIM) badField('range', { part: 'bias' }, { kind: 'tooMany', max: MAX_MATRIX_DIM });
    bias = b.map((v, index) => float(v, { part: 'bias', index }));
  }
  let resultRange = null;
  if (r !== null && r !== undefined) {
    const [min, max] = pair(r, { part: 'resultRange' });
    resultRange = {
      min: float(min, { part: 'resultRange', index: 0 }),
      max: float(max, { part: 'resultRange', index: 1 }),
    };
  }
  // Links before schemes (2026-11-29) have neither: the gemmlowp scheme and requantization.
  let schemes = DEFAULT_PRODUCT_OPTIONS.schemes;
  if (q !== undefined && q !== null) {
    if (!Array.isArray(q) || q.length !== SCHEME_OF.length)
      badField('malformed', { part: 'schemes' }, { kind: 'malformed' });
    const [lhs, rhs, result] = q.map((x, index) => decodeScheme(x, index)) as [Scheme, Scheme, Scheme];
    schemes = { lhs, rhs, result };
  }
  return {
    bias,
    activation: a === undefined ? DEFAULT_PRODUCT_OPTIONS.activation : oneOf(a, ACTIVATIONS, { part: 'activation' }),
    resultRange,
    schemes,
    requantization:
      m === undefined ? DEFAULT_PRODUCT_OPTIONS.requantization : oneOf(m, REQUANTIZATIONS, { part: 'requantization' }),
    ...(w === undefined ? DEFAULT_FORMATS : decodeFormats(w)),
  };
}

const DEFAULT_FORMATS = {
  formats: DEFAULT_PRODUCT_OPTIONS.formats,
  doubleQuant: DEFAULT_PRODUCT_OPTIONS.doubleQuant,
} as const;

/** The inputs' block formats, and which double-quantize (bit 1 the LHS, 2 the RHS); links before 2026-12-07 have none. */
function decodeFormats(raw: unknown): Pick<ProductOptions, 'formats' | 'doubleQuant'> {
  if (!Array.isArray(raw) || raw.length < 2 || raw.length > 3)
    badField('malformed', { part: 'formats' }, { kind: 'malformed' });
  const [lhs, rhs, mask = 0] = raw as unknown[];
  const one = (x: unknown, index: number): BlockFormat | null =>
    x === null ? null : oneOf(x, BLOCK_FORMAT_NAMES, { part: 'formats', index });
  const bits = int(mask, 0, 3, { part: 'formats', index: 2 });
  return {
    formats: { lhs: one(lhs, 0), rhs: one(rhs, 1) },
    doubleQuant: { lhs: (bits & 1) !== 0, rhs: (bits & 2) !== 0 },
  };
}

/** The inputs' formats in a link, with the double-quantization mask when any is set. */
function formatsToken({ formats, doubleQuant }: ProductOptions): unknown[] {
  const mask = (doubleQuant.lhs ? 1 : 0) | (doubleQuant.rhs ? 2 : 0);
  return mask === 0 ? [formats.lhs, formats.rhs] : [formats.lhs, formats.rhs, mask];
}

/** The longest file name a link keeps. */
const MAX_FILE_NAME = 255;

/** A model's view in a link: [where it came from…, node, element, x, seed]; 'e' name for an example, 'f' name size sha256 for a file. */
function encodeModelView(v: ModelView): unknown {
  const place = [v.node, v.element, float32Token(v.x), v.seed];
  const s = v.source;
  return s.kind === 'example' ? ['e', s.name, ...place] : ['f', s.name, s.size, s.sha256, ...place];
}

function decodeModelView(raw: unknown): ModelView {
  const where = { part: 'model' } as const;
  if (!Array.isArray(raw) || (raw.length !== 6 && raw.length !== 8))
    badField('malformed', where, { kind: 'malformed' });
  const file = raw.length === 8;
  const kind = oneOf(raw[0], [file ? 'f' : 'e'], { ...where, index: 0 });
  let source: ModelSource;
  if (kind === 'e') source = { kind: 'example', name: oneOf(raw[1], EXAMPLE_MODELS, { ...where, index: 1 }) };
  else {
    const [, name, size, sha256] = raw as unknown[];
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_FILE_NAME)
      badField('malformed', { ...where, index: 1 }, { kind: 'malformed' });
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256))
      badField('malformed', { ...where, index: 3 }, { kind: 'malformed' });
    source = { kind: 'file', name, size: int(size, 1, MAX_MODEL_FILE, { ...where, index: 2 }), sha256 };
  }
  const at = file ? 4 : 2;
  const x = float(raw[at + 2], { ...where, index: at + 2 });
  if (!(x >= 0 && x <= Math.fround(HELLO_X_MAX)))
    badField('range', { ...where, index: at + 2 }, { kind: 'outOfRange', value: quoted(raw[at + 2]), lo: 0, hi: 6.28 });
  return {
    source,
    node: int(raw[at], 0, MAX_MODEL_INDEX, { ...where, index: at }),
    element: int(raw[at + 1], 0, MAX_MODEL_INDEX, { ...where, index: at + 1 }),
    x,
    seed: int(raw[at + 3], 0, MAX_SEED, { ...where, index: at + 3 }),
  };
}

/** Every data field of the store: persisted (with its codec) or transient (with the reason). */
export const FIELDS: { readonly [K in DataKey]: Field<K> | Transient } = {
  lhs: {
    name: 'l',
    encode: (s) => encodeMatrix(s.lhs, 'lhs', s.distribution, s.seeds.lhs),
    decode: (raw) => decodeMatrix(raw, 'lhs'),
  },
  rhs: {
    name: 'r',
    encode: (s) => encodeMatrix(s.rhs, 'rhs', s.distribution, s.seeds.rhs),
    decode: (raw) => decodeMatrix(raw, 'rhs'),
  },
  distribution: {
    name: 'd',
    encode: (s) => s.distribution,
    decode: (raw) => oneOf(raw, DISTRIBUTIONS, { part: 'distribution' }),
  },
  seeds: {
    name: 's',
    encode: (s) => [s.seeds.lhs, s.seeds.rhs],
    // Links before 2026-11-29 hold one seed for both sides.
    decode: (raw) => {
      if (!Array.isArray(raw)) {
        const seed = int(raw, 0, MAX_SEED, { part: 'seeds' });
        return { lhs: seed, rhs: seed };
      }
      const [lhs, rhs] = pair(raw, { part: 'seeds' });
      return {
        lhs: int(lhs, 0, MAX_SEED, { part: 'seeds', index: 0 }),
        rhs: int(rhs, 0, MAX_SEED, { part: 'seeds', index: 1 }),
      };
    },
  },
  productOptions: {
    name: 'o',
    encode: (s) => ({
      b: s.productOptions.bias?.map(float32Token) ?? null,
      a: s.productOptions.activation,
      r: s.productOptions.resultRange
        ? [float32Token(s.productOptions.resultRange.min), float32Token(s.productOptions.resultRange.max)]
        : null,
      // Only when not the default, so that links of the gemmlowp example stay as they were.
      ...(SCHEME_OF.every((id) => sameScheme(s.productOptions.schemes[id], PRESETS.gemmlowp))
        ? {}
        : { q: SCHEME_OF.map((id) => encodeScheme(s.productOptions.schemes[id])) }),
      ...(s.productOptions.requantization === 'gemmlowp' ? {} : { m: s.productOptions.requantization }),
      ...(s.productOptions.formats.lhs === null &&
      s.productOptions.formats.rhs === null &&
      !s.productOptions.doubleQuant.lhs &&
      !s.productOptions.doubleQuant.rhs
        ? {}
        : { w: formatsToken(s.productOptions) }),
    }),
    decode: decodeOptions,
  },
  selected: {
    name: 'c',
    encode: (s) => [s.selected.row, s.selected.col],
    decode: (raw) => {
      const [row, col] = pair(raw, { part: 'selected' });
      return {
        row: int(row, 0, MAX_MATRIX_DIM - 1, { part: 'selected', index: 0 }),
        col: int(col, 0, MAX_MATRIX_DIM - 1, { part: 'selected', index: 1 }),
      };
    },
  },
  step: {
    name: 't',
    encode: (s) => s.step,
    decode: (raw) => int(raw, 0, traceLength(MAX_MATRIX_DIM, true) - 1, { part: 'step' }),
  },
  speed: {
    name: 'v',
    encode: (s) => s.speed,
    decode: (raw) => oneOf(raw, SPEEDS, { part: 'speed' }),
  },
  freeMultiplier: {
    name: 'm',
    encode: (s) => float32Token(s.freeMultiplier),
    decode: (raw) => float(raw, { part: 'multiplier' }),
  },
  comparedInput: {
    name: 'ki',
    encode: (s) => s.comparedInput,
    decode: (raw) => oneOf(raw, ['lhs', 'rhs'] as const, { part: 'compared' }),
  },
  compared: {
    name: 'k',
    // A format by its name (no preset is named like one).
    encode: (s) => s.compared.map((c) => ('format' in c ? c.format + (c.doubleQuant ? '+dq' : '') : encodeScheme(c))),
    decode: (raw) => {
      if (!Array.isArray(raw) || raw.length < MIN_COMPARED || raw.length > MAX_COMPARED) {
        badField('malformed', { part: 'compared' }, { kind: 'malformed' });
      }
      return raw.map((x, index) =>
        typeof x === 'string' && (BLOCK_FORMAT_NAMES as readonly string[]).includes(x)
          ? { format: x as BlockFormat }
          : x === 'nf4+dq'
            ? { format: 'nf4', doubleQuant: true }
            : decodeScheme(x, index, 'compared'),
      );
    },
  },
  scaleBits: {
    name: 'kb',
    encode: (s) => (s.scaleBits === 32 ? undefined : s.scaleBits),
    decode: (raw) => oneOf(raw, SCALE_BITS, { part: 'compared' }),
    absent: 32,
  },
  singleRounding: {
    name: 'x',
    encode: (s) => (s.singleRounding ? 1 : 0),
    decode: (raw) => int(raw, 0, 1, { part: 'singleRounding' }) === 1,
  },
  pickedGroups: {
    name: 'g',
    encode: ({ pickedGroups: { lhs, rhs } }) => (lhs === null && rhs === null ? undefined : [lhs, rhs]),
    decode: (raw) => {
      const [lhs, rhs] = pair(raw, { part: 'pickedGroups' });
      const group = (x: unknown, index: number) =>
        x === null ? null : int(x, 0, MAX_MATRIX_DIM * MAX_MATRIX_DIM - 1, { part: 'pickedGroups', index });
      return { lhs: group(lhs, 0), rhs: group(rhs, 1) };
    },
    absent: { lhs: null, rhs: null },
  },
  calibration: {
    name: 'cl',
    encode: ({ calibration: c }) => {
      const d = DEFAULT_CALIBRATION;
      const same =
        c.source === d.source &&
        c.batches === d.batches &&
        c.batchSize === d.batchSize &&
        c.seed === d.seed &&
        c.pasted.length === 0;
      if (same) return undefined;
      const settings = [c.source, c.batches, c.batchSize, c.seed];
      return c.pasted.length === 0
        ? settings
        : [...settings, encodeValues({ rows: 1, cols: c.pasted.length, data: c.pasted })];
    },
    decode: (raw) => {
      const where = { part: 'calibration' } as const;
      if (!Array.isArray(raw) || (raw.length !== 4 && raw.length !== 5)) {
        badField('malformed', where, { kind: 'malformed' });
      }
      const [source, batches, batchSize, seed, pasted] = raw as unknown[];
      const values = pasted === undefined ? null : decodeMatrix(pasted, 'calibration', MAX_PASTED);
      if (values !== null && values.rows !== 1) badField('malformed', { ...where, index: 4 }, { kind: 'malformed' });
      return {
        source: oneOf(source, CALIBRATION_SOURCES, where),
        batches: int(batches, 1, MAX_BATCHES, { ...where, index: 1 }),
        batchSize: int(batchSize, 1, MAX_BATCH_SIZE, { ...where, index: 2 }),
        seed: int(seed, 0, MAX_SEED, { ...where, index: 3 }),
        pasted: values?.data ?? new Float32Array(0),
      };
    },
    absent: DEFAULT_CALIBRATION,
  },
  training: {
    name: 'tr',
    encode: ({ training: t }) => {
      const d = DEFAULT_TRAINING;
      const keys = ['dataset', 'hidden', 'bits', 'delay', 'steps', 'seed'] as const;
      if (keys.every((k) => t[k] === d[k]) && t.batchNorm === d.batchNorm) return undefined;
      return [...keys.map((k) => t[k]), t.batchNorm ? 1 : 0];
    },
    decode: (raw) => {
      const where = { part: 'training' } as const;
      if (!Array.isArray(raw) || raw.length !== 7) badField('malformed', where, { kind: 'malformed' });
      const [dataset, hidden, bits, delay, steps, seed, batchNorm] = raw as unknown[];
      return {
        batchNorm: int(batchNorm, 0, 1, { ...where, index: 6 }) === 1,
        dataset: oneOf(dataset, DATASETS, where),
        hidden: int(hidden, 2, MAX_HIDDEN, { ...where, index: 1 }),
        bits: int(bits, 2, 8, { ...where, index: 2 }),
        delay: int(delay, 0, MAX_STEPS, { ...where, index: 3 }),
        steps: int(steps, 1, MAX_STEPS, { ...where, index: 4 }),
        seed: int(seed, 0, MAX_SEED, { ...where, index: 5 }),
      };
    },
    absent: DEFAULT_TRAINING,
  },
  lesson: {
    name: 'ch',
    // The chapter as people count it (1 to 8): a QR code drops every student on the same page.
    encode: ({ lesson }) => (lesson === null ? undefined : lesson + 1),
    decode: (raw) => int(raw, 1, CHAPTER_IDS.length, { part: 'lesson' }) - 1,
    absent: null,
  },
  locale: {
    name: 'lang',
    encode: ({ locale }) => locale ?? undefined,
    decode: (raw) => oneOf(raw, LOCALES, { part: 'locale' }),
    absent: null,
  },
  modelView: {
    name: 'mv',
    encode: ({ modelView }) => (modelView === null ? undefined : encodeModelView(modelView)),
    decode: decodeModelView,
    absent: null,
  },
  modelStep: {
    name: 'ms',
    encode: ({ modelView, modelStep }) => (modelView === null || modelStep === 0 ? undefined : modelStep),
    decode: (raw) => int(raw, 0, MAX_MODEL_INDEX, { part: 'model' }),
    absent: 0,
  },
  modelInput: {
    name: 'mi',
    encode: ({ modelView, modelInput }) =>
      modelView === null || modelInput === null
        ? undefined
        : [
            modelInput.kind === 'codes' ? 'c' : 'r',
            encodeValues({ rows: 1, cols: modelInput.values.length, data: modelInput.values }),
          ],
    decode: (raw) => {
      const where = { part: 'model' } as const;
      const [kind, encoded] = pair(raw, where);
      const values = decodeMatrix(encoded, 'model', MAX_INPUT_VALUES);
      if (values.rows !== 1) badField('malformed', where, { kind: 'malformed' });
      return { kind: oneOf(kind, ['c', 'r'] as const, where) === 'c' ? 'codes' : 'reals', values: values.data };
    },
    absent: null,
  },
  presenter: { transient: 'a way of showing the page on the lecturer’s screen, not for the students’ phones' },
  hover: { transient: 'pointer position: meaningless on another screen' },
  playing: { transient: 'a shared link opens paused' },
  notice: { transient: 'a message about this page load' },
  embed: { transient: 'a flag of the link itself (&embed=1), not of the state' },
};

/** The store's data without its actions. */
export function linkData(state: State): LinkData {
  return Object.fromEntries((Object.keys(FIELDS) as DataKey[]).map((k) => [k, state[k]])) as LinkData;
}

/** The persisted part of the store. */
export type Persisted = Partial<Pick<State, DataKey>>;
