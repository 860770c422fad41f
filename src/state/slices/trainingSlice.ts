/** The training lab's settings (section 8): they reproduce a run exactly. */
import { DEFAULT_TRAINING, type TrainingSettings } from '../../training/settings.ts';
import type { Slice } from '../store.ts';

/** Training lab state. */
export interface TrainingSlice {
  training: TrainingSettings;
  setTraining: (patch: Partial<TrainingSettings>) => void;
}

/** The training slice. */
export const createTrainingSlice: Slice<TrainingSlice> = (set) => ({
  training: DEFAULT_TRAINING,
  setTraining: (patch) => set((s) => ({ training: { ...s.training, ...patch } })),
});
