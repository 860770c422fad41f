/** Why a link could not be restored: a typed error (codes and numbers) the page explains, never a crash. */
import type { EngineProblem } from '../engine/index.ts';

/** The kinds of bad link. */
export type LinkErrorKind = 'malformed' | 'truncated' | 'version' | 'range' | 'too-large';

/** The part of a link a problem is in. */
export type LinkPart =
  | 'lhs'
  | 'rhs'
  | 'seeds'
  | 'distribution'
  | 'productOptions'
  | 'bias'
  | 'resultRange'
  | 'activation'
  | 'selected'
  | 'step'
  | 'speed'
  | 'multiplier'
  | 'singleRounding'
  | 'schemes'
  | 'requantization'
  | 'compared'
  | 'pickedGroups'
  | 'calibration'
  | 'training'
  | 'lesson'
  | 'locale'
  | 'model'
  | 'formats';

/** What is wrong with one part of a link. */
export type FieldDetail =
  /** Absent, or not the structure it should be (a pair, a list, a matrix). */
  | { readonly kind: 'malformed' }
  | { readonly kind: 'notANumber'; readonly token: string }
  /** A number outside float32, or not finite. */
  | { readonly kind: 'notFloat32'; readonly token: string }
  | { readonly kind: 'outOfRange'; readonly value: string; readonly lo: number; readonly hi: number }
  /** A name the page does not know (a preset, a distribution, an activation, a form). */
  | { readonly kind: 'unknown'; readonly value: string }
  | { readonly kind: 'shape'; readonly rows: string; readonly cols: string; readonly max: number }
  /** The number of values or bytes does not match the shape. */
  | { readonly kind: 'count'; readonly found: number; readonly expected: number }
  | { readonly kind: 'tooMany'; readonly max: number }
  /** A quantization scheme the engine refuses (why, as the engine says it). */
  | { readonly kind: 'scheme'; readonly problem: EngineProblem };

/** What is wrong with a link. */
export type LinkProblem =
  | { readonly kind: 'notALink' }
  | { readonly kind: 'version'; readonly found: number; readonly reads: number }
  | { readonly kind: 'tooLong'; readonly chars: number }
  /** It decompresses to more than any state needs. */
  | { readonly kind: 'tooLarge' }
  /** It does not decompress or read as text. */
  | { readonly kind: 'damaged' }
  | { readonly kind: 'cutOff' }
  | { readonly kind: 'badCharacters' }
  | { readonly kind: 'notAState' }
  | {
      readonly kind: 'notMultipliable';
      readonly lhsRows: number;
      readonly lhsCols: number;
      readonly rhsRows: number;
      readonly rhsCols: number;
    }
  /** A problem in one part (`index`: which value of it, 0-based, when it has several). */
  | { readonly kind: 'field'; readonly part: LinkPart; readonly index?: number; readonly detail: FieldDetail };

/** A link that cannot be restored, with what is wrong. */
export class LinkError extends Error {
  constructor(
    readonly kind: LinkErrorKind,
    readonly problem: LinkProblem,
  ) {
    super(`${kind}: ${JSON.stringify(problem)}`);
    this.name = 'LinkError';
  }
}

/** Where in a link a value is read: a part, and which of its values. */
export interface LinkPlace {
  readonly part: LinkPart;
  readonly index?: number;
}

/** Throws a LinkError about one part of a link. */
export function badField(kind: LinkErrorKind, where: LinkPlace, detail: FieldDetail): never {
  throw new LinkError(kind, { kind: 'field', ...where, detail });
}
