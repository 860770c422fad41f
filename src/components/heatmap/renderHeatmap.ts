import type { ColourMap } from '../../viz/colour.ts';

/**
 * Paints one pixel per cell into a canvas of size cols × rows (CSS scales it up, pixelated).
 * Pure drawing: no React, called from an effect by the component that owns the canvas.
 */
export function renderHeatmap(
  ctx: CanvasRenderingContext2D,
  rows: number,
  cols: number,
  values: ArrayLike<number>,
  map: ColourMap,
): void {
  const image = ctx.createImageData(cols, rows);
  const px = image.data;
  const lut = map.table;
  const { levelScale, levelOffset } = map;
  for (let t = 0; t < rows * cols; t++) {
    const x = (values[t] as number) * levelScale + levelOffset;
    const l = Math.round(x < 0 ? 0 : x > 255 ? 255 : x) * 3;
    px[t * 4] = lut[l] as number;
    px[t * 4 + 1] = lut[l + 1] as number;
    px[t * 4 + 2] = lut[l + 2] as number;
    px[t * 4 + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}
