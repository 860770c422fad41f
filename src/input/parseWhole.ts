import { normalizeNumberText } from './parseNumber.ts';

/**
 * The whole number typed, if it is one in [min, max]: decimal digits only (full-width too), so
 * that 1e3 or 0x10, which Number() would read, are refused.
 */
export function parseWhole(text: string, min: number, max: number): number | null {
  const digits = normalizeNumberText(text).trim();
  if (!/^\d{1,16}$/.test(digits)) return null;
  const v = Number(digits);
  return v >= min && v <= max ? v : null;
}
