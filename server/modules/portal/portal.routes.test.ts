import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { renderSVG } from 'uqr';
import type { PortalCaseView, PortalConfigView, PortalReceiptView } from '../../../common/schemas/portal.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { buildTestApp, loginAs, TEST_APP_CONFIG } from '../../test/test-app.ts';
import { filePortalPetition, solvedChallenge } from '../../test/portal-client.ts';
import { storedFileKeys, TEST_PASSWORD, type Org, type TestContext } from '../../test/test-context.ts';
import { appWorld } from '../../test/factories.ts';
import { createUser } from '../user/user.service.ts';

const POW_BITS = 8;
let ctx: TestContext;
let org: Org;
let app: FastifyInstance;
appWorld(
  { taxonomy: true, app: { portalPowBits: POW_BITS, portalRateLimits: { file: 100, track: 100, other: 100 } } },
  (world) => ({ ctx, org, app } = world),
);

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

const solved = () => solvedChallenge(app, POW_BITS);
const file = (petition: Record<string, unknown>, files: { fileName: string; data: Buffer; type?: string }[] = []) =>
  filePortalPetition(app, petition, files);

const ANONYMOUS = {
  anonymous: true,
  matter: 'appeal',
  body: '井下三号皮带巷积水严重，多次反映没有处理，存在安全隐患。',
};

/** A request from `remoteAddress` (light-my-request's default is 127.0.0.1). */
function post(url: string, payload: Record<string, unknown>, remoteAddress = '127.0.0.1') {
  return app.inject({ method: 'POST', url, payload, remoteAddress });
}

async function counts() {
  const [petitions, attachments, files] = await Promise.all([
    ctx.deps.db.selectFrom('petition').select('id').execute(),
    ctx.deps.db.selectFrom('attachment').select('id').execute(),
    storedFileKeys(ctx).then((keys) => keys.length),
  ]);
  return { petitions: petitions.length, attachments: attachments.length, files };
}

describe('filing from the portal', () => {
  it('files an anonymous petition with a photo and returns the case number and a code shown once', async () => {
    const response = await file({ ...ANONYMOUS, ...(await solved()) }, [
      { fileName: '积水.png', data: PNG, type: 'image/png' },
    ]);
    expect(response.statusCode).toBe(200);
    const receipt = response.json<PortalReceiptView>();
    expect(receipt).toMatchObject({ caseNumber: 'XF2026-000001', attachments: 1, smsQueued: false });
    expect(receipt.trackingCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const row = await ctx.deps.db.selectFrom('petition').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: 'online',
      is_anonymous: 1,
      type: 'appeal',
      title: '井下三号皮带巷积水严重，多次反映没有处理，存在安全隐患',
    });
    expect(row.tracking_code_hash).not.toContain(receipt.trackingCode.replace(/-/g, ''));
    expect(await counts()).toEqual({ petitions: 1, attachments: 1, files: 1 });
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);
  });

  it('refuses a bad upload with a clear message and leaves nothing behind; the challenge stays usable', async () => {
    const pow = await solved();
    const bad = await file({ ...ANONYMOUS, ...pow }, [
      { fileName: 'ok.png', data: PNG },
      { fileName: '照片.jpg', data: EXE },
    ]);
    expect(bad.statusCode).toBe(415);
    expect(bad.json<{ error: { code: string; details: { fileName: string } } }>().error).toMatchObject({
      code: 'ATTACHMENT_TYPE_NOT_ALLOWED',
      details: { fileName: '照片.jpg' },
    });
    expect(await counts()).toEqual({ petitions: 0, attachments: 0, files: 0 });

    const tooMany = await file(
      { ...ANONYMOUS, ...pow },
      Array.from({ length: 6 }, (_, i) => ({ fileName: `${i}.png`, data: PNG })),
    );
    expect(tooMany.statusCode).toBe(400);
    expect(
      tooMany.json<{ error: { details: { issues: { path: string[] }[] } } }>().error.details.issues[0]?.path,
    ).toEqual(['files']);

    const tooBig = await file({ ...ANONYMOUS, ...pow }, [
      { fileName: 'big.png', data: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]) },
    ]);
    expect(tooBig.statusCode).toBe(413);
    expect(await counts()).toEqual({ petitions: 0, attachments: 0, files: 0 });
    // Nothing was spent: the same answer files the petition.
    expect((await file({ ...ANONYMOUS, ...pow })).statusCode).toBe(200);
  });

  it('refuses an unsolved, forged, expired or reused challenge', async () => {
    const pow = await solved();
    const [expires, random] = pow.challenge.split('.');
    const cases: [string, Record<string, string>][] = [
      ['wrong nonce', { challenge: pow.challenge, nonce: 'zzzzzz-not' }],
      ['forged signature', { challenge: `${expires}.${random}.${'0'.repeat(32)}`, nonce: pow.nonce }],
      ['malformed', { challenge: 'nonsense', nonce: '1' }],
    ];
    for (const [label, answer] of cases) {
      const response = await file({ ...ANONYMOUS, ...answer });
      expect(response.json<{ error: { code: string } }>().error.code, label).toBe('CHALLENGE_FAILED');
    }
    expect((await file({ ...ANONYMOUS, ...pow })).statusCode).toBe(200);
    expect((await file({ ...ANONYMOUS, ...pow })).json<{ error: { code: string } }>().error.code).toBe(
      'CHALLENGE_FAILED',
    );
    const fresh = await solved();
    ctx.clock.advance(61 * 60_000);
    expect((await file({ ...ANONYMOUS, ...fresh })).json<{ error: { code: string } }>().error.code).toBe(
      'CHALLENGE_FAILED',
    );
  });

  it('names the field of a bad filing', async () => {
    const pow = await solved();
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          anonymous: false,
          matter: 'appeal',
          body: '工资拖欠三个月没有发放。',
          name: '张三',
          idNumber: '110105194912310021',
        },
        'idNumber',
      ],
      [{ anonymous: false, matter: 'appeal', body: '工资拖欠三个月没有发放。' }, 'name'],
      [{ anonymous: true, matter: 'appeal', body: '太短' }, 'body'],
      [{ anonymous: true, matter: 'appeal', body: '工资拖欠三个月没有发放。', phone: '13800000000' }, 'phone'],
      [{ anonymous: true, matter: 'gossip', body: '工资拖欠三个月没有发放。' }, 'matter'],
      [{ anonymous: true, matter: 'appeal', body: '工资拖欠三个月没有发放。', unitCode: 'NOPE' }, 'unitCode'],
    ];
    for (const [petition, field] of cases) {
      const response = await file({ ...petition, ...pow });
      expect(response.statusCode, field).toBe(400);
      expect(
        response
          .json<{ error: { details: { issues: { path: string[] }[] } } }>()
          .error.details.issues.map((i) => i.path[0]),
        field,
      ).toContain(field);
    }
    expect(await counts()).toEqual({ petitions: 0, attachments: 0, files: 0 });
  });

  it('files a real-name petition from a unit QR code and queues the receipt SMS encrypted', async () => {
    const unit = await ctx.deps.db
      .selectFrom('unit')
      .select(['code', 'name'])
      .where('id', '=', org.units.teamA1.id)
      .executeTakeFirstOrThrow();
    const found = (
      await app.inject({ method: 'GET', url: `/api/portal/units/${encodeURIComponent(unit.code)}` })
    ).json<{ name: string; path: string[] }>();
    expect(found).toEqual({
      code: unit.code,
      name: '综采一队',
      path: ['测试能源集团', '甲矿', '综采一队'],
      office: null,
    });
    const response = await file({
      anonymous: false,
      name: '李矿工',
      phone: '13912345678',
      matter: 'appeal',
      categoryCode: '01',
      body: '我的工伤认定申请已经三个月没有结果。',
      unitCode: unit.code,
      ...(await solved()),
    });
    expect(response.statusCode).toBe(200);
    const receipt = response.json<PortalReceiptView>();
    expect(receipt.smsQueued).toBe(true);
    const petition = await ctx.deps.db.selectFrom('petition').selectAll().executeTakeFirstOrThrow();
    expect(petition).toMatchObject({ channel: 'qr_code', registered_unit_id: org.units.teamA1.id });
    const sms = await ctx.deps.db
      .selectFrom('outbox_message')
      .selectAll()
      .where('channel', '=', 'sms')
      .executeTakeFirstOrThrow();
    expect(sms.body_enc).not.toContain(receipt.trackingCode);
    expect(sms.address_enc).not.toContain('13912345678');
    // The mine's office sees it (registered in its subtree); the other mine does not.
    const mineA = await loginAs(app, 'officer.minea');
    expect((await mineA.get(`/api/petitions/${petition.id}`)).statusCode).toBe(200);
  });
});

describe('the office on the portal: address, phone, hours, and the unit a matter concerns', () => {
  const GROUP_OFFICE = {
    name: '集团公司信访办公室',
    address: '某市矿区路1号集团办公楼一层',
    phone: '0310-1234567',
    hours: '周一至周五 8:30—12:00，14:30—17:30',
  };
  const MINE_OFFICE = { ...GROUP_OFFICE, name: '甲矿信访办', address: '甲矿机关楼102室', phone: '0310-7654321' };

  it('shows the enterprise’s office, each mine’s own, lists the units, and files about a unit chosen from the list', async () => {
    const config = () =>
      app.inject({ method: 'GET', url: '/api/portal/config' }).then((r) => r.json<PortalConfigView>());
    expect((await config()).office).toBeNull();
    // Set through the settings module: the enterprise administrator for the group, mine A's for the mine.
    const admin = await loginAs(app, 'root.admin');
    expect(
      (await admin.put('/api/settings/portal.office', { unitId: org.units.root.id, value: GROUP_OFFICE })).statusCode,
    ).toBe(200);
    const mineAdmin = await loginAs(app, 'admin.minea');
    expect(
      (await mineAdmin.put('/api/settings/portal.office', { unitId: org.units.mineA.id, value: MINE_OFFICE }))
        .statusCode,
    ).toBe(200);
    // A mine's administrator does not publish the group's office.
    expect(
      (await mineAdmin.put('/api/settings/portal.office', { unitId: org.units.root.id, value: MINE_OFFICE }))
        .statusCode,
    ).toBe(403);

    const view = await config();
    expect(view.office).toEqual(GROUP_OFFICE);
    const units = await ctx.deps.db.selectFrom('unit').select(['id', 'code']).execute();
    const codeOf = (id: string) => units.find((u) => u.id === id)?.code;
    expect(view.units).toEqual(
      expect.arrayContaining([
        { code: codeOf(org.units.mineA.id), name: '甲矿', parentCode: null },
        { code: codeOf(org.units.teamA1.id), name: '综采一队', parentCode: codeOf(org.units.mineA.id) },
        { code: codeOf(org.units.deptHr.id), name: '人力资源部', parentCode: null },
      ]),
    );
    // Crews are not listed.
    expect(view.units.map((u) => u.code)).not.toContain(codeOf(org.units.crewA1.id));

    const team = await app.inject({ method: 'GET', url: `/api/portal/units/${codeOf(org.units.teamA1.id) ?? ''}` });
    expect(team.json<{ office: unknown }>().office).toEqual(MINE_OFFICE);
    const other = await app.inject({ method: 'GET', url: `/api/portal/units/${codeOf(org.units.teamB1.id) ?? ''}` });
    expect(other.json<{ office: unknown }>().office).toEqual(GROUP_OFFICE);

    const response = await file({
      anonymous: true,
      matter: 'appeal',
      body: '综采一队井下津贴今年一直按旧标准发放。',
      unitCode: codeOf(org.units.teamA1.id),
      unitSource: 'list',
      ...(await solved()),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<PortalReceiptView>().office).toEqual(MINE_OFFICE);
    // An online filing about that unit: registered there, so the mine's office sees it.
    const petition = await ctx.deps.db.selectFrom('petition').selectAll().executeTakeFirstOrThrow();
    expect(petition).toMatchObject({ channel: 'online', registered_unit_id: org.units.teamA1.id });
    const involved = await ctx.deps.db.selectFrom('petition_unit').selectAll().execute();
    expect(involved).toEqual([{ petition_id: petition.id, unit_id: org.units.teamA1.id, role: 'involved' }]);

    // The office's 回执 at the window carries its own contact.
    const mineOfficer = await loginAs(app, 'officer.minea');
    const registered = await mineOfficer.post('/api/petitions', {
      channel: 'visit',
      type: 'appeal',
      purpose: 'request',
      title: '来访反映津贴',
      body: '来访反映井下津贴按旧标准发放。',
      petitioners: [{ name: '韩立军', identity: 'employee' }],
    });
    expect(registered.json<{ office: unknown }>().office).toEqual(MINE_OFFICE);
    // …and the portal's public address, whatever host the office's browser used.
    expect(registered.json<{ portalUrl: string }>().portalUrl).toBe(`${TEST_APP_CONFIG.publicUrl}/portal`);
  });
});

describe('tracking with number and code', () => {
  async function filed(): Promise<PortalReceiptView> {
    return (
      await file({
        anonymous: false,
        name: '王大山',
        idNumber: '11010519491231002X',
        phone: '13812345678',
        matter: 'appeal',
        body: '综采一队拖欠2026年1至2月加班工资，请求补发。',
        ...(await solved()),
      })
    ).json<PortalReceiptView>();
  }

  it('a wrong code reveals nothing: the same answer as an unknown case', async () => {
    const receipt = await filed();
    const wrong = await post('/api/portal/track', { caseNumber: receipt.caseNumber, code: 'AAAA-BBBB-CCCC-DDDD' });
    const unknown = await post('/api/portal/track', { caseNumber: 'XF2026-999999', code: 'AAAA-BBBB-CCCC-DDDD' });
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.json<{ error: unknown }>().error).toEqual(unknown.json<{ error: unknown }>().error);
    const right = await post('/api/portal/track', {
      caseNumber: receipt.caseNumber,
      code: receipt.trackingCode.toLowerCase().replace(/-/g, ''),
    });
    expect(right.statusCode).toBe(200);
    expect(right.json<PortalCaseView>()).toMatchObject({
      caseNumber: receipt.caseNumber,
      state: 'registered',
      timeline: [{ kind: 'register' }],
    });
  });

  const STRANGER = '203.0.113.7';
  const PETITIONER = '198.51.100.23';
  const wrongCode = (i: number) => `AAAA-BBBB-CCCC-${String(i).padStart(4, '0')}`;

  it('locks a case number for the address that guessed wrong, even for the right code, until the window passes', async () => {
    const receipt = await filed();
    for (let i = 0; i < 10; i++)
      await post('/api/portal/track', { caseNumber: receipt.caseNumber, code: wrongCode(i) }, STRANGER);
    const right = { caseNumber: receipt.caseNumber, code: receipt.trackingCode };
    const locked = await post('/api/portal/track', right, STRANGER);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: 900 } } });
    ctx.clock.advance(16 * 60_000);
    expect((await post('/api/portal/track', right, STRANGER)).statusCode).toBe(200);
  });

  // Issue #11 finding 8: case numbers are sequential, so counting per case number let anyone keep
  // a petitioner out of their own case (and run out a 30-day 复查 window).
  it("a stranger's wrong codes never lock the petitioner out of tracking, messaging or asking for review", async () => {
    const receipt = await filed();
    for (let i = 0; i < 25; i++)
      await post('/api/portal/track', { caseNumber: receipt.caseNumber, code: wrongCode(i) }, STRANGER);
    const right = { caseNumber: receipt.caseNumber, code: receipt.trackingCode };
    expect((await post('/api/portal/track', right, STRANGER)).statusCode).toBe(429);
    expect((await post('/api/portal/track', right, PETITIONER)).statusCode).toBe(200);
    expect((await post('/api/portal/messages', { ...right, body: '请问何时答复？' }, PETITIONER)).statusCode).toBe(200);
  });

  it('answers an unknown case number exactly as a known one with a wrong code, before and after the lock', async () => {
    const receipt = await filed();
    const known = [] as { status: number; body: unknown }[];
    const unknown = [] as { status: number; body: unknown }[];
    for (let i = 0; i < 11; i++) {
      for (const [caseNumber, into] of [
        [receipt.caseNumber, known],
        ['XF2026-999999', unknown],
      ] as const) {
        const answer = await post('/api/portal/track', { caseNumber, code: wrongCode(i) }, STRANGER);
        into.push({ status: answer.statusCode, body: answer.json() });
      }
    }
    expect(unknown).toEqual(known);
    expect(known.at(-1)?.status).toBe(429);
  });

  it('shows the petitioner no internal notes or staff names; messages go both ways; evaluates once; requests review', async () => {
    const receipt = await filed();
    const key = { caseNumber: receipt.caseNumber, code: receipt.trackingCode };
    const { id } = await ctx.deps.db.selectFrom('petition').select('id').executeTakeFirstOrThrow();
    const officer = await loginAs(app, 'officer.root');
    const chief = await loginAs(app, 'chief.root');
    await officer.post(`/api/petitions/${id}/triage`, {});
    await officer.post(`/api/petitions/${id}/accept`, {});
    await officer.post(`/api/petitions/${id}/notes`, { text: '内部：此人反映过多次，注意方式方法', internal: true });
    await officer.post(`/api/petitions/${id}/start-investigation`, {});

    const sent = await post('/api/portal/messages', { ...key, body: '请问什么时候能有结果？' });
    expect(sent.json<PortalCaseView>().messages).toMatchObject([{ direction: 'in', body: '请问什么时候能有结果？' }]);
    const inbox = await officer.get(`/api/petitions/${id}/messages`);
    expect(inbox.json<{ items: { direction: string }[]; canReply: boolean }>()).toMatchObject({
      items: [{ direction: 'in' }],
      canReply: true,
    });
    await officer.post(`/api/petitions/${id}/messages`, { body: '正在核实考勤记录，预计两周内答复。' });

    await officer.post(`/api/petitions/${id}/draft-reply`, {
      request: '补发加班工资',
      factsAndReasons: '经核实属实。',
      opinion: '责成综采一队补发。',
      legalBasis: '《工资支付暂行规定》',
      result: 'support',
      outcomes: [{ kind: 'resolved', measures: '综采一队已补发' }],
    });
    await chief.post(`/api/petitions/${id}/issue-reply`, { deliveryMethod: 'portal' });

    const view = (await post('/api/portal/track', key)).json<PortalCaseView>();
    const text = JSON.stringify(view);
    expect(text).not.toContain('内部');
    expect(text).not.toContain('officer.root');
    expect(text).not.toContain('chief.root');
    expect(view.timeline.map((e) => e.kind)).toEqual(['register', 'accept', 'startInvestigation', 'issueReply']);
    expect(view.messages.map((m) => m.direction)).toEqual(['in', 'out']);
    expect(view.documents).toHaveLength(1);
    expect(view.documents[0]?.content.paragraphs.join('')).toContain('责成综采一队补发');
    expect(view.deadlines.map((d) => d.kind)).toEqual(
      expect.arrayContaining(['acceptance_notice', 'conclusion', 'review_request']),
    );
    expect(view.deadlines.map((d) => d.kind)).not.toContain('owner_confirmation');
    expect(view).toMatchObject({ evaluation: { allowed: true, recorded: null }, review: { allowed: true } });

    const docx = await app.inject({
      method: 'POST',
      url: `/api/portal/documents/${view.documents[0]!.id}/docx`,
      payload: key,
    });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toMatch(/^attachment/);
    const elsewhere = await app.inject({
      method: 'POST',
      url: `/api/portal/documents/${view.documents[0]!.id}/docx`,
      payload: { ...key, code: 'AAAA-BBBB-CCCC-DDDD' },
    });
    expect(elsewhere.statusCode).toBe(404);

    const evaluated = await post('/api/portal/evaluate', { ...key, satisfaction: 2, comment: '补发金额不对' });
    expect(evaluated.json<PortalCaseView>()).toMatchObject({
      state: 'evaluated',
      evaluation: { allowed: false, recorded: { satisfaction: 2 } },
    });
    expect(
      (await post('/api/portal/evaluate', { ...key, satisfaction: 5 })).json<{ error: { code: string } }>().error.code,
    ).toBe('EVALUATION_ALREADY_RECORDED');

    const reviewed = await post('/api/portal/review', { ...key, reason: '对补发金额有异议，请求复查' });
    expect(reviewed.json<PortalCaseView>()).toMatchObject({ state: 'review_requested', review: { allowed: false } });
    // No 复核 window before a 复查意见书 has reached the petitioner (第36条), and no 复核 request.
    expect(reviewed.json<PortalCaseView>().deadlines.map((d) => d.kind)).not.toContain('reconsideration_request');
    expect(reviewed.json<PortalCaseView>().reconsideration.allowed).toBe(false);
    const early = await post('/api/portal/reconsideration', { ...key, reason: '还没收到复查意见就申请复核' });
    expect(early.json<{ error: { code: string } }>().error.code).toBe('PETITION_TRANSITION_ILLEGAL');

    // The group handled the matter itself: at the top of the tree the 复查 is decided by a leader who
    // took no part — not the chief who signed the reply — and its 意见书 goes out in the same step.
    await createUser(ctx.deps, org.admin, {
      username: 'deputy.root',
      displayName: '孙副总',
      role: 'deputy',
      unitId: org.units.root.id,
      password: TEST_PASSWORD,
    });
    const deputy = await loginAs(app, 'deputy.root');
    const opinion = {
      opinion: '经复查，补发金额计算无误，维持原处理意见。',
      result: 'reject',
      deliveryMethod: 'portal',
    };
    expect((await chief.post(`/api/petitions/${id}/review-opinion`, opinion)).statusCode).toBe(403);
    expect((await officer.post(`/api/petitions/${id}/review-opinion`, opinion)).statusCode).toBe(403);
    expect((await deputy.post(`/api/petitions/${id}/review-opinion`, opinion)).statusCode).toBe(200);
    const afterReview = (await post('/api/portal/track', key)).json<PortalCaseView>();
    expect(afterReview.state).toBe('reviewed');
    expect(afterReview.documents.map((d) => d.kind)).toEqual(['reply', 'review_opinion']);
    const reviewText = afterReview.documents[1]?.content.paragraphs.join('') ?? '';
    expect(reviewText).toContain('维持原处理意见');
    expect(reviewText).toContain('请求复核');
    expect(afterReview.deadlines.map((d) => d.kind)).toContain('reconsideration_request');
    expect(JSON.stringify(afterReview)).not.toContain('孙副总');

    // The petitioner asks for 复核 on the portal, beside the 复查意见书.
    expect(afterReview.reconsideration.allowed).toBe(true);
    expect(afterReview.reconsideration.dueDate).toBe(
      afterReview.deadlines.find((d) => d.kind === 'reconsideration_request')?.dueDate,
    );
    expect(afterReview.reconsideration.dueDate).not.toBeNull();
    const asked = await post('/api/portal/reconsideration', { ...key, reason: '对复查意见仍不服，请求复核' });
    expect(asked.json<PortalCaseView>()).toMatchObject({
      state: 'reconsideration_requested',
      reconsideration: { allowed: false },
    });
    // The 复核 at the top of the tree: none of the chief who signed, the deputy who reviewed; a third
    // leader decides, and the final 复核意见书 is on the portal too.
    await createUser(ctx.deps, org.admin, {
      username: 'deputy2.root',
      displayName: '周副总',
      role: 'deputy',
      unitId: org.units.root.id,
      password: TEST_PASSWORD,
    });
    const deputy2 = await loginAs(app, 'deputy2.root');
    const final = { opinion: '经复核，维持复查意见，本事项终结。', result: 'reject', deliveryMethod: 'portal' };
    expect((await chief.post(`/api/petitions/${id}/reconsideration-opinion`, final)).statusCode).toBe(403);
    expect((await deputy.post(`/api/petitions/${id}/reconsideration-opinion`, final)).statusCode).toBe(403);
    expect((await officer.post(`/api/petitions/${id}/reconsideration-opinion`, final)).statusCode).toBe(403);
    expect((await deputy2.post(`/api/petitions/${id}/reconsideration-opinion`, final)).statusCode).toBe(200);
    const afterFinal = (await post('/api/portal/track', key)).json<PortalCaseView>();
    expect(afterFinal.documents.map((d) => d.kind)).toEqual(['reply', 'review_opinion', 'reconsideration_opinion']);
    expect(afterFinal.documents[2]?.content.paragraphs.join('')).toContain('维持复查意见');
    expect(JSON.stringify(afterFinal)).not.toContain('周副总');
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);
  });

  it('dates the first step of the timeline on the day the letter was received, not the day it was registered', async () => {
    const officer = await loginAs(app, 'officer.root');
    const receivedAt = new Date(ctx.clock.now().getTime() - 4 * 86_400_000).toISOString();
    const registered = await officer.post('/api/petitions', {
      channel: 'letter',
      type: 'appeal',
      purpose: 'request',
      title: '来信反映井下津贴',
      body: '来信反映井下津贴按旧标准发放，请求补发差额。',
      receivedAt,
      petitioners: [{ name: '韩立军', phone: '13812345670', identity: 'employee' }],
    });
    const { petition, trackingCode } = registered.json<{ petition: { caseNumber: string }; trackingCode: string }>();
    const view = (
      await post('/api/portal/track', { caseNumber: petition.caseNumber, code: trackingCode })
    ).json<PortalCaseView>();
    expect(view.timeline[0]).toEqual({ kind: 'register', at: receivedAt });
    expect(view.receivedAt).toBe(receivedAt);
  });

  // Issue #11 finding 6: with the victim's ID number and any phone, /similar listed the victim's open
  // cases and scored guessed text (0.9 right, 0.13 wrong). A key of the case is the proof now.
  it('finding 6: the "similar open case" offer is no oracle — ID number and phone open nothing, a key opens its case', async () => {
    const receipt = await filed();
    // What the attacker knows: the ID number, the phone, even the name — and no code.
    const byIdentity = await post('/api/portal/similar', {
      idNumber: '11010519491231002X',
      phone: '13812345678',
      text: '综采一队拖欠2026年1至2月加班工资，请求补发。',
    });
    expect(byIdentity.statusCode).toBe(400);
    expect(byIdentity.json<{ items?: unknown }>().items).toBeUndefined();
    // The attacker files with the victim's identity to get a key of his own: it opens only his own filing.
    const attacker = (
      await file({
        anonymous: false,
        name: '王大山',
        idNumber: '11010519491231002X',
        phone: '13812345678',
        matter: 'suggestion',
        body: '建议食堂增加夜班供餐时间。',
        ...(await solved()),
      })
    ).json<PortalReceiptView>();
    const own = await post('/api/portal/similar', {
      caseNumber: attacker.caseNumber,
      code: attacker.trackingCode,
      text: '综采一队拖欠2026年1至2月加班工资，请求补发。',
    });
    expect(own.json<{ items: { similarity: number }[] }>().items).toHaveLength(1);
    expect(own.json<{ items: { similarity: number }[] }>().items[0]!.similarity).toBeLessThan(0.2);
    // A guessed code for the victim's case answers like an unknown case, and counts towards the lock.
    const guessed = await post('/api/portal/similar', { caseNumber: receipt.caseNumber, code: 'AAAA-BBBB-CCCC-DDDD' });
    const unknown = await post('/api/portal/similar', { caseNumber: 'XF2026-999999', code: 'AAAA-BBBB-CCCC-DDDD' });
    expect([guessed.statusCode, guessed.json()]).toEqual([404, unknown.json()]);
    for (let i = 0; i < 10; i++)
      await post('/api/portal/similar', { caseNumber: receipt.caseNumber, code: wrongCode(i) }, STRANGER);
    const right = { caseNumber: receipt.caseNumber, code: receipt.trackingCode };
    expect((await post('/api/portal/similar', right, STRANGER)).statusCode).toBe(429);
  });

  it('offers the petitioner their own open case by its key, ranked by the text typed so far', async () => {
    const receipt = await filed();
    const key = { caseNumber: receipt.caseNumber, code: receipt.trackingCode };
    expect((await post('/api/portal/similar', key)).json<{ items: unknown[] }>().items).toMatchObject([
      { state: 'registered', similarity: null },
    ]);
    const score = async (text: string) =>
      (await post('/api/portal/similar', { ...key, text })).json<{ items: { similarity: number }[] }>().items[0]
        ?.similarity ?? 0;
    // The same matter in other words scores high, another matter low.
    expect(await score('综采一队拖欠我2026年1至2月的加班工资，一直没有补发。')).toBeGreaterThan(0.4);
    expect(await score('食堂饭菜价格太高，建议增加班中餐补贴。')).toBeLessThan(0.1);
  });
});

describe('unit QR code', () => {
  // Issue #11 finding 12: the code printed on posters must lead to our portal, never to whatever
  // Host header the request that rendered it carried.
  it.each(['evil.example', 'xinfang.example.com.evil.example', '127.0.0.1:3000'])(
    'encodes the configured public URL whatever the Host header says (%s)',
    async (host) => {
      const officer = await loginAs(app, 'officer.root');
      const unit = await ctx.deps.db
        .selectFrom('unit')
        .select('code')
        .where('id', '=', org.units.mineA.id)
        .executeTakeFirstOrThrow();
      const qr = await app.inject({
        method: 'GET',
        url: `/api/units/${org.units.mineA.id}/qr.svg`,
        headers: { host, cookie: `xf_sid=${officer.cookie}`, 'x-forwarded-host': host, 'x-forwarded-proto': 'http' },
      });
      expect(qr.statusCode).toBe(200);
      const expected = `${TEST_APP_CONFIG.publicUrl}/portal/file?u=${encodeURIComponent(unit.code)}`;
      expect(qr.body).toBe(renderSVG(expected, { border: 2 }));
    },
  );
});

describe('limits', () => {
  it('holds the rate limit per address', async () => {
    const limited = await buildTestApp(ctx, {
      portalPowBits: POW_BITS,
      portalRateLimits: { file: 1, track: 3, other: 60 },
    });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++)
        codes.push(
          (
            await limited.inject({
              method: 'POST',
              url: '/api/portal/track',
              payload: { caseNumber: 'XF2026-000001', code: 'AAAA-BBBB-CCCC-DDDD' },
            })
          ).statusCode,
        );
      expect(codes).toEqual([404, 404, 404, 429]);
    } finally {
      await limited.close();
    }
  });

  it('keeps the workbench side behind a session and the guidance editable by the enterprise admin only', async () => {
    expect((await app.inject({ method: 'GET', url: `/api/units/${org.units.mineA.id}/qr.svg` })).statusCode).toBe(401);
    const officer = await loginAs(app, 'officer.root');
    const qr = await officer.get(`/api/units/${org.units.mineA.id}/qr.svg`);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.body).toContain('<svg');
    const guidance = { sections: [{ title: '受理范围', body: '与本企业有关的事项。' }] };
    const admin = await loginAs(app, 'root.admin');
    const put = (client: typeof admin) =>
      app.inject({
        method: 'PUT',
        url: '/api/portal-guidance',
        headers: { cookie: `xf_sid=${client.cookie}`, 'x-csrf-token': client.csrfToken },
        payload: guidance,
      });
    expect((await put(officer)).statusCode).toBe(403);
    expect((await put(admin)).statusCode).toBe(200);
    const config = (await app.inject({ method: 'GET', url: '/api/portal/config' })).json<{
      guidance: unknown;
      categories: { name: string }[];
    }>();
    expect(config.guidance).toEqual(guidance);
    expect(config.categories.length).toBeGreaterThan(3);
  });
});
