/**
 * MathML building blocks (browsers render MathML natively and screen readers read it as
 * mathematics): real subscripts and fractions, rows aligned on their relation sign. The formulas
 * are the same in every language.
 */
import { Fragment, type ReactNode } from 'react';

/** base with an index: a number (S₁) or a name (S_c, q_max). */
export const sub = (base: string, index: string) => (
  <msub>
    <mi>{base}</mi>
    {/^\d+$/.test(index) ? <mn>{index}</mn> : <mi>{index}</mi>}
  </msub>
);
export const op = (o: string) => <mo>{o}</mo>;
/** A row of nodes (an array's items keyed by position: formulas never reorder). */
const row = (nodes: ReactNode) => (
  <mrow>{Array.isArray(nodes) ? nodes.map((n: ReactNode, k) => <Fragment key={k}>{n}</Fragment>) : nodes}</mrow>
);
export const frac = (top: ReactNode, bottom: ReactNode) => (
  <mfrac>
    {row(top)}
    {row(bottom)}
  </mfrac>
);
/** Rows aligned on their relation sign: left | = | right (the columns' alignment is in base.css). */
export const aligned = (rows: readonly (readonly [ReactNode, string, ReactNode])[]) => (
  <mtable displaystyle="true">
    {rows.map(([left, rel, right], k) => (
      <mtr key={k}>
        <mtd>{left}</mtd>
        <mtd>{op(rel)}</mtd>
        <mtd>{right}</mtd>
      </mtr>
    ))}
  </mtable>
);
/** (a − b), or between other fences. */
export const difference = (a: ReactNode, b: ReactNode, fences: readonly [string, string] = ['(', ')']) => (
  <mrow>
    {op(fences[0])}
    {a}
    {op('−')}
    {b}
    {op(fences[1])}
  </mrow>
);

/** A number as the page formats it (a real minus sign stays part of the number). */
export const num = (text: string | number) => <mn>{String(text)}</mn>;
