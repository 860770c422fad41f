/**
 * A model's graph laid out for drawing by dagre (a layered layout, as Netron's): one box per node,
 * one per model input and output, an edge wherever a node's output tensor feeds another node.
 * Constants (weights, biases) are not drawn: they are the node's own.
 */
import { graphlib, layout } from '@dagrejs/dagre';
import type { Model } from './types.ts';

/** Most nodes drawn: past this the list alone shows the graph (dagre's layout grows faster than linearly). */
export const MAX_DRAWN_NODES = 400;

export interface GraphBox {
  /** Node index, or −1 − k for model input k, −1000 − k for output k. */
  readonly id: number;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface GraphLayout {
  readonly boxes: readonly GraphBox[];
  /** Each edge as the points of its polyline, and the tensor it carries. */
  readonly edges: readonly { readonly points: readonly { x: number; y: number }[]; readonly tensor: number }[];
  readonly width: number;
  readonly height: number;
}

const CHAR_WIDTH = 7.2;
const BOX_HEIGHT = 26;

const boxOf = (label: string) => ({ label, width: Math.max(48, label.length * CHAR_WIDTH + 16), height: BOX_HEIGHT });

/** The layout of `model`'s graph, or null when it has more than MAX_DRAWN_NODES nodes. */
export function layoutModel(model: Model): GraphLayout | null {
  if (model.nodes.length > MAX_DRAWN_NODES) return null;
  const g = new graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 16, ranksep: 22, marginx: 4, marginy: 4 });
  g.setDefaultEdgeLabel(() => ({}));
  const producer = new Map<number, string>();
  model.inputs.forEach((t, k) => {
    g.setNode(`i${k}`, boxOf(model.tensors[t]?.name.slice(0, 24) || `input ${k}`));
    producer.set(t, `i${k}`);
  });
  model.nodes.forEach((n, k) => {
    g.setNode(`n${k}`, boxOf(`${k} ${n.op}`));
    n.outputs.forEach((t) => producer.set(t, `n${k}`));
  });
  model.nodes.forEach((n, k) =>
    n.inputs.forEach((t) => {
      const from = producer.get(t);
      if (from !== undefined) g.setEdge(from, `n${k}`, { tensor: t }, `${t}>${k}`);
    }),
  );
  model.outputs.forEach((t, k) => {
    g.setNode(`o${k}`, boxOf(model.tensors[t]?.name.slice(0, 24) || `output ${k}`));
    const from = producer.get(t);
    if (from !== undefined) g.setEdge(from, `o${k}`, { tensor: t }, `${t}>o${k}`);
  });
  layout(g);
  const idOf = (name: string) => {
    const k = Number(name.slice(1));
    return name[0] === 'n' ? k : name[0] === 'i' ? -1 - k : -1000 - k;
  };
  const boxes = g.nodes().map((name) => {
    const b = g.node(name) as { label?: string; x: number; y: number; width: number; height: number };
    return { id: idOf(name), label: b.label ?? name, x: b.x, y: b.y, width: b.width, height: b.height };
  });
  const edges = g.edges().map((e) => {
    const label = g.edge(e) as { points?: { x: number; y: number }[]; tensor?: number };
    return { points: label.points ?? [], tensor: label.tensor ?? -1 };
  });
  const graph = g.graph() as { width?: number; height?: number };
  return { boxes, edges, width: graph.width ?? 0, height: graph.height ?? 0 };
}
