/** The encoding steps recompute the format's own quantizer: their last step gives the packed code and its value. */
import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/engine/random.ts';
import { encodeSteps } from '../../src/formats/explain.ts';
import { BLOCK_FORMAT_NAMES, BLOCK_FORMATS, describeBlock, quantizeBlocks } from '../../src/formats/index.ts';

const random = lcg(11);
const values = Float32Array.from({ length: 512 }, (_, i) => (random() - 0.5) * (i % 29 === 3 ? 30 : 2));

describe('encodeSteps', () => {
  const stepped = BLOCK_FORMAT_NAMES.filter((f) => !f.endsWith('_K'));
  // (The K-quants' sub-block steps end on the scale chosen; Q8_K's on the value: below.)
  it.each(stepped)('%s: every value of a block ends on the value its packed code decodes to', (format) => {
    const { blockValues } = BLOCK_FORMATS[format];
    const block = 1;
    const x = values.subarray(block * blockValues, (block + 1) * blockValues);
    const described = describeBlock(format, quantizeBlocks(format, values), block);
    for (let j = 0; j < blockValues; j++) {
      const steps = encodeSteps(format, x, j).steps;
      const last = steps[steps.length - 1];
      const want = described?.values[j];
      if (format.startsWith('fp8')) {
        expect(last?.step).toBe('fp8Grid');
        expect(last?.values.value).toBe(want?.level);
      } else if (last?.step === 'decodeTable') {
        expect(last.values.value).toBe(want?.value);
        expect(last.values.level).toBe(want?.level);
      } else {
        expect(last?.step).toBe('decode');
        expect(last?.values.value).toBe(want?.value);
      }
    }
  });

  it.each(['q4_K', 'q5_K'] as const)(
    '%s: the search keeps the candidate of least error, the fit it returns',
    (format) => {
      const encoding = encodeSteps(format, values.subarray(0, 256), 40);
      const candidates = encoding.candidates ?? [];
      expect(candidates.length).toBe(format === 'q4_K' ? 22 : 17);
      const kept = candidates.filter((c) => c.kept);
      const best = kept[kept.length - 1];
      expect(Math.min(...candidates.map((c) => c.error))).toBe(best?.error);
      const chosen = encoding.steps.find((s) => s.step === 'kChosen');
      expect(chosen?.values.scale).toBe(best?.scale);
    },
  );

  it('Q8_K ends on the packed code’s value; Q2_K and Q6_K list their searches, the last kept being the scale used', () => {
    const x = values.subarray(0, 256);
    const described = describeBlock('q8_K', quantizeBlocks('q8_K', values), 0);
    for (const j of [0, 3, 200]) {
      const steps = encodeSteps('q8_K', x, j).steps;
      expect(steps[steps.length - 1]?.values.value).toBe(described?.values[j]?.value);
    }
    const q2 = encodeSteps('q2_K', x, 40).candidates ?? [];
    expect(q2).toHaveLength(17);
    const q6 = encodeSteps('q6_K', x, 40);
    const kept = (q6.candidates ?? []).filter((c) => c.kept);
    expect(q6.candidates?.length).toBeGreaterThan(10);
    expect(q6.steps.find((s) => s.step === 'q6Chosen')?.values.scale).toBe(kept[kept.length - 1]?.scale);
  });
});
