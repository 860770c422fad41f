/** Test helpers for float32 bit patterns and the plain float32 product, independent of the engine. */
import type { FloatMatrix } from '../../src/engine/index.ts';

/** IEEE-754 bits of x rounded to float32, as "0x3f212376". */
export function f32Hex(x: number): string {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, x);
  return `0x${view.getUint32(0).toString(16).padStart(8, '0')}`;
}

/** The float32 whose IEEE-754 bits are `hex`. */
export function fromF32Hex(hex: string): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, Number.parseInt(hex, 16));
  return view.getFloat32(0);
}

/** The float32 product by the plain C++ loop: j ascending, one rounding per multiply and per add. */
export function plainFloatProduct(lhs: FloatMatrix, rhs: FloatMatrix): number[] {
  const out: number[] = [];
  for (let i = 0; i < lhs.rows; i++) {
    for (let k = 0; k < rhs.cols; k++) {
      let acc = 0;
      for (let j = 0; j < lhs.cols; j++) {
        acc = Math.fround(
          acc + Math.fround((lhs.data[i * lhs.cols + j] as number) * (rhs.data[j * rhs.cols + k] as number)),
        );
      }
      out.push(acc);
    }
  }
  return out;
}
