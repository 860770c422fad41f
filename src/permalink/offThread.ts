/**
 * Link encoding in a worker, where the browser has workers (jsdom has none: the caller encodes
 * on its own thread then). A reply that never comes, or a worker that fails, rejects.
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
      const request: EncodeRequest = { id, data, embed };
      try {
        worker.postMessage(request);
      } catch (e) {
        waiting.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
}
