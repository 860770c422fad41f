import type { Notice } from '../../state/slices/sessionSlice.ts';
import { noticeText } from './linkText.ts';

/** A page-wide notice in words (loaded with the first notice: the first paint has none). */
export default function NoticeText({ notice }: { notice: Notice }) {
  return <>{noticeText(notice)}</>;
}
