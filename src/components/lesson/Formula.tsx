/**
 * The formulas that carry the lesson, typeset as MathML (which browsers render natively and screen
 * readers read as mathematics): real subscripts and fractions, equals signs aligned, the same in
 * every language, copyable as text.
 */
import type { ReactNode } from 'react';
import type { ChapterId } from '../../lesson/chapterIds.ts';
import { aligned, difference, frac, op, sub } from '../common/math.tsx';

const rHat = (
  <mover accent="true">
    <mi>r</mi>
    <mo>^</mo>
  </mover>
);
/** The code range's width, q_max − q_min (255 for the paper's uint8). */
const codeWidth = [sub('q', 'max'), op('−'), sub('q', 'min')];

const FORMULAS: Partial<Record<ChapterId, ReactNode>> = {
  affine: aligned([
    [
      <mi key="r">r</mi>,
      '=',
      <mrow key="s">
        <mi>S</mi>
        {difference(<mi>q</mi>, <mi>Z</mi>)}
      </mrow>,
    ],
  ]),
  minmax: aligned([
    [<mi key="s">S</mi>, '=', frac([<mi key="a">max</mi>, op('−'), <mi key="b">min</mi>], codeWidth)],
    [
      <mi key="z">Z</mi>,
      '=',
      <mrow key="zr">
        {sub('q', 'min')}
        {op('−')}
        <mi>round</mi>
        {op('(')}
        {frac(<mi>min</mi>, <mi>S</mi>)}
        {op(')')}
      </mrow>,
    ],
  ]),
  error: aligned([
    [<mrow key="e">{difference(rHat, <mi>r</mi>, ['|', '|'])}</mrow>, '≤', frac(<mi>S</mi>, <mn>2</mn>)],
    [
      <mrow key="m">
        <mi>E</mi>
        {op('[')}
        <msup>
          {difference(rHat, <mi>r</mi>)}
          <mn>2</mn>
        </msup>
        {op(']')}
      </mrow>,
      '=',
      frac(
        <msup>
          <mi>S</mi>
          <mn>2</mn>
        </msup>,
        <mn>12</mn>,
      ),
    ],
  ]),
  outlier: aligned([[sub('S', 'c'), '=', frac([sub('max', 'c'), op('−'), sub('min', 'c')], codeWidth)]]),
  gemm: aligned([
    [
      sub('q', '3'),
      '=',
      <mrow key="q3">
        {sub('Z', '3')}
        {op('+')}
        <mi>M</mi>
        <munder>
          <mo>∑</mo>
          <mi>j</mi>
        </munder>
        {difference(sub('q', '1'), sub('Z', '1'))}
        {difference(sub('q', '2'), sub('Z', '2'))}
      </mrow>,
    ],
  ]),
  multiplier: aligned([
    [<mi key="m">M</mi>, '=', frac([sub('S', '1'), sub('S', '2')], sub('S', '3'))],
    [
      <mspace key="sp" />,
      '=',
      <mrow key="m0">
        {sub('M', '0')}
        {op('·')}
        <msup>
          <mn>2</mn>
          <mrow>
            {op('−')}
            <mi>n</mi>
          </mrow>
        </msup>
        <mspace width="1em" />
        {sub('M', '0')}
        {op('∈')}
        {op('[')}
        <mn>0.5</mn>
        {op(',')}
        <mn>1</mn>
        {op(')')}
      </mrow>,
    ],
  ]),
  ranges: aligned([
    [
      <mi key="m">m</mi>,
      '←',
      <mrow key="ema">
        <mi>m</mi>
        {op('+')}
        <mi>c</mi>
        {difference(<mi>x</mi>, <mi>m</mi>)}
        <mspace width="1em" />
        <mi>c</mi>
        {op('=')}
        <mn>0.01</mn>
      </mrow>,
    ],
  ]),
};

/** The chapter's formula, or nothing. */
export function Formula({ chapter }: { chapter: ChapterId }) {
  const formula = FORMULAS[chapter];
  if (!formula) return null;
  return (
    <div className="lesson-formula">
      <math display="block">{formula}</math>
    </div>
  );
}
