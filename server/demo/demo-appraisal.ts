/**
 * The demo's 考核 (issue #18): a quarterly scheme over the mines and its rounds for the two quarters
 * before the current one, computed from the demo history — the older one self-assessed, reviewed and
 * published, the latter open for self-assessment; a quarterly leader scheme (the mines' chiefs and
 * deputies on their own cases) with both rounds published, so the rank change shows; and the
 * 奖惩问责 that followed: a 表彰 of the best mine, a 约谈 of the lowest whose 整改 is now overdue, and a
 * 约谈 of a mine chief whose 整改 was reported done — each decided on its own day (a fixed clock), all
 * through the appraisal and accountability services.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import {
  createScheme,
  getRound,
  openRound,
  publishRound,
  reviewResult,
  selfAssess,
  type AppraisalDeps,
} from '../modules/appraisal/index.ts';
import { addCalendarDays, localDateOf } from '../../common/domain/calendar.ts';
import { recordMeasure, reportRectified } from '../modules/accountability/index.ts';
import { fixedClock } from '../platform/clock.ts';
import { demoActor } from './demo-people.ts';

const DAY = 86_400_000;

/** The quarter key (`2026-Q1`) `back` quarters before the one holding `now` (China time). */
export function quarterBefore(now: Date, back: number): string {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const index = local.getUTCFullYear() * 4 + Math.floor(local.getUTCMonth() / 3) - back;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

export async function seedDemoAppraisal(deps: AppraisalDeps, now: Date): Promise<{ rounds: number }> {
  const db: Kysely<DB> = deps.db;
  const admin = await demoActor(db, 'admin');
  const chief = await demoActor(db, 'chief');
  const scheme = await createScheme(deps, admin, {
    name: '季度信访工作考核',
    periodKind: 'quarter',
    level: 'mine',
    definition: {
      indicators: [
        { key: 'petition.acceptedOnTime', weight: 30, target: 100, threshold: 60 },
        { key: 'petition.concludedOnTime', weight: 30, target: 100, threshold: 60 },
        { key: 'petition.repeatRate', weight: 20, target: 0, threshold: 30 },
        { key: 'petition.skipLevelRate', weight: 20, target: 0, threshold: 20 },
      ],
      rules: [{ key: 'petition.group', points: -2, cap: 10, label: '每批集体访扣2分' }],
    },
  });
  const older = await openRound(deps, admin, { schemeId: scheme.id, period: quarterBefore(now, 2) });
  const dongshan = older.results.find((r) => r.unit.name === '东山煤矿');
  if (dongshan !== undefined) {
    await selfAssess(deps, await demoActor(db, 'dongshan.chief'), dongshan.id, {
      text: '本季度落实领导包案，重复访明显下降；一批集体访已现场化解，相关材料附后。',
    });
    await reviewResult(deps, chief, dongshan.id, {
      adjustment: 2,
      reason: '集体访化解及时，经集团信访联席会议研究加2分',
    });
  }
  await publishRound(deps, chief, older.id);
  await openRound(deps, admin, { schemeId: scheme.id, period: quarterBefore(now, 1) });

  // 领导考核 (第39条): the mines' leaders on the cases each owns (包案).
  const leaders = await createScheme(deps, admin, {
    name: '矿领导包案考核',
    periodKind: 'quarter',
    level: 'mine',
    subjectKind: 'leader',
    definition: {
      indicators: [
        { key: 'petition.concludedOnTime', weight: 40, target: 100, threshold: 60 },
        { key: 'petition.ownershipConfirmedOnTime', weight: 30, target: 100, threshold: 60 },
        { key: 'petition.satisfied', weight: 30, target: 100, threshold: 60 },
      ],
      rules: [{ key: 'petition.overdueOpen', points: -2, cap: 10, label: '每件超期未办结扣2分' }],
    },
  });
  for (const back of [2, 1]) {
    const round = await openRound(deps, admin, { schemeId: leaders.id, period: quarterBefore(now, back) });
    await publishRound(deps, chief, round.id);
  }

  // 奖惩问责 on the published unit round (第39条): each on the day it was decided.
  const on = (daysAgo: number) => ({ ...deps, clock: fixedClock(new Date(now.getTime() - daysAgo * DAY)) });
  const dueIn = (daysAgo: number, days: number) =>
    addCalendarDays(localDateOf(new Date(now.getTime() - daysAgo * DAY).toISOString()), days);
  const ranked = [...(await getRound(deps, chief, older.id)).results].sort((x, y) => (x.rank ?? 0) - (y.rank ?? 0));
  const best = ranked[0];
  const lowest = ranked.at(-1);
  if (best !== undefined && lowest !== undefined && best.id !== lowest.id) {
    await recordMeasure(on(50), chief, {
      kind: 'commendation',
      subject: { kind: 'unit', unitId: best.unit.id },
      basis: { roundId: older.id, figureKey: 'petition.concludedOnTime' },
      facts: `${best.unit.name}在${older.period}信访工作考核中排名第一，按期办结率高，群众满意度好。`,
      decision: '予以通报表彰，在集团范围内推广其领导包案、下访接访的做法。',
    });
    await recordMeasure(on(45), chief, {
      kind: 'admonition',
      subject: { kind: 'unit', unitId: lowest.unit.id },
      basis: { roundId: older.id, figureKey: 'petition.repeatRate' },
      facts: `${lowest.unit.name}在${older.period}信访工作考核中排名末位，重复信访率偏高。`,
      decision: '约谈该矿主要负责人，责令分析重复信访成因并限期整改。',
      rectifyDueDate: dueIn(45, 30),
    });
  }
  // A mine chief's own 约谈, its 整改 reported done before the deadline.
  const beilingChief = await demoActor(db, 'beiling.chief');
  const measure = await recordMeasure(on(60), chief, {
    kind: 'admonition',
    subject: { kind: 'person', userId: beilingChief.id },
    basis: { roundId: older.id, figureKey: 'petition.concludedOnTime' },
    facts: '包案信访事项办理进度滞后，个别事项未在期限内出具处理意见。',
    decision: '对其进行约谈，要求逐件梳理包案事项，限期办结。',
    rectifyDueDate: dueIn(60, 30),
  });
  await reportRectified(on(40), beilingChief, measure.id, {
    note: '已逐件梳理包案事项6件，全部出具处理意见书，建立周调度制度。',
  });
  return { rounds: 4 };
}
