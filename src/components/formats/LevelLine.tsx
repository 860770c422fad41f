import { useLingui } from '@lingui/react';
import { FP4_CODE, NF4_CODE } from '../../formats/bitsandbytes.ts';
import type { BlockFormat, ValueDecoding } from '../../formats/index.ts';
import { decodeMinifloat } from '../../formats/minifloat.ts';
import { MX_ELEMENTS, type MxElementName } from '../../formats/mx.ts';
import { KVALUES_MXFP4 } from '../../formats/mxfp4.ts';
import { formatFloat32 } from '../../viz/format.ts';

const W = 340;
const H = 64;
const PAD = 12;

/** The integer formats' code ranges (the level is the code). */
const CODES: Partial<Record<BlockFormat, readonly [number, number]>> = {
  q4_0: [-8, 7],
  q4_1: [0, 15],
  q5_0: [-16, 15],
  q5_1: [0, 31],
  q8_0: [-128, 127],
  q2_K: [0, 3],
  q3_K: [-4, 3],
  q4_K: [0, 15],
  q5_K: [0, 31],
  q6_K: [-32, 31],
  q8_K: [-128, 127],
};

/** A small float's levels: every finite value of its codes, and which are subnormal. */
function floatLevels(name: MxElementName): { level: number; subnormal: boolean }[] {
  const { float, bits } = MX_ELEMENTS[name];
  const out: { level: number; subnormal: boolean }[] = [];
  for (let q = 0; q < 2 ** bits; q++) {
    const level = decodeMinifloat(float, q);
    if (Number.isFinite(level))
      out.push({ level, subnormal: level !== 0 && ((q >> float.m) & (2 ** float.e - 1)) === 0 });
  }
  return out;
}

function levelsOf(format: BlockFormat): { levels: { level: number; subnormal: boolean }[]; float: boolean } {
  const range = CODES[format];
  if (range) {
    return {
      levels: Array.from({ length: range[1] - range[0] + 1 }, (_, k) => ({ level: range[0] + k, subnormal: false })),
      float: false,
    };
  }
  if (format === 'nf4') return { levels: [...NF4_CODE].map((level) => ({ level, subnormal: false })), float: false };
  if (format === 'fp4') return { levels: [...FP4_CODE].map((level) => ({ level, subnormal: false })), float: false };
  if (format === 'mxfp4')
    return { levels: KVALUES_MXFP4.map((level) => ({ level, subnormal: level === 1 || level === -1 })), float: false };
  if (format === 'fp8_e4m3fn') return { levels: floatLevels('e4m3'), float: true };
  if (format === 'fp8_e5m2') return { levels: floatLevels('e5m2'), float: true };
  return { levels: floatLevels(format.slice(format.indexOf('_') + 1) as MxElementName), float: true };
}

/**
 * Every value this block (or sub-block) can represent — scale · level + offset for each level —
 * on a line, the input and the value it became marked. Small floats on a signed log scale (their
 * values crowd near 0), subnormals drawn short, the largest finite labelled.
 */
export function LevelLine({
  format,
  decoding,
  input,
}: {
  format: BlockFormat;
  decoding: ValueDecoding;
  input: number;
}) {
  const { i18n } = useLingui();
  const { levels, float } = levelsOf(format);
  const { scale, offset } = decoding;
  const values = levels.map((l) => ({ ...l, value: Math.fround(Math.fround(scale * l.level) + offset) }));
  const finite = values.filter((v) => Number.isFinite(v.value));
  if (finite.length < 2 || !Number.isFinite(input)) return null;
  const lo = Math.min(...finite.map((v) => v.value), input);
  const hi = Math.max(...finite.map((v) => v.value), input);
  const tiny = Math.min(...finite.map((v) => Math.abs(v.value)).filter((a) => a > 0));
  const symlog = (v: number) => Math.sign(v) * Math.log2(1 + Math.abs(v) / tiny);
  const t = float ? symlog : (v: number) => v;
  const [a, b] = [t(lo), t(hi)];
  const x = (v: number) => (b === a ? W / 2 : PAD + ((t(v) - a) / (b - a)) * (W - 2 * PAD));
  const top = finite.reduce((m, v) => (v.value > m ? v.value : m), -Infinity);
  return (
    <figure className="level-line">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={i18n._('formats.levelsLabel', {
          count: finite.length,
          from: formatFloat32(lo),
          to: formatFloat32(hi),
          input: formatFloat32(input),
          value: formatFloat32(decoding.value),
        })}
      >
        <line x1={PAD} x2={W - PAD} y1={30} y2={30} className="axis" />
        {finite.map((v, k) => (
          <line
            key={k}
            x1={x(v.value)}
            x2={x(v.value)}
            y1={v.subnormal ? 26 : 22}
            y2={30}
            className={v.subnormal ? 'tick subnormal' : 'tick'}
          />
        ))}
        <line x1={x(decoding.value)} x2={x(decoding.value)} y1={16} y2={34} className="tick chosen" />
        <path d={`M ${x(input)} 36 l -4 7 h 8 z`} className="input-mark" />
        <text x={PAD} y={58} className="tick-label">
          {formatFloat32(lo)}
        </text>
        <text x={W - PAD} y={58} textAnchor="end" className="tick-label">
          {formatFloat32(Math.max(hi, top))}
        </text>
        <text x={x(decoding.value)} y={12} textAnchor="middle" className="tick-label chosen">
          {formatFloat32(decoding.value)}
        </text>
      </svg>
      <figcaption className="muted">
        {i18n._(float ? 'formats.levelsFloat' : 'formats.levelsGrid', { count: finite.length })}
      </figcaption>
    </figure>
  );
}
