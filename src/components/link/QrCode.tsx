import { useLingui } from '@lingui/react';
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { currentLink, subscribeLink } from '../../permalink/activeLink.ts';
import { linkUrl, servedLocally } from '../session/linkUrl.ts';

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

/** How phones read a code of a QR version, as a message id. */
const advice = (version: number): string =>
  version <= ROOM_VERSION ? 'link.qr.room' : version <= CLOSE_VERSION ? 'link.qr.dense' : 'link.qr.tooDense';

/** The modules as SVG rectangles (no HTML from the library); `label`: its name, in the page's language. */
function QrSvg({
  size,
  dark,
  className,
  label,
}: {
  size: number;
  dark: readonly boolean[];
  className: string;
  label: string;
}) {
  const quiet = 4;
  const rects = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++)
      if (dark[y * size + x])
        rects.push(<rect key={y * size + x} x={x + quiet} y={y + quiet} width={1.02} height={1.02} />);
  }
  return (
    <svg className={className} viewBox={`0 0 ${size + 2 * quiet} ${size + 2 * quiet}`} role="img" aria-label={label}>
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

/** A mark the words cannot contain, where the command goes (as code) in a worded sentence. */
const COMMAND_MARK = '\u2063';

/** The sentence with `command` as code where the mark is (<Trans> would cost the first paint 1 KB). */
function withCode(sentence: string, command: string): ReactNode {
  const [before = '', ...after] = sentence.split(COMMAND_MARK);
  return (
    <>
      {before}
      <code>{command}</code>
      {after.join(command)}
    </>
  );
}

export function QrCode() {
  const { i18n } = useLingui();
  const url = linkUrl(useSyncExternalStore(subscribeLink, currentLink));
  const code = useCode(url);
  const dialog = useRef<HTMLDialogElement>(null);
  const local = servedLocally();
  if (!code) return <p className="muted">{i18n._('link.qr.drawing')}</p>;
  const current = code.text === url;
  const label = i18n._('link.qr.label');
  const density =
    'tooLong' in code
      ? ''
      : i18n._('link.qr.density', { size: code.size, version: code.version, advice: i18n._(advice(code.version)) });
  return (
    <div className="qr-box">
      {local && (
        <p className="warning" role="note">
          {withCode(
            i18n._('link.qr.local', {
              host: window.location.host || i18n._('link.qr.aFile'),
              command: COMMAND_MARK,
              example: 'http://192.168.1.20:4173',
            }),
            'npm start -- --host',
          )}
        </p>
      )}
      {'tooLong' in code ? (
        <p className="error" role="alert">
          {i18n._('link.qr.tooLong', { length: code.text.length, capacity: QR_CAPACITY, copy: i18n._('share.copy') })}
        </p>
      ) : (
        <>
          <QrSvg size={code.size} dark={code.dark} className="qr" label={label} />
          <p className={code.version > ROOM_VERSION ? 'warning' : 'muted'} role="note" data-testid="qr-density">
            {current ? density : i18n._('link.qr.updating', { text: density })}
          </p>
          <button type="button" onClick={() => dialog.current?.showModal()}>
            {i18n._('link.qr.fullScreen')}
          </button>
          <dialog ref={dialog} className="qr-dialog" aria-label={i18n._('link.qr.dialog')}>
            <QrSvg size={code.size} dark={code.dark} className="qr-full" label={label} />
            <p className="qr-url">{code.text.length > 120 ? `${code.text.slice(0, 117)}…` : code.text}</p>
            <button type="button" onClick={() => dialog.current?.close()}>
              {i18n._('link.qr.close')}
            </button>
          </dialog>
        </>
      )}
    </div>
  );
}
