/**
 * The rounding rules the reference uses, written out because JavaScript's Math.round is none
 * of them on ties: C++ std::round rounds half away from zero (round(-2.5) = -3), Math.round
 * rounds half toward +∞ (Math.round(-2.5) = -2), numpy and PyTorch round half to even.
 */

/** std::round: nearest integer, ties away from zero. */
export function roundHalfAwayFromZero(x: number): number {
  // x - trunc(x) is exact, unlike x + 0.5 (which rounds 0.49999999999999994 up to 1).
  const t = Math.trunc(x);
  return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
}

/** numpy.round / torch.round / IEEE roundTiesToEven: nearest integer, ties to even. */
export function roundHalfToEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
