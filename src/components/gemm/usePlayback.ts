import { useEffect } from 'react';
import { useAppStore } from '../../state/store.ts';

/**
 * Play is only a timer that advances the store's step index (the frames are derived data);
 * it stops by itself at the last step.
 */
export function usePlayback(lastStep: number): void {
  const playing = useAppStore((s) => s.playing);
  const speed = useAppStore((s) => s.speed);
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const { step, setStep, setPlaying } = useAppStore.getState();
      if (step >= lastStep) setPlaying(false);
      else setStep(step + 1);
    }, 1000 / speed);
    return () => clearInterval(timer);
  }, [playing, speed, lastStep]);
}
