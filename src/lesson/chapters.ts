/**
 * The lesson: eight chapters in the paper's order, each a short narration, the live panel it is
 * about, and one or two tasks the app checks on the state itself (no memory of what was clicked:
 * a task is done when the state shows it). Words are message ids of the catalogs.
 */
import { walkPosition } from '../state/derived/walkthrough.ts';
import type { AppStore, State } from '../state/store.ts';
import { CHAPTER_IDS, type ChapterId } from './chapterIds.ts';

/** The panels a chapter can show, large. */
export type LessonPanel = 'inputs' | 'params' | 'histogram' | 'heatmap' | 'gemm' | 'multiplier' | 'calibration';

/** A task the app checks. */
export interface LessonTask {
  /** Message id of what to do. */
  readonly text: string;
  readonly done: (s: State, store: AppStore) => boolean;
}

/** A chapter: its words (message ids), its panel, its tasks. */
export interface Chapter {
  readonly id: ChapterId;
  readonly title: string;
  /** 2–6 sentences, as paragraphs. */
  readonly narration: readonly string[];
  /** The live panels it shows, large, in page order. */
  readonly panels: readonly LessonPanel[];
  readonly tasks: readonly LessonTask[];
}

/** The LHS's quantization parameters, when they can be computed. */
function lhsParams(s: State, store: AppStore) {
  const p = store.derive.params(s, 'lhs');
  return p.ok ? p.value.params : null;
}

const CHAPTERS_BY_ID: Readonly<Record<ChapterId, Omit<Chapter, 'id'>>> = {
  why: {
    title: 'ch.why.title',
    narration: ['ch.why.p1', 'ch.why.p2'],
    panels: ['inputs'],
    tasks: [{ text: 'ch.why.task1', done: (s) => s.lhs.data[0] === 1.5 }],
  },
  affine: {
    title: 'ch.affine.title',
    narration: ['ch.affine.p1', 'ch.affine.p2'],
    panels: ['inputs', 'params'],
    tasks: [{ text: 'ch.affine.task1', done: (s) => Object.is(s.lhs.data[0], 0) }],
  },
  minmax: {
    title: 'ch.minmax.title',
    narration: ['ch.minmax.p1', 'ch.minmax.p2'],
    panels: ['inputs', 'params'],
    tasks: [
      // The ends of the LHS scheme's code range (0 and 255 in the paper's uint8).
      {
        text: 'ch.minmax.task1',
        done: (s, store) => {
          const p = lhsParams(s, store);
          return p !== null && p.zeroPoint === p.qmin;
        },
      },
      {
        text: 'ch.minmax.task2',
        done: (s, store) => {
          const p = lhsParams(s, store);
          return p !== null && p.zeroPoint === p.qmax;
        },
      },
    ],
  },
  error: {
    title: 'ch.error.title',
    narration: ['ch.error.p1', 'ch.error.p2'],
    panels: ['inputs', 'histogram'],
    tasks: [{ text: 'ch.error.task1', done: (s, store) => (lhsParams(s, store)?.scale ?? 1) < 0.005 }],
  },
  outlier: {
    title: 'ch.outlier.title',
    narration: ['ch.outlier.p1', 'ch.outlier.p2'],
    panels: ['inputs', 'params', 'heatmap'],
    tasks: [
      { text: 'ch.outlier.task1', done: (s) => s.lhs.data.some((v) => v >= 10) },
      {
        text: 'ch.outlier.task2',
        done: (s) => s.lhs.data.some((v) => v >= 10) && s.productOptions.schemes.lhs.granularity.kind !== 'tensor',
      },
    ],
  },
  gemm: {
    title: 'ch.gemm.title',
    narration: ['ch.gemm.p1', 'ch.gemm.p2'],
    panels: ['gemm'],
    tasks: [
      { text: 'ch.gemm.task1', done: (s) => s.selected.row !== 0 || s.selected.col !== 0 },
      {
        text: 'ch.gemm.task2',
        done: (s) => {
          const at = walkPosition(s);
          return at.step === at.length - 1;
        },
      },
    ],
  },
  multiplier: {
    title: 'ch.multiplier.title',
    narration: ['ch.multiplier.p1', 'ch.multiplier.p2'],
    panels: ['multiplier'],
    tasks: [{ text: 'ch.multiplier.task1', done: (s) => s.freeMultiplier === Math.fround(0.1) }],
  },
  ranges: {
    title: 'ch.ranges.title',
    narration: ['ch.ranges.p1', 'ch.ranges.p2'],
    panels: ['calibration'],
    tasks: [{ text: 'ch.ranges.task1', done: (s) => s.productOptions.resultRange !== null }],
  },
};

/** The chapters, in order. */
export const CHAPTERS: readonly Chapter[] = CHAPTER_IDS.map((id) => ({ id, ...CHAPTERS_BY_ID[id] }));
