/**
 * 系统设置 over HTTP, as the settings page meets it: the list of a unit with where each value comes
 * from and who may change it, setting and clearing by the people the REACH table allows, bad values
 * named on their field, a robot URL hidden from readers, and the keys read at registration applying
 * to new cases only.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { SettingListView, SettingView } from '../../../common/schemas/setting.ts';
import { loginAs } from '../../test/test-app.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { appWorld } from '../../test/factories.ts';

let ctx: TestContext;
let org: Org;
let app: FastifyInstance;
appWorld({ taxonomy: true }, (world) => ({ ctx, org, app } = world));

const ROBOT = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=mine-a-secret';
const ENTERPRISE_ROBOT = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=group-secret';

function item(list: SettingListView, key: SettingView['key']): SettingView {
  const found = list.items.find((i) => i.key === key);
  if (found === undefined) throw new Error(`no ${key}`);
  return found;
}

async function settingsAt(username: string, unitId: string): Promise<SettingListView> {
  const response = await (await loginAs(app, username)).get(`/api/settings?unitId=${unitId}`);
  expect(response.statusCode).toBe(200);
  return response.json<SettingListView>();
}

describe('GET /api/settings', () => {
  it("shows a mine's leader the enterprise's value as inherited, named, and not his to change", async () => {
    const admin = await loginAs(app, 'root.admin');
    const put = await admin.put('/api/settings/petition.groupThreshold', { unitId: org.units.root.id, value: 6 });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ value: 6, source: 'unit', sourceUnitName: '测试能源集团', editable: true });

    const mine = await settingsAt('chief.minea', org.units.mineA.id);
    expect(mine.level).toBe('mine');
    expect(item(mine, 'petition.groupThreshold')).toMatchObject({
      value: 6,
      source: 'inherited',
      sourceUnitId: org.units.root.id,
      sourceUnitName: '测试能源集团',
      // A mine may have figures of its own, but they are set from above: it is appraised on them.
      levels: ['enterprise', 'mine'],
      appliesToNewCasesOnly: true,
      editable: false,
    });
    expect(item(mine, 'petition.deadlines')).toMatchObject({
      source: 'default',
      sourceUnitName: null,
      editable: false,
    });
    // The mine's own robot is a key a mine's leader sets for his mine.
    expect(item(mine, 'notify.wecomRobotUrl')).toMatchObject({ source: 'default', value: null, editable: true });
    expect(item(mine, 'ledger.statisticsMonthStartDay').appliesToNewCasesOnly).toBe(false);
  });

  it('shows a team below a mine the values in force there, none of them editable (no level)', async () => {
    const team = await settingsAt('root.admin', org.units.teamA1.id);
    expect(team.level).toBeNull();
    expect(team.items.every((i) => !i.editable)).toBe(true);
  });

  it("answers 404 for a unit outside the reader's reach", async () => {
    const chief = await loginAs(app, 'chief.minea');
    expect((await chief.get(`/api/settings?unitId=${org.units.mineB.id}`)).statusCode).toBe(404);
  });
});

describe('PUT /api/settings/:key', () => {
  it("lets the enterprise's chief set an enterprise key, and refuses a mine's chief at either level", async () => {
    const mineChief = await loginAs(app, 'chief.minea');
    for (const unitId of [org.units.mineA.id, org.units.root.id]) {
      const refused = await mineChief.put('/api/settings/petition.groupThreshold', { unitId, value: 7 });
      expect(refused.statusCode).toBe(403);
    }
    const chief = await loginAs(app, 'chief.root');
    expect(
      (await chief.put('/api/settings/petition.groupThreshold', { unitId: org.units.root.id, value: 7 })).statusCode,
    ).toBe(200);
    // An officer has no setting.manage at all.
    const officer = await loginAs(app, 'officer.root');
    expect(
      (await officer.put('/api/settings/petition.groupThreshold', { unitId: org.units.root.id, value: 8 })).statusCode,
    ).toBe(403);
    expect(item(await settingsAt('officer.root', org.units.root.id), 'petition.groupThreshold').value).toBe(7);
  });

  it('names the field of a bad value under `value` and writes nothing', async () => {
    const admin = await loginAs(app, 'root.admin');
    const deadlines = item(await settingsAt('root.admin', org.units.root.id), 'petition.deadlines').value as Record<
      string,
      unknown
    >;
    const bad = await admin.put('/api/settings/petition.deadlines', {
      unitId: org.units.root.id,
      value: { ...deadlines, acceptanceNoticeDays: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['value', 'acceptanceNoticeDays'] }] } },
    });
    const scalar = await admin.put('/api/settings/ledger.statisticsMonthStartDay', {
      unitId: org.units.root.id,
      value: 29,
    });
    expect(scalar.json()).toMatchObject({ error: { details: { issues: [{ path: ['value'] }] } } });
    const outbound = await admin.put('/api/settings/notify.outbound', {
      unitId: org.units.root.id,
      value: { sms: ['no_such_kind'], email: [], wecom: [] },
    });
    expect(outbound.json()).toMatchObject({ error: { details: { issues: [{ path: ['value', 'sms', 0] }] } } });
    const list = await settingsAt('root.admin', org.units.root.id);
    expect(list.items.every((i) => i.source === 'default')).toBe(true);
  });

  it('hides a mine’s robot URL from readers who may not change it, and keeps it out of the audit trail', async () => {
    const chief = await loginAs(app, 'chief.minea');
    const set = await chief.put('/api/settings/notify.wecomRobotUrl', { unitId: org.units.mineA.id, value: ROBOT });
    expect(set.json()).toMatchObject({ value: ROBOT, source: 'unit', sourceUnitName: '甲矿', editable: true });
    expect(item(await settingsAt('officer.minea', org.units.mineA.id), 'notify.wecomRobotUrl').value).toBe('••••••');
    // The enterprise's chief reaches only his own unit for settings: he reads the mine's value masked.
    expect(item(await settingsAt('chief.root', org.units.mineA.id), 'notify.wecomRobotUrl')).toMatchObject({
      value: '••••••',
      editable: false,
    });
    expect(item(await settingsAt('root.admin', org.units.mineA.id), 'notify.wecomRobotUrl').value).toBe(ROBOT);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['after_json'])
      .where('action', '=', 'setting.update')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('mine-a-secret');
  });
});

describe('DELETE /api/settings/:key', () => {
  it("clears the mine's own value so the enterprise's holds again", async () => {
    const admin = await loginAs(app, 'root.admin');
    await admin.put('/api/settings/notify.wecomRobotUrl', { unitId: org.units.root.id, value: ENTERPRISE_ROBOT });
    const chief = await loginAs(app, 'chief.minea');
    await chief.put('/api/settings/notify.wecomRobotUrl', { unitId: org.units.mineA.id, value: ROBOT });
    const cleared = await chief.del(`/api/settings/notify.wecomRobotUrl?unitId=${org.units.mineA.id}`);
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({
      value: ENTERPRISE_ROBOT,
      source: 'inherited',
      sourceUnitName: '测试能源集团',
      editable: true,
    });
    const refused = await chief.del(`/api/settings/petition.groupThreshold?unitId=${org.units.mineA.id}`);
    expect(refused.statusCode).toBe(403);
  });
});

describe('keys read at registration (appliesTo new_cases)', () => {
  const petition = (headcount: number) => ({
    channel: 'visit',
    type: 'appeal',
    purpose: 'request',
    categoryCode: '0103',
    title: '拖欠工资',
    body: '三个月工资未发放，请求补发。',
    headcount,
    petitioners: [{ name: '李四', identity: 'employee', isRepresentative: true }],
  });
  type Registered = {
    petition: { id: string; flags: { group: boolean }; deadlines: { kind: string; dueDate: string }[] };
  };
  const acceptanceDue = (view: Registered['petition']) =>
    view.deadlines.find((d) => d.kind === 'acceptance_notice')?.dueDate;

  it('a new registration takes the new group threshold and time limit; a case on file keeps its own', async () => {
    const officer = await loginAs(app, 'officer.root');
    const before = (await officer.post('/api/petitions', petition(5))).json<Registered>().petition;
    expect(before.flags.group).toBe(true);
    // 2026-03-02 + 15 days (第23条).
    expect(acceptanceDue(before)).toBe('2026-03-17');

    const admin = await loginAs(app, 'root.admin');
    const deadlines = item(await settingsAt('root.admin', org.units.root.id), 'petition.deadlines').value as Record<
      string,
      unknown
    >;
    await admin.put('/api/settings/petition.groupThreshold', { unitId: org.units.root.id, value: 6 });
    await admin.put('/api/settings/petition.deadlines', {
      unitId: org.units.root.id,
      value: { ...deadlines, acceptanceNoticeDays: 10 },
    });

    const after = (await officer.post('/api/petitions', petition(5))).json<Registered>().petition;
    expect(after.flags.group).toBe(false);
    expect(acceptanceDue(after)).toBe('2026-03-12');
    const old = (await officer.get(`/api/petitions/${before.id}`)).json<Registered['petition']>();
    expect(old.flags.group).toBe(true);
    expect(acceptanceDue(old)).toBe('2026-03-17');
  });
});
