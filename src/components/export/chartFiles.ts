/**
 * The page's charts as files: each SVG chart (role="img", named) as a standalone SVG with its
 * styles written in, and as a PNG drawn from it; each canvas heatmap as a PNG (and an SVG that
 * holds that picture). Everything is made in the page: no network.
 */

/** A chart on the page, and the name a person knows it by. */
export interface PageChart {
  readonly name: string;
  readonly element: SVGSVGElement | HTMLCanvasElement;
}

/** Every chart on the page now, in page order. */
export function pageCharts(root: ParentNode = document): PageChart[] {
  const charts: PageChart[] = [];
  for (const el of root.querySelectorAll<SVGSVGElement | HTMLCanvasElement>('svg[role="img"], figure canvas')) {
    const name =
      el.getAttribute('aria-label') ??
      el.closest('figure')?.querySelector('figcaption')?.textContent ??
      el.closest('[aria-label]')?.getAttribute('aria-label') ??
      'chart';
    if (el instanceof HTMLCanvasElement && el.width === 0) continue;
    charts.push({ name: name.trim().slice(0, 120), element: el });
  }
  return charts;
}

/** The presentation properties written into an exported SVG (what the page's CSS gave it). */
const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const;

/** A standalone SVG document of `svg`, its computed styles written in as attributes. */
export function svgDocument(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((el, k) => {
    const target = copies[k];
    if (!target) return;
    // Presentation attributes, not a style attribute: the page's Content-Security-Policy forbids
    // inline styles, and a file read without the page's CSS needs them written out.
    const style = getComputedStyle(el);
    for (const p of STYLE_PROPERTIES) target.setAttribute(p, style.getPropertyValue(p));
  });
  const box = svg.getBoundingClientRect();
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  if (!copy.getAttribute('width')) copy.setAttribute('width', String(Math.round(box.width)));
  if (!copy.getAttribute('height')) copy.setAttribute('height', String(Math.round(box.height)));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

const canvasBlob = (canvas: HTMLCanvasElement): Promise<Blob> =>
  new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The picture could not be made.'))), 'image/png'),
  );

/** The chart as a PNG: a canvas as it is; an SVG drawn at twice its size on white. */
export async function pngOf(chart: PageChart): Promise<Blob> {
  if (chart.element instanceof HTMLCanvasElement) return canvasBlob(chart.element);
  const svg = chart.element;
  const { width, height } = svg.getBoundingClientRect();
  const url = URL.createObjectURL(new Blob([svgDocument(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * 2));
    canvas.height = Math.max(1, Math.round(height * 2));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('The picture could not be made.');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await canvasBlob(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The chart as an SVG file: vector for SVG charts; a canvas's picture inside an SVG. */
export function svgOf(chart: PageChart): Blob {
  const el = chart.element;
  if (el instanceof SVGSVGElement) return new Blob([svgDocument(el)], { type: 'image/svg+xml' });
  const { width, height } = el;
  const image = el.toDataURL('image/png');
  const doc = `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image href="${image}" width="${width}" height="${height}" image-rendering="pixelated"/></svg>\n`;
  return new Blob([doc], { type: 'image/svg+xml' });
}

/** Saves `blob` as `name` (the browser's download). */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // Some browsers start reading the file after the click returns: revoke later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a chart's name: letters, digits and dashes. */
export function fileName(name: string, extension: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[^\w]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return `${base || 'chart'}.${extension}`;
}
