/** The encoding steps recompute the format's own quantizer: their last step gives the packed code and its value. */
import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/engine/random.ts';
import { encodeSteps } from '../../src/formats/explain.ts';
import { BLOCK_FORMAT_NAMES, BLOCK_FORMATS, describeBlock, quantizeBlocks } from '../../src/formats/index.ts';

const random = lcg(11);
const values = Float32Array.from({ length: 512 }, (_, i) => (random() - 0.5) * (i % 29 === 3 ? 30 : 2));

describe('encodeSteps', () => {
  const stepped = BLOCK_FORMAT_NAMES.filter((f) => !f.endsWith('_K'));
  it.each(stepped)('%s: every value of a block ends on the value its packed code decodes to', (format) => {
    const { blockValues } = BLOCK_FORMATS[format];
    const block = 1;
    const x = values.subarray(block * blockValues, (block + 1) * blockValues);
    const described = describeBlock(format, quantizeBlocks(format, values), block);
    for (let j = 0; j < blockValues; j++) {
      const steps = encodeSteps(format, x, j)?.steps ?? [];
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
      const candidates = encoding?.candidates ?? [];
      expect(candidates.length).toBe(format === 'q4_K' ? 22 : 17);
      const kept = candidates.filter((c) => c.kept);
      const best = kept[kept.length - 1];
      expect(Math.min(...candidates.map((c) => c.error))).toBe(best?.error);
      const chosen = encoding?.steps.find((s) => s.step === 'kChosen');
      expect(chosen?.values.scale).toBe(best?.scale);
    },
  );

  it('says null for the formats only decoded (Q2_K, Q3_K, Q6_K, Q8_K)', () => {
    expect(encodeSteps('q6_K', values.subarray(0, 256), 0)).toBeNull();
  });
});
