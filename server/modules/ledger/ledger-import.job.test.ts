import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../platform/seeded-random.ts';
import { DigestSet } from './ledger-import.job.ts';

describe('DigestSet (the check pass counts repeated rows in it)', () => {
  it('answers as a Set<number> does over 200,000 48-bit digests, repeats and the edges included', () => {
    const random = seededRandom(20);
    const digests: number[] = [0, 2 ** 48 - 1, 1024, 2048, 2 ** 40, 2 ** 40 + 1024];
    for (let i = 0; i < 150_000; i++) digests.push(Math.floor(random() * 2 ** 48));
    // Repeats, and digests equal in their low bits (the same first slot) but not above them.
    for (let i = 0; i < 50_000; i++) {
      const d = digests[Math.floor(random() * digests.length)] ?? 0;
      digests.push(i % 2 === 0 ? d : (d % 2 ** 20) + 2 ** 20 * Math.floor(random() * 2 ** 28));
    }
    const set = new DigestSet();
    const reference = new Set<number>();
    let disagreements = 0;
    for (const d of digests) {
      if (set.add(d) !== !reference.has(d)) disagreements += 1;
      reference.add(d);
    }
    expect(disagreements).toBe(0);
    expect(set.size).toBe(reference.size);
    expect(reference.size).toBeGreaterThan(150_000);
  });
});
