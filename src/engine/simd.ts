/**
 * The WebAssembly SIMD kernels of simd.wat: the int16 dot products of the integer GEMM and of the
 * model runner's convolutions, the float32 reference product, and the output stage's high multiply
 * and rounding shift. Each computes bit for bit what
 * the plain JavaScript loops beside its callers compute (integer sums wrap the same in any order;
 * the float lanes keep each output's j-ascending chain of float32 roundings), and the callers fall
 * back to those loops where WebAssembly SIMD is missing, or when a test or the bench turns it off
 * (`enableSimd(false)`) to compare the two.
 *
 * One instance per thread (the page, each worker), compiled synchronously on first use: the
 * module is about 1.4 KB. Its memory grows to the largest product seen and is reused.
 */
import wasmBase64 from './simd.wat';

interface Exports {
  readonly memory: WebAssembly.Memory;
  readonly dotI16: (
    a: number,
    aStride: number,
    b: number,
    bStride: number,
    c: number,
    cStride: number,
    m: number,
    n: number,
    depth: number,
  ) => void;
  readonly matmulF32: (a: number, b: number, c: number, rows: number, depth: number, cols: number) => void;
  readonly highMulDivide: (a: number, n: number, m0: number, shift: number, h: number, s: number) => void;
}

/** Typed views of the whole kernel memory (valid until the next {@link Simd.heap} call). */
export interface Heap {
  readonly i16: Int16Array;
  readonly i32: Int32Array;
  readonly f32: Float32Array;
}

/** The kernels; offsets and strides are in bytes (see simd.wat for the padding each needs). */
export interface Simd {
  /** The kernel memory, grown to at least `bytes`; null when it cannot grow that far (4 GB at most). */
  heap(bytes: number): Heap | null;
  /** C[i, k] += Σ_d A[i, d] · B[k, d]: int16 rows of A and of B, int32 C; m even, n % 4 = 0, depth % 8 = 0. */
  dotI16: Exports['dotI16'];
  /** C = A · B, float32 row-major; rows % 4 = 0, cols % 8 = 0. */
  matmulF32: Exports['matmulF32'];
  /** H = SRDHM(A, m0), S = RoundingDivideByPOT(H, shift), n int32 values each (shift in 0…31). */
  highMulDivide: Exports['highMulDivide'];
}

let instance: Simd | null | undefined;
let enabled = true;

function instantiate(): Simd | null {
  try {
    const bytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Exports;
    const memory = exports.memory;
    let views: Heap | null = null;
    return {
      heap(bytes) {
        const missing = bytes - memory.buffer.byteLength;
        if (missing > 0) {
          try {
            memory.grow(Math.ceil(missing / 65536));
          } catch {
            return null; // past WebAssembly's 4 GB, or no memory to be had: the JavaScript loops serve
          }
          views = null;
        }
        views ??= {
          i16: new Int16Array(memory.buffer),
          i32: new Int32Array(memory.buffer),
          f32: new Float32Array(memory.buffer),
        };
        return views;
      },
      dotI16: exports.dotI16,
      matmulF32: exports.matmulF32,
      highMulDivide: exports.highMulDivide,
    };
  } catch {
    // No WebAssembly SIMD here (or a policy forbids compiling it): the JavaScript loops serve.
    return null;
  }
}

/** The kernels, or null where WebAssembly SIMD is unavailable or turned off. */
export function simd(): Simd | null {
  if (!enabled) return null;
  if (instance === undefined) instance = instantiate();
  return instance;
}

/** Turns the kernels on or off for this thread (tests and the bench compare both paths). */
export function enableSimd(on: boolean): void {
  enabled = on;
}

/** n rounded up to a multiple of `step`. */
export const roundUp = (n: number, step: number): number => Math.ceil(n / step) * step;

/** Writes row `r` of an operand: its `depth` int16 values from element index `at` of `i16`. */
export type PackRow = (r: number, i16: Int16Array, at: number) => void;

/**
 * Σ_d A[r, d] · B[t, d] for r < m, t < n by the dotI16 kernel, the rows written by `packA` and
 * `packB` (the depth padded with zeros to a multiple of 8, the row counts to the kernel's tile).
 * Returns the sums, A's row r at r · stride of `sums` (a view of the kernel memory, to be read
 * before the next call), or null when the memory cannot hold them.
 */
export function dotProductsI16(
  kernels: Simd,
  m: number,
  n: number,
  depth: number,
  packA: PackRow,
  packB: PackRow,
): { readonly sums: Int32Array; readonly stride: number } | null {
  const dp = roundUp(depth, 8);
  const mp = roundUp(m, 2);
  const np = roundUp(n, 4);
  const bAt = mp * dp * 2;
  const cAt = bAt + np * dp * 2;
  const heap = kernels.heap(cAt + mp * np * 4);
  if (!heap) return null;
  const { i16, i32 } = heap;
  i16.fill(0, 0, cAt / 2);
  i32.fill(0, cAt / 4, cAt / 4 + mp * np);
  for (let r = 0; r < m; r++) packA(r, i16, r * dp);
  for (let t = 0; t < n; t++) packB(t, i16, bAt / 2 + t * dp);
  kernels.dotI16(0, dp * 2, bAt, dp * 2, cAt, np * 4, mp, np, dp);
  return { sums: i32.subarray(cAt / 4, cAt / 4 + mp * np), stride: np };
}
