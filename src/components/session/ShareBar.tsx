import { lazy, Suspense, useRef, useState, useSyncExternalStore } from 'react';
import { COMFORTABLE_LINK_CHARS } from '../../permalink/codec.ts';
import { currentLink, settledLink, subscribeLink } from '../../permalink/sync.ts';
import { embedFragment, linkUrl } from './linkUrl.ts';

const QrCode = lazy(() => import('./QrCode.tsx').then((m) => ({ default: m.QrCode })));

/**
 * Copy link (with a fallback when the clipboard is refused), embed link, QR code, link length.
 * The link is the one the sync writes (encoded off the page's thread); nothing here encodes it again.
 */
export function ShareBar() {
  const [status, setStatus] = useState<string | null>(null);
  const [fallback, setFallback] = useState<string | null>(null);
  const [qr, setQr] = useState(false);
  const fallbackRef = useRef<HTMLInputElement>(null);
  const written = useSyncExternalStore(subscribeLink, currentLink);
  const length = linkUrl(written).length;
  const tooLong = length > COMFORTABLE_LINK_CHARS;

  const copy = (embed: boolean) => {
    const what = embed ? 'embed link' : 'link';
    setFallback(null);
    settledLink().then(
      (fragment) => {
        const text = linkUrl(embed ? embedFragment(fragment) : fragment);
        const refused = () => {
          setFallback(text);
          setStatus(`The browser did not allow copying: select the ${what} below and press Ctrl+C.`);
          requestAnimationFrame(() => fallbackRef.current?.select());
        };
        // Absent outside secure contexts (plain http on another host), whatever the DOM types say.
        const clipboard = (navigator as { clipboard?: Clipboard }).clipboard;
        if (!clipboard) {
          refused();
          return;
        }
        clipboard.writeText(text).then(() => setStatus(`${embed ? 'Embed link' : 'Link'} copied.`), refused);
      },
      () => setStatus('The link is not being written on this page, so there is nothing to copy yet.'),
    );
  };

  return (
    <div className="share-bar chrome" role="group" aria-label="Share">
      <button type="button" onClick={() => copy(false)}>
        Copy link
      </button>
      <button type="button" onClick={() => copy(true)} title="For course pages and iframes: hides the editing controls">
        Copy embed link
      </button>
      <button type="button" aria-expanded={qr} onClick={() => setQr(!qr)}>
        {qr ? 'Hide QR code' : 'QR code'}
      </button>
      <span className="muted" data-testid="link-length">
        link: {length.toLocaleString('en')} characters
      </span>
      {tooLong && (
        <span className="warning" role="note">
          Long link: over {COMFORTABLE_LINK_CHARS.toLocaleString('en')} characters, some chat apps cut it and its QR
          code is dense. It still restores the state exactly.
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
          aria-label="Link to copy"
          onFocus={(e) => e.target.select()}
        />
      )}
      {qr && (
        <Suspense fallback={<p className="muted">Loading the QR code generator…</p>}>
          <QrCode />
        </Suspense>
      )}
    </div>
  );
}
