/**
 * 个人档案 (issue #18): a person's rewards and penalties with their 整改 and his leader-round scores,
 * seen by himself and by those whose role reads accountability or appraisal over his unit — nobody
 * else (answered as not found). The matrix walks every role of the test organisation, on SQLite and
 * PostgreSQL (TEST_DATABASE_URL).
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import type { Org } from '../../test/test-context.ts';
import { createScheme, openRound, publishRound } from '../appraisal/index.ts';
import type { PetitionDeps } from '../petition/index.ts';
import { recordMeasure } from './accountability.service.ts';
import { personRecord } from './person-record.service.ts';

let org: Org;
let deps: PetitionDeps;
serviceWorld({ once: true, people: [['officer', 'mineB']] }, (world) => ({ org, deps } = world));

/** Viewer → what he sees of chief A's record: measures (null: not his to read) or refused. */
const MATRIX: [string, 'measures' | 'scores only' | 'NOT_FOUND'][] = [
  ['chief@mineA', 'measures'], // himself
  ['deputy@mineA', 'measures'], // accountability.read over mine A
  ['officer@mineA', 'measures'],
  ['chief@root', 'measures'],
  ['officer@root', 'measures'],
  ['auditor@root', 'measures'], // all
  ['admin@root', 'scores only'], // appraisal.read, not accountability.read
  ['admin@mineA', 'scores only'],
  ['officer@mineB', 'NOT_FOUND'], // another mine
  ['handler@teamA1', 'NOT_FOUND'], // below him
  ['unit_head@teamA1', 'NOT_FOUND'],
  ['handler@deptHr', 'NOT_FOUND'],
  ['partner@deptHr', 'NOT_FOUND'],
];

describe('a person’s record', () => {
  let chiefA: Actor;

  it('holds his measures with their 整改 and his published leader scores', async () => {
    chiefA = org.users['chief@mineA']!;
    const scheme = await createScheme(deps, org.admin, {
      name: '矿领导包案考核',
      periodKind: 'quarter',
      level: 'mine',
      subjectKind: 'leader',
      definition: { indicators: [{ key: 'petition.concludedOnTime', weight: 100, target: 100, threshold: 50 }] },
    });
    const round = await openRound(deps, org.admin, { schemeId: scheme.id, period: '2025-Q4' });
    await publishRound(deps, org.users['chief@root']!, round.id);
    await recordMeasure(deps, org.users['chief@root']!, {
      kind: 'admonition',
      subject: { kind: 'person', userId: chiefA.id },
      basis: { roundId: round.id, figureKey: 'petition.concludedOnTime' },
      facts: '包案件办理进度滞后。',
      decision: '约谈，限期整改。',
      rectifyDueDate: '2026-03-20',
    });
    const record = await personRecord(deps, chiefA, chiefA.id);
    expect(record.self).toBe(true);
    expect(record.person).toMatchObject({ id: chiefA.id, unit: { id: org.units.mineA.id, name: '甲矿' } });
    expect(record.measures?.map((m) => [m.kind, m.rectification?.dueDate, m.rectification?.status])).toEqual([
      ['admonition', '2026-03-20', 'open'],
    ]);
    // Nothing owned, nothing due: the full 100, ranked with the deputy.
    expect(record.scores).toEqual([
      { roundId: round.id, scheme: '矿领导包案考核', period: '2025-Q4', total: 100, rank: 1 },
    ]);
  });

  it.each(MATRIX)('is seen by %s: %s', async (viewer, expected) => {
    const actor = org.users[viewer]!;
    if (expected === 'NOT_FOUND') {
      expect(await codeOf(personRecord(deps, actor, chiefA.id))).toBe('NOT_FOUND');
      return;
    }
    const record = await personRecord(deps, actor, chiefA.id);
    expect(record.scores.map((s) => s.total)).toEqual([100]);
    expect(record.measures === null ? 'scores only' : 'measures').toBe(expected);
    if (record.measures !== null) expect(record.measures).toHaveLength(1);
  });

  it('is refused for a person who does not exist, as for one out of reach', async () => {
    expect(await codeOf(personRecord(deps, org.users['chief@root']!, 'nobody'))).toBe('NOT_FOUND');
  });
});
