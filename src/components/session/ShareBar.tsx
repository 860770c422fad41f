import { lazy, Suspense, useRef, useState, useSyncExternalStore } from 'react';
import { COMFORTABLE_LINK_CHARS, encodeLink } from '../../permalink/codec.ts';
import { currentLink, subscribeLink } from '../../permalink/sync.ts';
import { useAppStore } from '../../state/store.ts';

const QrCode = lazy(() => import('./QrCode.tsx').then((m) => ({ default: m.QrCode })));

/** The address of the current state, as the address bar will show it. */
function currentUrl(embed: boolean): string {
  const fragment = encodeLink(useAppStore.getState(), { embed });
  return `${window.location.origin}${window.location.pathname}#${fragment}`;
}

/** The length of the link in the address bar (written by the sync once edits pause). */
function useLinkLength(): number {
  const written = useSyncExternalStore(subscribeLink, currentLink);
  const fragment = written === '' ? encodeLink(useAppStore.getState()) : written;
  return `${window.location.origin}${window.location.pathname}#${fragment}`.length;
}

/** Copy link (with a fallback when the clipboard is refused), embed link, QR code, link length. */
export function ShareBar() {
  const [status, setStatus] = useState<string | null>(null);
  const [fallback, setFallback] = useState<string | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const fallbackRef = useRef<HTMLInputElement>(null);
  const length = useLinkLength();
  const tooLong = length > COMFORTABLE_LINK_CHARS;

  const copy = (text: string, what: string) => {
    setFallback(null);
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
    clipboard.writeText(text).then(() => setStatus(`${what[0]?.toUpperCase() ?? ''}${what.slice(1)} copied.`), refused);
  };

  return (
    <div className="share-bar chrome" role="group" aria-label="Share">
      <button type="button" onClick={() => copy(currentUrl(false), 'link')}>
        Copy link
      </button>
      <button
        type="button"
        onClick={() => copy(currentUrl(true), 'embed link')}
        title="For course pages and iframes: hides the editing controls"
      >
        Copy embed link
      </button>
      <button type="button" aria-expanded={qr !== null} onClick={() => setQr(qr ? null : currentUrl(false))}>
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
          <QrCode text={qr} />
        </Suspense>
      )}
    </div>
  );
}
