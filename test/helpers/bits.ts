/** Float32 bits for comparing draws: hex words, and an FNV-1a checksum of long ones. */

/** The IEEE bits of each float32, as 8 hex digits. */
export function hex(data: Float32Array): string[] {
  return Array.from(new Uint32Array(data.buffer, data.byteOffset, data.length), (b) => b.toString(16).padStart(8, '0'));
}

/** FNV-1a over the float32 bytes: a check of long draws without storing them. */
export function fnv(data: Float32Array): string {
  let h = 0x811c9dc5;
  for (const b of new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
