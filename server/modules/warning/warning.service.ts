/**
 * Early warning and analysis (预警研判, capability M9). A scan — a lease-protected job — turns what it
 * sees into warnings, each with a level, its reasons and the cases behind it:
 *  - a case whose risk score reached orange or red (common/domain/risk.ts);
 *  - a week with unusually many petitions for a mine × top-level category (Poisson limit, signals.ts);
 *  - a person petitioning again and again (30 days); a cadre named in many petitions (90 days).
 * Leaders and officers of the unit are told. A warning nobody has analysed within the escalation
 * time (24 h, 12 h in a sensitive period) moves to the level above and one colour up. Analysis (研判)
 * records the judgement, the measures, who is responsible and by when.
 *
 * Who sees a warning: chief, deputy and officers whose subtree holds its unit, and auditors — never a
 * person recused from any case behind it (a cadre does not see the warning about the petitions naming them).
 */
import type { Kysely } from 'kysely';
import {
  can,
  enterpriseOf,
  hasAction,
  LEADER_ROLES,
  OFFICE_ROLES,
  type Actor,
  type UnitRef,
} from '../../../common/domain/access.ts';
import { addCalendarDays, daysBetween, localDateOf } from '../../../common/domain/calendar.ts';
import type { WarningLevel } from '../../../common/domain/risk.ts';
import {
  detectSpike,
  higherLevel,
  namedCadreLevel,
  raiseLevel,
  repeatPersonLevel,
} from '../../../common/domain/signals.ts';
import { DomainError } from '../../../common/errors.ts';
import type {
  RiskPolicyView,
  SensitivePeriodInput,
  WarningAnalysisInput,
  WarningDetailView,
  WarningListQuery,
  WarningListView,
  WarningReason,
  WarningSummaryView,
} from '../../../common/schemas/warning.ts';
import { WarningListQuerySchema } from '../../../common/schemas/warning.ts';
import type { Role } from '../../../common/schemas/user.ts';
import type { DB, WarningKind, WarningTable } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import { findHotspots } from '../../text/hotspot.ts';
import { notify } from '../notification/index.ts';
import { recusedPetitionIds, refreshTimeDerived, summariesFor, type PetitionDeps } from '../petition/index.ts';
import { readSetting, updateSetting } from '../setting/index.ts';
import { findUnitById } from '../unit/index.ts';
import { watchersOf } from '../user/index.ts';
import { sensitivePeriodOn } from './warning.repository.ts';

export type WarningDeps = PetitionDeps & { escalationHours?: number };

/** Petitions of the last 28 days read for the hotspot signal at most (the newest). */
const HOTSPOT_SCAN_CAP = 5000;

const CLOSED_STATES = ['final', 'declined', 'redirected', 'diverted', 'not_accepted', 'concluded', 'reviewed'] as const;

function unitOf(row: { unit_id: string; unit_path: string }): UnitRef {
  return { id: row.unit_id, path: row.unit_path };
}

function mayWatch(actor: Actor, unit: UnitRef): boolean {
  return can(actor, 'warning.read', unit);
}

function mayAct(actor: Actor, unit: UnitRef): boolean {
  return can(actor, 'warning.act', unit);
}

// ---------------------------------------------------------------------------------------------
// Raising warnings

type Raised = {
  kind: WarningKind;
  level: WarningLevel;
  unitId: string;
  title: string;
  reasons: WarningReason[];
  petitionIds: string[];
  /** The accounts the warning is about (a cadre named often): never told of it (《信访工作条例》第30条). */
  subjectUserIds?: string[];
  dedupeKey: string;
};

/** Insert a new warning or raise an existing one (same dedupe key); tells the unit's watchers when new or higher. */
async function raise(deps: WarningDeps, trx: Kysely<DB>, w: Raised): Promise<'new' | 'raised' | 'same'> {
  const at = deps.clock.now().toISOString();
  const existing = await trx.selectFrom('warning').selectAll().where('dedupe_key', '=', w.dedupeKey).executeTakeFirst();
  let outcome: 'new' | 'raised' | 'same';
  let id: string;
  if (existing === undefined) {
    id = deps.ids.next();
    await trx
      .insertInto('warning')
      .values({
        id,
        kind: w.kind,
        level: w.level,
        unit_id: w.unitId,
        title: w.title,
        reasons_json: JSON.stringify(w.reasons),
        petition_ids_json: JSON.stringify(w.petitionIds),
        subject_user_ids_json: JSON.stringify(w.subjectUserIds ?? []),
        dedupe_key: w.dedupeKey,
        status: 'open',
        escalation_level: 0,
        escalated_at: null,
        acknowledged_by: null,
        acknowledged_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    outcome = 'new';
  } else {
    id = existing.id;
    if (existing.status === 'closed') return 'same';
    const level = higherLevel(existing.level, w.level);
    const changed = level !== existing.level || existing.petition_ids_json !== JSON.stringify(w.petitionIds);
    if (!changed) return 'same';
    await trx
      .updateTable('warning')
      .set({
        level,
        reasons_json: JSON.stringify(w.reasons),
        petition_ids_json: JSON.stringify(w.petitionIds),
        title: w.title,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
    outcome = level !== existing.level ? 'raised' : 'same';
  }
  if (outcome !== 'same') {
    await tellWatchers(deps, trx, {
      kind: outcome === 'new' ? 'warning_raised' : 'warning_level_up',
      warningId: id,
      unitId: w.unitId,
      roles: OFFICE_ROLES,
      petitionIds: w.petitionIds,
      subjectUserIds: w.subjectUserIds ?? [],
      data: { title: w.title, level: w.level },
      step: '',
    });
  }
  return outcome;
}

/**
 * Tell the watchers at the warning's unit and above it (a mine's warning reaches the mine's office
 * and the group's) through `notify`, which drops anyone the cases behind it are hidden from and the
 * people the warning is about.
 */
async function tellWatchers(
  deps: WarningDeps,
  trx: Kysely<DB>,
  w: {
    kind: 'warning_raised' | 'warning_level_up' | 'warning_escalated';
    warningId: string;
    unitId: string;
    roles: readonly Role[];
    petitionIds: readonly string[];
    subjectUserIds: readonly string[];
    data: { title: string; level: string };
    step: string;
  },
): Promise<void> {
  const unit = await findUnitById(trx, w.unitId);
  if (unit === undefined) return;
  const watchers = await watchersOf(trx, unit.path, w.roles);
  await notify(trx, deps, {
    kind: w.kind,
    recipients: watchers.map((u) => u.id),
    warning: { id: w.warningId, unitPath: unit.path, petitionIds: w.petitionIds, subjectUserIds: w.subjectUserIds },
    data: { ...w.data, unitName: unit.name },
    dedupeKey: `${w.kind}:${w.warningId}:${w.data.level}:${w.step}`,
  });
}

/** The mine-level unit (depth 1 under the enterprise) a path belongs to, or the root itself. */
function mineOf(path: string): string {
  const ids = path.split('/').filter(Boolean);
  return ids[1] ?? ids[0] ?? '';
}

function weekIndex(today: string, date: string): number {
  return Math.floor(daysBetween(date, today) / 7);
}

export type ScanResult = { raised: number; escalated: number; refreshed: number };

/**
 * One scan: refresh the time-driven risk of open cases close to a deadline or waiting for an answer,
 * then raise warnings from cases and from signals, then escalate the unanalysed.
 */
export async function scanWarnings(deps: WarningDeps): Promise<ScanResult> {
  const now = deps.clock.now();
  const today = localDateOf(now.toISOString());
  const period = await sensitivePeriodOn(deps.db, today);
  const sensitive = period !== null;

  // 1. Time moves cases towards overdue: refresh those near or past a deadline, or with messages waiting.
  const timely = await deps.db
    .selectFrom('petition')
    .select('id')
    .where('state', 'not in', [...CLOSED_STATES])
    .where((eb) =>
      eb.or([
        eb('due_date', '<=', addCalendarDays(today, 3)),
        eb(
          'id',
          'in',
          eb
            .selectFrom('petition_message')
            .select('petition_id')
            .where('direction', '=', 'in')
            .where('read_at', 'is', null),
        ),
      ]),
    )
    .execute();
  await refreshTimeDerived(
    deps,
    timely.map((p) => p.id),
  );

  let raised = 0;
  const count = (o: 'new' | 'raised' | 'same') => {
    if (o !== 'same') raised += 1;
  };

  // 2. Cases at orange or red.
  const risky = await deps.db
    .selectFrom('petition')
    .innerJoin('unit', 'unit.id', 'petition.registered_unit_id')
    .select([
      'petition.id',
      'petition.case_number',
      'petition.title',
      'petition.risk_level',
      'petition.risk_json',
      'petition.handling_unit_id',
      'petition.registered_unit_id',
    ])
    .where('petition.risk_level', 'in', ['orange', 'red'])
    .where('petition.state', 'not in', [...CLOSED_STATES])
    .execute();
  for (const p of risky) {
    const reasons = (JSON.parse(p.risk_json) as { code: string; detail: Record<string, string | number> }[]).map(
      (r) => ({ code: `risk.${r.code}`, detail: r.detail }),
    );
    count(
      await deps.db.transaction().execute((trx) =>
        raise(deps, trx, {
          kind: 'petition_risk',
          level: p.risk_level as WarningLevel,
          unitId: p.handling_unit_id ?? p.registered_unit_id,
          title: `${p.case_number} ${p.title}`,
          reasons,
          petitionIds: [p.id],
          dedupeKey: `petition:${p.id}`,
        }),
      ),
    );
  }

  // 3. Spikes per mine × top-level category: this week against the eight before.
  const since = addCalendarDays(today, -63);
  const recent = await deps.db
    .selectFrom('petition')
    .innerJoin('unit', 'unit.id', 'petition.registered_unit_id')
    .leftJoin('unit as h', 'h.id', 'petition.handling_unit_id')
    .select(['petition.id', 'petition.received_at', 'petition.category_code', 'unit.path', 'h.path as handling_path'])
    .where('petition.received_at', '>=', new Date(`${since}T00:00:00+08:00`).toISOString())
    .where('petition.category_code', 'is not', null)
    .execute();
  const buckets = new Map<string, { mine: string; category: string; weeks: number[]; ids: string[] }>();
  for (const p of recent) {
    const week = weekIndex(today, localDateOf(p.received_at));
    if (week < 0 || week > 8) continue;
    // The mine that handles it, else the one where it was registered.
    const mine = mineOf(p.handling_path ?? p.path);
    const category = (p.category_code ?? '').slice(0, 2);
    const key = `${mine}:${category}`;
    const bucket = buckets.get(key) ?? { mine, category, weeks: Array.from({ length: 9 }, () => 0), ids: [] };
    bucket.weeks[week] = (bucket.weeks[week] ?? 0) + 1;
    if (week === 0) bucket.ids.push(p.id);
    buckets.set(key, bucket);
  }
  const categoryNames = new Map(
    (await deps.db.selectFrom('category').select(['code', 'name']).where('parent_code', 'is', null).execute()).map(
      (c) => [c.code, c.name],
    ),
  );
  const unitNames = new Map(
    (await deps.db.selectFrom('unit').select(['id', 'name']).execute()).map((u) => [u.id, u.name]),
  );
  const weekStart = addCalendarDays(today, -6);
  for (const bucket of buckets.values()) {
    const [observed = 0, ...baseline] = bucket.weeks;
    const spike = detectSpike(observed, baseline, undefined, sensitive);
    if (spike.level === null) continue;
    const categoryName = categoryNames.get(bucket.category) ?? bucket.category;
    count(
      await deps.db.transaction().execute((trx) =>
        raise(deps, trx, {
          kind: 'spike',
          level: spike.level ?? 'blue',
          unitId: bucket.mine,
          title: `${unitNames.get(bucket.mine) ?? ''} ${categoryName}`,
          reasons: [
            {
              code: 'spike',
              detail: {
                observed: spike.observed,
                expected: Math.round(spike.expected * 10) / 10,
                pValue: Number(spike.pValue.toPrecision(2)),
                category: categoryName,
                from: weekStart,
                to: today,
                ...(period === null ? {} : { period: period.name }),
              },
            },
          ],
          petitionIds: bucket.ids.slice(0, 100),
          dedupeKey: `spike:${bucket.mine}:${bucket.category}:${weekStart.slice(0, 7)}-${Math.floor(Number(weekStart.slice(8)) / 7)}`,
        }),
      ),
    );
  }

  // 4. People petitioning again and again (30 days).
  const month = new Date(`${addCalendarDays(today, -30)}T00:00:00+08:00`).toISOString();
  const people = await deps.db
    .selectFrom('petition_petitioner as pp')
    .innerJoin('petition as p', 'p.id', 'pp.petition_id')
    .innerJoin('petitioner as r', 'r.id', 'pp.petitioner_id')
    .innerJoin('unit', 'unit.id', 'p.registered_unit_id')
    .leftJoin('unit as h', 'h.id', 'p.handling_unit_id')
    .select(['pp.petitioner_id', 'r.name', 'p.id', 'unit.path', 'h.path as handling_path'])
    .where('p.received_at', '>=', month)
    .execute();
  const byPerson = new Map<string, { name: string; ids: string[]; path: string }>();
  for (const row of people) {
    const entry = byPerson.get(row.petitioner_id) ?? { name: row.name, ids: [], path: row.handling_path ?? row.path };
    entry.ids.push(row.id);
    byPerson.set(row.petitioner_id, entry);
  }
  for (const [personId, entry] of byPerson) {
    const level = repeatPersonLevel(entry.ids.length);
    if (level === null) continue;
    count(
      await deps.db.transaction().execute((trx) =>
        raise(deps, trx, {
          kind: 'repeat_person',
          level,
          unitId: mineOf(entry.path),
          title: entry.name,
          reasons: [{ code: 'repeat_person', detail: { count: entry.ids.length, days: 30 } }],
          petitionIds: entry.ids,
          dedupeKey: `person:${personId}:${today.slice(0, 7)}`,
        }),
      ),
    );
  }

  // 5. A cadre named in many petitions (90 days), by user when known, else by name.
  const quarter = new Date(`${addCalendarDays(today, -90)}T00:00:00+08:00`).toISOString();
  const named = await deps.db
    .selectFrom('petition_named_person as n')
    .innerJoin('petition as p', 'p.id', 'n.petition_id')
    .innerJoin('unit', 'unit.id', 'p.registered_unit_id')
    .leftJoin('unit as h', 'h.id', 'p.handling_unit_id')
    .select(['n.user_id', 'n.name', 'n.position', 'p.id', 'unit.path', 'h.path as handling_path'])
    .where('p.received_at', '>=', quarter)
    .execute();
  const byCadre = new Map<string, { name: string; ids: Set<string>; path: string }>();
  for (const row of named) {
    const key = row.user_id ?? `name:${row.name}`;
    const entry = byCadre.get(key) ?? {
      name: row.position === null ? row.name : `${row.name}（${row.position}）`,
      ids: new Set<string>(),
      path: row.handling_path ?? row.path,
    };
    entry.ids.add(row.id);
    byCadre.set(key, entry);
  }
  for (const [key, entry] of byCadre) {
    const level = namedCadreLevel(entry.ids.size);
    if (level === null) continue;
    count(
      await deps.db.transaction().execute((trx) =>
        raise(deps, trx, {
          kind: 'named_cadre',
          level,
          unitId: mineOf(entry.path),
          title: entry.name,
          reasons: [{ code: 'named_cadre', detail: { count: entry.ids.size, days: 90 } }],
          petitionIds: [...entry.ids],
          // The cadre is never told of the warning about him (when known by account; by name, the
          // recusal of namesakes behind each case does it).
          subjectUserIds: key.startsWith('name:') ? [] : [key],
          dedupeKey: `cadre:${key}:${today.slice(0, 4)}Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`,
        }),
      ),
    );
  }

  // 6. Hotspots that grew (issue #6): per mine, the matters of the last 28 days whose later half
  // holds at least twice the earlier one (server/text/hotspot.ts), five petitions or more.
  const fourWeeks = new Date(`${addCalendarDays(today, -27)}T00:00:00+08:00`).toISOString();
  const lately = await deps.db
    .selectFrom('petition')
    .innerJoin('unit', 'unit.id', 'petition.registered_unit_id')
    .select([
      'petition.id',
      'petition.title',
      'petition.body',
      'petition.received_at',
      'petition.headcount',
      'unit.path',
    ])
    .where('petition.received_at', '>=', fourWeeks)
    .orderBy('petition.received_at', 'desc')
    .limit(HOTSPOT_SCAN_CAP)
    .execute();
  const perMine = new Map<string, typeof lately>();
  for (const p of lately) perMine.set(mineOf(p.path), [...(perMine.get(mineOf(p.path)) ?? []), p]);
  for (const [mine, rows] of perMine) {
    const spots = findHotspots(
      rows.map((r) => ({ id: r.id, title: r.title, body: r.body, createdAt: r.received_at, groupSize: r.headcount })),
      {
        from: fourWeeks,
        // The end of today (local): a petition received this very instant counts.
        to: new Date(`${addCalendarDays(today, 1)}T00:00:00+08:00`).toISOString(),
        minSize: 5,
      },
    );
    for (const h of spots.filter((s) => s.growth >= 2)) {
      count(
        await deps.db.transaction().execute((trx) =>
          raise(deps, trx, {
            kind: 'hotspot',
            level: h.size >= 10 || h.groupPetitions >= 2 ? 'orange' : 'yellow',
            unitId: mine,
            title: h.title,
            reasons: [
              {
                code: 'hotspot',
                detail: {
                  days: 28,
                  size: h.size,
                  people: h.people,
                  growth: h.growth,
                  keywords: h.keywords.slice(0, 3).join('、'),
                },
              },
            ],
            petitionIds: h.memberIds.slice(0, 100),
            dedupeKey: `hotspot:${mine}:${[...h.keywords.slice(0, 3)].sort().join('|')}:${today.slice(0, 7)}`,
          }),
        ),
      );
    }
  }

  const escalated = await escalateWarnings(deps, sensitive);
  return { raised, escalated, refreshed: timely.length };
}

/** Warnings without analysis past the escalation time move up a level of the tree and a colour. */
export async function escalateWarnings(deps: WarningDeps, sensitive: boolean): Promise<number> {
  const hours = (deps.escalationHours ?? 24) / (sensitive ? 2 : 1);
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - hours * 3_600_000).toISOString();
  const stale = await deps.db
    .selectFrom('warning')
    .innerJoin('unit', 'unit.id', 'warning.unit_id')
    .select([
      'warning.id',
      'warning.level',
      'warning.unit_id',
      'warning.title',
      'warning.escalation_level',
      'warning.petition_ids_json',
      'warning.subject_user_ids_json',
      'unit.parent_id',
    ])
    .where('warning.status', 'in', ['open', 'acknowledged'])
    .where((eb) =>
      eb.or([
        eb.and([eb('warning.escalated_at', 'is', null), eb('warning.created_at', '<=', cutoff)]),
        eb('warning.escalated_at', '<=', cutoff),
      ]),
    )
    .execute();
  for (const w of stale) {
    const level = raiseLevel(w.level);
    const unitId = w.parent_id ?? w.unit_id;
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('warning')
        .set({
          level,
          unit_id: unitId,
          escalation_level: w.escalation_level + 1,
          escalated_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .where('id', '=', w.id)
        .execute();
      await tellWatchers(deps, trx, {
        kind: 'warning_escalated',
        warningId: w.id,
        unitId,
        roles: LEADER_ROLES,
        petitionIds: JSON.parse(w.petition_ids_json) as string[],
        subjectUserIds: JSON.parse(w.subject_user_ids_json) as string[],
        data: { title: w.title, level },
        step: String(w.escalation_level + 1),
      });
    });
  }
  return stale.length;
}

// ---------------------------------------------------------------------------------------------
// Reading and acting

type WarningRow = WarningTable & { unit_name: string; unit_path: string };

function summaryOf(row: WarningRow): WarningSummaryView {
  return {
    id: row.id,
    kind: row.kind,
    level: row.level,
    title: row.title,
    unitId: row.unit_id,
    unitName: row.unit_name,
    status: row.status,
    reasons: JSON.parse(row.reasons_json) as WarningReason[],
    petitionCount: (JSON.parse(row.petition_ids_json) as string[]).length,
    escalationLevel: row.escalation_level,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectWarnings(db: Kysely<DB>) {
  return db
    .selectFrom('warning')
    .innerJoin('unit', 'unit.id', 'warning.unit_id')
    .selectAll('warning')
    .select(['unit.name as unit_name', 'unit.path as unit_path']);
}

/** Behind a case the viewer is recused from? Then the warning is not theirs to see. */
function behindRecused(row: WarningRow, recused: ReadonlySet<string>): boolean {
  return recused.size > 0 && (JSON.parse(row.petition_ids_json) as string[]).some((id) => recused.has(id));
}

/** What the actor may do with the warning now (its state ∩ their reach). */
function actionsFor(actor: Actor, row: WarningRow): WarningDetailView['actions'] {
  if (!mayAct(actor, unitOf(row))) return [];
  const actions: WarningDetailView['actions'] = [];
  if (row.status === 'open') actions.push('acknowledge');
  if (row.status !== 'closed') actions.push('analyse');
  if (row.status === 'analysed') actions.push('close');
  return actions;
}

const LEVEL_ORDER: Record<WarningLevel, number> = { red: 0, orange: 1, yellow: 2, blue: 3 };

export async function listWarnings(
  deps: WarningDeps,
  actor: Actor,
  rawQuery: WarningListQuery,
): Promise<WarningListView> {
  const query = WarningListQuerySchema.parse(rawQuery);
  if (!hasAction(actor.role, 'warning.read')) return { items: [], counts: { red: 0, orange: 0, yellow: 0, blue: 0 } };
  let q = selectWarnings(deps.db);
  if (actor.role !== 'auditor') q = q.where('unit.path', 'like', `${actor.unitPath}%`);
  if (query.status === 'active') q = q.where('warning.status', '!=', 'closed');
  else q = q.where('warning.status', '=', query.status);
  if (query.kind !== undefined) q = q.where('warning.kind', '=', query.kind);
  const [rows, recused] = await Promise.all([
    q.orderBy('warning.updated_at', 'desc').limit(1000).execute() as Promise<WarningRow[]>,
    recusedPetitionIds(deps.db, actor.id),
  ]);
  const visible = rows.filter((row) => !behindRecused(row, recused));
  const counts = { red: 0, orange: 0, yellow: 0, blue: 0 };
  for (const row of visible) counts[row.level] += 1;
  const items = visible
    .filter((row) => query.level === undefined || row.level === query.level)
    .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || b.updated_at.localeCompare(a.updated_at))
    .slice(0, query.limit)
    .map(summaryOf);
  return { items, counts };
}

async function readable(deps: WarningDeps, actor: Actor, id: string): Promise<WarningRow> {
  const row = (await selectWarnings(deps.db).where('warning.id', '=', id).executeTakeFirst()) as WarningRow | undefined;
  if (
    row === undefined ||
    !mayWatch(actor, unitOf(row)) ||
    behindRecused(row, await recusedPetitionIds(deps.db, actor.id))
  ) {
    throw new DomainError('NOT_FOUND', { message: 'Warning not found' });
  }
  return row;
}

export async function getWarning(deps: WarningDeps, actor: Actor, id: string): Promise<WarningDetailView> {
  const row = await readable(deps, actor, id);
  const { items } = await summariesFor(deps, actor, (JSON.parse(row.petition_ids_json) as string[]).slice(0, 50));
  const analyses = await deps.db
    .selectFrom('warning_analysis as a')
    .innerJoin('app_user as u', 'u.id', 'a.author_id')
    .select(['a.id', 'u.display_name', 'a.judgement', 'a.measures', 'a.responsible', 'a.due_date', 'a.created_at'])
    .where('a.warning_id', '=', id)
    .orderBy('a.created_at')
    .execute();
  const acknowledger =
    row.acknowledged_by === null
      ? undefined
      : await deps.db
          .selectFrom('app_user')
          .select('display_name')
          .where('id', '=', row.acknowledged_by)
          .executeTakeFirst();
  return {
    ...summaryOf(row),
    petitions: items,
    analyses: analyses.map((a) => ({
      id: a.id,
      authorName: a.display_name,
      judgement: a.judgement,
      measures: a.measures,
      responsible: a.responsible,
      dueDate: a.due_date,
      createdAt: a.created_at,
    })),
    acknowledgedByName: acknowledger?.display_name ?? null,
    acknowledgedAt: row.acknowledged_at,
    actions: actionsFor(actor, row),
  };
}

async function act(
  deps: WarningDeps,
  actor: Actor,
  id: string,
  action: 'acknowledge' | 'analyse' | 'close',
  write: (trx: Kysely<DB>, row: WarningRow, at: string) => Promise<Record<string, unknown>>,
): Promise<WarningDetailView> {
  const row = await readable(deps, actor, id);
  const allowed = actionsFor(actor, row).includes(action);
  if (!mayAct(actor, unitOf(row)))
    throw new DomainError('FORBIDDEN', { message: `You may not ${action} this warning` });
  if (!allowed)
    throw new DomainError('WARNING_STATE_ILLEGAL', {
      message: `Cannot ${action} a warning that is ${row.status}`,
      details: { status: row.status },
    });
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const after = await write(trx, row, at);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: `warning.${action}`,
      entityType: 'warning',
      entityId: id,
      before: { status: row.status },
      after,
    });
  });
  return getWarning(deps, actor, id);
}

export const acknowledgeWarning = (deps: WarningDeps, actor: Actor, id: string) =>
  act(deps, actor, id, 'acknowledge', async (trx, _row, at) => {
    await trx
      .updateTable('warning')
      .set({ status: 'acknowledged', acknowledged_by: actor.id, acknowledged_at: at, updated_at: at })
      .where('id', '=', id)
      .execute();
    return { status: 'acknowledged' };
  });

/** 研判: judgement, measures, who is responsible and by when; the warning stops escalating. */
export const analyseWarning = (deps: WarningDeps, actor: Actor, id: string, input: WarningAnalysisInput) =>
  act(deps, actor, id, 'analyse', async (trx, row, at) => {
    if (input.dueDate < localDateOf(at)) {
      throw new DomainError('VALIDATION_FAILED', {
        message: 'The date is in the past',
        details: { in: 'body', issues: [{ path: ['dueDate'], message: 'not before today' }] },
      });
    }
    const analysisId = deps.ids.next();
    await trx
      .insertInto('warning_analysis')
      .values({
        id: analysisId,
        warning_id: id,
        author_id: actor.id,
        judgement: input.judgement,
        measures: input.measures,
        responsible: input.responsible,
        due_date: input.dueDate,
        created_at: at,
      })
      .execute();
    await trx
      .updateTable('warning')
      .set({
        status: 'analysed',
        updated_at: at,
        ...(row.acknowledged_by === null ? { acknowledged_by: actor.id, acknowledged_at: at } : {}),
      })
      .where('id', '=', id)
      .execute();
    return { status: 'analysed', analysisId };
  });

export const closeWarning = (deps: WarningDeps, actor: Actor, id: string, note?: string) =>
  act(deps, actor, id, 'close', async (trx, _row, at) => {
    await trx.updateTable('warning').set({ status: 'closed', updated_at: at }).where('id', '=', id).execute();
    return { status: 'closed', note: note ?? null };
  });

// ---------------------------------------------------------------------------------------------
// Sensitive periods and the risk policy (the enterprise administrator)

function assertManager(actor: Actor): void {
  if (!can(actor, 'warning.manage', enterpriseOf(actor)))
    throw new DomainError('FORBIDDEN', {
      message: 'Only the enterprise administrator keeps sensitive periods and the risk policy',
    });
}

function periodView(row: DB['sensitive_period']) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    startDate: row.start_date,
    endDate: row.end_date,
    note: row.note,
    active: row.active === 1,
  };
}

export async function listSensitivePeriods(deps: WarningDeps) {
  const today = localDateOf(deps.clock.now().toISOString());
  const rows = await deps.db
    .selectFrom('sensitive_period')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('start_date', 'desc')
    .limit(200)
    .execute();
  const current = rows.find((r) => r.start_date <= today && r.end_date >= today);
  return { items: rows.map(periodView), current: current === undefined ? null : periodView(current) };
}

export async function addSensitivePeriod(deps: WarningDeps, actor: Actor, input: SensitivePeriodInput) {
  assertManager(actor);
  const id = deps.ids.next();
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sensitive_period')
      .values({
        id,
        name: input.name,
        kind: input.kind,
        start_date: input.startDate,
        end_date: input.endDate,
        note: input.note ?? null,
        created_by: actor.id,
        created_at: at,
        active: 1,
      })
      .execute();
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'warning.period.add',
      entityType: 'sensitive_period',
      entityId: id,
      after: { name: input.name, startDate: input.startDate, endDate: input.endDate },
    });
  });
  return listSensitivePeriods(deps);
}

export async function removeSensitivePeriod(deps: WarningDeps, actor: Actor, id: string) {
  assertManager(actor);
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('sensitive_period')
      .set({ active: 0 })
      .where('id', '=', id)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new DomainError('NOT_FOUND', { message: 'No such period' });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'warning.period.remove',
      entityType: 'sensitive_period',
      entityId: id,
    });
  });
  return listSensitivePeriods(deps);
}

export async function getRiskPolicy(deps: WarningDeps, actor: Actor): Promise<RiskPolicyView> {
  return readSetting(deps.db, enterpriseOf(actor).path, 'warning.policy');
}

export async function saveRiskPolicy(deps: WarningDeps, actor: Actor, policy: RiskPolicyView): Promise<RiskPolicyView> {
  assertManager(actor);
  const { blue, yellow, orange, red } = policy.thresholds;
  if (!(blue < yellow && yellow < orange && orange < red)) {
    throw new DomainError('VALIDATION_FAILED', {
      message: 'Thresholds must rise from blue to red',
      details: { in: 'body', issues: [{ path: ['thresholds'], message: 'blue < yellow < orange < red' }] },
    });
  }
  await updateSetting(deps, actor, 'warning.policy', { unitId: enterpriseOf(actor).id, value: policy });
  return policy;
}
