/** The number line: real 0 exactly on Z, the code range from the parameters, labels apart. */
import { describe, expect, it } from 'vitest';
import { chooseQuantizationParams, paramsOf } from '../../src/engine/index.ts';
import { presetMatrices } from '../../src/state/presets.ts';
import { textWidth, type PlacedLabel } from '../../src/viz/labels.ts';
import { numberLineLayout } from '../../src/viz/numberLine.ts';

function overlaps(labels: readonly PlacedLabel[]): boolean {
  const spans = labels.map((l) => {
    const w = textWidth(l.text, 6.2);
    const left = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - w : l.x - w / 2;
    return { row: l.row, left, right: left + w };
  });
  return spans.some((a, i) => spans.some((b, j) => i < j && a.row === b.row && a.right > b.left && b.right > a.left));
}

describe('numberLineLayout', () => {
  it('puts real 0 exactly on the code Z, and spans the parameters’ code range', () => {
    const p = chooseQuantizationParams(-0.7460264, 0.93773556);
    const layout = numberLineLayout(p, 340);
    const zero = layout.realTicks.find((t) => t.zero);
    expect(zero?.x).toBe(layout.atCode(p.zeroPoint));
    expect([layout.x0, layout.x1]).toEqual([layout.atCode(0), layout.atCode(255)]);
    const int8 = chooseQuantizationParams(-1, 2, { qmin: -128, qmax: 127 });
    const codes = numberLineLayout(int8, 340).codeTicks.map((t) => t.value);
    expect(codes[0]).toBe(-128);
    expect(codes.at(-1)).toBe(127);
    expect(codes).toContain(int8.zeroPoint);
  });

  it.each(['gemmlowp', 'outlier', 'positive', 'constant'] as const)(
    'draws no label over another for the %s preset',
    (id) => {
      for (const m of [presetMatrices(id).lhs, presetMatrices(id).rhs]) {
        const layout = numberLineLayout(paramsOf(m), 340);
        expect(overlaps(layout.realLabels)).toBe(false);
        expect(overlaps(layout.codeLabels)).toBe(false);
        // min, 0 (once, when the range starts or ends at 0), max; and qmin, Z, qmax always labelled.
        expect(layout.realLabels.map((l) => l.text)).toContain('0');
        const codes = layout.codeLabels.map((l) => l.text);
        expect(codes).toContain(`Z=${paramsOf(m).zeroPoint}`);
        expect(codes.some((t) => t === '0' || t === 'Z=0')).toBe(true);
        expect(codes.some((t) => t === '255' || t === 'Z=255')).toBe(true);
      }
    },
  );

  it('labels a range that starts at 0 once (0 is its min)', () => {
    const layout = numberLineLayout(chooseQuantizationParams(0, 0.5), 340);
    expect(layout.realLabels.map((l) => l.text).sort()).toEqual(['0', '0.5']);
  });
});
