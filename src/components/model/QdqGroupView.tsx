import { useLingui } from '@lingui/react';
import { useMemo } from 'react';
import type { Model } from '../../models/index.ts';
import { findQdqGroups, runQdqGroup, type QdqGroup } from '../../models/onnx/qdqGroups.ts';
import { onnxElementTrace } from '../../models/onnx/trace.ts';
import { useModelStore } from '../../state/modelStore.ts';
import { useAppStore } from '../../state/store.ts';
import { float32Text } from './modelFacts.ts';

const NAMES = ['x', 'x_scale', 'x_zero_point', 'w', 'w_scale', 'w_zero_point', 'y_scale', 'y_zero_point', 'B'];

/** The fused op's codes on this run beside the float path's: how many agree, and the largest gap. */
function compare(fused: ArrayLike<number>, float: ArrayLike<number>) {
  let equal = 0;
  let max = 0;
  for (let i = 0; i < fused.length; i++) {
    const d = Math.abs((fused[i] ?? 0) - (float[i] ?? 0));
    if (d === 0) equal++;
    if (d > max) max = d;
  }
  return { equal, max, count: fused.length };
}

function GroupView({ model, group }: { model: Model; group: QdqGroup }) {
  const { i18n } = useLingui();
  const run = useModelStore((s) => s.run);
  const element = useAppStore((s) => s.modelView?.element ?? 0);
  const name = (k: number) => `${k} ${model.nodes[k]?.op ?? ''}`;
  const chain = [group.dqInput, group.dqWeight, ...(group.dqBias >= 0 ? [group.dqBias] : []), group.op, group.quantize];
  // The fused op on this run's codes, and the walk of the view's element through it.
  const { result, trace } = useMemo(() => {
    if (!run?.values || group.fused === 'QGemm') return { result: null, trace: null };
    const ran = run.values;
    try {
      const fused = runQdqGroup(model, group, ran);
      const float = ran[group.output];
      if (!fused || !float) return { result: null, trace: null };
      const values = group.inputs.map((t) => {
        const tensor = t >= 0 ? model.tensors[t] : undefined;
        const data = tensor ? (ran[t] ?? tensor.data) : null;
        return tensor && data ? { shape: tensor.shape, dtype: tensor.dtype, data } : null;
      });
      const node = {
        op: group.fused,
        inputs: group.inputs.map((_, j) => j),
        outputs: [],
        attributes: model.nodes[group.op]?.attributes ?? {},
      };
      const e = Math.min(element, fused.length - 1);
      return {
        result: { fused, float, ...compare(fused, float) },
        trace: onnxElementTrace(model.tensors, node, group.op, values, e),
      };
    } catch {
      return { result: null, trace: null };
    }
  }, [model, group, run, element]);
  return (
    <div className="qdq-group">
      <h4>{i18n._('model.qdq.heading', { fused: group.fused, op: model.nodes[group.op]?.op ?? '' })}</h4>
      <p>{i18n._('model.qdq.chain', { chain: chain.map(name).join(' → '), fused: group.fused })}</p>
      <p>
        {group.fused}(
        {group.inputs.map((t, j) => `${NAMES[j] ?? j} = ${t >= 0 ? (model.tensors[t]?.name ?? t) : '—'}`).join(', ')})
      </p>
      {group.biasScaleAgrees !== null && (
        <p>{i18n._(group.biasScaleAgrees ? 'model.qdq.biasAgrees' : 'model.qdq.biasDiffers')}</p>
      )}
      {group.fused === 'QGemm' && <p className="muted">{i18n._('model.qdq.qgemm')}</p>}
      {result && (
        <p>
          {i18n._('model.qdq.compare', {
            fused: group.fused,
            equal: result.equal,
            count: result.count,
            max: result.max,
          })}
        </p>
      )}
      {trace?.kind === 'qlinear' && result && (
        <p>
          {i18n._('model.qdq.element', {
            element: trace.element,
            acc: trace.acc,
            m: float32Text(trace.multiplier),
            z: trace.zOut,
            code: trace.code,
            float: result.float[trace.element] ?? '—',
          })}
        </p>
      )}
    </div>
  );
}

/** ONNX's QDQ groups the chosen node belongs to, each explained as the integer op ONNX Runtime fuses it into. */
export function QdqGroupView({ model }: { model: Model }) {
  const k = useAppStore((s) => s.modelView?.node ?? 0);
  const groups = useMemo(() => (model.format === 'onnx' ? findQdqGroups(model) : []), [model]);
  const mine = groups.filter((g) => [g.dqInput, g.dqWeight, g.dqBias, g.op, g.quantize].includes(k));
  return mine.map((g) => <GroupView key={g.op} model={model} group={g} />);
}
