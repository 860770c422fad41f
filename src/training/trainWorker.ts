/** The training lab's worker: answers each request with a snapshot (see trainer.ts). */
import { createTrainerCore, type TrainerRequest } from './trainer.ts';

const core = createTrainerCore();

self.onmessage = (e: MessageEvent<TrainerRequest>) => {
  try {
    self.postMessage({ snapshot: core(e.data) });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
