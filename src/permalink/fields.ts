/**
 * The permalink is a table: one entry per piece of the store's data, each with its short name in
 * the link, how it is written, and how it is read back with range checks (defaults come from the
 * store). The mapped type over the store's keys makes adding a field to the store without
 * deciding how it persists a compile error.
 */
import type { Activation } from '../engine/index.ts';
import { DEFAULT_PRODUCT_OPTIONS, SPEEDS, type ProductOptions } from '../state/slices/gemmSlice.ts';
import { DISTRIBUTIONS, MAX_SEED } from '../state/random.ts';
import type { State } from '../state/store.ts';
import { LinkError } from './linkError.ts';
import { decodeMatrix, encodeMatrix, float32Token, MAX_LINK_DIM, parseFloat32Token } from './matrixCodec.ts';

/** The store's data keys (everything but its actions). */
export type DataKey = { [K in keyof State]: State[K] extends (...args: never[]) => unknown ? never : K }[keyof State];

/** The store's data without its actions: what a link is written from (it can be posted to a worker). */
export type LinkData = Pick<State, DataKey>;

/** How one store field persists. */
export interface Field<K extends DataKey> {
  /** Its name in the link. */
  readonly name: string;
  encode(state: LinkData): unknown;
  /** Reads the link's value (never undefined here); throws a LinkError when it is out of range. */
  decode(raw: unknown): State[K];
}

/** Fields that do not persist, and why. */
type Transient = { readonly transient: string };

function int(raw: unknown, lo: number, hi: number, what: string): number {
  if (!Number.isInteger(raw) || (raw as number) < lo || (raw as number) > hi) {
    throw new LinkError('range', `${what} ${String(raw)} is not an integer in ${lo}…${hi}.`);
  }
  return raw as number;
}

function float(raw: unknown, what: string): number {
  if (typeof raw !== 'string') throw new LinkError('malformed', `${what} is missing.`);
  return parseFloat32Token(raw, what);
}

function oneOf<T extends string>(raw: unknown, options: readonly T[], what: string): T {
  if (typeof raw !== 'string' || !options.includes(raw as T))
    throw new LinkError('range', `${what} “${String(raw).slice(0, 20)}” is unknown.`);
  return raw as T;
}

const ACTIVATIONS: readonly Activation[] = ['none', 'relu', 'relu6'];

function decodeOptions(raw: unknown): ProductOptions {
  if (typeof raw !== 'object' || raw === null) throw new LinkError('malformed', 'The product setup is not readable.');
  const { b, a, r } = raw as Record<string, unknown>;
  let bias: number[] | null = null;
  if (b !== null && b !== undefined) {
    if (!Array.isArray(b) || b.length > MAX_LINK_DIM)
      throw new LinkError('range', 'The bias is not a list of at most 512 numbers.');
    bias = b.map((v, k) => float(v, `Bias ${k + 1}`));
  }
  let resultRange = null;
  if (r !== null && r !== undefined) {
    if (!Array.isArray(r) || r.length !== 2)
      throw new LinkError('malformed', 'The result range is not a pair of numbers.');
    resultRange = { min: float(r[0], 'Result range min'), max: float(r[1], 'Result range max') };
  }
  return {
    bias,
    activation: a === undefined ? DEFAULT_PRODUCT_OPTIONS.activation : oneOf(a, ACTIVATIONS, 'Activation'),
    resultRange,
  };
}

/** Every data field of the store: persisted (with its codec) or transient (with the reason). */
export const FIELDS: { readonly [K in DataKey]: Field<K> | Transient } = {
  lhs: {
    name: 'l',
    encode: (s) => encodeMatrix(s.lhs, 'lhs', s.distribution, s.seeds.lhs),
    decode: (raw) => decodeMatrix(raw, 'LHS'),
  },
  rhs: {
    name: 'r',
    encode: (s) => encodeMatrix(s.rhs, 'rhs', s.distribution, s.seeds.rhs),
    decode: (raw) => decodeMatrix(raw, 'RHS'),
  },
  distribution: {
    name: 'd',
    encode: (s) => s.distribution,
    decode: (raw) => oneOf(raw, DISTRIBUTIONS, 'Distribution'),
  },
  seeds: {
    name: 's',
    encode: (s) => [s.seeds.lhs, s.seeds.rhs],
    // Links before 2026-11-29 hold one seed for both sides.
    decode: (raw) => {
      if (!Array.isArray(raw)) return { lhs: int(raw, 0, MAX_SEED, 'Seed'), rhs: int(raw, 0, MAX_SEED, 'Seed') };
      if (raw.length !== 2) throw new LinkError('malformed', 'The seeds are not a pair.');
      return { lhs: int(raw[0], 0, MAX_SEED, 'LHS seed'), rhs: int(raw[1], 0, MAX_SEED, 'RHS seed') };
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
    }),
    decode: decodeOptions,
  },
  selected: {
    name: 'c',
    encode: (s) => [s.selected.row, s.selected.col],
    decode: (raw) => {
      if (!Array.isArray(raw) || raw.length !== 2) throw new LinkError('malformed', 'The selected cell is not a pair.');
      return {
        row: int(raw[0], 0, MAX_LINK_DIM - 1, 'Selected row'),
        col: int(raw[1], 0, MAX_LINK_DIM - 1, 'Selected column'),
      };
    },
  },
  step: { name: 't', encode: (s) => s.step, decode: (raw) => int(raw, 0, MAX_LINK_DIM + 16, 'Step') },
  speed: {
    name: 'v',
    encode: (s) => s.speed,
    decode: (raw) => {
      const speed = SPEEDS.find((s) => s === raw);
      if (speed === undefined) throw new LinkError('range', `Speed “${String(raw).slice(0, 20)}” is unknown.`);
      return speed;
    },
  },
  freeMultiplier: {
    name: 'm',
    encode: (s) => float32Token(s.freeMultiplier),
    decode: (raw) => float(raw, 'Multiplier'),
  },
  singleRounding: {
    name: 'x',
    encode: (s) => (s.singleRounding ? 1 : 0),
    decode: (raw) => int(raw, 0, 1, 'Single rounding flag') === 1,
  },
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
