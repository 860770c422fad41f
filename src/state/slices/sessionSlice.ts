/**
 * The session around the explored state: a notice to show (a link that could not be read, a
 * saved session that could not be restored) and embed mode (a link flag that hides the editing
 * chrome for course pages). Neither persists in links; the field table says so.
 */
import type { Slice } from '../store.ts';

/** A message for the whole page. */
export interface Notice {
  readonly kind: 'error' | 'info';
  readonly text: string;
}

/** Session state. */
export interface SessionSlice {
  notice: Notice | null;
  embed: boolean;
  setNotice: (notice: Notice | null) => void;
  setEmbed: (embed: boolean) => void;
}

/** The session slice. */
export const createSessionSlice: Slice<SessionSlice> = (set) => ({
  notice: null,
  embed: false,
  setNotice: (notice) => set({ notice }),
  setEmbed: (embed) => set({ embed }),
});
