/** The real models of ../shared/fixtures/models/, read after their SHA-256 is checked against SHA256SUMS. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The shared fixtures' models folder. */
export const MODELS = resolve(import.meta.dirname, '../../../shared/fixtures/models');

const sums = new Map(
  readFileSync(resolve(MODELS, 'SHA256SUMS'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [hash = '', path = ''] = line.trim().split(/\s+/);
      return [path, hash] as const;
    }),
);

/** The bytes of `path` (relative to fixtures/models/), after checking its SHA-256. */
export function modelBytes(path: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(resolve(MODELS, path)));
  const hash = createHash('sha256').update(bytes).digest('hex');
  if (sums.get(path) !== hash) throw new Error(`${path}: SHA-256 ${hash} is not the one in SHA256SUMS`);
  return bytes;
}
