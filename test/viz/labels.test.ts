/** Axis labels never overlap, stay inside the drawing, and keep what is required. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeLabels, textWidth, type PlacedLabel } from '../../src/viz/labels.ts';

/** The interval a placed label covers. */
function span(l: PlacedLabel, charWidth: number): [number, number] {
  const w = textWidth(l.text, charWidth);
  const left = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - w : l.x - w / 2;
  return [left, left + w];
}

const request = fc.record({
  x: fc.double({ min: -20, max: 320, noNaN: true }),
  text: fc.string({ minLength: 1, maxLength: 12 }),
  priority: fc.integer({ min: 0, max: 3 }),
  required: fc.boolean(),
});

describe('placeLabels', () => {
  it('never puts two labels of a row over each other, and keeps every one inside the drawing', () => {
    fc.assert(
      fc.property(fc.array(request, { maxLength: 12 }), (requests) => {
        const placed = placeLabels(
          requests.map((r) => ({ ...r, required: false })),
          { width: 300, charWidth: 6, rows: 2 },
        );
        for (const a of placed) {
          const [l, r] = span(a, 6);
          const w = r - l;
          if (w <= 300) expect(l).toBeGreaterThanOrEqual(-1e-9);
          if (w <= 300) expect(r).toBeLessThanOrEqual(300 + 1e-9);
          for (const b of placed) {
            if (a === b || a.row !== b.row) continue;
            const [l2, r2] = span(b, 6);
            expect(r <= l2 + 1e-9 || r2 <= l + 1e-9).toBe(true);
          }
        }
      }),
      { seed: 4, numRuns: 500 },
    );
  });

  it('places higher priorities first, moves a required clash to the next row, and drops an optional one', () => {
    const placed = placeLabels(
      [
        { x: 100, text: 'min −0.42495307', priority: 2, required: true },
        { x: 104, text: '0', priority: 3, required: true },
        { x: 110, text: '128', priority: 1 },
      ],
      { width: 300, charWidth: 6, rows: 2 },
    );
    expect(placed.map((l) => [l.text, l.row])).toEqual([
      ['0', 0],
      ['min −0.42495307', 1],
    ]);
  });

  it('keeps a required label that fits nowhere, on the last row', () => {
    const placed = placeLabels(
      [0, 1, 2].map((k) => ({ x: 150 + k, text: `Z=${k}`, priority: 1, required: true })),
      { width: 300, charWidth: 6, rows: 2 },
    );
    expect(placed.map((l) => l.row)).toEqual([0, 1, 1]);
  });

  it('anchors a label at the start or end of the drawing instead of cutting it off', () => {
    const [left, right] = placeLabels(
      [
        { x: 0, text: '−0.42495307', priority: 1 },
        { x: 300, text: '12', priority: 1 },
      ],
      { width: 300, charWidth: 6, rows: 1 },
    );
    expect([left?.anchor, left?.x, right?.anchor, right?.x]).toEqual(['start', 0, 'end', 300]);
  });
});
