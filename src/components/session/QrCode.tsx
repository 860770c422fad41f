import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { currentLink, subscribeLink } from '../../permalink/sync.ts';
import { linkUrl, servedLocally } from './linkUrl.ts';

/** The QR modules of a text (from the qrcode library, loaded only when first needed). */
type Code =
  | { readonly text: string; readonly size: number; readonly version: number; readonly dark: readonly boolean[] }
  | { readonly text: string; readonly tooLong: true };

/** Most bytes a QR code holds (version 40, error correction L, byte mode). */
const QR_CAPACITY = 2953;
/**
 * Densest code phones read from the back of a room when it is shown full screen: about 3 px of
 * camera image per module for a projection 2 m high seen from 8 m leaves room for ~80 modules
 * (version 15, 77 × 77).
 */
const ROOM_VERSION = 15;
/** Densest code phones read even up close on a projection (version 25, 117 × 117). */
const CLOSE_VERSION = 25;

/** The QR code of the current link, following every write of the link. */
function useCode(url: string): Code | null {
  const [code, setCode] = useState<Code | null>(null);
  useEffect(() => {
    let alive = true;
    void import('qrcode').then((qr) => {
      let next: Code;
      try {
        const made = qr.create(url, { errorCorrectionLevel: 'L' });
        const { size, data } = made.modules;
        next = { text: url, size, version: made.version, dark: Array.from(data, (b) => b === 1) };
      } catch {
        next = { text: url, tooLong: true }; // the one way it fails: more data than any QR code holds
      }
      if (alive) setCode(next);
    });
    return () => {
      alive = false;
    };
  }, [url]);
  return code;
}

/** The modules as SVG rectangles (no HTML from the library). */
function QrSvg({ size, dark, className }: { size: number; dark: readonly boolean[]; className: string }) {
  const quiet = 4;
  const rects = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++)
      if (dark[y * size + x])
        rects.push(<rect key={y * size + x} x={x + quiet} y={y + quiet} width={1.02} height={1.02} />);
  }
  return (
    <svg
      className={className}
      viewBox={`0 0 ${size + 2 * quiet} ${size + 2 * quiet}`}
      role="img"
      aria-label="QR code of the link to this exact state"
    >
      <rect width={size + 2 * quiet} height={size + 2 * quiet} fill="#fff" />
      <g fill="#000">{rects}</g>
    </svg>
  );
}

/**
 * A QR code of the link for a projector. It follows the state (redrawn whenever the link is
 * written), says when phones cannot open it (a page on localhost) or read it (too dense), and
 * opens full screen.
 */
export function QrCode() {
  const url = linkUrl(useSyncExternalStore(subscribeLink, currentLink));
  const code = useCode(url);
  const dialog = useRef<HTMLDialogElement>(null);
  const local = servedLocally();
  if (!code) return <p className="muted">Drawing the QR code…</p>;
  const current = code.text === url;
  return (
    <div className="qr-box">
      {local && (
        <p className="warning" role="note">
          This page is served from this computer ({window.location.host || 'a file'}): phones cannot open its link.
          Serve it on the network with <code>npm start -- --host</code> and open the address it prints for the network
          (for example http://192.168.1.20:4173) before showing the QR code.
        </p>
      )}
      {'tooLong' in code ? (
        <p className="error" role="alert">
          No QR code: the link is {code.text.length.toLocaleString('en')} characters, more than a QR code holds (
          {QR_CAPACITY.toLocaleString('en')}). Use “Copy link”, or shorten it: presets and random draws take a few
          characters, typed short decimals far fewer than pasted data.
        </p>
      ) : (
        <>
          <QrSvg size={code.size} dark={code.dark} className="qr" />
          <p className={code.version > ROOM_VERSION ? 'warning' : 'muted'} role="note" data-testid="qr-density">
            {code.size} × {code.size} modules (version {code.version} of 40).{' '}
            {code.version <= ROOM_VERSION
              ? 'Shown full screen, phones read it from the back of a room.'
              : code.version <= CLOSE_VERSION
                ? 'Dense: show it full screen; students at the back may need to come closer.'
                : 'Too dense for a classroom: phones read it only up close, even full screen. Shorten the link (presets, random draws and short decimals take few characters) or share it another way.'}
            {!current && ' Updating…'}
          </p>
          <button type="button" onClick={() => dialog.current?.showModal()}>
            Show the QR code full screen
          </button>
          <dialog ref={dialog} className="qr-dialog" aria-label="QR code, full screen">
            <QrSvg size={code.size} dark={code.dark} className="qr-full" />
            <p className="qr-url">{code.text.length > 120 ? `${code.text.slice(0, 117)}…` : code.text}</p>
            <button type="button" onClick={() => dialog.current?.close()}>
              Close (Esc)
            </button>
          </dialog>
        </>
      )}
    </div>
  );
}
