import { useId } from 'react';
import type { ColourMap } from '../../viz/colour.ts';

const STOPS = 11;

/** A colour bar with its domain's ends (and 0 for diverging maps). */
export function Legend({ map, format }: { map: ColourMap; format: (x: number) => string }) {
  const gradient = useId();
  const lo = map.domain[0] ?? 0;
  const hi = map.domain[map.domain.length - 1] ?? 0;
  const stops = Array.from({ length: STOPS }, (_, i) => lo + ((hi - lo) * i) / (STOPS - 1));
  return (
    <div className="legend">
      <svg width="100%" height="10" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
        <defs>
          <linearGradient id={gradient}>
            {stops.map((v, i) => (
              <stop key={i} offset={`${(i / (STOPS - 1)) * 100}%`} stopColor={map.colour(v)} />
            ))}
          </linearGradient>
        </defs>
        <rect width="100" height="10" fill={`url(#${gradient})`} />
      </svg>
      <div className="legend-labels">
        <span>{format(lo)}</span>
        {map.kind === 'diverging' && <span>0</span>}
        <span>{format(hi)}</span>
      </div>
    </div>
  );
}
