/** Display of 32- and 64-bit integers (BigInt here is for display only, never a hot path). */
import type { Int64 } from '../engine/index.ts';

/** The 32 bits of an int32, most significant first. */
export function bits32(x: number): string {
  return (x >>> 0).toString(2).padStart(32, '0');
}

/** The engine's exact 64-bit integer as a BigInt, for display. */
export function toBigInt(x: Int64): bigint {
  return BigInt(x.hi) * 4294967296n + BigInt(x.lo);
}

/** Two's-complement hex of a 64-bit integer, "0x" + 16 digits. */
export function hex64(x: bigint): string {
  return `0x${BigInt.asUintN(64, x).toString(16).padStart(16, '0')}`;
}

/** Two's-complement hex of a 32-bit integer, "0x" + 8 digits. */
export function hex32(x: number): string {
  return `0x${(x >>> 0).toString(16).padStart(8, '0')}`;
}

/** Digits grouped by thousands with thin spaces, with a real minus sign. */
export function groupDigits(x: bigint | number): string {
  const s = x.toString();
  const negative = s.startsWith('-');
  const digits = negative ? s.slice(1) : s;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
  return negative ? `−${grouped}` : grouped;
}

/** An integer with a real minus sign (−5, not -5). */
export function signed(n: number): string {
  return n < 0 ? `−${-n}` : String(n);
}
