import { useEffect, useState } from 'react';

/** The QR modules of `text` (from the qrcode library, loaded only when first needed). */
type Modules = { size: number; dark: boolean[] } | { error: string };

/** A QR code of the link for a projector, drawn as SVG rectangles (no HTML from the library). */
export function QrCode({ text }: { text: string }) {
  const [modules, setModules] = useState<Modules | null>(null);
  useEffect(() => {
    let alive = true;
    import('qrcode')
      .then((qr) => {
        const code = qr.create(text, { errorCorrectionLevel: 'L' });
        const { size, data } = code.modules;
        if (alive) setModules({ size, dark: Array.from(data, (b) => b === 1) });
      })
      .catch((e: unknown) => {
        if (alive) setModules({ error: e instanceof Error ? e.message : String(e) });
      });
    return () => {
      alive = false;
    };
  }, [text]);
  if (!modules) return <p className="muted">Drawing the QR code…</p>;
  if ('error' in modules) return <p className="error">No QR code: {modules.error} Use “Copy link” instead.</p>;
  const { size, dark } = modules;
  const quiet = 4;
  const rects = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++)
      if (dark[y * size + x])
        rects.push(<rect key={y * size + x} x={x + quiet} y={y + quiet} width={1.02} height={1.02} />);
  }
  return (
    <svg
      className="qr"
      viewBox={`0 0 ${size + 2 * quiet} ${size + 2 * quiet}`}
      role="img"
      aria-label="QR code of the link to this exact state"
    >
      <rect width={size + 2 * quiet} height={size + 2 * quiet} fill="#fff" />
      <g fill="#000">{rects}</g>
    </svg>
  );
}
