/**
 * The one write path of a case. Every change to a petition — a verb, an activity, a document, an
 * attachment, a portal action, a conflict declaration, and its registration or import — is an
 * event recorded here, and nowhere else inserts into `petition_event` (a test enforces it). One
 * event, in the caller's transaction:
 *  1. the petition row: the step's columns, the new state, the version and event number bumped in
 *     one UPDATE guarded by the version the caller decided on (PETITION_VERSION_CONFLICT otherwise);
 *  2. the event row;
 *  3. the derived columns, each computed once from the row and events in hand: the nearest
 *     deadline and the acceptance/conclusion deadline columns (from the time limits kept with the
 *     case), the risk score (warning module), the search text and, when the text changed, the
 *     repeat fingerprint (text module);
 *  4. the dashboard's rollup (modules/rollup): one UPSERT of what the change moved, if anything;
 *  5. the audit row;
 *  6. the people who must act next, handed to `notify`, which applies the case's visibility.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../../common/domain/access.ts';
import { localDateOf, type Calendar } from '../../../common/domain/calendar.ts';
import { type Deadline, type DeadlineKind } from '../../../common/domain/deadlines.ts';
import { deadlineColumns, deadlinesFrom, type StoredEvent } from '../../../common/domain/case-deadlines.ts';
import {
  isOpen,
  type PetitionActivity,
  type PetitionState,
  type PetitionTransition,
} from '../../../common/domain/petition-state.ts';
import type { AuditAction } from '../../../common/domain/audit-actions.ts';
import type { RiskPolicy } from '../../../common/domain/risk.ts';
import { DomainError } from '../../../common/errors.ts';
import type { NotificationKind } from '../../../common/schemas/notification.ts';
import type { DB, PetitionEventTable } from '../../db/schema.ts';
import { appendAudit, appendAuditMany, type AuditEntry } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { workingCalendar } from '../calendar/index.ts';
import { applyRollupDelta, rollupDelta } from '../rollup/index.ts';
import { notify, type NoticeData } from '../notification/index.ts';
import { readSetting } from '../setting/index.ts';
import { insertFingerprints, insertSearchTexts, searchTextOf, TEXT_FIELDS, writeSearchText } from '../text/index.ts';
import { assessRisk } from '../warning/index.ts';
import {
  findCaseRow,
  insertCaseLinks,
  insertEventRows,
  insertPetitionRows,
  listEvents,
  updateDerivedColumns,
  updatePetitionReturning,
  type EventRow,
  type PetitionRow,
} from './petition.repository.ts';

export type EngineDeps = ServiceDeps;

/** Someone who must act next, or be told: `notify` keeps only those who may read the case. */
export type CaseNotice = {
  kind: NotificationKind;
  recipients: readonly string[];
  data?: NoticeData;
  /** Defaults to the kind and the event: each event tells each person once. */
  dedupeKey?: string;
  /**
   * The time limit the notice names (the owner's 3 days to confirm, the 30 days of a 复查): its due
   * date is filled in from the deadlines the engine computes after the event, so the sentence says by when.
   */
  due?: DeadlineKind;
};

/** The notice's data with the case number and, when it names a time limit, that limit's kind and due date. */
function noticeData(notice: CaseNotice, caseNumber: string, deadlines: readonly Deadline[]): NoticeData {
  const due = notice.due === undefined ? undefined : deadlines.find((d) => d.kind === notice.due);
  return {
    caseNumber,
    ...(due === undefined ? {} : { dueKind: due.kind, dueDate: due.dueDate }),
    ...notice.data,
  };
}

/** What can happen to a case: a verb of the path, or a step recorded beside it. */
export type CaseEventKind =
  | PetitionTransition
  | PetitionActivity
  | 'attach'
  | 'generateDocument'
  | 'deliverDocument'
  | 'declareConflict'
  | 'receiveMessage'
  | 'replyMessage'
  // Intake on a case (visit-record and call-record modules): a visit, its transcript amended or
  // confirmed by the petitioner, a call, a call-back made.
  | 'recordVisit'
  | 'amendTranscript'
  | 'confirmTranscript'
  | 'recordCall'
  | 'recordCallback'
  // A daily report's item (report module) that became this case: the link from the case to the report.
  | 'fromDailyReport'
  // A hazard of the ledger (排查台账) linked: the case it became, or one this case revealed (prevention module).
  | 'linkHazard'
  // A duty-log entry (值班日志, duty module) that became this case.
  | 'recordDutyEntry'
  // Partners (partner module, issue #16): an invitation onto the case, the identity granted, the
  // invitation ended, the case referred to the body that can decide, a partner's opinion, the case
  // registered in a joint reception session; joint mediation (mediation module): linked to a matter.
  | 'invitePartner'
  | 'grantPartnerIdentity'
  | 'endPartnerInvitation'
  | 'referToPartner'
  | 'giveOpinion'
  | 'registerInSession'
  | 'joinMediation';

export type CaseChange = {
  kind: CaseEventKind;
  /** The state after the event; the same state for an activity. */
  toState?: PetitionState;
  patch?: Partial<PetitionRow>;
  data?: Record<string, unknown>;
  /** Never shown to the petitioner (notes, drafts, internal routing). */
  internal?: boolean;
  /** The audit row: `petition.<kind>` by default, with the state before and after and the changed ids. */
  audit?: { action?: AuditAction; after?: Record<string, unknown> };
  notices?: readonly CaseNotice[];
  /**
   * The case's events as the caller read them before its transaction (a verb reads them to check
   * what was done): not read again. The version guard of the update refuses the step if another
   * event came in between.
   */
  eventsBefore?: readonly EventRow[];
};

/** The derived columns of a petition: what time and events make of it. */
export type DerivedColumns = Pick<
  PetitionRow,
  | 'due_date'
  | 'due_kind'
  | 'risk_score'
  | 'risk_level'
  | 'risk_json'
  | 'acceptance_due'
  | 'acceptance_status'
  | 'conclusion_due'
  | 'conclusion_status'
  | 'referral_due'
  | 'referral_status'
  | 'ownership_due'
  | 'ownership_status'
>;

/** The enterprise (root) path of a unit path: the settings of a case are its enterprise's. */
function enterprisePathOf(unitPath: string): string {
  const root = unitPath.split('/').find((id) => id.length > 0) ?? '';
  return `/${root}/`;
}

/** Deadline and risk columns of a case (as it will be after the event), in `trx`. */
async function derive(
  trx: Kysely<DB>,
  deps: EngineDeps,
  petition: PetitionRow,
  events: readonly StoredEvent[],
  context: { calendar: Calendar; riskPolicy: RiskPolicy; petitionerIds?: readonly string[] },
): Promise<{ columns: DerivedColumns; deadlines: Deadline[] }> {
  const now = deps.clock.now();
  const all = deadlinesFrom(petition, events, localDateOf(now.toISOString()), context.calendar);
  const columns = deadlineColumns(petition.state, all);
  const watched = columns.due_date === null ? [] : all;
  // A closed case carries no risk: the warning lists show what can still be acted on.
  const risk = isOpen(petition.state)
    ? await assessRisk(trx, petition, watched, now, context.riskPolicy, context.petitionerIds)
    : null;
  return {
    columns: {
      ...columns,
      risk_score: risk?.score ?? 0,
      risk_level: risk?.level ?? 'none',
      risk_json: JSON.stringify(risk?.reasons ?? []),
    },
    deadlines: all,
  };
}

/** Patch fields safe for the audit row: ids and codes, never text bodies or identity. */
function auditablePatch(patch: Partial<PetitionRow> | undefined): Record<string, unknown> {
  if (patch === undefined) return {};
  return Object.fromEntries(
    Object.entries(patch).filter(([key]) => !['body', 'title', 'tracking_code_hash', 'policy_json'].includes(key)),
  );
}

function carriesText(data: Record<string, unknown>): boolean {
  return TEXT_FIELDS.some((field) => typeof data[field] === 'string' && data[field] !== '');
}

export type Recorded = { petition: PetitionRow; event: PetitionEventTable; events: EventRow[]; deadlines: Deadline[] };

/**
 * Record one event on a case (see the module comment for what that covers).
 * @param current the row the caller checked the step against; the write applies to that version
 * @param registeredPath the registering unit's path (its enterprise's settings apply)
 * @throws PETITION_VERSION_CONFLICT when the case changed since `current` was read
 */
export async function recordPetitionEvent(
  trx: Kysely<DB>,
  deps: EngineDeps,
  actor: Actor | null,
  current: PetitionRow,
  registeredPath: string,
  change: CaseChange,
): Promise<Recorded> {
  const at = deps.clock.now().toISOString();
  const toState = change.toState ?? current.state;
  const data = change.data ?? {};
  const event: PetitionEventTable = {
    id: deps.ids.next(),
    petition_id: current.id,
    seq: current.event_seq + 1,
    kind: change.kind,
    at,
    actor_id: actor?.id ?? null,
    from_state: current.state,
    to_state: toState,
    data_json: JSON.stringify(data),
    internal: change.internal === true ? 1 : 0,
  };
  const [events, calendar, riskPolicy] = await Promise.all([
    change.eventsBefore ?? listEvents(trx, current.id),
    workingCalendar(deps, trx),
    readSetting(trx, enterprisePathOf(registeredPath), 'warning.policy'),
  ]);
  const next: PetitionRow = { ...current, ...change.patch, state: toState, updated_at: at };
  const derived = await derive(trx, deps, next, [...events, event], { calendar, riskPolicy });
  const updated = await updatePetitionReturning(trx, current.id, current.version, {
    ...change.patch,
    state: toState,
    updated_at: at,
    ...derived.columns,
  });
  if (updated === undefined) {
    throw new DomainError('PETITION_VERSION_CONFLICT', { message: 'The petition changed meanwhile' });
  }
  await insertEventRows(trx, [event]);
  const all: EventRow[] = [...events, { ...event, actor_name: null }];
  const textChanged = change.patch?.title !== undefined || change.patch?.body !== undefined;
  if (textChanged || carriesText(data))
    await writeSearchText(trx, deps.dialect, current.id, searchTextOf(updated, all));
  if (textChanged) await insertFingerprints(trx, [updated], { replace: true });
  await applyRollupDelta(trx, rollupDelta([{ before: current, after: updated }]));
  await appendAudit(trx, deps.clock, {
    actorId: actor?.id ?? null,
    action: change.audit?.action ?? `petition.${change.kind}`,
    entityType: 'petition',
    entityId: current.id,
    before: { state: current.state },
    after: { state: toState, ...auditablePatch(change.patch), ...change.audit?.after },
  });
  for (const notice of change.notices ?? []) {
    await notify(trx, deps, {
      kind: notice.kind,
      recipients: notice.recipients,
      petitionId: current.id,
      data: noticeData(notice, updated.case_number, derived.deadlines),
      dedupeKey: notice.dedupeKey ?? `${notice.kind}:${event.id}`,
    });
  }
  return { petition: updated, event, events: all, deadlines: derived.deadlines };
}

/** A case to create: its row (the engine adds the derived columns and the version), links, first events. */
export type NewCase = {
  row: Omit<PetitionRow, keyof DerivedColumns | 'version' | 'event_seq' | 'review_unit_id'>;
  petitioners: readonly { petitionerId: string; isRepresentative: boolean }[];
  unitIds: readonly string[];
  named: readonly Omit<DB['petition_named_person'], 'petition_id'>[];
  events: readonly Omit<PetitionEventTable, 'petition_id' | 'seq'>[];
  audit: AuditEntry;
  /** The deadline columns, computed by a bulk caller before its transaction (the import); else here. */
  derived?: DerivedColumns;
  notices?: readonly CaseNotice[];
};

const CHUNK = 500;

/**
 * Create cases: rows, their people and units, first events, search text, repeat fingerprints and
 * audit rows, many per statement. Registration creates one; the ledger import thousands.
 * @param registeredPath the registering unit's path, for the enterprise's settings (risk policy)
 */
export async function createPetitions(
  trx: Kysely<DB>,
  deps: EngineDeps,
  cases: readonly NewCase[],
  options: { registeredPath: string; riskPolicy?: RiskPolicy; onChunk?: (done: number) => void },
): Promise<{ row: PetitionRow; deadlines: Deadline[] }[]> {
  const needsDerived = cases.some((c) => c.derived === undefined);
  const [calendar, riskPolicy] = needsDerived
    ? await Promise.all([
        workingCalendar(deps, trx),
        options.riskPolicy ?? readSetting(trx, enterprisePathOf(options.registeredPath), 'warning.policy'),
      ])
    : [null, null];
  const rows: PetitionRow[] = [];
  const deadlines: Deadline[][] = [];
  for (const c of cases) {
    const events = c.events.map((e, i) => ({ ...e, petition_id: c.row.id, seq: i + 1 }));
    const base = { ...c.row, version: 1, event_seq: events.length, review_unit_id: null } as PetitionRow;
    const derived =
      c.derived === undefined
        ? await derive(trx, deps, base, events, {
            calendar: calendar as Calendar,
            riskPolicy: riskPolicy as RiskPolicy,
            petitionerIds: c.petitioners.map((p) => p.petitionerId),
          })
        : { columns: c.derived, deadlines: [] };
    rows.push({ ...base, ...derived.columns });
    deadlines.push(derived.deadlines);
  }
  for (let i = 0; i < cases.length; i += CHUNK) {
    const chunk = cases.slice(i, i + CHUNK);
    const chunkRows = rows.slice(i, i + CHUNK);
    await insertPetitionRows(trx, chunkRows);
    await insertCaseLinks(trx, {
      petitioners: chunk.flatMap((c) =>
        c.petitioners.map((p, order) => ({
          petition_id: c.row.id,
          petitioner_id: p.petitionerId,
          is_representative: p.isRepresentative ? 1 : 0,
          sort_order: order,
        })),
      ),
      units: chunk.flatMap((c) =>
        [...new Set(c.unitIds)].map((unit_id) => ({ petition_id: c.row.id, unit_id, role: 'involved' as const })),
      ),
      named: chunk.flatMap((c) => c.named.map((n) => ({ ...n, petition_id: c.row.id }))),
    });
    const events = chunk.flatMap((c) => c.events.map((e, n) => ({ ...e, petition_id: c.row.id, seq: n + 1 })));
    await insertEventRows(trx, events);
    // Each case's events by id, once: filtering the chunk's events per case was quadratic (500 × 1,000
    // comparisons a chunk of an import, 0.6 s of CPU per 50,000 rows; issue #20).
    const eventsOf = new Map<string, typeof events>();
    for (const e of events) {
      const list = eventsOf.get(e.petition_id);
      if (list === undefined) eventsOf.set(e.petition_id, [e]);
      else list.push(e);
    }
    await insertSearchTexts(
      trx,
      deps.dialect,
      chunkRows.map((row) => ({
        petitionId: row.id,
        text: searchTextOf(row, eventsOf.get(row.id) ?? []),
        receivedAt: row.received_at,
      })),
    );
    await insertFingerprints(trx, chunkRows, { replace: false });
    await applyRollupDelta(trx, rollupDelta(chunkRows.map((row) => ({ before: null, after: row }))));
    options.onChunk?.(Math.min(i + CHUNK, cases.length));
  }
  await appendAuditMany(
    trx,
    deps.clock,
    cases.map((c) => c.audit),
  );
  for (const [index, c] of cases.entries()) {
    const row = rows[index];
    if (row === undefined) continue;
    for (const notice of c.notices ?? []) {
      await notify(trx, deps, {
        kind: notice.kind,
        recipients: notice.recipients,
        petitionId: row.id,
        data: noticeData(notice, row.case_number, deadlines[index] ?? []),
        dedupeKey: notice.dedupeKey ?? `${notice.kind}:${row.id}`,
      });
    }
  }
  return rows.map((row, i) => ({ row, deadlines: deadlines[i] ?? [] }));
}

/**
 * Recompute what time alone moves (deadlines, risk) for these cases, each in its own small
 * transaction — the deadline sweep and the warning scan. Not an event: no version, no audit row.
 */
export async function refreshTimeDerived(deps: EngineDeps, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const calendar = await workingCalendar(deps);
  const policies = new Map<string, RiskPolicy>();
  for (const id of ids) {
    await deps.db.transaction().execute(async (trx) => {
      const petition = await findCaseRow(trx, id);
      if (petition === undefined) return;
      const enterprise = enterprisePathOf(petition.registered_path);
      let riskPolicy = policies.get(enterprise);
      if (riskPolicy === undefined) {
        riskPolicy = await readSetting(trx, enterprise, 'warning.policy');
        policies.set(enterprise, riskPolicy);
      }
      const events = await listEvents(trx, id);
      const derived = await derive(trx, deps, petition, events, { calendar, riskPolicy });
      await updateDerivedColumns(trx, id, derived.columns);
      // A deadline's stored status or due date may move here (a holiday entered, a limit passed): the rollup follows.
      await applyRollupDelta(trx, rollupDelta([{ before: petition, after: { ...petition, ...derived.columns } }]));
    });
  }
}
