/**
 * The lesson and the language: which chapter is open (null: the explorer, no lesson) and the
 * language chosen (null: the browser's). Both are in the link, neither is an edit to undo.
 */
import type { Locale } from '../../i18n/locales.ts';
import type { Slice } from '../store.ts';

/** Lesson and language state. */
export interface LessonSlice {
  /** The open chapter (0-based), or null outside the lesson. */
  lesson: number | null;
  /** The language chosen, or null to follow the browser. */
  locale: Locale | null;
  setLesson: (chapter: number | null) => void;
  setLocale: (locale: Locale | null) => void;
}

/** The lesson slice. */
export const createLessonSlice: Slice<LessonSlice> = (set) => ({
  lesson: null,
  locale: null,
  setLesson: (lesson) => set({ lesson }),
  setLocale: (locale) => set({ locale }),
});
