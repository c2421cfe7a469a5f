/**
 * insertRows (the import's bulk rows) stores what Kysely's builder stores, on SQLite and PostgreSQL:
 * full statements and a shorter last one, nulls, and rows whose columns differ.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/test-context.ts';
import { insertRows } from './bulk-insert.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

describe('insertRows', () => {
  it('stores every row, over several full statements and a shorter last one, nulls kept', async () => {
    const rows = Array.from({ length: 1_234 }, (_, i) => ({
      date: new Date(Date.UTC(2031, 0, 1 + i)).toISOString().slice(0, 10),
      kind: i % 2 === 0 ? ('holiday' as const) : ('workday' as const),
      name: i % 3 === 0 ? null : `日${i}`,
    }));
    await ctx.deps.db.transaction().execute((trx) => insertRows(trx, 'calendar_day', rows));
    const stored = await ctx.deps.db
      .selectFrom('calendar_day')
      .selectAll()
      .where('date', '>=', '2031-01-01')
      .where('date', '<', '2032-01-01')
      .orderBy('date')
      .execute();
    expect(stored).toEqual(rows.filter((r) => r.date < '2032-01-01'));
    expect(
      await ctx.deps.db
        .selectFrom('calendar_day')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('date', '>=', '2031-01-01')
        .where('date', '<', '2035-01-01')
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n)),
    ).toBe(1_234);
  });

  it('inserts rows whose columns differ as the builder does: no value of a later row dropped', async () => {
    await insertRows(ctx.deps.db, 'calendar_day', [
      { date: '2040-01-01', kind: 'holiday' },
      { date: '2040-01-02', kind: 'workday', name: '调休' },
    ]);
    const stored = await ctx.deps.db
      .selectFrom('calendar_day')
      .selectAll()
      .where('date', '>=', '2040-01-01')
      .orderBy('date')
      .execute();
    expect(stored).toEqual([
      { date: '2040-01-01', kind: 'holiday', name: null },
      { date: '2040-01-02', kind: 'workday', name: '调休' },
    ]);
  });

  it('sends no statement for no rows', async () => {
    await expect(insertRows(ctx.deps.db, 'calendar_day', [])).resolves.toBeUndefined();
  });
});
