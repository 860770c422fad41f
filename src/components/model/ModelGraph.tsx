import { useLingui } from '@lingui/react';
import { useEffect, useRef } from 'react';
import type { Model } from '../../models/index.ts';
import type { Layout } from '../../state/modelStore.ts';
import { useAppStore } from '../../state/store.ts';
import { canRun, canStep } from './modelFacts.ts';

/**
 * The model's graph drawn (laid out by dagre in the worker): a box per node, the model's inputs
 * and outputs, an edge per activation tensor. Clicking a node chooses it; the list below is the
 * same choice by keyboard, so the drawing's boxes are not tab stops.
 */
export function ModelGraph({ model, layout }: { model: Model; layout: Layout }) {
  const { i18n } = useLingui();
  const node = useAppStore((s) => s.modelView?.node ?? 0);
  const setNode = useAppStore((s) => s.setModelNode);
  const scroller = useRef<HTMLDivElement>(null);
  const chosen = typeof layout === 'string' ? undefined : layout?.boxes.find((b) => b.id === node);
  // The chosen node in the middle of the box (a phone shows a small part of a wide graph).
  useEffect(() => {
    const box = scroller.current;
    if (!box || !chosen) return;
    box.scrollLeft = chosen.x - box.clientWidth / 2;
    box.scrollTop = chosen.y - box.clientHeight / 2;
  }, [chosen]);
  if (layout === 'pending') return <p className="muted">{i18n._('model.graphPending')}</p>;
  if (layout === 'failed') return <p className="muted">{i18n._('model.graphFailed')}</p>;
  if (!layout) return <p className="muted">{i18n._('model.graphTooLarge', { count: model.nodes.length })}</p>;
  const steppable = model.nodes.filter((_, k) => canStep(model, k)).length;
  const unsupported = model.nodes.filter((_, k) => !canRun(model, k)).length;
  const kind = (id: number) => (id < 0 ? 'io' : canStep(model, id) ? 'step' : canRun(model, id) ? 'run' : 'none');
  return (
    <figure className="model-drawing">
      <div ref={scroller} className="graph-scroll" tabIndex={0} role="region" aria-label={i18n._('model.graphRegion')}>
        <svg
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="img"
          aria-label={i18n._('model.graphAlt', {
            count: model.nodes.length,
            steppable,
            unsupported,
            node,
            op: model.nodes[node]?.op ?? '',
          })}
        >
          <defs>
            <marker id="model-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="6" markerHeight="6" orient="auto">
              <path d="M0,0 L8,4 L0,8 z" className="graph-arrow" />
            </marker>
          </defs>
          {layout.edges.map((e, j) => (
            <polyline
              key={j}
              className="graph-edge"
              markerEnd="url(#model-arrow)"
              points={e.points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}
            />
          ))}
          {layout.boxes.map((b) => (
            <g
              key={b.id}
              className={`graph-node ${kind(b.id)}${b.id === node ? ' selected' : ''}`}
              transform={`translate(${(b.x - b.width / 2).toFixed(1)},${(b.y - b.height / 2).toFixed(1)})`}
              onClick={b.id >= 0 ? () => setNode(b.id) : undefined}
            >
              <rect width={b.width} height={b.height} rx={b.id < 0 ? b.height / 2 : 3} />
              <text x={b.width / 2} y={b.height / 2} dominantBaseline="central" textAnchor="middle">
                {b.label}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <figcaption className="muted">{i18n._('model.graphLegend')}</figcaption>
    </figure>
  );
}
