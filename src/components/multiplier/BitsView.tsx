import { useLingui } from '@lingui/react';
import { bits32 } from '../../viz/int64.ts';

/** The 32 bits of an int32 M0, with bit 31 (sign) and bit 30 (the leading 1 of M0 ≥ 2^30) marked. */
export function BitsView({ value, label }: { value: number; label: string }) {
  const { i18n } = useLingui();
  const bits = bits32(value);
  return (
    <div className="bits" role="img" aria-label={i18n._('multiplier.bits.label', { label, bits })}>
      {Array.from({ length: bits.length }, (_, i) => bits.charAt(i)).map((b, i) => (
        <span key={i} className={`bit b${b}${i === 0 ? ' sign' : ''}${i === 1 ? ' lead' : ''}`} aria-hidden="true">
          {b}
        </span>
      ))}
      <span className="bits-legend muted" aria-hidden="true">
        {i18n._('multiplier.bits.legend')}
      </span>
    </div>
  );
}
