/** Test helpers for float32 bit patterns, independent of the engine. */

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
