/**
 * The policy on the database (SQLite, and PostgreSQL with TEST_DATABASE_URL): who decides the 复查
 * of a case handled at each level of the tree, crew to group (第35条, docs/domain.md "at the top of
 * the tree the unit itself"); after a handover only the body it went to signs for and accepts it
 * (第23条第3款); 签收 and 确认包案 are offered once; 签发 waits for the 包案 leader's confirmation
 * (第18条). Each rule as a table over stages and people, read from the case page's `actions` — what
 * the workbench offers — and enforced by the verb with its error code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { registerPetition } from '../intake/index.ts';
import { codeOf } from '../../test/outcome.ts';
import type { Org } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import * as svc from './index.ts';
import type { PetitionDeps } from './index.ts';

let org: Org;
let deps: PetitionDeps;
const who = (key: string): Actor => org.users[key]!;

// A second group leader (分管领导): at the top of the tree a leader who took no part reviews.
serviceWorld({ once: true, people: [['deputy', 'root']] }, (world) => ({ org, deps } = world));

const input = () =>
  RegisterPetitionInputSchema.parse({
    channel: 'letter',
    type: 'appeal',
    purpose: 'request',
    title: '井下津贴标准调整后未执行',
    body: '井下津贴标准今年已调整，但本队仍按旧标准发放，请求按新标准补发。',
    petitioners: [{ name: '韩立军', identity: 'employee' }],
  });

const reply = {
  request: '按新标准补发井下津贴',
  factsAndReasons: '经核实，新标准自今年一月执行。',
  opinion: '责成补发差额。',
  legalBasis: '企业井下津贴管理办法',
  result: 'support' as const,
  outcomes: [{ kind: 'resolved' as const, measures: '已补发差额' }],
};

type Level = 'crewA1' | 'teamA1' | 'mineA' | 'deptHr' | 'root';

/**
 * A case handled at `level`, brought to 复查中 the way the people of its body would: the group office
 * registers and hands it over (or keeps it, at the top), the body accepts with an owner leader, who
 * confirms and signs the reply; the group office records the petitioner's request for 复查.
 */
async function inReview(level: Level): Promise<string> {
  const group = who('officer@root');
  const { petition } = await registerPetition(deps, group, input());
  const id = petition.id;
  await svc.triagePetition(deps, group, id, {});
  const mine = level === 'crewA1' || level === 'teamA1' || level === 'mineA';
  const body = mine ? who('officer@mineA') : group;
  const owner = mine ? who('chief@mineA') : who('deputy@root');
  if (level !== 'root') {
    await svc.assignPetition(deps, group, id, { handlingUnitId: org.units[level].id });
    await svc.signForPetition(deps, body, id);
  }
  await svc.acceptPetition(deps, body, id, { ownerId: owner.id });
  await svc.confirmOwnership(deps, owner, id);
  await svc.startInvestigation(deps, body, id);
  await svc.draftReply(deps, body, id, reply);
  await svc.issueReply(deps, owner, id, { deliveryMethod: 'in_person' });
  await svc.requestReview(deps, group, id, { reason: '对补发期间有异议' });
  return id;
}

const PEOPLE = [
  'officer@root',
  'chief@root',
  'deputy@root',
  'officer@mineA',
  'chief@mineA',
  'deputy@mineA',
  'handler@teamA1',
  'unit_head@teamA1',
  'handler@deptHr',
  'auditor@root',
] as const;

/** Who decides the 复查 of a case handled at each level. */
const REVIEWERS: Record<Level, readonly string[]> = {
  // A crew, a team and the mine answer through the mine: the group, the level above, reviews.
  crewA1: ['officer@root', 'chief@root', 'deputy@root'],
  teamA1: ['officer@root', 'chief@root', 'deputy@root'],
  mineA: ['officer@root', 'chief@root', 'deputy@root'],
  // A group department and the group itself: the top of the tree reviews itself, by a leader who took
  // no part — the deputy owned and signed the reply, the officers worked it.
  deptHr: ['chief@root'],
  root: ['chief@root'],
};

describe('who decides a 复查, at every level of the tree', () => {
  const ids = new Map<Level, string>();
  beforeAll(async () => {
    for (const level of Object.keys(REVIEWERS) as Level[]) ids.set(level, await inReview(level));
  });

  it.each(
    (Object.keys(REVIEWERS) as Level[]).flatMap((level) =>
      PEOPLE.map((person) => [level, person, REVIEWERS[level].includes(person)] as const),
    ),
  )('handled at %s: %s is offered 复查意见: %s', async (level, person, expected) => {
    const view = await svc.getPetition(deps, who(person), ids.get(level)!).catch(() => null);
    expect(view?.actions.includes('issueReviewOpinion') ?? false).toBe(expected);
  });

  it.each(Object.keys(REVIEWERS) as Level[])(
    'handled at %s: the others are refused, the reviewer decides',
    async (level) => {
      const id = await inReview(level);
      for (const person of PEOPLE.filter((p) => !REVIEWERS[level].includes(p))) {
        const code = await codeOf(
          svc.issueReviewOpinion(deps, who(person), id, {
            opinion: '维持',
            result: 'reject',
            deliveryMethod: 'in_person',
          }),
        );
        expect(['FORBIDDEN', 'NOT_FOUND'], person).toContain(code);
      }
      const decided = await svc.issueReviewOpinion(deps, who(REVIEWERS[level][0]!), id, {
        opinion: '经复查，维持原处理意见。',
        result: 'reject',
        deliveryMethod: 'in_person',
      });
      expect(decided.state).toBe('reviewed');
    },
  );
});

describe('a handover, step by step: the case page offers each step once, to the body it went to', () => {
  /** Stages of a case the group hands to 甲矿, and what each person is offered at each. */
  type Stage = 'assigned' | 'signed' | 'accepted' | 'confirmed' | 'drafted' | 'draftedConfirmed';
  const stages = new Map<Stage, string>();

  beforeAll(async () => {
    const group = who('officer@root');
    const mine = who('officer@mineA');
    const owner = who('chief@mineA');
    const make = async (upTo: Stage) => {
      const { petition } = await registerPetition(deps, group, input());
      const id = petition.id;
      await svc.triagePetition(deps, group, id, {});
      await svc.assignPetition(deps, group, id, { handlingUnitId: org.units.mineA.id });
      if (upTo === 'assigned') return id;
      await svc.signForPetition(deps, mine, id);
      if (upTo === 'signed') return id;
      await svc.acceptPetition(deps, mine, id, { ownerId: owner.id });
      if (upTo === 'confirmed' || upTo === 'draftedConfirmed') await svc.confirmOwnership(deps, owner, id);
      if (upTo === 'accepted' || upTo === 'confirmed') return id;
      await svc.startInvestigation(deps, mine, id);
      await svc.draftReply(deps, mine, id, reply);
      return id;
    };
    for (const stage of ['assigned', 'signed', 'accepted', 'confirmed', 'drafted', 'draftedConfirmed'] as const)
      stages.set(stage, await make(stage));
  });

  // stage, person, verb, offered ('yes'), waiting with a reason ('waits'), or neither ('no')
  it.each([
    ['assigned', 'officer@root', 'signFor', 'no'], // the group cannot sign for the mine
    ['assigned', 'officer@root', 'accept', 'no'], // nor accept for it
    ['assigned', 'chief@root', 'decline', 'no'],
    ['assigned', 'officer@mineA', 'signFor', 'yes'],
    ['assigned', 'officer@mineA', 'object', 'yes'],
    ['assigned', 'officer@mineA', 'accept', 'yes'],
    ['assigned', 'chief@mineA', 'accept', 'yes'],
    ['assigned', 'officer@root', 'supervise', 'yes'], // the group still presses the mine
    ['signed', 'officer@mineA', 'signFor', 'no'], // 签收 is done
    ['signed', 'officer@mineA', 'object', 'no'], // signing ended the objection window
    ['signed', 'officer@mineA', 'accept', 'yes'],
    ['accepted', 'chief@mineA', 'confirmOwnership', 'yes'],
    ['accepted', 'deputy@mineA', 'confirmOwnership', 'no'], // only the named owner confirms
    ['confirmed', 'chief@mineA', 'confirmOwnership', 'no'], // 确认包案 is done
    ['drafted', 'chief@mineA', 'issueReply', 'waits'], // 签发 waits for the owner's confirmation
    ['drafted', 'deputy@mineA', 'issueReply', 'waits'],
    ['drafted', 'chief@mineA', 'confirmOwnership', 'yes'],
    ['drafted', 'officer@mineA', 'issueReply', 'no'], // an officer never signs off
    ['draftedConfirmed', 'chief@mineA', 'issueReply', 'yes'],
    ['draftedConfirmed', 'deputy@mineA', 'issueReply', 'yes'],
  ] as const)('%s: %s → %s %s', async (stage, person, verb, expected) => {
    const view = await svc.getPetition(deps, who(person), stages.get(stage)!);
    const offered = view.actions.includes(verb);
    const waiting = view.waiting.find((w) => w.verb === verb);
    expect(offered ? 'yes' : waiting !== undefined ? 'waits' : 'no').toBe(expected);
    if (expected === 'waits') expect(waiting?.code).toBe('OWNERSHIP_NOT_CONFIRMED');
  });

  it('refuses each with its code, and changes nothing', async () => {
    const id = stages.get('drafted')!;
    const before = await svc.getPetition(deps, who('chief@mineA'), id);
    expect(await codeOf(svc.issueReply(deps, who('chief@mineA'), id, { deliveryMethod: 'in_person' }))).toBe(
      'OWNERSHIP_NOT_CONFIRMED',
    );
    expect((await svc.getPetition(deps, who('chief@mineA'), id)).version).toBe(before.version);
    await svc.confirmOwnership(deps, who('chief@mineA'), id);
    expect(await codeOf(svc.confirmOwnership(deps, who('chief@mineA'), id))).toBe('PETITION_STEP_DONE');
    expect(await codeOf(svc.issueReply(deps, who('chief@mineA'), id, { deliveryMethod: 'in_person' }))).toBe('OK');

    const signed = stages.get('signed')!;
    expect(await codeOf(svc.signForPetition(deps, who('officer@mineA'), signed))).toBe('PETITION_STEP_DONE');
    expect(await codeOf(svc.objectToPetition(deps, who('officer@mineA'), signed, { reason: '不属本矿' }))).toBe(
      'OBJECTION_WINDOW_CLOSED',
    );
    expect(await codeOf(svc.acceptPetition(deps, who('officer@root'), signed, {}))).toBe('FORBIDDEN');
    expect(await codeOf(svc.signForPetition(deps, who('officer@root'), stages.get('assigned')!))).toBe('FORBIDDEN');
  });
});
