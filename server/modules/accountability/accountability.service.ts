/**
 * 奖惩与问责 (issue #18). 《信访工作条例》第39条: the results of the appraisal are used for 表彰奖励, and
 * poor work is met with 约谈、通报、挂牌督办、责令限期整改; 第42–46条: 责任追究 of those whose handling
 * failed. A measure is recorded against a unit or a person by the leaders or the office above them, on a
 * stated basis — an indicator of an appraisal round, a case, an emergency incident (none → refused
 * naming `basis`) — and goes out as a numbered decision document (奖惩问责决定书, the document module's
 * template and 发文字号 sequence). A measure with a 整改 deadline is followed up: the unit (or person)
 * reports it done; past the deadline it shows as overdue and the chase tells the unit and the decider.
 * Kept apart from the appraisal: a round is a scoring of a period, a measure is a decision about one
 * subject with its own life (document, deadline, completion) and bases that are not rounds at all.
 */
import { can, enterpriseOf, hasAction, type Actor } from '../../../common/domain/access.ts';
import { localDateOf } from '../../../common/domain/calendar.ts';
import { chineseDate, type DocumentContent } from '../../../common/domain/documents.ts';
import { DomainError } from '../../../common/errors.ts';
import { format } from '../../../common/i18n/index.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import {
  AccountabilityInputSchema,
  AccountabilityListQuerySchema,
  RectifyInputSchema,
  type AccountabilityInput,
  type AccountabilityListQuery,
  type AccountabilityView,
} from '../../../common/schemas/accountability.ts';
import type { AccountabilityRecordTable } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import { roundAsBasis } from '../appraisal/index.ts';
import { createRecordDocument } from '../document/index.ts';
import { findIncident } from '../emergency/index.ts';
import { notify } from '../notification/index.ts';
import { findPetitionByCaseNumber, loadReadable, type PetitionDeps } from '../petition/index.ts';
import { findUnitById } from '../unit/index.ts';
import { findUserById, leadersOf } from '../user/index.ts';
import * as repo from './accountability.repository.ts';
import type { RecordRow } from './accountability.repository.ts';

export type AccountabilityDeps = PetitionDeps;

const L = zhCN.accountability;

function invalid(field: string[], message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', { message, details: { issues: [{ path: field, message }] } });
}

const notFound = () => new DomainError('NOT_FOUND', { message: 'Record not found' });

/** The 整改 status as of `today`: open, overdue (past the deadline, not done), done, done late. */
function rectificationOf(row: RecordRow, today: string): AccountabilityView['rectification'] {
  if (row.rectify_due === null) return null;
  const doneOn = row.rectified_at === null ? null : localDateOf(row.rectified_at);
  const status =
    doneOn !== null ? (doneOn <= row.rectify_due ? 'done' : 'done_late') : today > row.rectify_due ? 'overdue' : 'open';
  return { dueDate: row.rectify_due, status, doneAt: row.rectified_at, note: row.rectify_note };
}

/** May `actor` read the record: the person measured, or a reader whose reach covers the unit measured. */
function mayRead(actor: Actor, row: RecordRow): boolean {
  if (row.subject_user_id === actor.id) return true;
  return can(actor, 'accountability.read', { id: row.subject_unit_id, path: row.subject_unit_path });
}

/** The unit measured reports its 整改 (its leaders and office); a person measured reports his own. */
function mayRectify(actor: Actor, row: RecordRow): boolean {
  if (row.subject_user_id !== null) return row.subject_user_id === actor.id;
  return can(actor, 'accountability.rectify', { id: row.subject_unit_id, path: row.subject_unit_path });
}

async function viewOf(deps: AccountabilityDeps, actor: Actor, row: RecordRow): Promise<AccountabilityView> {
  const today = localDateOf(deps.clock.now().toISOString());
  // 第30条: the case behind a measure is named only to a viewer who may read it — never to a person
  // measured who may not (he must not learn who accused him from the decision's basis).
  let petition: AccountabilityView['basis']['petition'] = null;
  if (row.basis_petition_id !== null && row.case_number !== null) {
    const readable = await loadReadable(deps, actor, row.basis_petition_id).then(
      () => true,
      () => false,
    );
    if (readable) petition = { id: row.basis_petition_id, caseNumber: row.case_number };
  }
  const rectification = rectificationOf(row, today);
  return {
    id: row.id,
    kind: row.kind,
    subject: {
      kind: row.subject_user_id === null ? 'unit' : 'person',
      unit: { id: row.subject_unit_id, name: row.subject_unit_name },
      person: row.subject_user_id === null ? null : { id: row.subject_user_id, name: row.person_name ?? '' },
    },
    basis: {
      round:
        row.basis_round_id === null
          ? null
          : { id: row.basis_round_id, period: row.round_period ?? '', name: row.scheme_name ?? '' },
      figureKey: (row.basis_figure_key ?? null) as AccountabilityView['basis']['figureKey'],
      petition,
      hasPetition: row.basis_petition_id !== null,
      incident: row.basis_incident_id === null ? null : { id: row.basis_incident_id, title: row.incident_title ?? '' },
    },
    facts: row.facts,
    decision: row.decision,
    documentNumber: row.document_number,
    decidedBy: { id: row.decided_by, name: row.decider_name, unitName: row.decided_unit_name },
    decidedAt: row.decided_at,
    rectification,
    can: {
      rectify: rectification !== null && rectification.doneAt === null && mayRectify(actor, row),
    },
  };
}

/** The recipients of a record's notices: the person measured, or the leaders of the unit measured. */
async function subjectPeople(deps: AccountabilityDeps, row: Pick<RecordRow, 'subject_user_id' | 'subject_unit_id'>) {
  if (row.subject_user_id !== null) return [row.subject_user_id];
  return (await leadersOf(deps.db, row.subject_unit_id)).map((u) => u.id);
}

/**
 * Records a measure and issues its numbered decision document; the person measured (or the unit's
 * leaders) are told.
 * @throws VALIDATION_FAILED (`basis` missing or not found, `rectifyDueDate` missing for 限期整改 or past,
 *   `subject` unknown), FORBIDDEN (not above the unit, or the decider himself), NOT_FOUND
 */
export async function recordMeasure(
  deps: AccountabilityDeps,
  actor: Actor,
  raw: AccountabilityInput,
): Promise<AccountabilityView> {
  if (!hasAction(actor.role, 'accountability.decide'))
    throw new DomainError('FORBIDDEN', { message: 'Only the leaders and the office decide rewards and penalties' });
  const input = AccountabilityInputSchema.parse(raw);
  const enterprise = enterpriseOf(actor);
  const now = deps.clock.now().toISOString();
  const today = localDateOf(now);

  if (input.rectifyDueDate !== undefined && input.rectifyDueDate < today)
    throw invalid(['rectifyDueDate'], 'the deadline is in the past');

  // The subject: a unit strictly below the decider's (the level above decides, 第39条), or a person
  // of his subtree other than himself.
  let unitId: string;
  let userId: string | null = null;
  let subjectName: string;
  if (input.subject.kind === 'unit') {
    const unit = await findUnitById(deps.db, input.subject.unitId);
    if (unit === undefined || !unit.path.startsWith(enterprise.path))
      throw invalid(['subject', 'unitId'], 'no such unit');
    if (!can(actor, 'accountability.decide', unit) || unit.id === actor.unitId)
      throw new DomainError('FORBIDDEN', { message: 'The level above the unit decides its reward or penalty' });
    unitId = unit.id;
    subjectName = unit.name;
  } else {
    const user = await findUserById(deps.db, input.subject.userId);
    const unit = user === undefined ? undefined : await findUnitById(deps.db, user.unit_id);
    if (user === undefined || unit === undefined || !unit.path.startsWith(enterprise.path))
      throw invalid(['subject', 'userId'], 'no such person');
    if (!can(actor, 'accountability.decide', unit) || user.id === actor.id)
      throw new DomainError('FORBIDDEN', { message: 'A person is measured by those above him, never by himself' });
    unitId = unit.id;
    userId = user.id;
    subjectName = `${unit.name}${user.display_name}`;
  }

  // The basis, each part checked where it lives.
  const basis = input.basis;
  const lines: string[] = [];
  if (basis.roundId !== undefined && basis.figureKey !== undefined) {
    const round = await roundAsBasis(deps.db, enterprise.id, basis.roundId);
    if (round === undefined) throw invalid(['basis', 'roundId'], 'no such appraisal round');
    if (!round.keys.includes(basis.figureKey))
      throw invalid(['basis', 'figureKey'], 'the round did not score this indicator');
    lines.push(
      format(L.document.basisRound, {
        name: round.name,
        period: round.period,
        figure: zhCN.figures.keys[basis.figureKey],
      }),
    );
  }
  let petitionId = basis.petitionId;
  if (petitionId === undefined && basis.caseNumber !== undefined) {
    const found = await findPetitionByCaseNumber(deps.db, basis.caseNumber);
    if (found === undefined) throw invalid(['basis', 'caseNumber'], 'no such case in your reach');
    petitionId = found.id;
  }
  if (petitionId !== undefined) {
    const caseId = petitionId;
    const readable = await loadReadable(deps, actor, caseId).then(
      () => true,
      () => false,
    );
    // An unreadable case is answered like a missing one: its existence is not confirmed (recusal, 第30条).
    if (!readable)
      throw invalid(
        ['basis', basis.petitionId === undefined ? 'caseNumber' : 'petitionId'],
        'no such case in your reach',
      );
    lines.push(L.document.basisPetition);
  }
  if (basis.incidentId !== undefined) {
    const incident = await findIncident(deps.db, basis.incidentId);
    if (incident === undefined || !incident.unit_path.startsWith(actor.unitPath))
      throw invalid(['basis', 'incidentId'], 'no such incident in your reach');
    lines.push(format(L.document.basisIncident, { title: incident.title }));
  }

  const decidingUnit = (await findUnitById(deps.db, actor.unitId))?.name ?? '';
  const id = deps.ids.next();
  await deps.db.transaction().execute(async (trx) => {
    const document = await createRecordDocument(deps, trx, 'accountability_decision', {
      measureLabel: L.kinds[input.kind],
      subjectName,
      basisLine: format(L.document.basisLine, { basis: lines.join('、') }),
      facts: input.facts,
      decision: input.decision,
      rectifyLine:
        input.rectifyDueDate === undefined
          ? ''
          : format(L.document.rectifyLine, { date: chineseDate(input.rectifyDueDate), unit: decidingUnit }),
      decidingUnit,
      issuingUnit: decidingUnit,
    });
    const row: AccountabilityRecordTable = {
      id,
      enterprise_id: enterprise.id,
      kind: input.kind,
      subject_unit_id: unitId,
      subject_user_id: userId,
      basis_round_id: basis.roundId ?? null,
      basis_figure_key: basis.figureKey ?? null,
      basis_petition_id: petitionId ?? null,
      basis_incident_id: basis.incidentId ?? null,
      facts: input.facts,
      decision: input.decision,
      document_number: document.number,
      document_json: JSON.stringify(document.content),
      template_version: document.templateVersion,
      rectify_due: input.rectifyDueDate ?? null,
      rectified_at: null,
      rectified_by: null,
      rectify_note: null,
      decided_by: actor.id,
      decided_unit_id: actor.unitId,
      decided_at: now,
      version: 1,
    };
    await repo.insertRecord(trx, row);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'accountability.record',
      entityType: 'accountability_record',
      entityId: id,
      after: {
        kind: input.kind,
        subject: input.subject,
        basis,
        documentNumber: document.number,
        rectifyDueDate: input.rectifyDueDate ?? null,
      },
    });
    await notify(trx, deps, {
      kind: 'accountability_recorded',
      recipients: await subjectPeople({ ...deps, db: trx }, row),
      data: { title: `${document.content.title} ${document.number}`, unitName: subjectName },
      dedupeKey: `accountability:${id}`,
    });
  });
  return getMeasure(deps, actor, id);
}

async function loadVisible(deps: AccountabilityDeps, actor: Actor, id: string): Promise<RecordRow> {
  const row = await repo.findRecord(deps.db, id);
  if (row === undefined || row.enterprise_id !== enterpriseOf(actor).id || !mayRead(actor, row)) throw notFound();
  return row;
}

/** @throws NOT_FOUND (missing or out of the viewer's reach) */
export async function getMeasure(deps: AccountabilityDeps, actor: Actor, id: string): Promise<AccountabilityView> {
  return viewOf(deps, actor, await loadVisible(deps, actor, id));
}

/** The decision document as issued (frozen content), for whoever may read the record. @throws NOT_FOUND */
export async function measureDocument(deps: AccountabilityDeps, actor: Actor, id: string): Promise<DocumentContent> {
  const row = await loadVisible(deps, actor, id);
  return JSON.parse(row.document_json) as DocumentContent;
}

/**
 * The records a viewer may read: his own as a person measured (any role: `userId` his own id), else
 * those of the units in his reach — a unit's (`unitId`), a person's (`userId`), the overdue ones.
 * @throws FORBIDDEN (no reach and not his own records)
 */
export async function listMeasures(deps: AccountabilityDeps, actor: Actor, raw: AccountabilityListQuery) {
  const query = AccountabilityListQuerySchema.parse(raw);
  const own = query.userId === actor.id;
  if (!own && !hasAction(actor.role, 'accountability.read'))
    throw new DomainError('FORBIDDEN', { message: 'No access to rewards and penalties' });
  const today = localDateOf(deps.clock.now().toISOString());
  const rows = await repo.listRecords(deps.db, {
    enterpriseId: enterpriseOf(actor).id,
    underPath: own || actor.role === 'auditor' ? undefined : actor.unitPath,
    unitId: query.unitId,
    userId: query.userId,
    overdueBefore: query.overdue === 'true' ? today : undefined,
    limit: 200,
  });
  const items = [];
  for (const row of rows.filter((r) => mayRead(actor, r))) items.push(await viewOf(deps, actor, row));
  return { items };
}

/**
 * 整改 reported done with what was done, by the unit measured (or the person). Done late is recorded as
 * such. @throws ACCOUNTABILITY_STATE_ILLEGAL (no deadline on the measure, or done already), FORBIDDEN,
 *   NOT_FOUND
 */
export async function reportRectified(deps: AccountabilityDeps, actor: Actor, id: string, raw: unknown) {
  const input = RectifyInputSchema.parse(raw);
  const row = await loadVisible(deps, actor, id);
  if (!mayRectify(actor, row))
    throw new DomainError('FORBIDDEN', { message: 'The unit or person measured reports the rectification' });
  if (row.rectify_due === null || row.rectified_at !== null)
    throw new DomainError('ACCOUNTABILITY_STATE_ILLEGAL', {
      message: row.rectify_due === null ? 'This measure sets no rectification' : 'Reported done already',
    });
  await deps.db.transaction().execute(async (trx) => {
    const at = deps.clock.now().toISOString();
    if (
      !(await repo.updateRecord(trx, id, row.version, {
        rectified_at: at,
        rectified_by: actor.id,
        rectify_note: input.note,
      }))
    )
      throw new DomainError('ACCOUNTABILITY_STATE_ILLEGAL', { message: 'Changed meanwhile: reload' });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'accountability.rectify',
      entityType: 'accountability_record',
      entityId: id,
      after: { note: input.note, dueDate: row.rectify_due, onTime: localDateOf(at) <= (row.rectify_due ?? '') },
    });
  });
  return getMeasure(deps, actor, id);
}

/**
 * The periodic chase (server/main.ts): every 整改 past its deadline and not reported done tells the unit
 * measured (its leaders, or the person) and the decider, once per record and deadline (dedupe key).
 */
export async function chaseRectifications(deps: AccountabilityDeps): Promise<{ overdue: number; told: number }> {
  const today = localDateOf(deps.clock.now().toISOString());
  const rows = await repo.overdueRectifications(deps.db, today);
  let told = 0;
  for (const row of rows) {
    const recipients = [...(await subjectPeople(deps, row)), row.decided_by];
    const document = JSON.parse(row.document_json) as DocumentContent;
    const sent = await deps.db.transaction().execute((trx) =>
      notify(trx, deps, {
        kind: 'rectification_overdue',
        recipients,
        data: {
          title: `${document.title} ${row.document_number}`,
          unitName: row.person_name === null ? row.subject_unit_name : `${row.subject_unit_name}${row.person_name}`,
          date: row.rectify_due ?? '',
        },
        dedupeKey: `rectification-overdue:${row.id}:${row.rectify_due ?? ''}`,
      }),
    );
    told += sent.length;
  }
  return { overdue: rows.length, told };
}

/**
 * The measures decided in a period for the units under `unitPath` (the annual report, 第41条): kind,
 * subject, document number, 整改 status. Counts and names only — never a case's details.
 */
export async function measuresForReport(
  deps: Pick<AccountabilityDeps, 'db' | 'clock'>,
  unitPath: string,
  fromInstant: string,
  toInstant: string,
) {
  const today = localDateOf(deps.clock.now().toISOString());
  const rows = await repo.recordsDecidedUnder(deps.db, unitPath, fromInstant, toInstant);
  return rows.map((r) => ({
    kind: r.kind,
    subject: r.person_name === null ? r.subject_unit_name : `${r.subject_unit_name}${r.person_name}`,
    documentNumber: r.document_number,
    decidedOn: localDateOf(r.decided_at),
    rectification: rectificationOf(r, today),
  }));
}
