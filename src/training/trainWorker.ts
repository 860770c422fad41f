/** The training lab's worker: answers each request with a snapshot (see trainer.ts). */
import { createTrainerCore, problemOf, type TrainerRequest } from './trainer.ts';

const core = createTrainerCore();

self.onmessage = (e: MessageEvent<{ id: number; request: TrainerRequest }>) => {
  const { id, request } = e.data;
  try {
    self.postMessage({ id, snapshot: core(request) });
  } catch (error) {
    self.postMessage({ id, problem: problemOf(error) });
  }
};
