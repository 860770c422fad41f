/** Where the inputs on screen come from: a preset, or a seeded draw (for the captions that say so). */
import { sameMatrix, type FloatMatrix } from '../../engine/index.ts';
import { cachedDraw, type Distribution, type Stream } from '../random.ts';

export { presetOf } from '../presets.ts';

/** Whether `m` is exactly the draw of its shape from `distribution` with `seed` in `stream`. */
export function isDrawOf(m: FloatMatrix, distribution: Distribution, seed: number, stream: Stream): boolean {
  return sameMatrix(cachedDraw(m.rows, m.cols, distribution, seed, stream), m);
}
