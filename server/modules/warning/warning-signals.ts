/**
 * From rows to the warnings they call for — pure functions, one per signal, so the scan reads as
 * "read, judge, raise" and each signal is tested without a database:
 *  - a case whose risk score reached orange or red (common/domain/risk.ts);
 *  - a week with unusually many petitions for a mine × top-level category (Poisson limit, signals.ts);
 *  - a person petitioning again and again (30 days); a cadre named in many petitions (90 days);
 *  - a matter whose petitions of the last 28 days grew (server/text/hotspot.ts).
 * Each warning carries a dedupe key naming its subject and period, so a later scan raises the same
 * warning rather than a new one.
 */
import { addCalendarDays, daysBetween, localDateOf } from '../../../common/domain/calendar.ts';
import type { WarningLevel } from '../../../common/domain/risk.ts';
import { detectSpike, namedCadreLevel, repeatPersonLevel } from '../../../common/domain/signals.ts';
import { WARNING_LEVELS, type WarningReason } from '../../../common/schemas/warning.ts';
import type { WarningKind } from '../../db/schema.ts';
import { findHotspots } from '../../text/hotspot.ts';
import { mineIdOf } from '../unit/index.ts';

/** A warning a signal calls for, before it meets the warnings already raised. */
export type Raised = {
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

/** An open hazard of risk 高/重大 (warning.repository.ts, `openSevereHazards`). */
export type HazardSignalRow = { id: string; title: string; category_code: string | null; unit_path: string };

/** One level graver, red the most. */
export function levelAbove(level: WarningLevel): WarningLevel {
  const index = WARNING_LEVELS.indexOf(level);
  return WARNING_LEVELS[Math.min(WARNING_LEVELS.length - 1, index + 1)] ?? level;
}

/** At most this many cases are listed behind one warning. */
const MAX_CASES = 100;

/** The start of a local (UTC+8) day as an instant, for comparing with `received_at`. */
export function startOfLocalDay(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

/** Where a case belongs for the signals: the mine handling it, else the mine where it was registered. */
function mineOfCase(row: { path: string; handling_path: string | null }): string {
  return mineIdOf(row.handling_path ?? row.path);
}

export function riskSignals(
  rows: readonly {
    id: string;
    case_number: string;
    title: string;
    risk_level: string | null;
    risk_json: string;
    handling_unit_id: string | null;
    registered_unit_id: string;
  }[],
): Raised[] {
  return rows.map((p) => ({
    kind: 'petition_risk',
    level: p.risk_level as WarningLevel,
    unitId: p.handling_unit_id ?? p.registered_unit_id,
    title: `${p.case_number} ${p.title}`,
    reasons: (JSON.parse(p.risk_json) as { code: string; detail: Record<string, string | number> }[]).map((r) => ({
      code: `risk.${r.code}`,
      detail: r.detail,
    })),
    petitionIds: [p.id],
    dedupeKey: `petition:${p.id}`,
  }));
}

/** How many weeks of history the spike signal compares this week with. */
export const SPIKE_BASELINE_WEEKS = 8;

/**
 * Categorised petitions of one local day counted per registering × handling unit and top-level
 * category (warning.repository.ts, `categorisedCountsBetween`): what the spike's baseline weeks need,
 * read as a few hundred counts a day instead of every petition (issue #20).
 */
export type SpikeCount = { day: string; path: string; handling_path: string | null; category: string; n: number };

/**
 * Spikes per mine × top-level category: this week (the 7 days to today) against the eight before.
 * `rows` are petitions one by one (those of this week name the cases behind a warning); `counts` are
 * the earlier days already counted — a day is given one way or the other, never both.
 */
export function spikeSignals(
  rows: readonly {
    id: string;
    received_at: string;
    category_code: string | null;
    path: string;
    handling_path: string | null;
  }[],
  context: {
    today: string;
    period: { name: string } | null;
    categoryNames: ReadonlyMap<string, string>;
    unitNames: ReadonlyMap<string, string>;
    /** Open 高/重大 hazards of the ledger (排查台账): one on a spiking category at the mine raises its level. */
    hazards?: readonly HazardSignalRow[];
  },
  counts: readonly SpikeCount[] = [],
): Raised[] {
  const { today, period } = context;
  const buckets = new Map<string, { mine: string; category: string; weeks: number[]; ids: string[] }>();
  const add = (day: string, row: { path: string; handling_path: string | null }, category: string, n: number) => {
    const week = Math.floor(daysBetween(day, today) / 7);
    if (week < 0 || week > SPIKE_BASELINE_WEEKS) return null;
    const mine = mineOfCase(row);
    const key = `${mine}:${category}`;
    const bucket = buckets.get(key) ?? {
      mine,
      category,
      weeks: Array.from({ length: SPIKE_BASELINE_WEEKS + 1 }, () => 0),
      ids: [],
    };
    bucket.weeks[week] = (bucket.weeks[week] ?? 0) + n;
    buckets.set(key, bucket);
    return week === 0 ? bucket : null;
  };
  for (const c of counts) add(c.day, c, c.category, c.n);
  for (const p of rows) add(localDateOf(p.received_at), p, (p.category_code ?? '').slice(0, 2), 1)?.ids.push(p.id);
  const weekStart = addCalendarDays(today, -6);
  const out: Raised[] = [];
  for (const bucket of buckets.values()) {
    const [observed = 0, ...baseline] = bucket.weeks;
    const spike = detectSpike(observed, baseline, undefined, period !== null);
    if (spike.level === null) continue;
    const categoryName = context.categoryNames.get(bucket.category) ?? bucket.category;
    // 源头预防 (第5条): a latent dispute already known on this topic at this mine makes the spike graver.
    const known = (context.hazards ?? []).filter(
      (h) => mineIdOf(h.unit_path) === bucket.mine && (h.category_code ?? '').slice(0, 2) === bucket.category,
    );
    const hazardReasons =
      known[0] === undefined
        ? []
        : [{ code: 'hazard', detail: { count: known.length, hazard: known[0].title, category: categoryName } }];
    out.push({
      kind: 'spike',
      level: known.length > 0 ? levelAbove(spike.level) : spike.level,
      unitId: bucket.mine,
      title: `${context.unitNames.get(bucket.mine) ?? ''} ${categoryName}`,
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
        ...hazardReasons,
      ],
      petitionIds: bucket.ids.slice(0, MAX_CASES),
      dedupeKey: `spike:${bucket.mine}:${bucket.category}:${weekStart.slice(0, 7)}-${Math.floor(Number(weekStart.slice(8)) / 7)}`,
    });
  }
  return out;
}

export const REPEAT_PERSON_DAYS = 30;

/** A person petitioning again and again (rows: each petitioner of each petition of the last 30 days). */
export function repeatPersonSignals(
  rows: readonly { petitioner_id: string; name: string; id: string; path: string; handling_path: string | null }[],
  today: string,
): Raised[] {
  const byPerson = new Map<string, { name: string; ids: string[]; mine: string }>();
  for (const row of rows) {
    const entry = byPerson.get(row.petitioner_id) ?? { name: row.name, ids: [], mine: mineOfCase(row) };
    entry.ids.push(row.id);
    byPerson.set(row.petitioner_id, entry);
  }
  const out: Raised[] = [];
  for (const [personId, entry] of byPerson) {
    const level = repeatPersonLevel(entry.ids.length);
    if (level === null) continue;
    out.push({
      kind: 'repeat_person',
      level,
      unitId: entry.mine,
      title: entry.name,
      reasons: [{ code: 'repeat_person', detail: { count: entry.ids.length, days: REPEAT_PERSON_DAYS } }],
      petitionIds: entry.ids,
      dedupeKey: `person:${personId}:${today.slice(0, 7)}`,
    });
  }
  return out;
}

export const NAMED_CADRE_DAYS = 90;

/** A cadre named in many petitions (rows of the last 90 days), by account when known, else by name. */
export function namedCadreSignals(
  rows: readonly {
    user_id: string | null;
    name: string;
    position: string | null;
    id: string;
    path: string;
    handling_path: string | null;
  }[],
  today: string,
): Raised[] {
  const byCadre = new Map<string, { name: string; ids: Set<string>; mine: string }>();
  for (const row of rows) {
    const key = row.user_id ?? `name:${row.name}`;
    const entry = byCadre.get(key) ?? {
      name: row.position === null ? row.name : `${row.name}（${row.position}）`,
      ids: new Set<string>(),
      // Where the complaints come from (the registering mine), not who handles them: a case naming
      // a mine's leader is handled above his mine (回避, 第28条), yet the warning is about his mine.
      mine: mineIdOf(row.path),
    };
    entry.ids.add(row.id);
    byCadre.set(key, entry);
  }
  const quarter = `${today.slice(0, 4)}Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  const out: Raised[] = [];
  for (const [key, entry] of byCadre) {
    const level = namedCadreLevel(entry.ids.size);
    if (level === null) continue;
    out.push({
      kind: 'named_cadre',
      level,
      unitId: entry.mine,
      title: entry.name,
      reasons: [{ code: 'named_cadre', detail: { count: entry.ids.size, days: NAMED_CADRE_DAYS } }],
      petitionIds: [...entry.ids],
      // The cadre is never told of the warning about him (when known by account; by name, the
      // recusal of namesakes behind each case does it).
      subjectUserIds: key.startsWith('name:') ? [] : [key],
      dedupeKey: `cadre:${key}:${quarter}`,
    });
  }
  return out;
}

/**
 * Rows grouped by the mine of the unit that registered them, mines in order of first appearance:
 * the hotspot signal's unit of work (the scan computes one mine per turn of the event loop).
 */
export function byMine<T extends { path: string }>(rows: readonly T[]): Map<string, T[]> {
  const perMine = new Map<string, T[]>();
  for (const p of rows) {
    const mine = mineIdOf(p.path);
    const list = perMine.get(mine) ?? [];
    list.push(p);
    perMine.set(mine, list);
  }
  return perMine;
}

export const HOTSPOT_DAYS = 28;

/**
 * Hotspots that grew (issue #6): per mine, the matters of the last 28 days whose later half holds
 * at least twice the earlier one, five petitions or more.
 */
export function hotspotSignals(
  rows: readonly {
    id: string;
    title: string;
    body: string;
    received_at: string;
    headcount: number;
    path: string;
  }[],
  today: string,
): Raised[] {
  const from = startOfLocalDay(addCalendarDays(today, -(HOTSPOT_DAYS - 1)));
  // The end of today (local): a petition received this very instant counts.
  const to = startOfLocalDay(addCalendarDays(today, 1));
  const out: Raised[] = [];
  for (const [mine, list] of byMine(rows)) {
    const spots = findHotspots(
      list.map((r) => ({ id: r.id, title: r.title, body: r.body, createdAt: r.received_at, groupSize: r.headcount })),
      { from, to, minSize: 5 },
    );
    for (const h of spots.filter((s) => s.growth >= 2)) {
      const keywords = h.keywords.slice(0, 3);
      out.push({
        kind: 'hotspot',
        level: h.size >= 10 || h.groupPetitions >= 2 ? 'orange' : 'yellow',
        unitId: mine,
        title: h.title,
        reasons: [
          {
            code: 'hotspot',
            detail: {
              days: HOTSPOT_DAYS,
              size: h.size,
              people: h.people,
              growth: h.growth,
              keywords: keywords.join('、'),
            },
          },
        ],
        petitionIds: h.memberIds.slice(0, MAX_CASES),
        dedupeKey: `hotspot:${mine}:${[...keywords].sort().join('|')}:${today.slice(0, 7)}`,
      });
    }
  }
  return out;
}
