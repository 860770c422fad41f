import { useEffect } from 'react';
import { useAppStore } from '../../state/store.ts';

/**
 * Play is only a timer that advances the store's step index (the frames are derived data);
 * the store pauses it at the last step.
 */
export function usePlayback(): void {
  const playing = useAppStore((s) => s.playing);
  const speed = useAppStore((s) => s.speed);
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => useAppStore.getState().advance(), 1000 / speed);
    return () => clearInterval(timer);
  }, [playing, speed]);
}
