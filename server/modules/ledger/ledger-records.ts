/**
 * The ledger (台账) as rows: the filtered petition list read in keyset pages, with the same scope,
 * recusal and identity protection as the list and the case page (the petition module decides them).
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { localDateOf } from '../../../common/domain/calendar.ts';
import type { Actor } from '../../../common/domain/access.ts';
import type { DeadlineStatus } from '../../../common/domain/deadlines.ts';
import { formatNamedPerson } from '../../../common/domain/named-person.ts';
import type { PetitionState } from '../../../common/domain/petition-state.ts';
import { parseOutcomes } from '../../../common/domain/reply.ts';
import {
  PetitionListQuerySchema,
  type Outcome,
  type PetitionListQuery,
  type ReplyResult,
} from '../../../common/schemas/petition.ts';
import {
  accessFactsOf,
  canRead,
  canSeeIdentity,
  canSeeNamedPersons,
  type PetitionDeps,
  type PetitionRow,
} from '../petition/index.ts';
import { petitionFilterOf } from './ledger-list.service.ts';
import { allUnits } from '../unit/index.ts';
import { ledgerPage, ledgerPageDetails, type LedgerCursor } from './ledger-petitions.repository.ts';

/** A 受理/办结 deadline as the ledger shows and counts it: its due date and its status on the day of the export. */
export type LedgerDeadline = { dueDate: string; status: DeadlineStatus };

/**
 * A deadline from the derived columns the engine keeps with every event (and the deadline sweep with
 * the calendar): the due date as stored; a stored `open` past its due date is `overdue` today, as
 * `computeDeadlines` would say — met, met late and overdue do not change without an event.
 */
export function storedDeadline(dueDate: string | null, status: string | null, today: string): LedgerDeadline | null {
  if (dueDate === null) return null;
  const stored = (status ?? 'open') as DeadlineStatus;
  return { dueDate, status: stored === 'open' && today > dueDate ? 'overdue' : stored };
}

/** One row of the ledger as `actor` may see it. `petitioners` is null when the viewer may not see who filed it. */
export type LedgerRecord = {
  id: string;
  caseNumber: string;
  receivedAt: string;
  channel: PetitionRow['channel'];
  type: PetitionRow['type'];
  anonymous: boolean;
  petitioners: { name: string; isRepresentative: boolean }[] | null;
  /** 被反映人 as the ledger writes them (`张三/东山煤矿/矿长`); null when the viewer may not see them. */
  namedPersons: string[] | null;
  headcount: number;
  /** 所属单位: the (first) unit involved, else the registering unit, as a path of names below the enterprise. */
  unitName: string;
  /** The top-level unit below the enterprise of `unitName` (statistics by unit). */
  topUnitName: string;
  categoryCode: string | null;
  categoryName: string | null;
  title: string;
  ownerName: string | null;
  handlingUnitName: string | null;
  acceptanceDue: LedgerDeadline | null;
  conclusionDue: LedgerDeadline | null;
  state: PetitionState;
  outcomes: Outcome[];
  replyResult: ReplyResult | null;
  satisfaction: number | null;
  flags: { group: boolean; skipLevel: boolean; repeat: boolean; supervision: 'supervised' | 'listed' | null };
};

type UnitInfo = { id: string; name: string; path: string; active: number };

/** Each unit's name as a path of names below the enterprise, and the top unit below it. */
export function unitNamePaths(units: readonly UnitInfo[]): Map<string, { name: string; top: string }> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out = new Map<string, { name: string; top: string }>();
  for (const unit of units) {
    const ids = unit.path.split('/').filter(Boolean);
    const names = ids.slice(1).map((id) => byId.get(id)?.name ?? '?');
    const name = names.length === 0 ? unit.name : names.join('/');
    out.set(unit.id, { name, top: names[0] ?? unit.name });
  }
  return out;
}

function groupBy<T extends { petition_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.petition_id);
    if (list === undefined) map.set(row.petition_id, [row]);
    else list.push(row);
  }
  return map;
}

/**
 * The ledger rows of the petitions `actor` may see under the list filters, newest first, one page
 * of `pageSize` at a time (keyset), so an export of 100 000 rows holds one page in memory.
 * Identity follows the case page exactly: names only when `canSeeIdentity` (never for an auditor,
 * never to anyone but the office for an accusation, 第30条第3款), nothing for an anonymous petition;
 * whom a petition names only when `canSeeNamedPersons` (the office).
 */
export async function* ledgerRecords(
  deps: PetitionDeps,
  actor: Actor,
  rawQuery: Omit<PetitionListQuery, 'page' | 'pageSize' | 'sort'>,
  pageSize = 500,
): AsyncGenerator<LedgerRecord[]> {
  const query = PetitionListQuerySchema.parse(rawQuery);
  const filter = await petitionFilterOf(deps, actor, query);
  const units = await allUnits(deps.db);
  const names = unitNamePaths(units);
  const today = localDateOf(deps.clock.now().toISOString());
  let cursor: LedgerCursor | null = null;
  for (let first = true; ; first = false) {
    // Between pages, a turn of the event loop: SQLite answers synchronously and a stream that drains
    // at once resolves in microtasks, so without it a 100,000-row export held the server for 12 s
    // (a CSV export in bench:ledger: /api/health answered twice). A page is one slice of work.
    if (!first) await yieldToLoop();
    const rows = await ledgerPage(deps.db, filter, cursor, pageSize);
    if (rows.length === 0) return;
    const last = rows[rows.length - 1];
    if (last !== undefined) cursor = { receivedAt: last.received_at, id: last.id };
    const ids = rows.map((r) => r.id);
    const [details, facts] = await Promise.all([ledgerPageDetails(deps.db, ids), accessFactsOf(deps.db, rows)]);
    const petitioners = groupBy(details.petitioners);
    const involved = groupBy(details.units);
    const named = groupBy(details.named);
    const page: LedgerRecord[] = [];
    for (const row of rows) {
      // The SQL filter already applied scope and recusal; the policy decides again, row by row.
      const rowFacts = facts.get(row.id);
      if (rowFacts === undefined || !canRead(actor, rowFacts)) continue;
      const showIdentity = canSeeIdentity(actor, rowFacts) && row.is_anonymous === 0;
      const unitId = (involved.get(row.id) ?? [])[0]?.unit_id ?? row.registered_unit_id;
      const unit = names.get(unitId);
      page.push({
        id: row.id,
        caseNumber: row.case_number,
        receivedAt: row.received_at,
        channel: row.channel,
        type: row.type,
        anonymous: row.is_anonymous === 1,
        petitioners: showIdentity
          ? (petitioners.get(row.id) ?? []).map((p) => ({ name: p.name, isRepresentative: p.is_representative === 1 }))
          : null,
        namedPersons: canSeeNamedPersons(actor, rowFacts)
          ? (named.get(row.id) ?? []).map((n) =>
              formatNamedPerson({
                name: n.name,
                unitName: n.unit_id === null ? n.unit_text : (names.get(n.unit_id)?.name ?? n.unit_text),
                position: n.position,
              }),
            )
          : null,
        headcount: row.headcount,
        unitName: unit?.name ?? '',
        topUnitName: unit?.top ?? '',
        categoryCode: row.category_code,
        categoryName: row.category_name,
        title: row.title,
        ownerName: row.owner_name,
        handlingUnitName: row.handling_unit_id === null ? null : (names.get(row.handling_unit_id)?.name ?? null),
        acceptanceDue: storedDeadline(row.acceptance_due, row.acceptance_status, today),
        conclusionDue: storedDeadline(row.conclusion_due, row.conclusion_status, today),
        state: row.state,
        outcomes: parseOutcomes(row.outcomes),
        replyResult: row.reply_result,
        satisfaction: row.satisfaction,
        flags: {
          group: row.is_group === 1,
          skipLevel: row.is_skip_level === 1,
          repeat: row.is_repeat === 1,
          supervision: row.supervision_level,
        },
      });
    }
    yield page;
    if (rows.length < pageSize) return;
  }
}
