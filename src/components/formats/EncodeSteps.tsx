import { useLingui } from '@lingui/react';
import type { Encoding } from '../../formats/explain.ts';
import type { BlockFormat } from '../../formats/index.ts';
import { formatFloat32, formatShort } from '../../viz/format.ts';

/** A step's number as the page writes it: integers whole, others as float32 digits, a real minus. */
const number = (x: number) =>
  Number.isInteger(x) && Math.abs(x) < 1e9 ? String(x).replace('-', '−') : formatFloat32(x);

/** Each step's words. */
const STEP_TEXT: Readonly<Record<string, string>> = {
  absmax: 'formats.step.absmax',
  amax: 'formats.step.amax',
  d127: 'formats.step.d127',
  dAffine: 'formats.step.dAffine',
  dSymmetric: 'formats.step.dSymmetric',
  decode: 'formats.step.decode',
  decodeTable: 'formats.step.decodeTable',
  elementRound: 'formats.step.elementRound',
  fp16: 'formats.step.fp16',
  fp16Min: 'formats.step.fp16Min',
  fp8Grid: 'formats.step.fp8Grid',
  ggmlExponent: 'formats.step.ggmlExponent',
  inverse: 'formats.step.inverse',
  inverse32: 'formats.step.inverse32',
  kChosen: 'formats.step.kChosen',
  minMax: 'formats.step.minMax',
  nearestLevel: 'formats.step.nearestLevel',
  nestedAbsmax: 'formats.step.nestedAbsmax',
  normalised: 'formats.step.normalised',
  roundAway: 'formats.step.roundAway',
  saturate: 'formats.step.saturate',
  scaled: 'formats.step.scaled',
  scaledAffine: 'formats.step.scaledAffine',
  scaledMx: 'formats.step.scaledMx',
  sharedExponent: 'formats.step.sharedExponent',
  signedMax: 'formats.step.signedMax',
  subBlock: 'formats.step.subBlock',
  q8kCode: 'formats.step.q8kCode',
  q8kScale: 'formats.step.q8kScale',
  q3Chosen: 'formats.step.q3Chosen',
  q6Chosen: 'formats.step.q6Chosen',
  subBlock6: 'formats.step.subBlock6',
  subBlock2: 'formats.step.subBlock2',
  tree: 'formats.step.tree',
  treeFp4: 'formats.step.treeFp4',
  truncate: 'formats.step.truncate',
};

/** What each search tried, by format. */
const SEARCH_CAPTION: Partial<Record<BlockFormat, string>> = {
  q2_K: 'formats.searchCaption2',
  q4_K: 'formats.searchCaption4',
  q5_K: 'formats.searchCaption5',
  q6_K: 'formats.searchCaption6',
};

/** How the chosen value was encoded, step by step, and (K-quants) the candidate scales tried. */
export function EncodeSteps({ encoding, format }: { encoding: Encoding; format: BlockFormat }) {
  const { i18n } = useLingui();
  const { candidates } = encoding;
  return (
    <section className="encode-steps" aria-label={i18n._('formats.encodeLabel')}>
      <h4>{i18n._('formats.encodeTitle')}</h4>
      <ol>
        {encoding.steps.map((s, k) => (
          <li key={k}>
            {i18n._(
              STEP_TEXT[s.step] ?? s.step,
              Object.fromEntries(Object.entries(s.values).map(([key, v]) => [key, Number.isNaN(v) ? '—' : number(v)])),
            )}
          </li>
        ))}
      </ol>
      {candidates && (
        <table className="candidates" aria-label={i18n._('formats.searchLabel')}>
          <caption>{i18n._(SEARCH_CAPTION[format] ?? 'formats.searchCaption4')}</caption>
          <thead>
            <tr>
              <th scope="col">{i18n._('formats.search.step')}</th>
              <th scope="col">iscale</th>
              <th scope="col">{i18n._('formats.search.scale')}</th>
              <th scope="col">{i18n._('formats.search.min')}</th>
              <th scope="col">{i18n._('formats.search.error')}</th>
              <th scope="col">{i18n._('formats.search.kept')}</th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((c) => (
              <tr key={c.step} className={c.kept ? 'kept' : undefined}>
                <td>{c.step < 0 && c.step !== -9 ? i18n._('formats.search.plain') : c.step}</td>
                <td>{formatShort(c.iscale, 5)}</td>
                <td>{formatShort(c.scale, 5)}</td>
                <td>{formatShort(c.min, 5)}</td>
                <td>{formatShort(c.error, 5)}</td>
                <td>{c.kept ? i18n._('formats.search.yes') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
