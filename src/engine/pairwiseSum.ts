/**
 * numpy's pairwise summation (add.reduce of a contiguous array), for sums that round — and so
 * break ties — exactly as numpy's: below 8 values one by one; up to 128 in eight accumulators
 * combined as ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), then the rest; beyond, the two
 * halves (cut at a multiple of 8) summed apart. `round` is applied after every addition: the
 * identity for float64 arrays, Math.fround for float32 ones.
 */
const identity = (x: number): number => x;

export function pairwiseSum(
  a: ArrayLike<number>,
  from: number,
  n: number,
  round: (x: number) => number = identity,
): number {
  if (n < 8) {
    let s = 0;
    for (let k = 0; k < n; k++) s = round(s + (a[from + k] as number));
    return s;
  }
  if (n <= 128) {
    let r0 = a[from] as number;
    let r1 = a[from + 1] as number;
    let r2 = a[from + 2] as number;
    let r3 = a[from + 3] as number;
    let r4 = a[from + 4] as number;
    let r5 = a[from + 5] as number;
    let r6 = a[from + 6] as number;
    let r7 = a[from + 7] as number;
    let k = 8;
    for (; k < n - (n % 8); k += 8) {
      const at = from + k;
      r0 = round(r0 + (a[at] as number));
      r1 = round(r1 + (a[at + 1] as number));
      r2 = round(r2 + (a[at + 2] as number));
      r3 = round(r3 + (a[at + 3] as number));
      r4 = round(r4 + (a[at + 4] as number));
      r5 = round(r5 + (a[at + 5] as number));
      r6 = round(r6 + (a[at + 6] as number));
      r7 = round(r7 + (a[at + 7] as number));
    }
    let s = round(round(round(r0 + r1) + round(r2 + r3)) + round(round(r4 + r5) + round(r6 + r7)));
    for (; k < n; k++) s = round(s + (a[from + k] as number));
    return s;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return round(pairwiseSum(a, from, n2, round) + pairwiseSum(a, from + n2, n - n2, round));
}
