import { useLingui } from '@lingui/react';
import { useAppStore } from '../../state/store.ts';
import { noticeText } from './linkText.ts';

/** A page-wide message (a link that could not be opened…), dismissible. Text only, never HTML. */
export function NoticeBanner() {
  const { i18n } = useLingui();
  const notice = useAppStore((s) => s.notice);
  const setNotice = useAppStore((s) => s.setNotice);
  if (!notice) return null;
  const error = notice.kind === 'linkRefused';
  return (
    <div role={error ? 'alert' : 'status'} className={`notice ${error ? 'error' : 'info'}`}>
      <p>{noticeText(notice)}</p>
      <button type="button" onClick={() => setNotice(null)}>
        {i18n._('notice.dismiss')}
      </button>
    </div>
  );
}
