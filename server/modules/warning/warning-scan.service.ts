/**
 * The early-warning scan (预警研判, capability M9), a lease-protected job: refresh the time-driven
 * risk of cases, read what the signals need, turn it into warnings (warning-signals.ts), raise them
 * — telling the unit's watchers when one is new or higher — and escalate those nobody analysed
 * within the escalation time (24 h, 12 h in a sensitive period) one level up the tree and one colour.
 */
import type { Kysely } from 'kysely';
import { LEADER_ROLES, OFFICE_ROLES } from '../../../common/domain/access.ts';
import { addCalendarDays, localDateOf } from '../../../common/domain/calendar.ts';
import { higherLevel, raiseLevel } from '../../../common/domain/signals.ts';
import type { Role } from '../../../common/schemas/user.ts';
import type { DB } from '../../db/schema.ts';
import { notify } from '../notification/index.ts';
import { refreshTimeDerived, type PetitionDeps } from '../petition/index.ts';
import { allUnits, findUnitById } from '../unit/index.ts';
import { watchersOf } from '../user/index.ts';
import { chunks, inSlices, yieldToLoop } from '../../platform/slices.ts';
import { callOffThread } from '../../platform/off-thread.ts';
import {
  HOTSPOT_DAYS,
  NAMED_CADRE_DAYS,
  namedCadreSignals,
  REPEAT_PERSON_DAYS,
  repeatPersonSignals,
  riskSignals,
  SPIKE_BASELINE_WEEKS,
  spikeSignals,
  startOfLocalDay,
  type Raised,
  type SpikeCount,
} from './warning-signals.ts';
import {
  categorisedCountsBetween,
  categorisedSince,
  findWarningByDedupeKey,
  insertWarning,
  namedPersonsSince,
  openSevereHazards,
  petitionersSince,
  readInIdWindows,
  riskyOpenCases,
  sensitivePeriodOn,
  textsSince,
  timeSensitiveCaseIds,
  topCategoryNames,
  unanalysedSince,
  updateWarning,
} from './warning.repository.ts';

export type WarningDeps = PetitionDeps & { escalationHours?: number };

/** Petitions of the last 28 days read for the hotspot signal at most (the newest). */
const HOTSPOT_SCAN_CAP = 5000;
/** …read this many at a time. */
const TEXT_PAGE = 500;
/** Where hotspotSignals lives, for the worker thread that runs it. */
const SIGNALS_MODULE = new URL('./warning-signals.ts', import.meta.url).href;

/** Cases refreshed between two turns of the event loop. */
const REFRESH_SLICE = 5;

/** Cases this close to a deadline (calendar days) have their time-driven risk refreshed by each scan. */
const REFRESH_WITHIN_DAYS = 3;

export type ScanResult = { raised: number; escalated: number; refreshed: number };

/** One scan: refresh, read, judge, raise, escalate. */
export async function scanWarnings(deps: WarningDeps): Promise<ScanResult> {
  const today = localDateOf(deps.clock.now().toISOString());
  const period = await sensitivePeriodOn(deps.db, today);

  // Time moves cases towards overdue: refresh those near or past a deadline, or with messages waiting.
  const dueBy = addCalendarDays(today, REFRESH_WITHIN_DAYS);
  const timely = await readInIdWindows(deps.db, (w) => timeSensitiveCaseIds(deps.db, dueBy, w));
  // In slices with a turn of the loop between them (platform/slices.ts): at a million petitions tens of
  // thousands are near a deadline, and on SQLite one unbroken refresh held every request for half a minute.
  // A case is a transaction of some eight statements: slices of 25 held the loop 100–480 ms, of 5 far less.
  await inSlices(chunks(timely, REFRESH_SLICE), (ids) => refreshTimeDerived(deps, ids), { size: 1 });

  const since = (days: number) => startOfLocalDay(addCalendarDays(today, -days));
  // One read after another, the loop turning between them (on SQLite each is synchronous anyway).
  const read = async <T>(query: () => Promise<T>): Promise<T> => {
    await yieldToLoop();
    return query();
  };
  const risky = await read(() => riskyOpenCases(deps.db));
  // Day by day: the weeks of the spike baseline hold tens of thousands of petitions at a province's size.
  // The eight earlier weeks are counted in SQL (a few hundred counts a day); only this week's petitions
  // are read one by one, since they name the cases behind a warning (issue #20: 70,000 rows summed in
  // one go held the loop 100–300 ms at a million petitions).
  const counts: SpikeCount[] = [];
  for (let day = 7 * (SPIKE_BASELINE_WEEKS + 1) - 1; day >= 7; day--) {
    const date = addCalendarDays(today, -day);
    for (const c of await read(() => categorisedCountsBetween(deps.db, since(day), since(day - 1))))
      counts.push({ ...c, day: date });
  }
  const categorised: Awaited<ReturnType<typeof categorisedSince>> = [];
  for (let day = 6; day > 0; day--)
    categorised.push(...(await read(() => categorisedSince(deps.db, since(day), since(day - 1)))));
  categorised.push(...(await read(() => categorisedSince(deps.db, since(0)))));
  const petitioners = await read(() => petitionersSince(deps.db, since(REPEAT_PERSON_DAYS)));
  const named = await read(() => namedPersonsSince(deps.db, since(NAMED_CADRE_DAYS)));
  // The newest texts a page at a time (5,000 with their bodies in one statement held the loop ~300 ms).
  const texts: Awaited<ReturnType<typeof textsSince>> = [];
  const seen = new Set<string>();
  for (let offset = 0; offset < HOTSPOT_SCAN_CAP; offset += TEXT_PAGE) {
    const page = await read(() => textsSince(deps.db, since(HOTSPOT_DAYS - 1), TEXT_PAGE, offset));
    // A petition read twice (tied received_at across a page edge, PostgreSQL's order among ties) counts once.
    for (const t of page) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      texts.push(t);
    }
    if (page.length < TEXT_PAGE) break;
  }
  const categoryNames = await read(() => topCategoryNames(deps.db));
  const units = await read(() => allUnits(deps.db));
  const hazards = await read(() => openSevereHazards(deps.db));
  await yieldToLoop();
  // Each signal computed in its own turn of the loop (issue #20).
  const signals = [...riskSignals(risky)];
  await yieldToLoop();
  signals.push(
    ...spikeSignals(
      categorised,
      {
        today,
        period,
        categoryNames,
        unitNames: new Map(units.map((u) => [u.id, u.name])),
        hazards,
      },
      counts,
    ),
  );
  await yieldToLoop();
  signals.push(...repeatPersonSignals(petitioners, today), ...namedCadreSignals(named, today));
  // In a worker thread: segmenting and clustering 5,000 texts is one computation of ≈ 0.6 s at a
  // million petitions, which no slicing shortens (platform/off-thread.ts).
  signals.push(...(await callOffThread<Raised[]>(SIGNALS_MODULE, 'hotspotSignals', [texts, today])));

  let raised = 0;
  await inSlices(signals, async (signal) => {
    const outcome = await deps.db.transaction().execute((trx) => raise(deps, trx, signal));
    if (outcome !== 'same') raised += 1;
  });
  const escalated = await escalateWarnings(deps, period !== null);
  return { raised, escalated, refreshed: timely.length };
}

/** Insert a new warning or raise an existing one (same dedupe key); tells the unit's watchers when new or higher. */
async function raise(deps: WarningDeps, trx: Kysely<DB>, w: Raised): Promise<'new' | 'raised' | 'same'> {
  const at = deps.clock.now().toISOString();
  const petitionIdsJson = JSON.stringify(w.petitionIds);
  const existing = await findWarningByDedupeKey(trx, w.dedupeKey);
  let id: string;
  let outcome: 'new' | 'raised';
  if (existing === undefined) {
    id = deps.ids.next();
    await insertWarning(trx, {
      id,
      kind: w.kind,
      level: w.level,
      unit_id: w.unitId,
      raised_unit_id: w.unitId,
      title: w.title,
      reasons_json: JSON.stringify(w.reasons),
      petition_ids_json: petitionIdsJson,
      subject_user_ids_json: JSON.stringify(w.subjectUserIds ?? []),
      dedupe_key: w.dedupeKey,
      status: 'open',
      escalation_level: 0,
      escalated_at: null,
      acknowledged_by: null,
      acknowledged_at: null,
      created_at: at,
      updated_at: at,
    });
    outcome = 'new';
  } else {
    id = existing.id;
    if (existing.status === 'closed') return 'same';
    const level = higherLevel(existing.level, w.level);
    if (level === existing.level && existing.petition_ids_json === petitionIdsJson) return 'same';
    await updateWarning(trx, id, {
      level,
      reasons_json: JSON.stringify(w.reasons),
      petition_ids_json: petitionIdsJson,
      title: w.title,
      updated_at: at,
    });
    // New cases behind the same level: the warning is refreshed, nobody is told again.
    if (level === existing.level) return 'same';
    outcome = 'raised';
  }
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

/** Warnings without analysis past the escalation time move up a level of the tree and a colour. */
export async function escalateWarnings(deps: WarningDeps, sensitive: boolean): Promise<number> {
  const hours = (deps.escalationHours ?? 24) / (sensitive ? 2 : 1);
  const now = deps.clock.now().toISOString();
  const cutoff = new Date(deps.clock.now().getTime() - hours * 3_600_000).toISOString();
  const stale = await unanalysedSince(deps.db, cutoff);
  await inSlices(stale, async (w) => {
    const level = raiseLevel(w.level);
    const unitId = w.parent_id ?? w.unit_id;
    await deps.db.transaction().execute(async (trx) => {
      await updateWarning(trx, w.id, {
        level,
        unit_id: unitId,
        escalation_level: w.escalation_level + 1,
        escalated_at: now,
        updated_at: now,
      });
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
  });
  return stale.length;
}
