import { useLingui } from '@lingui/react';
import { withWords } from '../../i18n/i18n.ts';
import { lazy, Suspense, useRef, useState, useSyncExternalStore } from 'react';
import { COMFORTABLE_LINK_CHARS, currentLink, settledLink, subscribeLink } from '../../permalink/activeLink.ts';
import { embedFragment, linkUrl } from './linkUrl.ts';

const QrCode = lazy(() => withWords('link', () => import('../link/QrCode.tsx')).then((m) => ({ default: m.QrCode })));

/**
 * Copy link (with a fallback when the clipboard is refused), embed link, QR code, link length.
 * The link is the one the sync writes (encoded off the page's thread); nothing here encodes it again.
 */
export function ShareBar() {
  const { i18n } = useLingui();
  const [status, setStatus] = useState<string | null>(null);
  const [fallback, setFallback] = useState<string | null>(null);
  const [qr, setQr] = useState(false);
  const fallbackRef = useRef<HTMLInputElement>(null);
  const written = useSyncExternalStore(subscribeLink, currentLink);
  const length = linkUrl(written).length;
  const tooLong = length > COMFORTABLE_LINK_CHARS;

  const copy = (embed: boolean) => {
    setFallback(null);
    settledLink().then(
      (fragment) => {
        const text = linkUrl(embed ? embedFragment(fragment) : fragment);
        const refused = () => {
          setFallback(text);
          setStatus(i18n._(embed ? 'share.refusedEmbed' : 'share.refused'));
          requestAnimationFrame(() => fallbackRef.current?.select());
        };
        // Absent outside secure contexts (plain http on another host), whatever the DOM types say.
        const clipboard = (navigator as { clipboard?: Clipboard }).clipboard;
        if (!clipboard) {
          refused();
          return;
        }
        clipboard.writeText(text).then(() => setStatus(i18n._(embed ? 'share.copiedEmbed' : 'share.copied')), refused);
      },
      () => setStatus(i18n._('share.notWritten')),
    );
  };

  return (
    <div className="share-bar chrome" role="group" aria-label={i18n._('share.group')}>
      <button type="button" onClick={() => copy(false)}>
        {i18n._('share.copy')}
      </button>
      <button type="button" onClick={() => copy(true)} title={i18n._('share.embedTitle')}>
        {i18n._('share.copyEmbed')}
      </button>
      <button type="button" aria-expanded={qr} onClick={() => setQr(!qr)}>
        {qr ? i18n._('share.hideQr') : i18n._('share.qr')}
      </button>
      <span className="muted" data-testid="link-length">
        {i18n._('share.length', { length })}
      </span>
      {tooLong && (
        <span className="warning" role="note">
          {i18n._('share.long', { max: COMFORTABLE_LINK_CHARS })}
        </span>
      )}
      <span role="status" className="share-status">
        {status}
      </span>
      {fallback && (
        <input
          ref={fallbackRef}
          className="link-fallback"
          readOnly
          value={fallback}
          aria-label={i18n._('share.fallback')}
          onFocus={(e) => e.target.select()}
        />
      )}
      {qr && (
        <Suspense fallback={<p className="muted">{i18n._('share.loadingQr')}</p>}>
          <QrCode />
        </Suspense>
      )}
    </div>
  );
}
