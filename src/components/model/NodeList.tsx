import { useLingui } from '@lingui/react';
import type { Model } from '../../models/index.ts';
import { useAppStore } from '../../state/store.ts';
import { canRun, canStep, tensorLabel } from './modelFacts.ts';

/** The graph: every node in execution order, its op and tensors; choosing one opens it below. */
export function NodeList({ model }: { model: Model }) {
  const { i18n } = useLingui();
  const node = useAppStore((s) => s.modelView?.node ?? 0);
  const setNode = useAppStore((s) => s.setModelNode);
  const tensors = (list: readonly number[]) =>
    list
      .filter((t) => t >= 0)
      .map((t) => tensorLabel(model, t))
      .join(', ');
  return (
    <div className="model-graph">
      <h3>{i18n._('model.graphHeading', { count: model.nodes.length })}</h3>
      <p className="muted">{i18n._('model.listHint')}</p>
      <div
        className="table-scroll"
        tabIndex={0}
        role="region"
        aria-label={i18n._('model.graphHeading', { count: model.nodes.length })}
      >
        <table className="model-nodes">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{i18n._('model.col.op')}</th>
              <th scope="col">{i18n._('model.col.inputs')}</th>
              <th scope="col">{i18n._('model.col.outputs')}</th>
              <th scope="col">{i18n._('model.col.support')}</th>
            </tr>
          </thead>
          <tbody>
            {model.nodes.map((n, k) => (
              <tr key={k} className={k === node ? 'selected' : undefined}>
                <td>{k}</td>
                <td>
                  <button
                    type="button"
                    // One tab stop for the list: the chosen node; ↑ ↓ Home End move between nodes.
                    tabIndex={k === node ? 0 : -1}
                    onKeyDown={(e) => {
                      const next = { ArrowUp: k - 1, ArrowDown: k + 1, Home: 0, End: model.nodes.length - 1 }[e.key];
                      if (next === undefined || next < 0 || next >= model.nodes.length) return;
                      e.preventDefault();
                      setNode(next);
                      const row = e.currentTarget.closest('tbody')?.children[next];
                      row?.querySelector<HTMLButtonElement>('button')?.focus();
                    }}
                    aria-pressed={k === node}
                    aria-label={i18n._('model.nodeHeading', { node: k, op: n.op })}
                    onClick={() => setNode(k)}
                  >
                    {n.op}
                  </button>
                </td>
                <td className="tensor-list">{tensors(n.inputs)}</td>
                <td className="tensor-list">{tensors(n.outputs)}</td>
                <td>
                  {canStep(model, k)
                    ? i18n._('model.support.step')
                    : canRun(model, k)
                      ? i18n._('model.support.run')
                      : i18n._('model.support.none')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
