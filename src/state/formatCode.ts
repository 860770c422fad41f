/**
 * The block formats' code (src/formats and the format view), loaded on demand: the first paint
 * does without it. Asked for when a format is chosen or a link or session names one.
 */
import { lazyCode } from './lazyCode.ts';

const code = lazyCode(() => import('./derived/format.ts'));

export const { get: formatCode, load: loadFormatCode, subscribe: onFormatCode } = code;
