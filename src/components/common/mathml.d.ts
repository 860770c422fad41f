/** MathML Core elements in JSX (React renders them in the MathML namespace; its types lack them). */
import 'react';

type MathProps = React.HTMLAttributes<HTMLElement> & {
  key?: React.Key;
  display?: 'block' | 'inline';
  mathvariant?: string;
  stretchy?: 'true' | 'false';
  form?: 'prefix' | 'infix' | 'postfix';
  displaystyle?: 'true' | 'false';
  accent?: 'true' | 'false';
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      math: MathProps;
      mrow: MathProps;
      mi: MathProps;
      mn: MathProps;
      mo: MathProps;
      mtext: MathProps;
      mfrac: MathProps;
      msub: MathProps;
      msup: MathProps;
      msubsup: MathProps;
      munderover: MathProps;
      munder: MathProps;
      mover: MathProps;
      mtable: MathProps;
      mtr: MathProps;
      mtd: MathProps;
      mspace: MathProps & { width?: string };
    }
  }
}
