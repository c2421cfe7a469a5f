import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPetition } from '../intake/index.ts';
import type { Actor } from '../../../common/domain/access.ts';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { createOrg, createTestContext, petitionDepsOf, type Org, type TestContext } from '../../test/test-context.ts';

import { sendDailyDigests } from './daily-digest.ts';

const HOUR = 3_600_000;
let ctx: TestContext;
let org: Org;

beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  const input = RegisterPetitionInputSchema.parse({
    channel: 'visit',
    type: 'appeal',
    purpose: 'request',
    title: '拖欠加班工资',
    body: '加班工资未发放，请求补发。',
    petitioners: [{ name: '王大山', identity: 'employee' }],
  });
  await registerPetition(petitionDepsOf(ctx), org.users['officer@mineA'] as Actor, input);
});
afterAll(async () => {
  await ctx.close();
});

async function digestsOf(userId: string) {
  return ctx.deps.db
    .selectFrom('notification')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', 'daily_digest')
    .orderBy('created_at')
    .execute();
}

describe('sendDailyDigests', () => {
  it('writes one digest per leader per local day, from 08:00', async () => {
    // TEST_START is 2026-03-02 09:00 in China: three leaders (group chief, mine chief, mine deputy).
    expect(await sendDailyDigests(ctx.deps)).toEqual({ date: '2026-03-02', written: 3 });
    expect(await sendDailyDigests(ctx.deps)).toEqual({ date: '2026-03-02', written: 0 });
    const [digest] = await digestsOf(org.users['chief@mineA']?.id ?? '');
    expect(JSON.parse(digest?.data_json ?? '{}')).toEqual({
      date: '2026-03-02',
      newCount: 1,
      dueSoon: 0,
      overdue: 0,
      red: 0,
      orange: 0,
    });
    ctx.clock.advance(20 * HOUR); // 03-03 05:00: too early
    expect((await sendDailyDigests(ctx.deps)).written).toBe(0);
    ctx.clock.advance(3 * HOUR); // 03-03 08:00
    expect(await sendDailyDigests(ctx.deps)).toEqual({ date: '2026-03-03', written: 3 });
    const digests = await digestsOf(org.users['chief@mineA']?.id ?? '');
    expect(digests.map((d) => d.dedupe_key)).toEqual(['daily_digest:2026-03-02', 'daily_digest:2026-03-03']);
    // The petition of 03-02 is still "since yesterday"; nothing is due yet within 3 days of 03-03.
    expect(JSON.parse(digests[1]?.data_json ?? '{}')).toMatchObject({ newCount: 1, overdue: 0 });
    // Nobody outside the leaders gets one.
    expect(await digestsOf(org.users['officer@mineA']?.id ?? '')).toEqual([]);
  });
});
