/**
 * The natural logarithm as fdlibm's e_log.c computes it (Sun Microsystems, 1993; the algorithm
 * behind V8's and SpiderMonkey's Math.log), written with + − × ÷ on doubles only, so that it gives
 * the same bits in every JavaScript engine. Math.log is not required to be correctly rounded and
 * engines that use their system's libm may differ in the last bit; the seeded normal draws that
 * links store as a seed must not.
 *
 *     log(x) = k·ln2 + log(1 + f),  x = 2^k · (1 + f),  √2/2 < 1 + f < √2
 *     log(1 + f) = 2s + 2/3·s³ + 2/5·s⁵ + …,  s = f / (2 + f)  (a minimax polynomial in s²)
 */

const LN2_HI = 6.9314718036912381649e-1; // 0x3fe62e42 fee00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef 35793c76
const TWO54 = 1.8014398509481984e16;
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

const word = new DataView(new ArrayBuffer(8));
const high = (x: number): number => {
  word.setFloat64(0, x);
  return word.getInt32(0);
};
const low = (x: number): number => {
  word.setFloat64(0, x);
  return word.getUint32(4);
};
const withHigh = (x: number, hi: number): number => {
  word.setFloat64(0, x);
  word.setInt32(0, hi);
  return word.getFloat64(0);
};

/** ln(x), bit for bit as fdlibm; log(±0) = −∞, log(x < 0) = NaN, log(+∞) = +∞. */
export function fdlibmLog(input: number): number {
  let x = input;
  let hx = high(x);
  const lx = low(x);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^−1022: zero, negative or subnormal.
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54; // scale a subnormal up
    hx = high(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  x = withHigh(x, hx | (i ^ 0x3ff00000)); // normalize x or x/2
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^−20
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - r : k * LN2_HI - (r - k * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const r = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + r)) : dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - r) : dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}
