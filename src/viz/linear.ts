/** A linear map from [d0, d1] onto [r0, r1] (a degenerate domain maps to the middle). */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  return d1 > d0 ? (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0) : () => (r0 + r1) / 2;
}
