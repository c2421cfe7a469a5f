/**
 * Reading petitions: one case with what its access decision needs, its page as the viewer may see
 * it, the list, summaries behind a warning or a hotspot, and the audience of a case (who may read
 * it — the one decision `notify` applies to every recipient). Scope, recusal and the
 * whistle-blower's identity are decided by common/domain/petition-policy.ts from the facts loaded here.
 */

import type { Kysely } from 'kysely';
import { type Actor } from '../../../common/domain/access.ts';
import { localDateOf } from '../../../common/domain/calendar.ts';
import { owedNotices } from '../../../common/domain/deadline-facts.ts';
import { categoryLabel } from '../../../common/domain/category.ts';

import type { Deadline } from '../../../common/domain/deadlines.ts';
import { maskIdNumber, maskPhone } from '../../../common/domain/identity.ts';
import { parseOutcomes } from '../../../common/domain/reply.ts';
import type { RiskReason } from '../../../common/domain/risk.ts';
import { DomainError } from '../../../common/errors.ts';
import type { PetitionerIdentity, PetitionDetailView, PetitionSummaryView } from '../../../common/schemas/petition.ts';

import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { FileStore } from '../../platform/file-store.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { workingCalendar } from '../calendar/index.ts';
import { namedPersonsOfCase } from '../named-person/index.ts';

import { deadlinesFrom, parseData } from '../../../common/domain/case-deadlines.ts';
import type { TransactionRunner } from '../../db/group-commit.ts';
export { parseData };
import {
  availableVerbs,
  canRead,
  canSeeIdentity,
  canSeeNamedPersons,
  caseProgress,
  isRecused,
  type PetitionAccessFacts,
  type PetitionCaseFacts,
} from '../../../common/domain/petition-policy.ts';
import {
  casePeople,
  caseScopeRows,
  caseScopeRowsFor,
  findCaseRow,
  listEvents,
  listPetitioners,
  type CasePersonRow,
  type CaseRow,
  type EventRow,
  type PetitionRow,
} from './petition.repository.ts';

/** What the petition module's services receive. */
export type PetitionDeps = ServiceDeps & {
  /**
   * Where attachment bytes are stored: `<dataDir>/attachments` outside the web root, or the database
   * (several instances, issue #21) — see server/platform/file-store.ts.
   */
  files: FileStore;
  /**
   * The transaction a registration runs in: on the SQLite server, one shared with the registrations
   * that arrive together (server/db/group-commit.ts, issue #20); a transaction of its own when absent.
   */
  registrations?: TransactionRunner;
};

// ---------------------------------------------------------------------------------------------
// Loading

/** A case as its page and its decisions need it. `petition` carries the unit, owner and category names. */
export type Loaded = {
  petition: CaseRow;
  facts: PetitionCaseFacts;
};

/** A co-handler row (`co`), or a partner's invitation with the petitioner's identity granted (`co_identity`). */
export function isCoHandlerKind(kind: string): boolean {
  return kind === 'co' || kind === 'co_identity';
}

function factsOf(
  row: Pick<CaseRow, 'type' | 'owner_id' | 'handler_id' | 'registered_path' | 'handling_path'> & {
    review_path?: string | null;
  },
  people: readonly Pick<CasePersonRow, 'kind' | 'user_id'>[],
): PetitionAccessFacts {
  return {
    type: row.type,
    registeredUnitPath: row.registered_path,
    handlingUnitPath: row.handling_path,
    reviewUnitPath: row.review_path ?? null,
    ownerId: row.owner_id,
    handlerId: row.handler_id,
    coHandlerIds: people.filter((p) => isCoHandlerKind(p.kind)).map((p) => p.user_id ?? ''),
    identityGrantedIds: people.filter((p) => p.kind === 'co_identity').map((p) => p.user_id ?? ''),
    recusedUserIds: people.filter((p) => !isCoHandlerKind(p.kind) && p.user_id !== null).map((p) => p.user_id ?? ''),
    namesPersons: people.some((p) => p.kind === 'named'),
  };
}

/** A case from its row and the people around it. */
export function caseOf(row: CaseRow, people: readonly CasePersonRow[]): Loaded {
  return {
    petition: row,
    facts: {
      ...factsOf(row, people),
      handlingOfficePath: row.handling_office_path ?? row.handling_path ?? row.registered_path,
      senderPath: row.sender_path,
      replySignerId: row.reply_signer_id,
      reviewDeciderId: row.review_decider_id,
    },
  };
}

/**
 * The case with its access facts, in two statements; null when there is no such petition. A partner's
 * invitation counts only when `now` is given and it has not expired (fail closed otherwise).
 */
export async function loadCase(db: Kysely<DB>, id: string, now?: string): Promise<Loaded | null> {
  const [row, people] = await Promise.all([findCaseRow(db, id), casePeople(db, [id], now)]);
  return row === undefined ? null : caseOf(row, people);
}

/** A petition with its access facts, when `actor` may see it. @throws NOT_FOUND when missing or invisible (recusal hides existence). */
export async function loadReadable(
  deps: Pick<ServiceDeps, 'db'> & Partial<Pick<ServiceDeps, 'clock'>>,
  actor: Actor,
  id: string,
  db: Kysely<DB> = deps.db,
): Promise<Loaded> {
  const loaded = await loadCase(db, id, deps.clock?.now().toISOString());
  if (loaded === null || !canRead(actor, loaded.facts)) {
    throw new DomainError('NOT_FOUND', { message: 'Petition not found', details: { petitionId: id } });
  }
  return loaded;
}

/** The access facts of many petitions at once (a ledger page), in one statement for their people. */
export async function accessFactsOf(
  db: Kysely<DB>,
  rows: readonly Pick<CaseRow, 'id' | 'type' | 'owner_id' | 'handler_id' | 'registered_path' | 'handling_path'>[],
): Promise<Map<string, PetitionAccessFacts>> {
  const people = await casePeople(
    db,
    rows.map((r) => r.id),
  );
  return new Map(
    rows.map((row) => [
      row.id,
      factsOf(
        row,
        people.filter((p) => p.petition_id === row.id),
      ),
    ]),
  );
}

/**
 * Who may read every one of these petitions: the decision `notify` applies to each recipient of a
 * notice about them, in two statements whatever their number.
 */
export async function caseAudience(
  db: Kysely<DB>,
  ids: readonly string[],
  now?: string,
): Promise<(actor: Actor) => boolean> {
  const [rows, people] = await Promise.all([caseScopeRows(db, ids), casePeople(db, ids, now)]);
  const facts = rows.map((row) =>
    factsOf(
      row,
      people.filter((p) => p.petition_id === row.id),
    ),
  );
  // A petition that does not exist is visible to nobody.
  const complete = facts.length === new Set(ids).size;
  return (actor) => complete && facts.every((f) => canRead(actor, f));
}

// ---------------------------------------------------------------------------------------------
// Views

/** A petition row with the names a summary shows. */
export type SummaryRow = PetitionRow & {
  handling_name: string | null;
  owner_name: string | null;
  category_name: string | null;
  category_parent_name: string | null;
};

export function summaryOf(row: SummaryRow): PetitionSummaryView {
  return {
    id: row.id,
    caseNumber: row.case_number,
    title: row.title,
    state: row.state,
    channel: row.channel,
    type: row.type,
    categoryCode: row.category_code,
    categoryName: row.category_name === null ? null : categoryLabel(row.category_name, row.category_parent_name),
    receivedAt: row.received_at,
    handlingUnitId: row.handling_unit_id,
    handlingUnitName: row.handling_name,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    headcount: row.headcount,
    flags: {
      group: row.is_group === 1,
      skipLevel: row.is_skip_level === 1,
      repeat: row.is_repeat === 1,
      first: row.is_first === 1,
      anonymous: row.is_anonymous === 1,
      supervision: row.supervision_level,
    },
    dueDate: row.due_date,
    dueKind: row.due_kind,
    risk: { score: row.risk_score, level: row.risk_level, reasons: JSON.parse(row.risk_json) as RiskReason[] },
  };
}

/** The progress of a loaded case (what is done or awaited) from its events. */
export function progressOf(
  petition: Pick<CaseRow, 'owner_id' | 'owner_confirmed_at'>,
  events: readonly { kind: string }[],
) {
  return caseProgress(events, { ownerId: petition.owner_id, ownerConfirmedAt: petition.owner_confirmed_at });
}

/** Every deadline of a case as of now (the events read when not given). */
export async function deadlinesOf(
  deps: Pick<ServiceDeps, 'clock' | 'db'>,
  db: Kysely<DB>,
  petition: CaseRow,
  events?: readonly EventRow[],
): Promise<Deadline[]> {
  const [rows, calendar] = await Promise.all([
    events === undefined ? listEvents(db, petition.id) : Promise.resolve(events),
    workingCalendar(deps, db),
  ]);
  return deadlinesFrom(petition, rows, localDateOf(deps.clock.now().toISOString()), calendar);
}

/** A petitioner as the case page needs them, in clear (masked for the page here). */
export type PetitionerOnPage = {
  id: string;
  name: string;
  idNumber: string | null;
  phone: string | null;
  identity: PetitionerIdentity;
  isRepresentative: boolean;
};

/**
 * The page of a case as `actor` may see it, from what is in hand: the events and deadlines when a
 * step has just computed them, otherwise read here.
 */
export async function detailView(
  deps: PetitionDeps,
  actor: Actor,
  loaded: Loaded,
  inHand: {
    events?: readonly EventRow[];
    deadlines?: readonly Deadline[];
    petitioners?: readonly PetitionerOnPage[];
  } = {},
): Promise<PetitionDetailView> {
  const { petition, facts } = loaded;
  const events = inHand.events ?? (await listEvents(deps.db, petition.id));
  const showIdentity = canSeeIdentity(actor, facts) && petition.is_anonymous === 0;
  const [deadlines, petitioners, linkShown, namedPersons] = await Promise.all([
    inHand.deadlines ?? deadlinesOf(deps, deps.db, petition, events),
    showIdentity ? (inHand.petitioners ?? petitionersOnPage(deps, petition.id)) : Promise.resolve(null),
    linksVisibleTo(deps.db, actor, facts, events, deps.clock.now().toISOString()),
    // The people a petition names, for the office; no statement when it names nobody.
    canSeeNamedPersons(actor, facts) && facts.namesPersons !== false
      ? namedPersonsOfCase(deps.db, petition.id)
      : Promise.resolve([]),
  ]);
  const parsed = events.map((event) => ({ event, data: parseData(event.data_json) }));
  return {
    ...summaryOf(petition),
    body: petition.body,
    purpose: petition.purpose,
    registeredUnitName: petition.registered_name,
    handlerId: petition.handler_id,
    ownerConfirmedAt: petition.owner_confirmed_at,
    replyResult: petition.reply_result,
    outcomes: parseOutcomes(petition.outcomes),
    satisfaction: petition.satisfaction,
    petitioners:
      petitioners?.map((p) => ({
        ...p,
        idNumber: p.idNumber === null ? null : maskIdNumber(p.idNumber),
        phone: p.phone === null ? null : maskPhone(p.phone),
      })) ?? null,
    namedPersons,
    events: parsed.map(({ event: e, data }) => ({
      seq: e.seq,
      kind: e.kind,
      at: e.at,
      actorName: e.actor_name,
      fromState: e.from_state,
      toState: e.to_state,
      data: withoutHiddenLinks(data, linkShown),
      internal: e.internal === 1,
    })),
    deadlines: [...deadlines],
    owedNotices: owedNotices(
      parsed.map(({ event: e, data }) => ({ id: e.id, kind: e.kind, at: e.at, data })),
      { noticeExempt: petition.is_anonymous === 1 },
    ),
    ...availableVerbs(actor, petition.state, facts, progressOf(petition, events)),
    version: petition.version,
  };
}

/**
 * Event data that points at another case (重复访 at registration or by the office, 并单), with the
 * keys that describe the link.
 */
const CASE_LINKS = [
  { id: 'repeatOf', keys: ['repeatOf', 'repeatOfCase', 'repeatOfFinal'] },
  { id: 'relatedPetitionId', keys: ['relatedPetitionId'] },
] as const;

/**
 * Which cases linked from these events `actor` may be led to from the case with `facts`: a link
 * goes through the same decision as the case it points at — the reader may read that case — and
 * following it must reveal no identity the reader may not see on either side. A repeat is often
 * found by the person (same ID number or phone), so a link between a case whose petitioner the
 * reader may see and one whose petitioner is withheld from him (an accusation, 第30条第3款) would
 * name the accuser; such a link is not shown to that reader (issue #11 finding 4). The office,
 * who sees both, keeps it.
 */
async function linksVisibleTo(
  db: Kysely<DB>,
  actor: Actor,
  facts: PetitionAccessFacts,
  events: readonly Pick<EventRow, 'data_json'>[],
  now: string,
): Promise<(petitionId: string) => boolean> {
  const ids = new Set<string>();
  for (const event of events) {
    const data = parseData(event.data_json);
    for (const link of CASE_LINKS) {
      const target = data[link.id];
      if (typeof target === 'string' && target !== '') ids.add(target);
    }
  }
  if (ids.size === 0) return () => true;
  // The linked cases as this viewer meets them: the people around them matter only as far as he is one.
  const rows = await caseScopeRowsFor(db, [...ids], actor.id, now);
  const identityHere = canSeeIdentity(actor, facts);
  const shown = new Set(
    rows
      .filter((row) => {
        const linked = factsOf(row, [
          ...(row.viewer_recused ? [{ kind: 'conflict', user_id: actor.id }] : []),
          ...(row.viewer_co_handler ? [{ kind: 'co', user_id: actor.id }] : []),
        ]);
        return canRead(actor, linked) && canSeeIdentity(actor, linked) === identityHere;
      })
      .map((row) => row.id),
  );
  return (petitionId) => shown.has(petitionId);
}

/** Event data without the links the reader may not follow (see `linksVisibleTo`). */
function withoutHiddenLinks(
  data: Record<string, unknown>,
  shown: (petitionId: string) => boolean,
): Record<string, unknown> {
  let out = data;
  for (const link of CASE_LINKS) {
    const target = data[link.id];
    if (typeof target !== 'string' || target === '' || shown(target)) continue;
    out = Object.fromEntries(Object.entries(out).filter(([key]) => !(link.keys as readonly string[]).includes(key)));
  }
  return out;
}

async function petitionersOnPage(deps: PetitionDeps, petitionId: string): Promise<PetitionerOnPage[]> {
  return (await listPetitioners(deps.db, petitionId)).map((p) => ({
    id: p.id,
    name: p.name,
    idNumber: p.id_number_enc === null ? null : deps.cipher.decrypt(p.id_number_enc),
    phone: p.phone_enc === null ? null : deps.cipher.decrypt(p.phone_enc),
    identity: p.identity,
    isRepresentative: p.is_representative === 1,
  }));
}

/** One petition as `actor` may see it. @throws NOT_FOUND */
export async function getPetition(deps: PetitionDeps, actor: Actor, id: string): Promise<PetitionDetailView> {
  const loaded = await loadReadable(deps, actor, id);
  // What each partner saw (issue #16): an outside body's read of a case is on the audit trail, so
  // the office can answer for every look a partner took at a petition.
  if (actor.role === 'partner') {
    await deps.db.transaction().execute(async (trx) => {
      await appendAudit(trx, deps.clock, {
        actorId: actor.id,
        action: 'petition.read_by_partner',
        entityType: 'petition',
        entityId: id,
        after: { identityShown: canSeeIdentity(actor, loaded.facts) },
      });
    });
  }
  return detailView(deps, actor, loaded);
}

// ---------------------------------------------------------------------------------------------
// Lists

/**
 * Summaries of the petitions behind something else (a warning, a hotspot) that `actor` may see,
 * and whether the actor is recused from any of them — then the whole thing is not theirs to see.
 */
export async function summariesFor(
  deps: PetitionDeps,
  actor: Actor,
  ids: readonly string[],
): Promise<{ items: PetitionSummaryView[]; recused: boolean }> {
  const items: PetitionSummaryView[] = [];
  let recused = false;
  for (const id of ids) {
    const loaded = await loadCase(deps.db, id, deps.clock.now().toISOString());
    if (loaded === null) continue;
    if (isRecused(actor, loaded.facts)) recused = true;
    if (!canRead(actor, loaded.facts)) continue;
    items.push(summaryOf(loaded.petition));
  }
  return { items, recused };
}
