/**
 * Writes GGUF files for tests, from the format as include/gguf.h describes it (ggml @d99724f2):
 * magic, version, counts, key-value pairs, tensor infos, then the data aligned to `alignment`.
 */
export type WriterValue =
  | { readonly type: 'u32'; readonly value: number }
  | { readonly type: 'f32'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'strings'; readonly value: readonly string[] }
  | { readonly type: 'i32s'; readonly value: readonly number[] };

export interface WriterTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly type: number;
  readonly data: Uint8Array;
}

export function writeGguf(
  metadata: readonly (readonly [string, WriterValue])[],
  tensors: readonly WriterTensor[],
  { alignment = 32, version = 3 }: { alignment?: number; version?: number } = {},
): Uint8Array {
  const parts: number[] = [];
  const u8 = (...b: number[]) => parts.push(...b);
  const u32 = (v: number) => u8(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255);
  const u64 = (v: number) => {
    u32(v % 2 ** 32);
    u32(Math.floor(v / 2 ** 32));
  };
  const f32 = (v: number) => u8(...new Uint8Array(Float32Array.of(v).buffer));
  const str = (s: string) => {
    const b = new TextEncoder().encode(s);
    u64(b.length);
    u8(...b);
  };
  u32(0x46554747);
  u32(version);
  u64(tensors.length);
  u64(metadata.length);
  for (const [key, v] of metadata) {
    str(key);
    if (v.type === 'u32') {
      u32(4);
      u32(v.value);
    } else if (v.type === 'f32') {
      u32(6);
      f32(v.value);
    } else if (v.type === 'string') {
      u32(8);
      str(v.value);
    } else if (v.type === 'strings') {
      u32(9);
      u32(8);
      u64(v.value.length);
      for (const s of v.value) str(s);
    } else {
      u32(9);
      u32(5);
      u64(v.value.length);
      for (const x of v.value) u32(x >>> 0);
    }
  }
  let offset = 0;
  const offsets: number[] = [];
  for (const t of tensors) {
    offsets.push(offset);
    offset = Math.ceil((offset + t.data.length) / alignment) * alignment;
  }
  tensors.forEach((t, k) => {
    str(t.name);
    u32(t.dims.length);
    for (const d of t.dims) u64(d);
    u32(t.type);
    u64(offsets[k] ?? 0);
  });
  while (parts.length % alignment !== 0) u8(0);
  const header = Uint8Array.from(parts);
  const out = new Uint8Array(header.length + offset);
  out.set(header);
  tensors.forEach((t, k) => out.set(t.data, header.length + (offsets[k] ?? 0)));
  return out;
}
