/**
 * The lesson and the language: which chapter is open (null: the explorer, no lesson) and the
 * language chosen (null: the browser's), both in the link; and presenter mode, which belongs to
 * the screen it is on (a student scanning the room's QR code gets the normal page). None is an
 * edit to undo.
 */
import type { Locale } from '../../i18n/locales.ts';
import type { Slice } from '../store.ts';

/** Lesson and language state. */
export interface LessonSlice {
  /** The open chapter (0-based), or null outside the lesson. */
  lesson: number | null;
  /** The language chosen, or null to follow the browser. */
  locale: Locale | null;
  /** Presenter mode: type for the back of a room, high contrast, chrome hidden (this screen only). */
  presenter: boolean;
  setLesson: (chapter: number | null) => void;
  setLocale: (locale: Locale | null) => void;
  setPresenter: (on: boolean) => void;
}

/** The lesson slice. */
export const createLessonSlice: Slice<LessonSlice> = (set) => ({
  lesson: null,
  locale: null,
  presenter: false,
  setLesson: (lesson) => set({ lesson }),
  setLocale: (locale) => set({ locale }),
  setPresenter: (presenter) => set({ presenter }),
});
