/**
 * Integer codes: the range [qmin, qmax] a scheme quantizes to, and the narrowest typed array that
 * holds it. The gemmlowp example (and the paper) uses uint8, [0, 255].
 */

/** A range of integer codes [qmin, qmax]. */
export interface CodeRange {
  readonly qmin: number;
  readonly qmax: number;
}

/** uint8, [0, 255]: the codes of the gemmlowp example and of the paper. */
export const UINT8: CodeRange = { qmin: 0, qmax: 255 };

/** The bits a code of this range needs (8 for uint8 and int8, and for narrow [−127, 127] too). */
export function codeBits(range: CodeRange): number {
  return Math.ceil(Math.log2(range.qmax - range.qmin + 1));
}

/** Integer codes of a quantized tensor. */
export type CodeArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Int32Array;

/** Codes of 8 bits (what the integer GEMM multiplies). */
export type EightBitCodes = Uint8Array | Int8Array;

/** A typed array of n codes of `range`: the narrowest that holds every code. */
export function newCodeArray(range: CodeRange, n: number): CodeArray {
  const { qmin, qmax } = range;
  if (qmin >= 0 && qmax <= 0xff) return new Uint8Array(n);
  if (qmin >= -0x80 && qmax <= 0x7f) return new Int8Array(n);
  if (qmin >= 0 && qmax <= 0xffff) return new Uint16Array(n);
  if (qmin >= -0x8000 && qmax <= 0x7fff) return new Int16Array(n);
  return new Int32Array(n);
}

/** Whether codes fit in 8 bits. */
export function isEightBit(codes: CodeArray): codes is EightBitCodes {
  return codes instanceof Uint8Array || codes instanceof Int8Array;
}
