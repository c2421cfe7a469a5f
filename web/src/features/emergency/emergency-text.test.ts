import { describe, expect, it } from 'vitest';
import { instantOfLocalInput, localInputOf, telHref } from './emergency-text.ts';

describe('emergency screen helpers', () => {
  it.each([
    ['0351-1234567', 'tel:03511234567'],
    ['+86 139 0000 0001', 'tel:+8613900000001'],
  ])('%s dials %s', (phone, href) => {
    expect(telHref(phone)).toBe(href);
  });

  it('a local input round-trips to the same minute', () => {
    const now = new Date('2026-03-02T01:23:00.000Z');
    expect(instantOfLocalInput(localInputOf(now))).toBe(now.toISOString());
    expect(instantOfLocalInput('')).toBeUndefined();
  });
});
