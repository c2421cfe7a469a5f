/**
 * 企地联调/会商 (joint mediation, issue #16): a dispute between the enterprise and a locality —
 * subsidence, land compensation, roads, pollution, water, employment — kept as one matter linking
 * every petition about it (《信访工作条例》第5条 多元化解: 协商、调解), with the meetings held (minutes,
 * parties present), the agreement (协议, 人民调解法第28–29条: written, each side's obligations and
 * deadlines) and each obligation's fulfilment with evidence (人民调解法第31条: the parties perform
 * it; the office tracks it). The matter closes only when every obligation is met. Each write is
 * audited; linking a petition is an event of that case, through the petition engine.
 */
import type { Kysely } from 'kysely';
import { can, type Actor } from '../../../common/domain/access.ts';
import { chineseDate, type DocumentContent } from '../../../common/domain/documents.ts';
import { localDateOf } from '../../../common/domain/calendar.ts';
import { DomainError, fieldError } from '../../../common/errors.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import {
  MatterListQuerySchema,
  type MatterListQuery,
  type MatterListView,
  type MatterView,
  type MediationTopic,
  type ObligationParty,
} from '../../../common/schemas/mediation.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import { listPetitions } from '../ledger/index.ts';
import { canRead, loadCase, recordPetitionEvent, type PetitionDeps } from '../petition/index.ts';
import { findUnitById, unitFilterPath } from '../unit/index.ts';
import { organisationOf } from '../partner/index.ts';
import {
  closeMatter,
  findMatter,
  fulfilObligation,
  insertMatter,
  insertMeeting,
  linkPetitions,
  matterPetitions,
  mattersUnder,
  meetingsOf,
  obligationsOf,
  setAgreement,
  type MatterRow,
} from './mediation.repository.ts';

function assertManage(actor: Actor, unit: { id: string; path: string }): void {
  if (!can(actor, 'mediation.manage', unit)) {
    throw new DomainError('FORBIDDEN', { message: 'Joint mediation is kept by the petition office' });
  }
}

/** A matter the actor's office keeps. @throws NOT_FOUND (missing or outside the actor's units) */
async function keptMatter(db: Kysely<DB>, actor: Actor, id: string): Promise<MatterRow> {
  const row = await findMatter(db, id);
  if (row === undefined || !can(actor, 'mediation.manage', { id: row.unit_id, path: row.unit_path })) {
    throw new DomainError('NOT_FOUND', { message: 'Matter not found', details: { id } });
  }
  return row;
}

/** An open matter, for every change. @throws MEDIATION_CLOSED */
function assertOpen(row: MatterRow): void {
  if (row.state !== 'open') throw new DomainError('MEDIATION_CLOSED', { message: 'The matter is closed' });
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function listMatters(
  deps: PetitionDeps,
  actor: Actor,
  rawQuery: MatterListQuery = {},
): Promise<MatterListView> {
  assertManage(actor, { id: actor.unitId, path: actor.unitPath });
  const query = MatterListQuerySchema.parse(rawQuery);
  // Without `signed`, the period has no date to apply to: the list is the unit's matters.
  const signed = query.signed === 'true';
  const rows = await mattersUnder(deps.db, actor.unitPath, {
    unitPath: await unitFilterPath(deps.db, query.unitId),
    signedFrom: signed ? (query.from ?? '0000-01-01') : undefined,
    signedTo: signed ? (query.to ?? '9999-12-31') : undefined,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      topic: r.topic as MediationTopic,
      locality: r.locality,
      state: r.state,
      createdAt: r.created_at,
      organisationName: r.organisation_name,
      petitionCount: Number(r.petition_count),
      obligationsOpen: Number(r.obligations_open),
    })),
  };
}

/** One matter with its petitions (those the actor may read), meetings, agreement and obligations. @throws NOT_FOUND */
export async function getMatter(deps: PetitionDeps, actor: Actor, id: string): Promise<MatterView> {
  const row = await keptMatter(deps.db, actor, id);
  return viewOf(deps, actor, row);
}

async function viewOf(deps: PetitionDeps, actor: Actor, row: MatterRow): Promise<MatterView> {
  const [petitions, meetings, obligations] = await Promise.all([
    matterPetitions(deps.db, row.id),
    meetingsOf(deps.db, row.id),
    obligationsOf(deps.db, row.id),
  ]);
  // A linked petition is listed only to whom may read it (recusal, 第28条): the same rule as its page.
  const now = deps.clock.now().toISOString();
  const readable: typeof petitions = [];
  for (const p of petitions) {
    const loaded = await loadCase(deps.db, p.id, now);
    if (loaded !== null && canRead(actor, loaded.facts)) readable.push(p);
  }
  return {
    id: row.id,
    title: row.title,
    topic: row.topic as MediationTopic,
    locality: row.locality,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    state: row.state,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    petitions: readable.map((p) => ({ petitionId: p.id, caseNumber: p.case_number, title: p.title, state: p.state })),
    meetings: meetings.map((m) => ({
      id: m.id,
      heldAt: m.held_at,
      place: m.place,
      parties: m.parties,
      minutes: m.minutes,
    })),
    agreement:
      row.agreement_text === null || row.agreement_signed_on === null
        ? null
        : { text: row.agreement_text, signedOn: row.agreement_signed_on },
    obligations: obligations.map((o) => ({
      id: o.id,
      seq: o.seq,
      party: o.party,
      description: o.description,
      dueOn: o.due_on,
      fulfilledOn: o.fulfilled_on,
      evidence: o.evidence,
      onTime: o.fulfilled_on === null ? null : o.fulfilled_on <= o.due_on,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Link petitions to the matter: each must be one the actor may read (else refused naming it, as if
 * it did not exist), and each case records that it joined the matter (an event through the engine).
 */
async function linkInTransaction(
  trx: Kysely<DB>,
  deps: PetitionDeps,
  actor: Actor,
  row: MatterRow,
  petitionIds: readonly string[],
  field: string,
): Promise<number> {
  const now = deps.clock.now().toISOString();
  const loadedAll = [];
  for (const [i, id] of petitionIds.entries()) {
    const loaded = await loadCase(trx, id, now);
    if (loaded === null || !canRead(actor, loaded.facts)) throw fieldError(`${field}.${i}`, 'no such petition');
    loadedAll.push(loaded);
  }
  const added = new Set(await linkPetitions(trx, row.id, petitionIds));
  for (const loaded of loadedAll) {
    if (!added.has(loaded.petition.id)) continue;
    await recordPetitionEvent(trx, deps, actor, loaded.petition, loaded.petition.registered_path, {
      kind: 'joinMediation',
      data: { matterId: row.id, matterTitle: row.title, topic: row.topic },
      internal: true,
      audit: { after: { matterId: row.id } },
    });
  }
  return added.size;
}

/**
 * A new matter kept by the actor's unit, with the petitions picked.
 * @throws FORBIDDEN, VALIDATION_FAILED (organisationId, petitionIds.n)
 */
export async function createMatter(
  deps: PetitionDeps,
  actor: Actor,
  input: {
    title: string;
    topic: MediationTopic;
    locality: string;
    organisationId?: string | undefined;
    petitionIds: string[];
  },
): Promise<MatterView> {
  assertManage(actor, { id: actor.unitId, path: actor.unitPath });
  const id = deps.ids.next();
  await deps.db.transaction().execute(async (trx) => {
    if (input.organisationId !== undefined) {
      const org = await organisationOf(trx, input.organisationId);
      if (org === undefined || !org.unit_path.startsWith(actor.unitPath)) {
        throw fieldError('organisationId', 'no such partner organisation of your units');
      }
    }
    await insertMatter(trx, {
      id,
      unit_id: actor.unitId,
      title: input.title,
      topic: input.topic,
      locality: input.locality,
      organisation_id: input.organisationId ?? null,
      state: 'open',
      agreement_text: null,
      agreement_signed_on: null,
      created_by: actor.id,
      created_at: deps.clock.now().toISOString(),
      closed_at: null,
    });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'mediation.create',
      entityType: 'mediation_matter',
      entityId: id,
      after: { topic: input.topic, petitionIds: input.petitionIds },
    });
    const row = await keptMatter(trx, actor, id);
    await linkInTransaction(trx, deps, actor, row, input.petitionIds, 'petitionIds');
  });
  return getMatter(deps, actor, id);
}

/** The most petitions one search links at once. */
const SEARCH_LINK_MAX = 500;

/**
 * Link more petitions: those picked, or every petition the actor's search (the list's own full-text
 * query and scope) finds. @throws NOT_FOUND, MEDIATION_CLOSED, VALIDATION_FAILED (petitionIds.n)
 */
export async function addPetitions(
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { petitionIds?: string[] | undefined; search?: string | undefined },
): Promise<MatterView> {
  const found: string[] = [...(input.petitionIds ?? [])];
  if (input.search !== undefined) {
    for (let page = 1; found.length < SEARCH_LINK_MAX; page++) {
      const list = await listPetitions(deps, actor, { q: input.search, page, pageSize: 200 });
      found.push(...list.items.map((p) => p.id));
      if (list.items.length < 200) break;
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    const row = await keptMatter(trx, actor, id);
    assertOpen(row);
    const ids = [...new Set(found)].slice(0, SEARCH_LINK_MAX);
    const added = await linkInTransaction(trx, deps, actor, row, ids, 'petitionIds');
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'mediation.link',
      entityType: 'mediation_matter',
      entityId: id,
      after: { added, search: input.search !== undefined },
    });
  });
  return getMatter(deps, actor, id);
}

/**
 * A meeting (会商) with its minutes and the parties present; not in the future.
 * @throws NOT_FOUND, MEDIATION_CLOSED, VALIDATION_FAILED (heldAt)
 */
export async function recordMeeting(
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { heldAt: string; place: string; parties: string; minutes: string },
): Promise<MatterView> {
  const heldAt = new Date(input.heldAt).toISOString();
  const now = deps.clock.now().toISOString();
  if (heldAt > now) throw fieldError('heldAt', 'must not be in the future');
  await deps.db.transaction().execute(async (trx) => {
    const row = await keptMatter(trx, actor, id);
    assertOpen(row);
    const meetingId = deps.ids.next();
    await insertMeeting(trx, {
      id: meetingId,
      matter_id: id,
      held_at: heldAt,
      place: input.place,
      parties: input.parties,
      minutes: input.minutes,
      recorded_by: actor.id,
      created_at: now,
    });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'mediation.meeting',
      entityType: 'mediation_matter',
      entityId: id,
      after: { meetingId, heldAt },
    });
  });
  return getMatter(deps, actor, id);
}

/**
 * The agreement (协议): its terms, the date signed (not in the future) and each side's obligations
 * with a deadline not before the signing. Recorded once.
 * @throws NOT_FOUND, MEDIATION_CLOSED, VALIDATION_FAILED (signedOn, obligations.n.dueOn; agreement
 *   when one is on record already)
 */
export async function recordAgreement(
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: {
    text: string;
    signedOn: string;
    obligations: { party: ObligationParty; description: string; dueOn: string }[];
  },
): Promise<MatterView> {
  const today = localDateOf(deps.clock.now().toISOString());
  if (input.signedOn > today) throw fieldError('signedOn', 'must not be in the future');
  for (const [i, o] of input.obligations.entries()) {
    if (o.dueOn < input.signedOn) throw fieldError(`obligations.${i}.dueOn`, 'must not be before the agreement');
  }
  await deps.db.transaction().execute(async (trx) => {
    const row = await keptMatter(trx, actor, id);
    assertOpen(row);
    const stored = await setAgreement(
      trx,
      id,
      { text: input.text, signedOn: input.signedOn },
      input.obligations.map((o, i) => ({
        id: deps.ids.next(),
        matter_id: id,
        seq: i + 1,
        party: o.party,
        description: o.description,
        due_on: o.dueOn,
        fulfilled_on: null,
        evidence: null,
        fulfilled_by: null,
      })),
    );
    if (!stored) throw fieldError('text', 'the agreement is on record already');
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'mediation.agreement',
      entityType: 'mediation_matter',
      entityId: id,
      after: { signedOn: input.signedOn, obligations: input.obligations.length },
    });
  });
  return getMatter(deps, actor, id);
}

/**
 * An obligation met, with its evidence (audited); the date not in the future nor before the agreement.
 * @throws NOT_FOUND, MEDIATION_CLOSED, OBLIGATION_ALREADY_FULFILLED, VALIDATION_FAILED (fulfilledOn)
 */
export async function fulfil(
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  obligationId: string,
  input: { fulfilledOn: string; evidence: string },
): Promise<MatterView> {
  const today = localDateOf(deps.clock.now().toISOString());
  if (input.fulfilledOn > today) throw fieldError('fulfilledOn', 'must not be in the future');
  await deps.db.transaction().execute(async (trx) => {
    const row = await keptMatter(trx, actor, id);
    assertOpen(row);
    const obligation = (await obligationsOf(trx, id)).find((o) => o.id === obligationId);
    if (obligation === undefined) {
      throw new DomainError('NOT_FOUND', { message: 'Obligation not found', details: { obligationId } });
    }
    if (row.agreement_signed_on !== null && input.fulfilledOn < row.agreement_signed_on) {
      throw fieldError('fulfilledOn', 'must not be before the agreement');
    }
    const done = await fulfilObligation(trx, id, obligationId, {
      fulfilled_on: input.fulfilledOn,
      evidence: input.evidence,
      fulfilled_by: actor.id,
    });
    if (!done) throw fieldError('obligationId', 'already fulfilled', 'OBLIGATION_ALREADY_FULFILLED');
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'mediation.fulfil',
      entityType: 'mediation_matter',
      entityId: id,
      after: { obligationId, fulfilledOn: input.fulfilledOn, onTime: input.fulfilledOn <= obligation.due_on },
    });
  });
  return getMatter(deps, actor, id);
}

/**
 * Close the matter: only with an agreement on record and every obligation met (人民调解法第31条).
 * @throws NOT_FOUND, MEDIATION_CLOSED, MEDIATION_OBLIGATIONS_OPEN (agreement, obligations)
 */
export async function closeMatterVerb(deps: PetitionDeps, actor: Actor, id: string): Promise<MatterView> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await keptMatter(trx, actor, id);
    assertOpen(row);
    if (row.agreement_text === null) {
      throw fieldError('agreement', 'no agreement on record', 'MEDIATION_OBLIGATIONS_OPEN');
    }
    const open = (await obligationsOf(trx, id)).filter((o) => o.fulfilled_on === null);
    if (open.length > 0) {
      throw fieldError('obligations', `${open.length} obligation(s) not yet fulfilled`, 'MEDIATION_OBLIGATIONS_OPEN');
    }
    if (!(await closeMatter(trx, id, deps.clock.now().toISOString()))) {
      throw new DomainError('MEDIATION_CLOSED', { message: 'The matter is closed' });
    }
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'mediation.close',
      entityType: 'mediation_matter',
      entityId: id,
    });
  });
  return getMatter(deps, actor, id);
}

// ---------------------------------------------------------------------------------------------
// The agreement as a document

/**
 * The 调解协议书 as the document module lays out every written document (GB/T 9704; print HTML and
 * .docx from the same content): the parties, the petitions concerned, the meetings, the terms and
 * each obligation with its deadline. @throws NOT_FOUND, DOCUMENT_SOURCE_MISSING (no agreement yet)
 */
export async function agreementDocument(deps: PetitionDeps, actor: Actor, id: string): Promise<DocumentContent> {
  const matter = await getMatter(deps, actor, id);
  const row = await keptMatter(deps.db, actor, id);
  if (matter.agreement === null) {
    throw new DomainError('DOCUMENT_SOURCE_MISSING', { message: 'The matter has no agreement yet' });
  }
  const t = zhCN.mediation;
  const enterprise = await findUnitById(deps.db, row.unit_id);
  const party = (p: ObligationParty) => t.parties2[p];
  const paragraphs = [
    `${t.doc.matter}：${matter.title}（${t.topics[matter.topic]}，${matter.locality}）`,
    `${t.doc.enterprise}：${enterprise?.name ?? row.unit_name}；${t.doc.locality}：${matter.organisationName ?? matter.locality}`,
    t.doc.petitions.replace('{count}', String(matter.petitions.length)) +
      (matter.petitions.length === 0 ? '' : `（${matter.petitions.map((p) => p.caseNumber).join('、')}）`),
    ...(matter.meetings.length === 0
      ? []
      : [
          `${t.doc.meetings}：`,
          ...matter.meetings.map(
            (m) => `${chineseDate(localDateOf(m.heldAt))}，${m.place}，${m.parties}：${m.minutes}`,
          ),
        ]),
    `${t.doc.terms}：`,
    ...matter.agreement.text.split(/\n+/).filter((p) => p.trim() !== ''),
    `${t.doc.obligations}：`,
    ...matter.obligations.map(
      (o) => `${o.seq}. ${party(o.party)}：${o.description}（${t.dueOn}：${chineseDate(o.dueOn)}）`,
    ),
    `${t.doc.signature}：`,
  ];
  return {
    title: t.doc.heading,
    number: '',
    addressee: '',
    paragraphs,
    issuingUnit: enterprise?.name ?? row.unit_name,
    issueDate: chineseDate(matter.agreement.signedOn),
  };
}
