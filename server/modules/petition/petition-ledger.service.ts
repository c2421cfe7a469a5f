/**
 * The petition side of the ledger (台账): reading the filtered list as ledger rows in keyset pages,
 * with the same scope, recusal and identity protection as the list and the case page; and importing
 * rows of an old ledger as real petitions — the same validation and data as registration (identity
 * encrypted with blind indexes, flags, case numbers, deadlines, a `register` and an `imported`
 * event, an audit row each), written many rows per statement in the caller's one transaction.
 */
import { indexableBigrams } from '../../text/segment.ts';
import { searchTextOf } from './petition-search.ts';
import { insertFingerprintsBulk } from './petition-fingerprint.ts';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { hasAction, type Actor } from '../../../common/domain/access.ts';
import { calendarFromEntries, localDateOf, type Calendar } from '../../../common/domain/calendar.ts';
import { computeDeadlines, nearestOpenDeadline, type Deadline } from '../../../common/domain/deadlines.ts';
import { isOpen, PETITION_STATES, type PetitionState } from '../../../common/domain/petition-state.ts';
import { DomainError, type FieldIssue } from '../../../common/errors.ts';
import {
  PetitionListQuerySchema,
  RegisterPetitionInputSchema,
  type Outcome,
  type PetitionListQuery,
  type RegisterPetitionInput,
  type ReplyResult,
} from '../../../common/schemas/petition.ts';
import type { DB, PetitionEventTable, PetitionerTable, PetitionTable } from '../../db/schema.ts';
import { appendAuditMany, type AuditEntry } from '../../platform/audit.ts';
import { deadlineFacts, type FactEvent } from './petition-facts.ts';
import {
  allCategories,
  allUnits,
  existingSourceKeys,
  insertEventsBulk,
  insertImportSourcesBulk,
  insertPetitionersBulk,
  insertPetitionPetitionersBulk,
  insertPetitionsBulk,
  insertPetitionUnitsBulk,
  ledgerPage,
  ledgerPageDetails,
  petitionersByIndexes,
  reserveCaseNumbers,
  type LedgerCursor,
} from './petition-ledger.repository.ts';
import { canRead, canSeeIdentity, type PetitionAccessFacts } from './petition.policy.ts';
import { loadCalendarEntries, type PetitionRow } from './petition.repository.ts';
import { hashTrackingCode, newTrackingCode, petitionFilterOf, type PetitionDeps } from './petition.service.ts';

/** One row of the ledger as `actor` may see it. `petitioners` is null when the viewer may not see who filed it. */
export type LedgerRecord = {
  id: string;
  caseNumber: string;
  receivedAt: string;
  channel: PetitionRow['channel'];
  type: PetitionRow['type'];
  anonymous: boolean;
  petitioners: { name: string; isRepresentative: boolean }[] | null;
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
  acceptanceDue: Deadline | null;
  conclusionDue: Deadline | null;
  state: PetitionState;
  outcome: Outcome | null;
  replyResult: ReplyResult | null;
  satisfaction: number | null;
  flags: { group: boolean; skipLevel: boolean; repeat: boolean; supervision: 'supervised' | 'listed' | null };
};

type UnitInfo = { id: string; name: string; path: string; active: number };

/** Unit display names as paths of names below the enterprise (`东山煤矿/综采一队`), unique where plain names repeat. */
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

function parseData(json: string): Record<string, unknown> {
  const value: unknown = JSON.parse(json);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
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

async function loadCalendar(db: Kysely<DB>): Promise<Calendar> {
  return calendarFromEntries((await loadCalendarEntries(db)).map((e) => ({ date: e.date, kind: e.kind })));
}

/**
 * The ledger rows of the petitions `actor` may see under the list filters, newest first, one page
 * of `pageSize` at a time (keyset), so an export of 100 000 rows holds one page in memory.
 * Identity follows the case page exactly: names only when `canSeeIdentity` (never for an auditor,
 * never to anyone but the office for an accusation, 第30条第3款), nothing for an anonymous petition.
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
  const calendar = await loadCalendar(deps.db);
  const today = localDateOf(deps.clock.now().toISOString());
  let cursor: LedgerCursor | null = null;
  for (;;) {
    const rows = await ledgerPage(deps.db, filter, cursor, pageSize);
    if (rows.length === 0) return;
    const last = rows[rows.length - 1];
    if (last !== undefined) cursor = { receivedAt: last.received_at, id: last.id };
    const details = await ledgerPageDetails(
      deps.db,
      rows.map((r) => r.id),
    );
    const petitioners = groupBy(details.petitioners);
    const involved = groupBy(details.units);
    const coHandlers = groupBy(details.coHandlers);
    const named = groupBy(details.named);
    const conflicts = groupBy(details.conflicts);
    const events = groupBy(details.events);
    const page: LedgerRecord[] = [];
    for (const row of rows) {
      const facts: PetitionAccessFacts = {
        type: row.type,
        registeredUnitPath: row.registered_unit_path,
        handlingUnitPath: row.handling_unit_path,
        ownerId: row.owner_id,
        handlerId: row.handler_id,
        coHandlerIds: (coHandlers.get(row.id) ?? []).map((c) => c.user_id),
        recusedUserIds: [
          ...(named.get(row.id) ?? []).map((n) => n.user_id).filter((u): u is string => u !== null),
          ...(conflicts.get(row.id) ?? []).map((c) => c.user_id),
        ],
      };
      // The SQL filter already applied scope and recusal; the policy decides again, row by row.
      if (!canRead(actor, facts)) continue;
      const showIdentity = canSeeIdentity(actor, facts) && row.is_anonymous === 0;
      const unitId = (involved.get(row.id) ?? [])[0]?.unit_id ?? row.registered_unit_id;
      const unit = names.get(unitId);
      const deadlines = computeDeadlines(
        deadlineFacts(
          row.type,
          row.received_at,
          (events.get(row.id) ?? []).map((e): FactEvent => ({ kind: e.kind, at: e.at, data: parseData(e.data_json) })),
        ),
        today,
        calendar,
        deps.settings.deadlinePolicy,
      );
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
        headcount: row.headcount,
        unitName: unit?.name ?? '',
        topUnitName: unit?.top ?? '',
        categoryCode: row.category_code,
        categoryName: row.category_name,
        title: row.title,
        ownerName: row.owner_name,
        handlingUnitName: row.handling_unit_id === null ? null : (names.get(row.handling_unit_id)?.name ?? null),
        acceptanceDue: deadlines.find((d) => d.kind === 'acceptance_notice') ?? null,
        conclusionDue: deadlines.find((d) => d.kind === 'conclusion') ?? null,
        state: row.state,
        outcome: row.outcome,
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

// ---------------------------------------------------------------------------------------------
// Import

/** One row of an old ledger, already read into the registration input and the case's later facts. */
export type ImportCandidate = {
  /** Stable key of the source row (`case:<案件编号>` or `row:<hash>`); unique across imports. */
  sourceKey: string;
  sourceCaseNumber: string | null;
  input: RegisterPetitionInput;
  state: PetitionState;
  handlingUnitId: string | null;
  outcome: Outcome | null;
  replyResult: ReplyResult | null;
  satisfaction: number | null;
  /** 受理 (or the decision not to accept) date, ISO instant; defaults to the received date for states past it. */
  acceptedAt: string | null;
  /** 办结 date, ISO instant. */
  concludedAt: string | null;
};

/** A problem with one candidate: its index in the list and the registration field (zod path). */
export type ImportIssue = { index: number; path: FieldIssue['path']; message: string };

/** What the import needs to know about the enterprise: units and categories, read once. */
export type ImportReferences = { units: Map<string, UnitInfo>; categories: Set<string> };

export async function importReferences(db: Kysely<DB>): Promise<ImportReferences> {
  const [units, categories] = await Promise.all([allUnits(db), allCategories(db)]);
  return {
    units: new Map(units.map((u) => [u.id, u])),
    categories: new Set(categories.filter((c) => c.active === 1).map((c) => c.code)),
  };
}

const PAST_ACCEPTANCE: readonly PetitionState[] = [
  'accepted',
  'in_progress',
  'reply_drafted',
  'replied',
  'executing',
  'evaluated',
  'concluded',
  'review_requested',
  'reviewed',
  'reconsideration_requested',
  'final',
];
const PAST_REPLY: readonly PetitionState[] = [
  'replied',
  'executing',
  'evaluated',
  'concluded',
  'review_requested',
  'reviewed',
  'reconsideration_requested',
  'final',
];
const DECIDED_NOT_ACCEPTED: readonly PetitionState[] = ['declined', 'redirected', 'diverted', 'not_accepted'];
/** Imported cases in these states carry no due date: the old system ran their clocks (docs/domain.md). */
const NO_DUE_DATE: readonly PetitionState[] = [
  'concluded',
  'review_requested',
  'reviewed',
  'reconsideration_requested',
];

/**
 * Check candidates with the rules of registration (RegisterPetitionInputSchema: names, ID number
 * checksums, phones, at most five representatives, headcount) and of the enterprise (units,
 * categories, the handling unit in the importer's scope, a state of the state machine). Pure over
 * `refs`. @returns every issue of every candidate
 */
export function checkImportCandidates(
  actor: Actor,
  candidates: readonly ImportCandidate[],
  refs: ImportReferences,
): ImportIssue[] {
  const issues: ImportIssue[] = [];
  candidates.forEach((c, index) => {
    const parsed = RegisterPetitionInputSchema.safeParse(c.input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        issues.push({
          index,
          path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
          message: issue.message,
        });
    } else {
      const data = parsed.data;
      if (data.categoryCode !== undefined && !refs.categories.has(data.categoryCode))
        issues.push({ index, path: ['categoryCode'], message: 'unknown category' });
      data.involvedUnitIds.forEach((id, i) => {
        if (!refs.units.has(id)) issues.push({ index, path: ['involvedUnitIds', i], message: 'unknown unit' });
      });
    }
    if (!(PETITION_STATES as readonly string[]).includes(c.state))
      issues.push({ index, path: ['state'], message: 'not a state of the petition path' });
    if (c.handlingUnitId !== null) {
      const unit = refs.units.get(c.handlingUnitId);
      if (unit === undefined || unit.active !== 1 || !unit.path.startsWith(actor.unitPath)) {
        issues.push({
          index,
          path: ['handlingUnitId'],
          message: 'The handling unit must be an active unit in your scope',
        });
      }
    }
    if (c.satisfaction !== null && (!Number.isInteger(c.satisfaction) || c.satisfaction < 1 || c.satisfaction > 5)) {
      issues.push({ index, path: ['satisfaction'], message: 'satisfaction is 1–5' });
    }
    if (c.acceptedAt !== null && c.acceptedAt < (c.input.receivedAt ?? ''))
      issues.push({ index, path: ['acceptedAt'], message: 'accepted before it was received' });
    if (c.concludedAt !== null && c.concludedAt < (c.input.receivedAt ?? ''))
      issues.push({ index, path: ['concludedAt'], message: 'concluded before it was received' });
  });
  return issues;
}

type Prepared = {
  candidate: ImportCandidate;
  id: string;
  receivedAt: string;
  year: number;
  petitioners: {
    key: string | null;
    idIndex: string | null;
    phoneIndex: string | null;
    row: PetitionerTable;
    isRepresentative: boolean;
  }[];
  involvedUnitIds: string[];
  dueDate: string | null;
  dueKind: string | null;
  deadlineColumns: Pick<PetitionTable, 'acceptance_due' | 'acceptance_status' | 'conclusion_due' | 'conclusion_status'>;
  importedData: Record<string, unknown>;
  headcount: number;
  representatives: number;
  data: ReturnType<typeof RegisterPetitionInputSchema.parse>;
};

export type ImportProgress = (phase: 'preparing' | 'writing', done: number, total: number) => void;

/** Rows checked and prepared in memory, ready for `writeImport`. */
export type PreparedImport = { importId: string; at: string; rows: Prepared[]; skipped: number };

/**
 * Import candidates as petitions in the caller's transaction `trx` (all or nothing with it): the
 * two halves below in one call.
 * @throws FORBIDDEN, VALIDATION_FAILED (see `prepareImport`)
 */
export async function importPetitions(
  deps: PetitionDeps,
  actor: Actor,
  trx: Kysely<DB>,
  candidates: readonly ImportCandidate[],
  refs: ImportReferences,
  calendar: Calendar,
  importId: string,
  onProgress: ImportProgress = () => {},
): Promise<{ imported: number; skipped: number; petitionIds: string[] }> {
  return writeImport(
    deps,
    actor,
    trx,
    await prepareImport(deps, actor, candidates, refs, calendar, importId, onProgress),
    onProgress,
  );
}

/**
 * The first half of an import, without the database: check every candidate with registration's
 * rules, then encrypt identity, compute blind indexes, flags and deadlines, in received order,
 * yielding to the event loop between chunks — run it before the transaction opens, so that on
 * SQLite (one connection) progress can still be polled meanwhile. Candidates repeating a source key
 * earlier in the list are skipped.
 * @throws FORBIDDEN (not an office role), VALIDATION_FAILED (a candidate breaks a rule; run `checkImportCandidates` first to report them)
 */
export async function prepareImport(
  deps: PetitionDeps,
  actor: Actor,
  candidates: readonly ImportCandidate[],
  refs: ImportReferences,
  calendar: Calendar,
  importId: string,
  onProgress: ImportProgress = () => {},
): Promise<PreparedImport> {
  if (!hasAction(actor.role, 'ledger.import'))
    throw new DomainError('FORBIDDEN', { message: 'Only petition offices import petitions' });
  const issues = checkImportCandidates(actor, candidates, refs);
  if (issues.length > 0) {
    throw new DomainError('VALIDATION_FAILED', {
      message: `${issues.length} problems in the imported rows`,
      details: { issues: issues.slice(0, 100).map((i) => ({ path: [i.index, ...i.path], message: i.message })) },
    });
  }
  const at = deps.clock.now().toISOString();
  const today = localDateOf(at);

  // Phase 1: prepare every row in memory (no database), in received order for case numbers and repeats.
  const order = candidates.map((c, i) => ({
    c,
    i,
    receivedAt: c.input.receivedAt === undefined ? at : new Date(c.input.receivedAt).toISOString(),
  }));
  order.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : a.i - b.i));
  const seenKeys = new Set<string>();
  const prepared: Prepared[] = [];
  let skipped = 0;
  for (const [n, { c, receivedAt }] of order.entries()) {
    if (seenKeys.has(c.sourceKey)) {
      skipped += 1;
      continue;
    }
    seenKeys.add(c.sourceKey);
    const data = RegisterPetitionInputSchema.parse(c.input);
    const people = data.petitioners.map((p) => {
      const idIndex = p.idNumber === undefined ? null : deps.cipher.blindIndex(p.idNumber);
      const phoneIndex = p.phone === undefined ? null : deps.cipher.blindIndex(p.phone);
      const row: PetitionerTable = {
        id: deps.ids.next(),
        name: p.name,
        identity: p.identity,
        unit_id: p.unitId ?? null,
        address: p.address ?? null,
        id_number_enc: p.idNumber === undefined ? null : deps.cipher.encrypt(p.idNumber),
        id_number_index: idIndex,
        phone_enc: p.phone === undefined ? null : deps.cipher.encrypt(p.phone),
        phone_index: phoneIndex,
        created_at: at,
        updated_at: at,
      };
      return {
        key: idIndex === null ? (phoneIndex === null ? null : `p:${phoneIndex}`) : `i:${idIndex}`,
        idIndex,
        phoneIndex,
        row,
        isRepresentative: p.isRepresentative,
      };
    });
    const acceptedAt = PAST_ACCEPTANCE.includes(c.state) ? (c.acceptedAt ?? receivedAt) : null;
    const decidedAt = DECIDED_NOT_ACCEPTED.includes(c.state) ? (c.acceptedAt ?? c.concludedAt ?? receivedAt) : null;
    const repliedAt = PAST_REPLY.includes(c.state) ? (c.concludedAt ?? acceptedAt) : null;
    const importedData = {
      importId,
      sourceKey: c.sourceKey,
      sourceCaseNumber: c.sourceCaseNumber,
      state: c.state,
      acceptedAt,
      decidedAt,
      repliedAt,
      concludedAt: c.concludedAt,
    };
    const events: FactEvent[] = [
      { kind: 'register', at: receivedAt, data: {} },
      { kind: 'imported', at, data: importedData },
    ];
    const all = computeDeadlines(
      deadlineFacts(data.type, receivedAt, events),
      today,
      calendar,
      deps.settings.deadlinePolicy,
    );
    const nearest = isOpen(c.state) && !NO_DUE_DATE.includes(c.state) ? nearestOpenDeadline(all) : null;
    const acceptance = all.find((d) => d.kind === 'acceptance_notice');
    const conclusion = all.find((d) => d.kind === 'conclusion');
    prepared.push({
      candidate: c,
      id: deps.ids.next(),
      receivedAt,
      year: Number(localDateOf(receivedAt).slice(0, 4)),
      petitioners: people,
      involvedUnitIds: [...new Set(data.involvedUnitIds)],
      dueDate: nearest?.dueDate ?? null,
      dueKind: nearest?.kind ?? null,
      deadlineColumns: {
        acceptance_due: acceptance?.dueDate ?? null,
        acceptance_status: acceptance?.status ?? null,
        conclusion_due: conclusion?.dueDate ?? null,
        conclusion_status: conclusion?.status ?? null,
      },
      importedData,
      headcount: Math.max(data.headcount, data.petitioners.length),
      representatives: data.petitioners.filter((p) => p.isRepresentative).length,
      data,
    });
    if (n % 500 === 499) {
      onProgress('preparing', n + 1, candidates.length);
      await yieldToLoop();
    }
  }
  onProgress('preparing', candidates.length, candidates.length);
  return { importId, at, rows: prepared, skipped };
}

/**
 * The second half, in the caller's transaction `trx`: drop rows imported before (source key),
 * reuse people already on file (blind index), reserve case numbers, and write petitions, people,
 * units, events, sources and audit rows many per statement.
 */
export async function writeImport(
  deps: PetitionDeps,
  actor: Actor,
  trx: Kysely<DB>,
  { importId, at, rows: prepared, skipped: skippedInList }: PreparedImport,
  onProgress: ImportProgress = () => {},
): Promise<{ imported: number; skipped: number; petitionIds: string[] }> {
  if (!hasAction(actor.role, 'ledger.import'))
    throw new DomainError('FORBIDDEN', { message: 'Only petition offices import petitions' });
  let skipped = skippedInList;
  const known = await existingSourceKeys(
    trx,
    prepared.map((p) => p.candidate.sourceKey),
  );
  const fresh = prepared.filter((p) => !known.has(p.candidate.sourceKey));
  skipped += prepared.length - fresh.length;
  const allPeople = fresh.flatMap((p) => p.petitioners);
  const byIdIndex = await petitionersByIndexes(trx, 'id_number_index', [
    ...new Set(allPeople.map((p) => p.idIndex).filter((x): x is string => x !== null)),
  ]);
  const byPhoneIndex = await petitionersByIndexes(trx, 'phone_index', [
    ...new Set(allPeople.map((p) => p.phoneIndex).filter((x): x is string => x !== null)),
  ]);
  const existing = new Map<string, { id: string; lastPetitionId: string | null }>();
  const lastOfExisting = new Map<string, string | null>();
  for (const p of byPhoneIndex) existing.set(`p:${p.index}`, p);
  for (const p of byIdIndex) existing.set(`i:${p.index}`, p);
  for (const p of [...byPhoneIndex, ...byIdIndex]) lastOfExisting.set(p.id, p.lastPetitionId);

  const newPetitioners: PetitionerTable[] = [];
  const updatedPetitioners = new Map<string, PetitionerTable>();
  const lastPetitionOf = new Map<string, string>();
  const links: DB['petition_petitioner'][] = [];
  const petitionRows: PetitionRow[] = [];
  const unitRows: DB['petition_unit'][] = [];
  const eventRows: PetitionEventTable[] = [];
  const sources: DB['petition_import_source'][] = [];
  const audits: AuditEntry[] = [];
  const firstNumber = new Map<number, number>();
  for (const [year, count] of countBy(fresh.map((p) => p.year)))
    firstNumber.set(year, await reserveCaseNumbers(trx, year, count));
  const nextNumber = new Map(firstNumber);
  const byKey = new Map<string, string>();
  const newIds = new Set<string>();
  /** Per petition, where its rows end in each list, so a chunk of petitions is a slice of each. */
  const ends: { links: number; units: number; events: number }[] = [];

  for (const p of fresh) {
    const petitionerIds: string[] = [];
    let earlier: string | undefined;
    for (const person of p.petitioners) {
      const found =
        person.key === null
          ? undefined
          : (byKey.get(person.key) ??
            existing.get(`i:${person.idIndex ?? ''}`)?.id ??
            existing.get(`p:${person.phoneIndex ?? ''}`)?.id);
      let petitionerId: string;
      if (found !== undefined) {
        petitionerId = found;
        // Same person seen before: the newer record's fields win, as in registration.
        if (!newIds.has(found)) updatedPetitioners.set(found, { ...person.row, id: found });
        const dbLast = lastOfExisting.get(found) ?? null;
        earlier ??= lastPetitionOf.get(found) ?? dbLast ?? undefined;
      } else {
        petitionerId = person.row.id;
        newPetitioners.push(person.row);
        newIds.add(petitionerId);
      }
      if (person.key !== null) byKey.set(person.key, petitionerId);
      if (!petitionerIds.includes(petitionerId)) petitionerIds.push(petitionerId);
    }
    const number = nextNumber.get(p.year) ?? 1;
    nextNumber.set(p.year, number + 1);
    const d = p.data;
    const c = p.candidate;
    petitionRows.push({
      id: p.id,
      case_number: `XF${p.year}-${String(number).padStart(6, '0')}`,
      // A fresh tracking code nobody holds: the petitioner of an imported case asks the office for one.
      tracking_code_hash: hashTrackingCode(newTrackingCode()),
      state: c.state,
      channel: d.channel,
      type: d.type,
      purpose: d.purpose,
      category_code: d.categoryCode ?? null,
      title: d.title,
      body: d.body,
      received_at: p.receivedAt,
      registered_by: actor.id,
      registered_unit_id: actor.unitId,
      handling_unit_id: c.handlingUnitId,
      owner_id: null,
      owner_confirmed_at: null,
      handler_id: null,
      is_anonymous: d.anonymous ? 1 : 0,
      headcount: p.headcount,
      representative_count: p.representatives,
      is_group: p.headcount >= deps.settings.groupThreshold ? 1 : 0,
      is_skip_level: d.skipLevel ? 1 : 0,
      is_repeat: earlier === undefined ? 0 : 1,
      is_first: earlier === undefined ? 1 : 0,
      repeat_of_id: earlier ?? null,
      reply_result: c.replyResult,
      outcome: c.outcome,
      satisfaction: c.satisfaction,
      supervision_level: null,
      due_date: p.dueDate,
      due_kind: p.dueKind,
      ...p.deadlineColumns,
      risk_score: 0,
      risk_level: 'none',
      risk_json: '[]',
      version: 1,
      created_at: at,
      updated_at: at,
    });
    petitionerIds.forEach((petitionerId, index) => {
      links.push({
        petition_id: p.id,
        petitioner_id: petitionerId,
        is_representative: p.petitioners[index]?.isRepresentative === true ? 1 : 0,
        sort_order: index,
      });
      lastPetitionOf.set(petitionerId, p.id);
    });
    for (const unitId of p.involvedUnitIds) unitRows.push({ petition_id: p.id, unit_id: unitId, role: 'involved' });
    eventRows.push(
      {
        id: deps.ids.next(),
        petition_id: p.id,
        seq: 1,
        kind: 'register',
        at: p.receivedAt,
        actor_id: actor.id,
        from_state: null,
        to_state: 'registered',
        data_json: JSON.stringify({ channel: d.channel, ...(earlier === undefined ? {} : { repeatOf: earlier }) }),
        internal: 0,
      },
      {
        id: deps.ids.next(),
        petition_id: p.id,
        seq: 2,
        kind: 'imported',
        at,
        actor_id: actor.id,
        from_state: 'registered',
        to_state: c.state,
        data_json: JSON.stringify(p.importedData),
        internal: 0,
      },
    );
    ends.push({ links: links.length, units: unitRows.length, events: eventRows.length });
    sources.push({
      source_key: c.sourceKey,
      petition_id: p.id,
      import_id: importId,
      source_case_number: c.sourceCaseNumber,
      created_at: at,
    });
    audits.push({
      actorId: actor.id,
      action: 'petition.import',
      entityType: 'petition',
      entityId: p.id,
      after: {
        state: c.state,
        channel: d.channel,
        type: d.type,
        petitioners: petitionerIds.length,
        headcount: p.headcount,
        importId,
      },
    });
  }

  const total = fresh.length;
  const WRITE_CHUNK = 1000;
  for (const row of updatedPetitioners.values()) {
    const { id, name, identity, unit_id, address, id_number_enc, id_number_index, phone_enc, phone_index, updated_at } =
      row;
    // As in registration: what the new row does not know (no ID number, no phone) is kept.
    await trx
      .updateTable('petitioner')
      .set({
        name,
        identity,
        unit_id,
        address,
        updated_at,
        ...(id_number_enc === null ? {} : { id_number_enc, id_number_index }),
        ...(phone_enc === null ? {} : { phone_enc, phone_index }),
      })
      .where('id', '=', id)
      .execute();
  }
  await insertPetitionersBulk(trx, newPetitioners);
  const endOf = (k: number) => ends[k - 1] ?? { links: 0, units: 0, events: 0 };
  for (let i = 0; i < total; i += WRITE_CHUNK) {
    const j = Math.min(i + WRITE_CHUNK, total);
    const from = endOf(i);
    const to = endOf(j);
    await insertPetitionsBulk(trx, petitionRows.slice(i, j));
    await insertPetitionPetitionersBulk(trx, links.slice(from.links, to.links));
    await insertPetitionUnitsBulk(trx, unitRows.slice(from.units, to.units));
    await insertEventsBulk(trx, eventRows.slice(from.events, to.events));
    await insertImportSourcesBulk(trx, sources.slice(i, j));
    // Imported cases are searchable like registered ones (petition-search.ts).
    await trx
      .insertInto('petition_search')
      .values(
        petitionRows.slice(i, j).map((r) => ({ petition_id: r.id, content: indexableBigrams(searchTextOf(r, [])) })),
      )
      .execute();
    // …and found as likely repeats of later registrations (the persisted LSH, petition-fingerprint.ts).
    await insertFingerprintsBulk(trx, petitionRows.slice(i, j));
    onProgress('writing', j, total);
  }
  await appendAuditMany(trx, deps.clock, audits);
  return { imported: total, skipped, petitionIds: petitionRows.map((r) => r.id) };
}

function countBy(values: readonly number[]): Map<number, number> {
  const map = new Map<number, number>();
  for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
  return map;
}

export { loadCalendar as loadImportCalendar };
