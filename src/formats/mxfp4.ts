/**
 * ggml's MXFP4 (gpt-oss; ggml-quants.c quantize_row_mxfp4_ref, dequantize_row_mxfp4): blocks of 32
 * values sharing one E8M0 scale, each value an E2M1 code. ggml keeps the E2M1 values doubled
 * (kvalues_mxfp4 = 0, 1, 2, 3, 4, 6, 8, 12 and their negatives) and halves the scale instead:
 *
 *     e = floor(log2(amax)) − 2 + 127,  d = 2^(e − 128),  q = the code whose value·d is nearest x (the first on a tie),  x̂ = kvalues[q]·d
 *
 * in float32 as the C computes it; log2f is correctly rounded float32 (Math.log2 then fround).
 */

/** E2M1's values, doubled (ggml's kvalues_mxfp4). */
export const KVALUES_MXFP4 = [0, 1, 2, 3, 4, 6, 8, 12, 0, -1, -2, -3, -4, -6, -8, -12] as const;

export const MXFP4_BLOCK = { blockValues: 32, blockBytes: 17 } as const;

const f = Math.fround;

/** ggml_e8m0_to_fp32_half: 2^(e − 128), subnormal for e < 2. */
export function e8m0Half(e: number): number {
  // 2^-128 and 2^-127 are float32 subnormals, exactly representable; so is every other 2^(e − 128).
  return 2 ** (e - 128);
}

/** C's float → uint8_t as gcc on x86-64 compiles it (cvttss2si, then the low byte). */
const toUint8 = (v: number) => (v > -2147483649 && v < 2147483648 ? Math.trunc(v) : -2147483648) & 0xff;

/** The code whose value · d is nearest x (strict <: the first on a tie, the smaller magnitude). */
export function bestIndex(x: number, d: number): number {
  let best = 0;
  let bestErr = Math.abs(f(f(KVALUES_MXFP4[0] * d) - x));
  for (let i = 1; i < 16; i++) {
    const err = Math.abs(f(f((KVALUES_MXFP4[i] ?? 0) * d) - x));
    if (err < bestErr) {
      best = i;
      bestErr = err;
    }
  }
  return best;
}

/** quantize_row_mxfp4_ref: `values` (a multiple of 32) as 17-byte blocks (E8M0, then 16 bytes of nibbles). */
export function quantizeMxfp4(values: Float32Array): Uint8Array {
  const blocks = Math.floor(values.length / 32);
  const out = new Uint8Array(blocks * 17);
  for (let i = 0; i < blocks; i++) {
    let amax = 0;
    for (let j = 0; j < 32; j++) {
      const v = Math.abs(values[i * 32 + j] ?? 0);
      if (amax < v) amax = v;
    }
    const e = amax > 0 ? toUint8(f(f(Math.floor(f(Math.log2(amax))) - 2) + 127)) : 0;
    const d = e8m0Half(e);
    out[i * 17] = e;
    for (let j = 0; j < 16; j++) {
      const x0 = bestIndex(values[i * 32 + j] ?? 0, d);
      const x1 = bestIndex(values[i * 32 + 16 + j] ?? 0, d);
      out[i * 17 + 1 + j] = x0 | (x1 << 4);
    }
  }
  return out;
}

/** dequantize_row_mxfp4: the first `count` values (a multiple of 32). */
export function dequantizeMxfp4(bytes: Uint8Array, count: number): Float32Array {
  const y = new Float32Array(count);
  for (let i = 0; i < count / 32; i++) {
    const d = e8m0Half(bytes[i * 17] ?? 0);
    for (let j = 0; j < 16; j++) {
      const byte = bytes[i * 17 + 1 + j] ?? 0;
      y[i * 32 + j] = f((KVALUES_MXFP4[byte & 0x0f] ?? 0) * d);
      y[i * 32 + 16 + j] = f((KVALUES_MXFP4[byte >>> 4] ?? 0) * d);
    }
  }
  return y;
}
