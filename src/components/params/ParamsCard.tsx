import { i18n } from '@lingui/core';
import { useLingui } from '@lingui/react';
import { lazy, Suspense } from 'react';
import { withWords } from '../../i18n/i18n.ts';
import type { Library, QuantizationParams, Scheme } from '../../engine/index.ts';
import { useParams } from '../../state/hooks.ts';
import { useView } from '../../state/view.ts';
import { shownGroup } from '../../state/derived/tensor.ts';
import { useAppStore, type MatrixId } from '../../state/store.ts';
import { formatFloat32, formatScale } from '../../viz/format.ts';
import { signed } from '../../viz/int64.ts';
import { aligned, frac, num, op, sub } from '../common/math.tsx';
import { gap, joinSentences } from '../common/inputText.ts';
import { matrixName } from '../common/names.ts';
import { Problem } from '../common/Problem.tsx';
import { NumberLine } from './NumberLine.tsx';
import { GroupTable } from './GroupTable.tsx';
import { groupName } from '../common/schemeText.ts';
import { SchemeMenu } from './SchemeMenu.tsx';

/** A number as a MathML token, a negative one in parentheses (a subtrahend). */
const paren = (x: number) =>
  x < 0 || Object.is(x, -0) ? (
    <mrow>
      {op('(')}
      {num(formatFloat32(x))}
      {op(')')}
    </mrow>
  ) : (
    num(formatFloat32(x))
  );

/** How Z₀ became Z: the step before the final "Z = …" (clamped, or rounded as the library rounds). */
function zeroPointStory(p: QuantizationParams, halfEven: boolean): string {
  if (p.degenerate === 'all-zero') return '';
  const z0 = p.initialZeroPoint;
  const shown = (Number.isInteger(z0) ? String(z0) : z0.toFixed(7)).replace('-', '−');
  if (z0 < p.qmin) return i18n._('params.z0Below', { z0: shown, qmin: signed(p.qmin) });
  if (z0 > p.qmax) return i18n._('params.z0Above', { z0: shown, qmax: signed(p.qmax) });
  return halfEven ? i18n._('params.z0RoundEven', { z0: shown }) : i18n._('params.z0RoundAway', { z0: shown });
}

/** How each library turns r into a code, in words. */
const CODE_RULE: Record<Library | 'tflite-symmetric', string> = {
  gemmlowp: 'params.codeRule.gemmlowp',
  tflite: 'params.codeRule.tflite',
  'tflite-symmetric': 'params.codeRule.tfliteSymmetric',
  pytorch: 'params.codeRule.pytorch',
  onnx: 'params.codeRule.onnx',
};

/** Where a scheme's formulas come from. */
function sourceOf(scheme: Scheme): string {
  switch (scheme.library) {
    case 'gemmlowp':
      return i18n._('params.source.gemmlowp');
    case 'tflite':
      return scheme.symmetric ? i18n._('params.source.tfliteSymmetric') : i18n._('params.source.tflite');
    case 'pytorch':
      return scheme.symmetric ? i18n._('params.source.pytorchSymmetric') : i18n._('params.source.pytorch');
    case 'onnx':
      return !scheme.symmetric && scheme.qmin === 0 && scheme.qmax === 255
        ? i18n._('params.source.onnxDynamic')
        : i18n._('params.source.onnx');
  }
}

/** The card of an input stored in a block format, with its words, loaded when a format is first chosen. */
const FormatCard = lazy(() =>
  withWords('formats', () => import('../formats/FormatCard.tsx')).then((m) => ({ default: m.FormatCard })),
);

/** How one matrix's (S, Z) come from its values, with the numbers substituted (or its block format's layout). */
export function ParamsCard({ id }: { id: MatrixId }) {
  const format = useView((s) => (id === 'result' ? null : s.productOptions.formats[id]));
  if (id !== 'result' && format !== null) {
    return (
      <Suspense fallback={<p className="params-card muted">{i18n._('problem.formatLoading')}</p>}>
        <FormatCard id={id} format={format} />
      </Suspense>
    );
  }
  return <SchemeCard id={id} />;
}

function SchemeCard({ id }: { id: MatrixId }) {
  useLingui(); // the words below follow the page's language
  const view = useParams(id);
  const scheme = useView((s) => s.productOptions.schemes[id]);
  const picked = useView((s) => (id === 'result' ? null : s.pickedGroups[id]));
  const pickGroup = useAppStore((s) => s.pickGroup);
  const rows = useView((s) => (id === 'result' ? s.lhs.rows : s[id].rows));
  const cols = useView((s) => (id === 'result' ? s.rhs.cols : s[id].cols));
  const label = matrixName(id);
  if (!view.ok) {
    return (
      <article className="params-card" aria-label={i18n._('names.cardName', { matrix: label })}>
        <h3>{label}</h3>
        <SchemeMenu id={id} />
        <Problem title={i18n._('params.noParams', { matrix: label })} failure={view.failure} />
      </article>
    );
  }
  const { params: p, clamp: c, groups } = view.value;
  const grouped = groups.length > 1;
  const coarse = groupName(scheme, groups.indexOf(p), { rows, cols });
  // The group drawn on the number line (and marked in the grid): the one picked, else the coarsest.
  const shown = shownGroup(view.value, picked);
  const clamp = c ? { lo: c.lo, hi: c.hi, name: c.activation === 'relu' ? 'ReLU' : 'ReLU6' } : undefined;
  const levels = p.qmax - p.qmin;
  const symmetric = scheme.symmetric;
  const halfEven = scheme.library === 'pytorch' || scheme.library === 'onnx';
  // TFLite divides max|r| by qmax; PyTorch and ONNX Runtime's tool by (qmax − qmin) / 2 (127.5 for qint8).
  const tfliteSymmetric = scheme.library === 'tflite';
  const divisor = tfliteSymmetric ? p.qmax : levels / 2;
  const codeWidth = [sub('q', 'max'), op('−'), sub('q', 'min')];
  const symmetricWords = i18n._(p.zeroPoint === 0 ? 'params.symmetricZero' : 'params.symmetricUnsigned');
  const extendedMin = p.min !== p.observedMin;
  const extendedMax = p.max !== p.observedMax;
  return (
    <article className="params-card" aria-label={i18n._('names.cardName', { matrix: label })}>
      <h3>{label}</h3>
      <SchemeMenu id={id} />
      <p className="muted scheme-source">
        {joinSentences(sourceOf(scheme), grouped ? i18n._('params.grouped', { group: coarse }) : '')}
      </p>
      <dl>
        <dt>
          {view.value.handSet
            ? i18n._('params.setByHand')
            : grouped
              ? i18n._('params.observedIn', { group: coarse })
              : i18n._('params.observed')}
        </dt>
        <dd>
          min <span data-testid={`${id}-min`}>{formatFloat32(p.observedMin)}</span>, max{' '}
          <span data-testid={`${id}-max`}>{formatFloat32(p.observedMax)}</span>
          {id !== 'result' && (
            <span className="muted">
              {' '}
              {shown === groups.indexOf(p)
                ? i18n._('params.markedInGrid')
                : i18n._('params.gridMarks', { group: groupName(scheme, shown, { rows, cols }) })}
            </span>
          )}
        </dd>
        <dt>{symmetric ? i18n._('params.symmetricRange') : i18n._('params.rangeWithZero')}</dt>
        <dd>
          [{formatFloat32(p.min)}, {formatFloat32(p.max)}]
          {symmetric ? (
            <span className="muted"> — {i18n._('params.symmetricMiddle')}</span>
          ) : (
            (extendedMin || extendedMax) && <span className="muted"> — {i18n._('params.extended')}</span>
          )}
        </dd>
        <dt>{i18n._('params.scale')}</dt>
        <dd>
          <math data-testid={`${id}-scale-formula`}>
            {aligned([
              [
                <mi key="s">S</mi>,
                '=',
                symmetric
                  ? frac(
                      [
                        <mi key="m">max</mi>,
                        op('('),
                        <mo key="a">|</mo>,
                        <mi key="min">min</mi>,
                        <mo key="b">|</mo>,
                        op(','),
                        <mo key="c">|</mo>,
                        <mi key="max">max</mi>,
                        <mo key="d">|</mo>,
                        op(')'),
                      ],
                      tfliteSymmetric ? sub('q', 'max') : [op('('), ...codeWidth, op(')'), op('/'), num(2)],
                    )
                  : frac([<mi key="max">max</mi>, op('−'), <mi key="min">min</mi>], codeWidth),
              ],
              [
                <mrow key="s" />,
                '=',
                symmetric
                  ? frac(num(formatFloat32(Math.max(-p.min, p.max))), num(divisor))
                  : frac([num(formatFloat32(p.max)), op('−'), paren(p.min)], num(levels)),
              ],
              [
                <mrow key="s" />,
                '=',
                <mn key="v" className="result" data-testid={`${id}-scale`}>
                  {formatScale(p.scale)}
                </mn>,
              ],
            ])}
          </math>{' '}
          <span className="muted">(float32)</span>
        </dd>
        <dt>{i18n._('params.zeroPoint')}</dt>
        <dd>
          {symmetric ? (
            <>
              {symmetricWords}
              {gap(symmetricWords, 'Z')}
            </>
          ) : (
            <>
              <math data-testid={`${id}-zero-point-formula`}>
                {aligned([
                  [
                    sub('Z', '0'),
                    '=',
                    <mrow key="z">
                      {sub('q', 'min')}
                      {op('−')}
                      {frac(<mi>min</mi>, <mi>S</mi>)}
                    </mrow>,
                  ],
                  [
                    <mrow key="s" />,
                    '=',
                    p.qmin === 0 ? (
                      frac(num(formatFloat32(-p.min)), num(formatScale(p.scale)))
                    ) : (
                      <mrow key="n">
                        {num(signed(p.qmin))}
                        {op('−')}
                        {frac(paren(p.min), num(formatScale(p.scale)))}
                      </mrow>
                    ),
                  ],
                ])}
              </math>
              <br />
              {zeroPointStory(p, halfEven)}{' '}
            </>
          )}
          <strong data-testid={`${id}-zero-point`}>Z = {signed(p.zeroPoint)}</strong>
        </dd>
        <dt>{i18n._('params.codes')}</dt>
        <dd>
          {i18n._(CODE_RULE[scheme.library === 'tflite' && scheme.symmetric ? 'tflite-symmetric' : scheme.library])}
        </dd>
      </dl>
      {p.degenerate === 'all-zero' && (
        <p className="note" role="note">
          {i18n._('params.allZero', { z: p.zeroPoint })}
        </p>
      )}
      {p.degenerate === 'subnormal-scale' && (
        <p className="note" role="note">
          {i18n._('params.subnormal')}
        </p>
      )}
      {grouped && (
        <GroupTable
          label={label}
          scheme={scheme}
          groups={groups}
          shape={{ rows, cols }}
          selected={shown}
          onSelect={(g) => id !== 'result' && pickGroup(id, g)}
        />
      )}
      <NumberLine
        label={grouped ? `${label} ${groupName(scheme, shown, { rows, cols })}` : label}
        params={grouped ? (groups[shown] ?? p) : p}
        clamp={clamp}
      />
    </article>
  );
}
