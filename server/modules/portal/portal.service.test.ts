import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeOf } from '../../test/outcome.ts';
import { createTestContext, petitionDepsOf, type TestContext } from '../../test/test-context.ts';
import { openCase, TRACK_FAILURES_ALLOWED, type PortalDeps } from './portal.service.ts';

let ctx: TestContext;
let deps: PortalDeps;
beforeEach(async () => {
  ctx = await createTestContext();
  deps = { ...petitionDepsOf(ctx), powBits: 1 };
});
afterEach(async () => {
  await ctx.close();
});

const STRANGER = '203.0.113.7';
const OTHER = '2001:db8::42';
const key = (i: number) => ({ caseNumber: 'XF2026-000001', code: `AAAA-BBBB-CCCC-${String(i).padStart(4, '0')}` });

describe('openCase: the wrong-code guard', () => {
  it('counts wrong codes sent at once, so the attempt after the allowance is refused', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: TRACK_FAILURES_ALLOWED }, (_, i) => codeOf(openCase(deps, key(i), STRANGER))),
    );
    expect(outcomes).toEqual(Array.from({ length: TRACK_FAILURES_ALLOWED }, () => 'NOT_FOUND'));
    expect(await codeOf(openCase(deps, key(99), STRANGER))).toBe('RATE_LIMITED');
  });

  it.each([
    ['the address that guessed', STRANGER, 'RATE_LIMITED'],
    ['another address', OTHER, 'NOT_FOUND'],
  ])('after the allowance is spent, %s (%s) gets %s', async (_label, address, expected) => {
    for (let i = 0; i < TRACK_FAILURES_ALLOWED; i++) await codeOf(openCase(deps, key(i), STRANGER));
    expect(await codeOf(openCase(deps, key(99), address))).toBe(expected);
  });

  it('keeps no client address in the clear and forgets windows that have passed', async () => {
    await codeOf(openCase(deps, key(1), STRANGER));
    ctx.clock.advance(16 * 60_000);
    await codeOf(openCase(deps, key(2), OTHER));
    const rows = await ctx.deps.db.selectFrom('portal_guard').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.key).not.toContain(OTHER);
    expect(rows[0]?.key.length).toBeLessThanOrEqual(120);
  });
});
