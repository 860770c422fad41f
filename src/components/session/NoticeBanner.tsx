import { useAppStore } from '../../state/store.ts';

/** A page-wide message (a link that could not be opened…), dismissible. Text only, never HTML. */
export function NoticeBanner() {
  const notice = useAppStore((s) => s.notice);
  const setNotice = useAppStore((s) => s.setNotice);
  if (!notice) return null;
  return (
    <div role={notice.kind === 'error' ? 'alert' : 'status'} className={`notice ${notice.kind}`}>
      <p>{notice.text}</p>
      <button type="button" onClick={() => setNotice(null)}>
        Dismiss
      </button>
    </div>
  );
}
