/**
 * The two jobs that walk every open case (issue #20) let the event loop turn while they work: on
 * SQLite each query is synchronous, so a sweep that never yields holds every request until it ends.
 * Forty cases (more than one slice, platform/slices.ts) near or past a deadline, the clock fixed.
 */
import { describe, expect, it } from 'vitest';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { SLICE_ITEMS } from '../../platform/slices.ts';
import { serviceWorld } from '../../test/factories.ts';
import { loopTurns } from '../../test/loop-turns.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { registerPetition } from '../intake/index.ts';
import type { PetitionDeps } from '../petition/index.ts';
import { sweepDeadlines } from './deadline-alerts.service.ts';
import { scanWarnings } from './warning-scan.service.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
serviceWorld((world) => ({ ctx, org, deps } = world));

const DAY = 86_400_000;
const CASES = SLICE_ITEMS + 15;

async function lettersAtTheMine(): Promise<void> {
  for (let i = 0; i < CASES; i++)
    await registerPetition(
      deps,
      org.users['officer@mineA']!,
      RegisterPetitionInputSchema.parse({
        channel: 'letter',
        type: 'appeal',
        purpose: 'request',
        title: `工伤待遇未落实 ${i}`,
        body: `第${i}号来信：工伤认定后一次性伤残补助金至今未发放。`,
        petitioners: [{ name: `职工${i}`, identity: 'injured' }],
      }),
    );
}

describe('scheduled jobs over many open cases', () => {
  it('the deadline sweep lets the loop turn between slices, tells each case once, and a second run writes nothing', async () => {
    await lettersAtTheMine();
    ctx.clock.advance(16 * DAY); // every 15-day notice overdue
    const turns = loopTurns();
    const first = await sweepDeadlines(ctx.deps);
    expect(turns.stop()).toBeGreaterThanOrEqual(1);
    expect(first.petitions).toBe(CASES);
    const rows = await ctx.deps.db
      .selectFrom('notification')
      .select(['kind', 'petition_id'])
      .where('user_id', '=', org.users['officer@mineA']!.id)
      .where('kind', '=', 'deadline_overdue')
      .execute();
    expect(new Set(rows.map((r) => r.petition_id)).size).toBe(CASES);
    // The second sweep finds every case told (one look-up per 200) and writes nothing.
    const count = async () =>
      Number(
        (
          await ctx.deps.db
            .selectFrom('notification')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    expect((await sweepDeadlines(ctx.deps)).notifications).toBe(0);
    expect(await count()).toBe(before);
  });

  it('the warning scan refreshes every case near a deadline in slices, the loop turning between them', async () => {
    await lettersAtTheMine();
    ctx.clock.advance(14 * DAY);
    const turns = loopTurns();
    const result = await scanWarnings(deps);
    expect(turns.stop()).toBeGreaterThanOrEqual(2);
    expect(result.refreshed).toBe(CASES);
  });
});
