/**
 * The demo's 考核 (issue #18): a quarterly scheme over the mines and its rounds for the two quarters
 * before the current one, computed from the demo history — the older one self-assessed, reviewed and
 * published, the latter open for self-assessment — all through the appraisal service.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import {
  createScheme,
  openRound,
  publishRound,
  reviewResult,
  selfAssess,
  type AppraisalDeps,
} from '../modules/appraisal/index.ts';
import { demoActor } from './demo-people.ts';

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
  return { rounds: 2 };
}
