/**
 * Matters sent down from above (上级转送/交办, 第22条) and 越级 decided at registration (第20条第1款):
 * the higher body, its 文号, its deadline and the report it requires are recorded; the report is a
 * generated document, its deadline tracked like the others; the skip-level flag follows the rule
 * and the office corrects it through an audited step.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import {
  RegisterPetitionInputSchema,
  type PetitionDetailView,
  type RegisterPetitionInput,
} from '../../../common/schemas/petition.ts';
import { codeOf } from '../../test/outcome.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { getDashboard } from '../dashboard/dashboard.service.ts';
import { generateDocument, listDocuments, recordDelivery } from '../document/document.service.ts';
import * as petitions from '../petition/index.ts';
import { listPetitions } from '../ledger/index.ts';
import { createUnit } from '../unit/unit.service.ts';
import { registerPetition } from './registration.service.ts';

let ctx: TestContext;
let org: Org;
let deps: petitions.PetitionDeps;
serviceWorld((world) => ({ ctx, org, deps } = world));

const DAY = 86_400_000;
const user = (key: string): Actor => org.users[key] as Actor;
const dueOf = (view: PetitionDetailView, kind: string) => view.deadlines.find((d) => d.kind === kind);

function intake(overrides: Partial<RegisterPetitionInput> = {}) {
  return RegisterPetitionInputSchema.parse({
    channel: 'forwarded',
    type: 'appeal',
    purpose: 'request',
    title: '采煤沉陷区房屋裂缝补偿',
    body: '甲矿采煤沉陷致村民房屋开裂，多次反映未果，现到市信访局反映，请求鉴定并补偿。',
    petitioners: [{ name: '赵大', identity: 'villager', unitId: org.units.crewA1.id }],
    referral: {
      body: '市信访局',
      documentNumber: '市信交〔2026〕15号',
      route: 'assign',
      dueDate: '2026-03-31',
      replyForm: 'completion_report',
      petitionerChannel: 'visit',
    },
    ...overrides,
  });
}

describe('a matter sent down from above (上级转送/交办)', () => {
  it('records the body, its 文号, deadline and reply form, and tracks the report like any deadline', async () => {
    const officer = user('officer@root');
    const { petition } = await registerPetition(deps, officer, intake());
    expect(petition.events[0]).toMatchObject({
      kind: 'register',
      data: {
        channel: 'forwarded',
        referral: {
          body: '市信访局',
          documentNumber: '市信交〔2026〕15号',
          route: 'assign',
          dueDate: '2026-03-31',
          replyForm: 'completion_report',
        },
      },
    });
    expect(dueOf(petition, 'referral_report')).toMatchObject({
      dueDate: '2026-03-31',
      status: 'open',
      article: '《信访工作条例》第22条（上级机关确定的期限）',
    });
    // The list and the dashboard read the report's due date and status off the row.
    const row = await ctx.deps.db
      .selectFrom('petition')
      .select(['referral_due', 'referral_status'])
      .where('id', '=', petition.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ referral_due: '2026-03-31', referral_status: 'open' });

    // The report is generated from the case, addressed to the higher body, citing its 文号.
    await petitions.triagePetition(deps, officer, petition.id, {});
    await petitions.acceptPetition(deps, officer, petition.id, {});
    ctx.clock.advance(5 * DAY);
    expect((await listDocuments(deps, officer, petition.id)).generatable).toContain('referral_report');
    const report = await generateDocument(deps, officer, petition.id, 'referral_report');
    expect(report).toMatchObject({ kind: 'referral_report', addressedToPetitioner: false });
    expect(report.content).toMatchObject({
      title: '关于“采煤沉陷区房屋裂缝补偿”信访事项办结情况的报告',
      addressee: '市信访局',
      issuingUnit: '测试能源集团',
      number: '信报〔2026〕1号',
    });
    const text = report.content.paragraphs.join('\n');
    expect(text).toContain(
      '你单位交办的“采煤沉陷区房屋裂缝补偿”信访事项（市信交〔2026〕15号；本单位案件编号：XF2026-000001）收悉',
    );
    expect(text).toContain('本单位已于2026年3月2日受理，由测试能源集团承办。目前正在调查核实。');
    expect(text).toContain('特此报告。');

    // Sent before the date: met; the row follows.
    await recordDelivery(deps, officer, report.id, { method: 'post', trackingNumber: 'EMS0000000001' });
    const reported = await petitions.getPetition(deps, officer, petition.id);
    expect(dueOf(reported, 'referral_report')).toMatchObject({ status: 'met' });
    const after = await ctx.deps.db
      .selectFrom('petition')
      .select('referral_status')
      .where('id', '=', petition.id)
      .executeTakeFirstOrThrow();
    expect(after.referral_status).toBe('met');

    // The dashboard counts the reports due in the period like the 受理告知 and 办结 limits; its
    // drill-down lists exactly that case.
    const dashboard = await getDashboard(deps, user('chief@root'), { from: '2026-03-01', to: '2026-03-31' });
    expect(dashboard.onTime.referral).toMatchObject({ met: { value: 1 }, overdue: { value: 0 }, rate: 1 });
    const drilled = await listPetitions(deps, user('chief@root'), dashboard.onTime.referral.met.drill ?? {});
    expect(drilled.items.map((p) => p.id)).toEqual([petition.id]);
  });

  it('puts an unreported matter past its date on the overdue list and in the sweep', async () => {
    const officer = user('officer@root');
    const { petition } = await registerPetition(
      deps,
      officer,
      intake({ referral: { ...intake().referral!, dueDate: '2026-03-05' } }),
    );
    ctx.clock.advance(6 * DAY); // 03-08
    await petitions.refreshTimeDerived(deps, [petition.id]);
    const overdue = await listPetitions(deps, officer, { overdue: 'true' });
    expect(overdue.items.find((p) => p.id === petition.id)).toMatchObject({
      dueKind: 'referral_report',
      dueDate: '2026-03-05',
    });
  });

  it('refuses a referral on another channel, a 交办 without its date, and a date before the receipt, naming the field', async () => {
    const officer = user('officer@root');
    const issues = async (input: unknown) => {
      const parsed = RegisterPetitionInputSchema.safeParse(input);
      if (!parsed.success) return parsed.error.issues.map((i) => i.path.join('.'));
      return registerPetition(deps, officer, parsed.data).then(
        () => [],
        (e: unknown) =>
          ((e as { details?: { issues?: { path: unknown[] }[] } }).details?.issues ?? []).map((i) => i.path.join('.')),
      );
    };
    const base = intake();
    expect(await issues({ ...base, channel: 'letter' })).toEqual(['referral']);
    expect(await issues({ ...base, referral: { ...base.referral, dueDate: undefined } })).toEqual(['referral.dueDate']);
    expect(await issues({ ...base, referral: { ...base.referral, dueDate: '2026-02-20' } })).toEqual([
      'referral.dueDate',
    ]);
    // 转送 needs no date: no report deadline then.
    const forwarded = await registerPetition(
      deps,
      officer,
      intake({ referral: { ...base.referral!, route: 'forward', dueDate: undefined } }),
    );
    expect(dueOf(forwarded.petition, 'referral_report')).toBeUndefined();
  });
});

describe('越级 decided at registration (第20条第1款)', () => {
  it('flags a visit to a body two levels above the petitioner’s, not one level above or a letter', async () => {
    const officer = user('officer@root');
    // Crew A1's level is mine A; the city body above the group is two levels above it.
    expect((await registerPetition(deps, officer, intake())).petition.flags.skipLevel).toBe(true);
    const wrote = intake({ referral: { ...intake().referral!, petitionerChannel: 'letter' } });
    expect((await registerPetition(deps, officer, wrote)).petition.flags.skipLevel).toBe(false);
    // A visit to the group itself is the 上一级 of mine A: in order.
    const visit = intake({ channel: 'visit', referral: undefined });
    expect((await registerPetition(deps, officer, visit)).petition.flags.skipLevel).toBe(false);
    // Under a company: its mine's worker at the group has gone past the company.
    const company = await createUnit(ctx.deps, org.admin, {
      parentId: org.units.root.id,
      kind: 'company',
      name: '机械公司',
    });
    const workshop = await createUnit(ctx.deps, org.admin, { parentId: company.id, kind: 'mine', name: '丙矿' });
    const deep = intake({
      channel: 'visit',
      referral: undefined,
      petitioners: [{ name: '钱二', identity: 'employee', unitId: workshop.id, isRepresentative: false }],
    });
    const flagged = await registerPetition(deps, officer, deep);
    expect(flagged.petition.flags.skipLevel).toBe(true);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('entity_id', '=', flagged.petition.id)
      .where('action', '=', 'petition.register')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({ skipLevel: true });
  });

  it('lets the office correct the flag, audited, and refuses the same value or another role', async () => {
    const officer = user('officer@root');
    const { petition } = await registerPetition(deps, officer, intake());
    expect(petition.flags.skipLevel).toBe(true);
    expect(petition.actions).toContain('correctSkipLevel');
    const corrected = await petitions.correctSkipLevel(deps, officer, petition.id, {
      skipLevel: false,
      reason: '信访人系先到矿、集团反映未果后到市里',
    });
    expect(corrected.flags.skipLevel).toBe(false);
    expect(corrected.events.at(-1)).toMatchObject({
      kind: 'correctSkipLevel',
      internal: true,
      data: { skipLevel: false },
    });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['actor_id', 'before_json', 'after_json'])
      .where('action', '=', 'petition.correctSkipLevel')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(officer.id);
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({ is_skip_level: 0 });
    expect(
      await codeOf(petitions.correctSkipLevel(deps, officer, petition.id, { skipLevel: false, reason: '重复更正' })),
    ).toBe('VALIDATION_FAILED');
    expect(
      await codeOf(
        petitions.correctSkipLevel(deps, user('auditor@root'), petition.id, { skipLevel: true, reason: '改' }),
      ),
    ).toBe('FORBIDDEN');
    // An officer registering may also set it outright; the rule's decision stays on the event.
    const set = await registerPetition(deps, officer, intake({ skipLevel: false }));
    expect(set.petition.flags.skipLevel).toBe(false);
    expect(set.petition.events[0]?.data).toMatchObject({ skipLevelDecided: true, skipLevel: false });
  });
});
