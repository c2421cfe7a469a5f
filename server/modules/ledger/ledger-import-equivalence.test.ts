/**
 * A case imported from a ledger (batches through the engine's createPetitions) is the same case as
 * one registered at the desk (registerPetition, one at a time): the same derived columns, the same
 * register event, the same rollup counts, found by the same search, filed under the same text
 * fingerprint (issue #20). What differs does so by design: its own id and case number, the
 * `imported` event after `register`, that `register` dated at the received date (the desk's at the
 * moment of registration), and no risk assessed until the scan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import type { PetitionTable } from '../../db/schema.ts';
import { HEADERS, ledgerDepsOf, ledgerRow, xlsxOf } from '../../test/ledger-rows.ts';
import { createOrg, createTestContext, type Org, type TestContext } from '../../test/test-context.ts';
import { registerPetition } from '../intake/index.ts';
import { readRollup, rebuildRollup, rollupContributions } from '../rollup/index.ts';
import { listPetitions } from './ledger-list.service.ts';
import { startImport, uploadLedger, type LedgerDeps } from './ledger.service.ts';

let ctx: TestContext;
let org: Org;
let deps: LedgerDeps;
let officer: Actor;

const SUMMARY = '掘进二队夜班补贴连续三个月未发放请求核实';
/** The columns a case's lists, figures and deadlines read: equal for the two paths. */
const SAME: (keyof PetitionTable)[] = [
  'state',
  'channel',
  'type',
  'purpose',
  'category_code',
  'title',
  'body',
  'received_at',
  'registered_unit_id',
  'handling_unit_id',
  'owner_id',
  'handler_id',
  'is_anonymous',
  'headcount',
  'representative_count',
  'is_group',
  'is_skip_level',
  'is_first',
  'is_repeat',
  'repeat_of_id',
  'supervision_level',
  'reply_result',
  'outcomes',
  'satisfaction',
  'policy_json',
  'due_date',
  'due_kind',
  'acceptance_due',
  'acceptance_status',
  'conclusion_due',
  'conclusion_status',
  'referral_due',
  'referral_status',
  'ownership_due',
  'ownership_status',
];

beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  deps = ledgerDepsOf(ctx);
  officer = org.users['officer@mineA'] as Actor;
});
afterAll(async () => {
  await ctx.close();
});

describe('an imported case and a registered one', () => {
  it('have the same derived columns, register event, rollup counts, search hit and fingerprint', async () => {
    // The same petition twice: at the desk, and as a row of an old ledger (received the same minute).
    const registered = await registerPetition(
      deps,
      officer,
      RegisterPetitionInputSchema.parse({
        channel: 'visit',
        type: 'appeal',
        purpose: 'request',
        title: SUMMARY,
        body: SUMMARY,
        receivedAt: '2026-03-01T01:00:00.000Z',
        petitioners: [{ name: '周铁柱', identity: 'other' }],
        headcount: 1,
        involvedUnitIds: [org.units.teamA1.id],
      }),
    );
    const data = await xlsxOf(
      [
        ledgerRow(1, {
          渠道: '来访',
          登记日期: '2026-03-01 09:00',
          信访人: '吴石头',
          内容摘要: SUMMARY,
          状态: '已登记',
        }),
      ],
      HEADERS,
    );
    const upload = await uploadLedger(deps, officer, { fileName: '旧台账.xlsx', data });
    await (
      await startImport(deps, officer, upload.id, upload.mapping)
    ).done;

    const rows = await ctx.deps.db.selectFrom('petition').selectAll().where('title', '=', SUMMARY).execute();
    expect(rows).toHaveLength(2);
    const desk = rows.find((r) => r.id === registered.petition.id);
    const ledger = rows.find((r) => r.id !== registered.petition.id);
    if (desk === undefined || ledger === undefined) throw new Error('both cases');
    const pick = (row: PetitionTable) => Object.fromEntries(SAME.map((c) => [c, row[c]]));
    expect(pick(ledger)).toEqual(pick(desk));
    expect(ledger.due_date).not.toBeNull();

    // Events: the same register event; the import's own `imported` after it (registered → registered).
    const events = async (id: string) =>
      ctx.deps.db
        .selectFrom('petition_event')
        .select(['seq', 'kind', 'at', 'from_state', 'to_state', 'internal'])
        .where('petition_id', '=', id)
        .orderBy('seq')
        .execute();
    const [deskEvents, ledgerEvents] = [await events(desk.id), await events(ledger.id)];
    // The register event is when the case entered this system: the desk's now, the ledger's its received date.
    const { at: deskAt, ...deskRegister } = deskEvents[0] ?? { at: '' };
    const { at: ledgerAt, ...ledgerRegister } = ledgerEvents[0] ?? { at: '' };
    expect(ledgerRegister).toEqual(deskRegister);
    expect([deskAt, ledgerAt]).toEqual([ctx.clock.now().toISOString(), ledger.received_at]);
    expect(deskEvents.map((e) => e.kind)).toEqual(['register']);
    expect(ledgerEvents.map((e) => [e.kind, e.from_state, e.to_state])).toEqual([
      ['register', null, 'registered'],
      ['imported', 'registered', 'registered'],
    ]);

    // Rollup: each adds the same contributions, and the kept table equals a rebuild from the petitions.
    const strip = (row: typeof desk) => rollupContributions(row);
    expect(strip(ledger)).toEqual(strip(desk));
    const kept = await readRollup(ctx.deps.db);
    await rebuildRollup(ctx.deps.db, ctx.deps.dialect);
    expect(await readRollup(ctx.deps.db)).toEqual(kept);

    // Search: both found by a word of the text.
    const found = await listPetitions(deps, officer, { q: '夜班补贴', pageSize: 20 });
    expect(found.items.map((i) => i.id).sort()).toEqual([desk.id, ledger.id].sort());

    // Fingerprint: the same signature and samples, filed under the same shingles.
    const fingerprint = async (id: string) =>
      ctx.deps.db
        .selectFrom('petition_fingerprint')
        .select(['signature', 'shingle_count', 'samples'])
        .where('petition_id', '=', id)
        .executeTakeFirstOrThrow();
    expect(await fingerprint(ledger.id)).toEqual(await fingerprint(desk.id));
    const shingles = async (id: string) =>
      (
        await ctx.deps.db
          .selectFrom('petition_text_sample')
          .select('shingle')
          .where('petition_id', '=', id)
          .orderBy('shingle')
          .execute()
      ).map((r) => r.shingle);
    expect(await shingles(ledger.id)).toEqual(await shingles(desk.id));
    expect((await shingles(desk.id)).length).toBeGreaterThan(0);
  });
});
