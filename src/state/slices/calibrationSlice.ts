/** The calibration lab's settings (section 7). */
import { DEFAULT_CALIBRATION, type CalibrationSettings } from '../calibrationSettings.ts';
import type { Slice } from '../store.ts';

/** Calibration lab state. */
export interface CalibrationSlice {
  calibration: CalibrationSettings;
  setCalibration: (patch: Partial<CalibrationSettings>) => void;
}

/** The calibration slice. */
export const createCalibrationSlice: Slice<CalibrationSlice> = (set) => ({
  calibration: DEFAULT_CALIBRATION,
  setCalibration: (patch) => set((s) => ({ calibration: { ...s.calibration, ...patch } })),
});
