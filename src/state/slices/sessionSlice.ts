/**
 * The session around the explored state: a notice to show (a link that could not be read, a
 * saved session that could not be restored) and embed mode (a link flag that hides the editing
 * chrome for course pages). Neither persists in links; the field table says so.
 */
import type { LinkProblem } from '../../permalink/linkError.ts';
import type { Slice } from '../store.ts';

/** A message for the whole page, as a code (the components word it). */
export type Notice =
  /** A link could not be opened. `keptWork`: the work on screen is unchanged (else the last session or the example shows). */
  | { readonly kind: 'linkRefused'; readonly problem: LinkProblem; readonly keptWork: boolean }
  /** The saved session could not be restored; the example shows. */
  | { readonly kind: 'sessionUnreadable'; readonly problem: LinkProblem };

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
