/**
 * Link encoding in a worker, where the browser has workers (jsdom has none: the caller encodes
 * on its own thread then). A worker that fails, or a reply that does not come within
 * REPLY_TIMEOUT_MS, rejects (the caller then encodes on the page).
 */
import type { LinkData } from './fields.ts';

/** What the page sends the worker. */
export interface EncodeRequest {
  readonly id: number;
  readonly data: LinkData;
  readonly embed: boolean;
}

/** What the worker sends back. */
export interface EncodeReply {
  readonly id: number;
  readonly fragment: string;
}

/** How long a reply may take (a 512 × 512 state encodes in about 160 ms). */
const REPLY_TIMEOUT_MS = 5000;

/** Encodes a link in a worker. */
export type EncodeOffThread = (data: LinkData, embed: boolean) => Promise<string>;

/** An encoder backed by one worker (started on first use), or null where there are no workers. */
export function createOffThreadEncoder(): EncodeOffThread | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker | null = null;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (fragment: string) => void; reject: (e: Error) => void }>();
  const failAll = (message: string) => {
    for (const { reject } of waiting.values()) reject(new Error(message));
    waiting.clear();
    worker?.terminate();
    worker = null;
  };
  const start = (): Worker => {
    const w = new Worker(new URL('./encodeWorker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<EncodeReply>) => {
      waiting.get(e.data.id)?.resolve(e.data.fragment);
      waiting.delete(e.data.id);
    };
    w.onerror = () => failAll('The link worker failed.');
    return w;
  };
  return (data, embed) =>
    new Promise<string>((resolve, reject) => {
      worker ??= start();
      const id = ++nextId;
      waiting.set(id, { resolve, reject });
      setTimeout(() => {
        if (!waiting.delete(id)) return;
        reject(new Error('The link worker did not reply.'));
      }, REPLY_TIMEOUT_MS);
      const request: EncodeRequest = { id, data, embed };
      try {
        worker.postMessage(request);
      } catch (e) {
        waiting.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
}
