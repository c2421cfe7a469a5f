import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newReportKey } from './report-key.ts';

describe('newReportKey', () => {
  it('makes a UUID the server accepts, a new one each time', () => {
    const keys = Array.from({ length: 200 }, newReportKey);
    for (const key of keys) expect(z.uuid().safeParse(key).success).toBe(true);
    expect(new Set(keys).size).toBe(200);
  });
});
