/**
 * 日报告 / 零报告 (daily and nil reports): every reporting unit — by default each 区队, 班组 and the
 * office of each mine and company (setting `report.unitKinds`) — tells the level above every working
 * day what came up (worker concerns, disputes, hazards, people in difficulty) or that nothing did.
 * 《信访工作条例》第5条 (源头预防: settle problems where they arise, early) and 第13条 (the grassroots
 * units' part in the network) are the reason; the date rules are common/domain/daily-report.ts.
 *
 * - A report is filed by the unit's head or office staff (`report.submit`, own unit), with the key the
 *   phone made: the same key again returns the same report, a second different report for the same
 *   unit and day is refused, a report for a closed day is refused (docs/domain.md, "Daily reports").
 * - People in difficulty (困难职工) are recorded for the help they get (帮扶救助): their text is seen by
 *   the unit's own head and staff and by the office of the unit's level (the mine's office, which
 *   handles the help) only — not the levels above, not the auditor, not a neighbouring unit.
 * - An item may become a petition (registered through intake, linked both ways: the item names the
 *   case, the case records `fromDailyReport` through the engine).
 */
import type { Kysely } from 'kysely';
import { can, isOffice, type Actor } from '../../../common/domain/access.ts';
import { compareInstants, isWorkingDay, localDateOf, type Calendar } from '../../../common/domain/calendar.ts';
import {
  closeInstant,
  cutoffInstant,
  isLate,
  lastWorkingDayBefore,
  reportDateProblem,
  reportDayAt,
  RESTRICTED_ITEM_KINDS,
  unitDayStatus,
  type UnitDayStatus,
} from '../../../common/domain/daily-report.ts';
import { isOfficeLevel, officeLevelPathAmong, unitPathName } from '../../../common/domain/unit-tree.ts';
import { DomainError, fieldError } from '../../../common/errors.ts';
import {
  ItemToHazardInputSchema,
  type ItemToHazardInput,
  type ItemToHazardView,
  MorningQuerySchema,
  type DailyReportData,
  type DailyReportItemView,
  type DailyReportTodayView,
  type DailyReportView,
  type ItemToPetitionView,
  type MorningCounts,
  type MorningQuery,
  type MorningView,
} from '../../../common/schemas/daily-report.ts';
import type { RegisterPetitionData } from '../../../common/schemas/petition.ts';
import type { UnitKind } from '../../../common/schemas/unit.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { loadCalendar } from '../calendar/index.ts';
import { assertMayRegister, noticesForRegistration, receiptOf, registerInTransaction } from '../intake/index.ts';
import { recordPetitionEvent, type PetitionDeps } from '../petition/index.ts';
import { checkHazardData, createHazardInTransaction } from '../prevention/index.ts';
import { readSettings } from '../setting/index.ts';
import { activeUnitsUnder, ancestorIds, findUnitById, findUnitNames } from '../unit/index.ts';
import {
  findItem,
  findReport,
  linkItemToHazard,
  findReportByKey,
  findReportOfUnitDay,
  insertReport,
  itemsOfReports,
  linkItemToPetition,
  reportsOfDay,
  type DailyReportItemNamedRow,
  type DailyReportNamedRow,
} from './report.repository.ts';

function fieldIssue(field: string, message: string) {
  return { in: 'body', issues: [{ path: [field], message }] };
}

/** The enterprise's daily-report settings and the working-day calendar. */
export type ReportRules = {
  calendar: Calendar;
  cutoff: string;
  unitKinds: readonly UnitKind[];
  escalateAfterMinutes: number;
};

export async function reportRules(db: Kysely<DB>, unitPath: string): Promise<ReportRules> {
  const settings = await readSettings(db, unitPath);
  return {
    calendar: await loadCalendar(db),
    cutoff: settings['report.cutoff'],
    unitKinds: settings['report.unitKinds'],
    escalateAfterMinutes: settings['report.escalateAfterMinutes'],
  };
}

// ---------------------------------------------------------------------------------------------
// Who sees what of a report

type UnitRef = { id: string; path: string };

/**
 * A person in difficulty is seen by the unit's own head and staff (who filed it) and by the office of
 * the unit's level (the mine's or company's office; for a unit directly under the group, the group's),
 * which gives the help. `officeLevelPath` is that office's path.
 */
function maySeeRestricted(actor: Actor, unit: UnitRef, officeLevelPath: string): boolean {
  if (can(actor, 'report.submit', unit)) return true;
  return isOffice(actor.role) && actor.unitPath === officeLevelPath;
}

function mayReadReport(actor: Actor, unit: UnitRef): boolean {
  return can(actor, 'report.read', unit);
}

function itemView(
  actor: Actor,
  row: DailyReportItemNamedRow,
  unit: UnitRef,
  officeLevelPath: string,
): DailyReportItemView {
  const restricted = RESTRICTED_ITEM_KINDS.includes(row.kind);
  const visible = !restricted || maySeeRestricted(actor, unit, officeLevelPath);
  return {
    id: row.id,
    kind: row.kind,
    text: visible ? row.text : null,
    headcount: row.headcount,
    restricted: restricted && !visible,
    petition:
      row.petition_id !== null && row.case_number !== null
        ? { id: row.petition_id, caseNumber: row.case_number }
        : null,
    hazardId: row.hazard_id,
    actions: visible && row.petition_id === null && can(actor, 'petition.register', unit) ? ['petition'] : [],
  };
}

/** The path of the office level (集团/矿/公司) at or above the unit at `path`. */
async function officeLevelPathOfUnit(db: Kysely<DB>, path: string): Promise<string> {
  const ids = ancestorIds(path);
  const units = await Promise.all(ids.map((id) => findUnitById(db, id)));
  const known = units.filter((u) => u !== undefined);
  return officeLevelPathAmong(known, path) ?? path;
}

async function reportView(db: Kysely<DB>, actor: Actor, row: DailyReportNamedRow): Promise<DailyReportView> {
  const unit = { id: row.unit_id, path: row.unit_path };
  const officePath = await officeLevelPathOfUnit(db, row.unit_path);
  const items = await itemsOfReports(db, [row.id]);
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    reportDate: row.report_date,
    reportKey: row.report_key,
    nil: row.nil === 1,
    late: row.late === 1,
    submittedAt: row.submitted_at,
    submittedByName: row.submitted_by_name,
    items: items.map((item) => itemView(actor, item, unit, officePath)),
  };
}

// ---------------------------------------------------------------------------------------------
// Use cases

async function reportingUnitOf(deps: ServiceDeps, actor: Actor) {
  const unit = await findUnitById(deps.db, actor.unitId);
  if (unit === undefined) throw new DomainError('NOT_FOUND', { message: 'Unit not found' });
  return unit;
}

/**
 * File the unit's report for a day: nil, or items. Idempotent on the report key.
 * @throws FORBIDDEN (not the unit's head or staff, or the unit does not report daily),
 *   VALIDATION_FAILED (reportDate: a day off or a day not begun), DAILY_REPORT_DAY_CLOSED (reportDate),
 *   DAILY_REPORT_ALREADY_SUBMITTED (reportDate: another report for the same unit and day),
 *   DAILY_REPORT_KEY_REUSED (reportKey: the key names another unit's or day's report)
 */
export async function submitDailyReport(
  deps: ServiceDeps,
  actor: Actor,
  input: DailyReportData,
): Promise<DailyReportView> {
  const unit = await reportingUnitOf(deps, actor);
  if (!can(actor, 'report.submit', unit)) {
    throw new DomainError('FORBIDDEN', { message: 'Only the unit head or its office staff file its daily report' });
  }
  const rules = await reportRules(deps.db, unit.path);
  if (!rules.unitKinds.includes(unit.kind)) {
    throw new DomainError('FORBIDDEN', { message: 'Your unit is not one of the units that report daily' });
  }
  // The phone may send the same report again (it never heard the answer): same key, same report.
  const same = await sameReport(deps, actor, input);
  if (same !== null) return same;

  const now = deps.clock.now().toISOString();
  const problem = reportDateProblem(rules.calendar, input.reportDate, rules.cutoff, now);
  if (problem === 'not_working_day') throw fieldError('reportDate', 'not a working day: no report is due');
  if (problem === 'future') throw fieldError('reportDate', 'the day has not begun');
  if (problem === 'closed') {
    throw new DomainError('DAILY_REPORT_DAY_CLOSED', {
      message: `reportDate: the day closed at ${closeInstant(rules.calendar, input.reportDate, rules.cutoff)}`,
      details: fieldIssue('reportDate', 'the day is closed'),
    });
  }
  const other = await findReportOfUnitDay(deps.db, unit.id, input.reportDate);
  if (other !== undefined) throw alreadySubmitted(other);

  const id = deps.ids.next();
  const late = isLate(input.reportDate, rules.cutoff, now);
  try {
    await deps.db.transaction().execute(async (trx) => {
      await insertReport(
        trx,
        {
          id,
          unit_id: unit.id,
          report_date: input.reportDate,
          report_key: input.reportKey,
          nil: input.nil ? 1 : 0,
          late: late ? 1 : 0,
          item_count: input.items.length,
          submitted_by: actor.id,
          submitted_at: now,
        },
        input.items.map((item, seq) => ({
          id: deps.ids.next(),
          report_id: id,
          seq,
          kind: item.kind,
          text: item.text,
          headcount: item.headcount,
          petition_id: null,
          hazard_id: null,
          linked_at: null,
        })),
      );
      // The audit row counts the items by kind; their text (a person in difficulty) stays in the report.
      const kinds: Record<string, number> = {};
      for (const item of input.items) kinds[item.kind] = (kinds[item.kind] ?? 0) + 1;
      await appendAudit(trx, deps.clock, {
        actorId: actor.id,
        action: 'daily_report.submit',
        entityType: 'daily_report',
        entityId: id,
        after: { unitId: unit.id, reportDate: input.reportDate, nil: input.nil, late, kinds },
      });
    });
  } catch (error) {
    // Two sends of one report at once: the unique keys let one in; the other answers with it.
    const again = await sameReport(deps, actor, input);
    if (again !== null) return again;
    const raced = await findReportOfUnitDay(deps.db, unit.id, input.reportDate);
    if (raced !== undefined) throw alreadySubmitted(raced);
    throw error;
  }
  const row = await findReport(deps.db, id);
  if (row === undefined) throw new DomainError('INTERNAL', { message: 'report not written' });
  return reportView(deps.db, actor, row);
}

function alreadySubmitted(other: DailyReportNamedRow): DomainError {
  return new DomainError('DAILY_REPORT_ALREADY_SUBMITTED', {
    message: `reportDate: ${other.unit_name} already reported for ${other.report_date}`,
    details: { ...fieldIssue('reportDate', 'already reported for this day'), reportId: other.id },
  });
}

async function sameReport(deps: ServiceDeps, actor: Actor, input: DailyReportData): Promise<DailyReportView | null> {
  const byKey = await findReportByKey(deps.db, input.reportKey);
  if (byKey === undefined) return null;
  if (byKey.unit_id !== actor.unitId || byKey.report_date !== input.reportDate) {
    throw new DomainError('DAILY_REPORT_KEY_REUSED', {
      message: 'reportKey: already used for another report',
      details: fieldIssue('reportKey', 'already used for another report'),
    });
  }
  return reportView(deps.db, actor, byKey);
}

/** The phone form's day: the unit, today's report day and cut-off, and the report already sent. */
export async function todayOfUnit(deps: ServiceDeps, actor: Actor): Promise<DailyReportTodayView> {
  const unit = await reportingUnitOf(deps, actor);
  if (!can(actor, 'report.submit', unit) && !can(actor, 'report.read', unit)) {
    throw new DomainError('FORBIDDEN', { message: 'You may not read this unit’s daily reports' });
  }
  const rules = await reportRules(deps.db, unit.path);
  const now = deps.clock.now().toISOString();
  const reportDate = reportDayAt(rules.calendar, now);
  const row = reportDate === null ? undefined : await findReportOfUnitDay(deps.db, unit.id, reportDate);
  return {
    unitId: unit.id,
    unitName: unit.name,
    reportingUnit: rules.unitKinds.includes(unit.kind),
    reportDate,
    cutoff: rules.cutoff,
    cutoffAt: reportDate === null ? null : cutoffInstant(reportDate, rules.cutoff),
    report: row === undefined ? null : await reportView(deps.db, actor, row),
  };
}

/** One report as `actor` may see it. @throws NOT_FOUND */
export async function getDailyReport(deps: ServiceDeps, actor: Actor, id: string): Promise<DailyReportView> {
  const row = await findReport(deps.db, id);
  if (row === undefined || !mayReadReport(actor, { id: row.unit_id, path: row.unit_path })) {
    throw new DomainError('NOT_FOUND', { message: 'Daily report not found', details: { reportId: id } });
  }
  return reportView(deps.db, actor, row);
}

function emptyCounts(): MorningCounts {
  return { due: 0, onTime: 0, late: 0, nil: 0, missing: 0, pending: 0, items: 0 };
}

/**
 * 晨报: for a report day (by default the last working day before today), the reporting units of the
 * viewer's subtree (or of the unit drilled into) by mine: due, on time, late, nil, missing, and the
 * items that came up. A unit counts from the day it was created.
 * @throws FORBIDDEN (no overview of that unit), NOT_FOUND (the unit)
 */
export async function morningView(deps: ServiceDeps, actor: Actor, rawQuery: MorningQuery): Promise<MorningView> {
  const query = MorningQuerySchema.parse(rawQuery);
  const root = await findUnitById(deps.db, query.unitId ?? actor.unitId);
  if (root === undefined) throw new DomainError('NOT_FOUND', { message: 'Unit not found' });
  if (!can(actor, 'report.overview', root)) {
    throw new DomainError('FORBIDDEN', { message: 'You may not read the daily reports of this unit' });
  }
  const rules = await reportRules(deps.db, root.path);
  const now = deps.clock.now().toISOString();
  const date = query.date ?? lastWorkingDayBefore(rules.calendar, now);
  const workingDay = isWorkingDay(rules.calendar, date);

  const all = await activeUnitsUnder(deps.db, root.path);
  const ancestors = await findUnitNames(deps.db, ancestorIds(root.path));
  const names = new Map([...ancestors, ...all.map((u) => [u.id, u.name] as const)]);
  const nameOf = (path: string) => unitPathName(path, (id) => names.get(id));
  const reports = new Map((await reportsOfDay(deps.db, date, root.path)).map((r) => [r.unit_id, r]));
  // Units created after the day owed nothing for it — unless they reported all the same.
  const due = workingDay
    ? all.filter((u) => rules.unitKinds.includes(u.kind) && (localDateOf(u.created_at) <= date || reports.has(u.id)))
    : [];
  // The tree above the root is needed to place the root itself under its office level.
  const rootAncestors = (await Promise.all(ancestorIds(root.path).map((id) => findUnitById(deps.db, id)))).filter(
    (u) => u !== undefined,
  );
  // The nearest office level (集团/矿/公司) of each path, by walking its ids up: O(depth) per unit,
  // where a scan of the tree per unit made 2,000 units cost a quarter of a second.
  const officeLevels = new Map(
    [...rootAncestors, ...all].filter((u) => isOfficeLevel(u.kind)).map((u) => [u.id, u.path] as const),
  );
  const officeLevelOf = (path: string): string | null => {
    const ids = path.split('/').filter((id) => id.length > 0);
    for (let i = ids.length - 1; i >= 0; i -= 1) {
      const found = officeLevels.get(ids[i] ?? '');
      if (found !== undefined) return found;
    }
    return null;
  };
  const groupOf = (path: string) => {
    const office = officeLevelOf(path) ?? root.path;
    // Above the root, everything is the root's own row.
    return office.length < root.path.length ? root.path : office;
  };

  const totals = emptyCounts();
  const groups = new Map<string, MorningCounts>();
  const units: MorningView['units'] = [];
  for (const unit of due) {
    const report = reports.get(unit.id) ?? null;
    // A report's lateness was fixed when it arrived: a later change of the cut-off does not rewrite it.
    const status: UnitDayStatus =
      report === null ? unitDayStatus(date, rules.cutoff, now, null) : report.late === 1 ? 'late' : 'on_time';
    const groupPath = groupOf(unit.path);
    const group = groups.get(groupPath) ?? emptyCounts();
    groups.set(groupPath, group);
    for (const counts of [totals, group]) {
      counts.due += 1;
      if (status === 'on_time') counts.onTime += 1;
      if (status === 'late') counts.late += 1;
      if (status === 'missing') counts.missing += 1;
      if (status === 'pending') counts.pending += 1;
      if (report !== null && report.nil === 1) counts.nil += 1;
      counts.items += report?.item_count ?? 0;
    }
    if (query.unitId !== undefined) {
      units.push({
        unitId: unit.id,
        unitName: nameOf(unit.path),
        status,
        nil: report?.nil === 1,
        itemCount: report?.item_count ?? 0,
        submittedAt: report?.submitted_at ?? null,
      });
    }
  }

  const withItems = [...reports.values()].filter((r) => r.item_count > 0);
  const unitById = new Map(all.map((u) => [u.id, u]));
  const reportUnit = new Map(withItems.map((r) => [r.id, r.unit_id]));
  const items: MorningView['items'] = [];
  for (const item of await itemsOfReports(
    deps.db,
    withItems.map((r) => r.id),
  )) {
    const unit = unitById.get(reportUnit.get(item.report_id) ?? '');
    if (unit === undefined) continue;
    const officePath = officeLevelOf(unit.path) ?? unit.path;
    items.push({ ...itemView(actor, item, unit, officePath), unitId: unit.id, unitName: nameOf(unit.path) });
  }

  const closed = workingDay && compareInstants(now, closeInstant(rules.calendar, date, rules.cutoff)) >= 0;
  return {
    date,
    cutoff: rules.cutoff,
    closed,
    workingDay,
    unit: { id: root.id, name: nameOf(root.path) },
    totals,
    groups: [...groups.entries()]
      .map(([path, counts]) => {
        const id =
          path
            .split('/')
            .filter((s) => s.length > 0)
            .at(-1) ?? root.id;
        return { ...counts, unitId: id, unitName: nameOf(path) };
      })
      .sort((a, b) => b.missing - a.missing || a.unitName.localeCompare(b.unitName, 'zh-CN')),
    units,
    items,
  };
}

/**
 * A report's item becomes a petition: registered (pre-filled by the form) at the reporting unit, as
 * received when the report came in, the item linked to the case and the case recording where it came
 * from (`fromDailyReport`, through the engine), in one transaction.
 * @throws NOT_FOUND (the item, or one the actor may not see), FORBIDDEN (may not register there),
 *   DAILY_REPORT_ITEM_ALREADY_LINKED, VALIDATION_FAILED (any rule of registration)
 */
export async function itemToPetition(
  deps: PetitionDeps,
  actor: Actor,
  itemId: string,
  input: { petition: RegisterPetitionData },
): Promise<ItemToPetitionView> {
  const found = await itemWithReport(deps.db, actor, itemId);
  const { item, report, unit, officePath } = found;
  if (item.petition_id !== null) {
    throw new DomainError('DAILY_REPORT_ITEM_ALREADY_LINKED', { message: 'The item is already a petition' });
  }
  assertMayRegister(actor, unit);
  const registration: RegisterPetitionData = { ...input.petition, receivedAt: report.submitted_at };
  const receipt = await deps.db.transaction().execute(async (trx) => {
    const notices = await noticesForRegistration(trx, actor, { path: report.unit_path, name: report.unit_name });
    const registered = await registerInTransaction(deps, trx, actor, registration, {
      registeredUnitId: report.unit_id,
      notices,
    });
    if (!(await linkItemToPetition(trx, itemId, registered.id, deps.clock.now().toISOString()))) {
      throw new DomainError('DAILY_REPORT_ITEM_ALREADY_LINKED', { message: 'The item is already a petition' });
    }
    const data = { reportId: report.id, itemId, reportDate: report.report_date, itemKind: item.kind };
    await recordPetitionEvent(
      trx,
      deps,
      actor,
      registered.loaded.petition,
      registered.loaded.petition.registered_path,
      {
        kind: 'fromDailyReport',
        data,
        internal: true,
        audit: { after: data },
      },
    );
    return receiptOf(registered, actor);
  });
  const linked = await findItem(deps.db, itemId);
  if (linked === undefined) throw new DomainError('INTERNAL', { message: 'item vanished' });
  return { item: itemView(actor, linked, unit, officePath), receipt };
}

/**
 * A report item becomes a hazard of the ledger (排查台账) at the reporting unit, linked both ways: the
 * item names its hazard, the hazard is entered by the actor (who must keep hazards there) with the
 * data he completed. One transaction; an item becomes one hazard at most.
 * @throws NOT_FOUND (item out of sight), FORBIDDEN (may not keep hazards there), VALIDATION_FAILED
 *   naming `hazard.…`, DAILY_REPORT_ITEM_ALREADY_LINKED
 */
export async function itemToHazard(
  deps: ServiceDeps,
  actor: Actor,
  itemId: string,
  rawInput: ItemToHazardInput,
): Promise<ItemToHazardView> {
  const input = ItemToHazardInputSchema.parse(rawInput);
  const { item, unit, officePath } = await itemWithReport(deps.db, actor, itemId);
  if (item.hazard_id !== null) {
    throw new DomainError('DAILY_REPORT_ITEM_ALREADY_LINKED', { message: 'The item is already a hazard' });
  }
  if (!can(actor, 'hazard.manage', unit)) {
    throw new DomainError('FORBIDDEN', { message: 'You may not enter hazards at this unit' });
  }
  await checkHazardData(deps.db, deps.clock.now(), unit, input.hazard, 'hazard.');
  const hazardId = await deps.db.transaction().execute(async (trx) => {
    const id = await createHazardInTransaction(trx, deps, actor, unit, input.hazard, null);
    if (!(await linkItemToHazard(trx, itemId, id))) {
      throw new DomainError('DAILY_REPORT_ITEM_ALREADY_LINKED', { message: 'The item is already a hazard' });
    }
    return id;
  });
  const linked = await findItem(deps.db, itemId);
  if (linked === undefined) throw new DomainError('INTERNAL', { message: 'item vanished' });
  return { item: itemView(actor, linked, unit, officePath), hazardId };
}

async function itemWithReport(db: Kysely<DB>, actor: Actor, itemId: string) {
  const item = await findItem(db, itemId);
  const report = item === undefined ? undefined : await findReport(db, item.report_id);
  const notFound = () => new DomainError('NOT_FOUND', { message: 'Report item not found', details: { itemId } });
  if (item === undefined || report === undefined) throw notFound();
  const unit = { id: report.unit_id, path: report.unit_path };
  const officePath = await officeLevelPathOfUnit(db, report.unit_path);
  const restricted = RESTRICTED_ITEM_KINDS.includes(item.kind);
  if (!mayReadReport(actor, unit) && !(restricted && maySeeRestricted(actor, unit, officePath))) throw notFound();
  if (restricted && !maySeeRestricted(actor, unit, officePath)) throw notFound();
  return { item, report, unit, officePath };
}
