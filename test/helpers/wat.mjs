// WebAssembly text → a JavaScript module whose default export is the binary in base64: how the
// build (vite.config.ts's `wat` plugin), the tests (the same config) and the benches (Node's
// module hooks, ./watHooks.mjs) all turn src/**/*.wat into the bytes the engine instantiates.
import { readFile } from 'node:fs/promises';
import wabtInit from 'wabt';

let wabt = null;

/** The module source for the .wat file at `path`; throws with wabt's message when it does not compile. */
export async function watModuleSource(path) {
  wabt ??= await wabtInit();
  const parsed = wabt.parseWat(path, await readFile(path, 'utf8'), { simd: true });
  try {
    parsed.validate();
    const { buffer } = parsed.toBinary({});
    return `export default ${JSON.stringify(Buffer.from(buffer).toString('base64'))};`;
  } finally {
    parsed.destroy();
  }
}
