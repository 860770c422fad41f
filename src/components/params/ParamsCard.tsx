import type { Library, QuantizationParams, Scheme } from '../../engine/index.ts';
import { useParams } from '../../state/hooks.ts';
import { useView } from '../../state/view.ts';
import { shownGroup } from '../../state/derived/tensor.ts';
import { useAppStore, type MatrixId } from '../../state/store.ts';
import { formatFloat32, formatScale } from '../../viz/format.ts';
import { signed } from '../../viz/int64.ts';
import { matrixName } from '../common/names.ts';
import { Problem } from '../common/Problem.tsx';
import { NumberLine } from './NumberLine.tsx';
import { GroupTable } from './GroupTable.tsx';
import { groupName } from '../common/schemeText.ts';
import { SchemeMenu } from './SchemeMenu.tsx';

const paren = (x: number): string => (x < 0 || Object.is(x, -0) ? `(${formatFloat32(x)})` : formatFloat32(x));

/** How Z₀ became Z (rounded by `rule`): the text before the final "Z = …". */
function zeroPointStory(p: QuantizationParams, rule: string): string {
  if (p.degenerate === 'all-zero') return '';
  const z0 = p.initialZeroPoint;
  const shown = (Number.isInteger(z0) ? String(z0) : z0.toFixed(7)).replace('-', '−');
  if (z0 < p.qmin) return `Z₀ = ${shown} < ${signed(p.qmin)} → clamped to `;
  if (z0 > p.qmax) return `Z₀ = ${shown} > ${signed(p.qmax)} → clamped to `;
  return `Z₀ = ${shown} → round (${rule}) → `;
}

/** How each library turns r into a code, in words. */
const CODE_RULE: Record<Library | 'tflite-symmetric', string> = {
  gemmlowp: 'q = round(clamp(Z + r / S, qmin, qmax)), half away from 0, in float32 (gemmlowp example)',
  tflite: 'q = clamp(round(r / S) + Z), half away from 0 (TFLite QUANTIZE, float32)',
  'tflite-symmetric': 'q = clamp(round(r · f32(qmax / max|r|))), half away from 0 (TFLite weights, float32)',
  pytorch: 'q = clamp(Z + round(r · f32(1/S))), half to even (torch.quantize_per_tensor multiplies by 1/S)',
  onnx: 'q = clamp(round(r / S) + Z), half to even (ONNX QuantizeLinear)',
};

/** Where a scheme's formulas come from. */
function sourceOf(scheme: Scheme): string {
  switch (scheme.library) {
    case 'gemmlowp':
      return "gemmlowp's quantization_example.cc: S in float32, Z₀ in double";
    case 'tflite':
      return scheme.symmetric
        ? "TFLite's SymmetricPerChannelQuantization: S = max|r| / qmax, Z = 0"
        : "TFLite's GetAsymmetricQuantizationParams: all in float32";
    case 'pytorch':
      return scheme.symmetric
        ? "PyTorch's MinMaxObserver, symmetric: S = max|r| / ((qmax − qmin) / 2), at least 2⁻²³"
        : "PyTorch's MinMaxObserver: float32, S at least 2⁻²³, Z = qmin − round(min / S)";
    case 'onnx':
      return !scheme.symmetric && scheme.qmin === 0 && scheme.qmax === 255
        ? "ONNX Runtime's DynamicQuantizeLinear: float32, S = 1 for an all-zero tensor"
        : "ONNX Runtime's quantization tool (compute_scale_zp): S in float64, stored as float32";
  }
}

/** How one matrix's (S, Z) come from its values, with the numbers substituted. */
export function ParamsCard({ id }: { id: MatrixId }) {
  const view = useParams(id);
  const scheme = useView((s) => s.productOptions.schemes[id]);
  const picked = useView((s) => (id === 'result' ? null : s.pickedGroups[id]));
  const pickGroup = useAppStore((s) => s.pickGroup);
  const rows = useView((s) => (id === 'result' ? s.lhs.rows : s[id].rows));
  const cols = useView((s) => (id === 'result' ? s.rhs.cols : s[id].cols));
  const label = matrixName(id);
  if (!view.ok) {
    return (
      <article className="params-card" aria-label={`${label} quantization parameters`}>
        <h3>{label}</h3>
        <SchemeMenu id={id} />
        <Problem title={`${label}: no quantization parameters`} failure={view.failure} />
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
  const divisor = scheme.library === 'tflite' ? p.qmax : levels / 2;
  const extendedMin = p.min !== p.observedMin;
  const extendedMax = p.max !== p.observedMax;
  return (
    <article className="params-card" aria-label={`${label} quantization parameters`}>
      <h3>{label}</h3>
      <SchemeMenu id={id} />
      <p className="muted scheme-source">
        {sourceOf(scheme)}.
        {grouped &&
          ` One (S, Z) per group of values (the table below); the formulas are those of the coarsest, ${coarse}.`}
      </p>
      <dl>
        <dt>{view.value.handSet ? 'set by hand' : grouped ? `observed in ${coarse}` : 'observed'}</dt>
        <dd>
          min <span data-testid={`${id}-min`}>{formatFloat32(p.observedMin)}</span>, max{' '}
          <span data-testid={`${id}-max`}>{formatFloat32(p.observedMax)}</span>
          {id !== 'result' && (
            <span className="muted">
              {shown === groups.indexOf(p)
                ? ' (marked in the grid)'
                : ` (the grid marks those of ${groupName(scheme, shown, { rows, cols })})`}
            </span>
          )}
        </dd>
        <dt>{symmetric ? 'symmetric range' : 'range with 0'}</dt>
        <dd>
          [{formatFloat32(p.min)}, {formatFloat32(p.max)}]
          {symmetric ? (
            <span className="muted"> — ±max(|min|, |max|): real 0 sits in the middle</span>
          ) : (
            (extendedMin || extendedMax) && (
              <span className="muted"> — extended so that real 0 is exactly representable</span>
            )
          )}
        </dd>
        <dt>scale</dt>
        <dd>
          {symmetric ? (
            <>
              S = max(|min|, |max|) / {divisor} = {formatFloat32(Math.max(-p.min, p.max))} / {divisor}
            </>
          ) : (
            <>
              S = (max − min) / {levels} = ({formatFloat32(p.max)} − {paren(p.min)}) / {levels}
            </>
          )}{' '}
          = <strong data-testid={`${id}-scale`}>{formatScale(p.scale)}</strong> <span className="muted">(float32)</span>
        </dd>
        <dt>zero point</dt>
        <dd>
          {symmetric ? (
            <>{p.zeroPoint === 0 ? 'symmetric: real 0 is code 0, ' : 'symmetric, unsigned codes: '}</>
          ) : (
            <>
              Z₀ = {signed(p.qmin)} − min / S ={' '}
              {p.qmin === 0 ? formatFloat32(-p.min) : `${signed(p.qmin)} − ${paren(p.min)}`} / {formatScale(p.scale)}
              <br />
              {zeroPointStory(p, halfEven ? 'half to even' : 'half away from 0')}
            </>
          )}
          <strong data-testid={`${id}-zero-point`}>Z = {signed(p.zeroPoint)}</strong>
        </dd>
        <dt>codes</dt>
        <dd>{CODE_RULE[scheme.library === 'tflite' && scheme.symmetric ? 'tflite-symmetric' : scheme.library]}</dd>
      </dl>
      {p.degenerate === 'all-zero' && (
        <p className="note" role="note">
          Every value is 0, so max − min = 0 and the C++ would divide 0 by 0. Any scale represents this matrix exactly;
          the explorer uses S = 1, Z = {p.zeroPoint}.
        </p>
      )}
      {p.degenerate === 'subnormal-scale' && (
        <p className="note" role="note">
          The range is so narrow that S is a float32 subnormal (below 1.2e−38): it has fewer than 24 significant bits,
          so the quantization is coarser than usual. Computed exactly as IEEE float32 does.
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
