/** The lesson's chapters, in the paper's (and the seed's) order. Light: the store and the link read it. */
export const CHAPTER_IDS = ['why', 'affine', 'minmax', 'error', 'outlier', 'gemm', 'multiplier', 'ranges'] as const;
export type ChapterId = (typeof CHAPTER_IDS)[number];
