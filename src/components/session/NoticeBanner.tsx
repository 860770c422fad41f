import { useLingui } from '@lingui/react';
import { lazy, Suspense } from 'react';
import { withWords } from '../../i18n/i18n.ts';
import type { Notice } from '../../state/slices/sessionSlice.ts';
import { useAppStore } from '../../state/store.ts';

// The notices' words come with the first notice: the first paint has none.
// Where they cannot be loaded (offline without the service worker), the notice's code stands in.
const NoticeText = lazy(() =>
  withWords('link', () => import('../link/NoticeText.tsx')).catch(() => ({
    default: ({ notice }: { notice: Notice }) => <code>{notice.kind}</code>,
  })),
);

/** A page-wide message (a link that could not be opened…), dismissible. Text only, never HTML. */
export function NoticeBanner() {
  const { i18n } = useLingui();
  const notice = useAppStore((s) => s.notice);
  const setNotice = useAppStore((s) => s.setNotice);
  if (!notice) return null;
  const error = notice.kind === 'linkRefused';
  return (
    <div role={error ? 'alert' : 'status'} className={`notice ${error ? 'error' : 'info'}`}>
      <p>
        <Suspense fallback={null}>
          <NoticeText notice={notice} />
        </Suspense>
      </p>
      <button type="button" onClick={() => setNotice(null)}>
        {i18n._('notice.dismiss')}
      </button>
    </div>
  );
}
