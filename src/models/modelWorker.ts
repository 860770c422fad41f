/** The model worker: each request answered by modelWork.ts's handler, off the page's thread. */
import { handle, type WorkerRequest } from './modelWork.ts';

self.onmessage = (e: MessageEvent<WorkerRequest>) =>
  handle(e.data, (reply, transfer = []) => self.postMessage(reply, { transfer }));
