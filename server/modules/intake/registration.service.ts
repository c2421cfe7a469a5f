/**
 * Registration (登记): the rules that turn an intake into a case, shared by the office's form and the
 * portal (the ledger import shares the engine's `createPetitions`) — references checked (each
 * unknown one refused naming its field), the receipt date checked against the clock, petitioners linked without ever overwriting a person
 * on file, group and repeat flags, a case number and a tracking code (only its hash is kept), the
 * time limits of the enterprise kept with the case, and the first event through the engine.
 */
import type { Kysely } from 'kysely';
import { can, type Actor } from '../../../common/domain/access.ts';
import { localDateOf } from '../../../common/domain/calendar.ts';
import { LEGAL_DATE_MESSAGES, legalDateProblem } from '../../../common/domain/legal-dates.ts';
import { resolutionOf } from '../../../common/domain/named-person.ts';
import { DomainError, type FieldIssue } from '../../../common/errors.ts';
import type { PetitionDetailView, ReferralInput, RegisterPetitionData } from '../../../common/schemas/petition.ts';
import { officeLevelPathAmong } from '../../../common/domain/unit-tree.ts';
import type { OfficeContact } from '../../../common/schemas/office.ts';
import type { DB } from '../../db/schema.ts';
import { plainTransactions, type TransactionRunner } from '../../db/group-commit.ts';
import { assertSelectableCategory } from '../category/index.ts';
import { resolvePetitioners, type PetitionerSource, latestPetitionOf } from '../petitioner/index.ts';
import { readSettings } from '../setting/index.ts';
import { findTextMatches } from '../text/index.ts';
import { ancestorIds, officeLevelPathOf, unitsByIds } from '../unit/index.ts';
import { usersByIds } from '../user/index.ts';
import { skipLevelOf } from './skip-level.ts';
import type { Deadline } from '../../../common/domain/deadlines.ts';
import {
  canRead,
  caseOf,
  casePeople,
  createPetitions,
  detailView,
  type CaseNotice,
  type CaseRow,
  type EventRow,
  type Loaded,
  type PetitionDeps,
  type PetitionerOnPage,
} from '../petition/index.ts';
import { hashTrackingCode, newTrackingCode } from './tracking-code.ts';
import { reserveCaseNumbers } from './case-number.repository.ts';

export type RegisterOptions = {
  /** The unit the petition is registered at; the registrar's unit by default (a portal filing: its QR code's unit). */
  registeredUnitId?: string | undefined;
  /** Who entered the petitioners: the office (trusted to correct a person) or the unauthenticated portal. */
  source?: PetitionerSource;
  /** People to tell that the case waits for them. */
  notices?: readonly CaseNotice[];
  /** Steps recorded with the registration (the files a portal filing brings: `attach`), in order. */
  moreEvents?: readonly { id: string; kind: string; data: Record<string, unknown>; internal: boolean }[];
};

export type Registered = {
  id: string;
  caseNumber: string;
  trackingCode: string;
  /** The registering office's address, phone and hours (setting `portal.office`), for the 回执. */
  office: OfficeContact | null;
  /** The case as its page shows it, from what registration has in hand (no second read). */
  loaded: Loaded;
  petitioners: PetitionerOnPage[];
  events: EventRow[];
  deadlines: Deadline[];
};

/** The registration's transaction: shared with those arriving together when the deps carry a group committer. */
export function transactionFor(deps: PetitionDeps): TransactionRunner {
  return deps.registrations ?? plainTransactions(deps.db);
}

function refused(issues: FieldIssue[]): DomainError {
  return new DomainError('VALIDATION_FAILED', {
    message: issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    details: { in: 'body', issues },
  });
}

/**
 * Every reference of an intake checked in two statements: units (involved, of the petitioners, of
 * the named persons, and the registering unit) and the accounts named. @throws VALIDATION_FAILED
 * naming each unknown reference
 */
async function checkReferences(trx: Kysely<DB>, actor: Actor, input: RegisterPetitionData, registeredUnitId: string) {
  // The registrar's own unit and those above it come along: the body the case is answered by
  // (its office level) is found among them without another statement.
  const unitIds = new Set<string>([registeredUnitId, ...ancestorIds(actor.unitPath), ...input.involvedUnitIds]);
  for (const p of input.petitioners) if (p.unitId !== undefined) unitIds.add(p.unitId);
  for (const n of input.namedPersons) if (n.unitId !== undefined) unitIds.add(n.unitId);
  const userIds = input.namedPersons.map((n) => n.userId).filter((id): id is string => id !== undefined);
  const [units, users] = await Promise.all([unitsByIds(trx, [...unitIds]), usersByIds(trx, userIds)]);
  const known = new Set(units.map((u) => u.id));
  const knownUsers = new Set(
    users.filter((u) => can(actor, 'namedPerson.match', { id: u.unit_id, path: u.unit_path })).map((u) => u.id),
  );
  const issues: FieldIssue[] = [];
  input.involvedUnitIds.forEach((id, i) => {
    if (!known.has(id)) issues.push({ path: ['involvedUnitIds', i], message: 'unknown unit' });
  });
  input.petitioners.forEach((p, i) => {
    if (p.unitId !== undefined && !known.has(p.unitId))
      issues.push({ path: ['petitioners', i, 'unitId'], message: 'unknown unit' });
  });
  input.namedPersons.forEach((n, i) => {
    if (n.unitId !== undefined && !known.has(n.unitId))
      issues.push({ path: ['namedPersons', i, 'unitId'], message: 'unknown unit' });
    // An account is confirmed only among those the office may be proposed (its own subtree); any
    // other is "unknown", so the answer says nothing about accounts elsewhere.
    if (n.userId !== undefined && !knownUsers.has(n.userId))
      issues.push({ path: ['namedPersons', i, 'userId'], message: 'unknown account' });
  });
  const registered = units.find((u) => u.id === registeredUnitId);
  if (registered === undefined) issues.push({ path: ['unitCode'], message: 'unknown unit' });
  if (issues.length > 0 || registered === undefined) throw refused(issues);
  // Only the registrar's own unit has its ancestors in hand (a portal filing names another unit).
  const officeLevelPath = registered.id === actor.unitId ? officeLevelPathAmong(units, registered.path) : null;
  return { ...registered, officeLevelPath };
}

/**
 * A matter sent down from above (上级转送/交办, 第22条): the date its body set for the report cannot
 * precede the matter's receipt. @throws VALIDATION_FAILED naming `referral.dueDate`
 */
function checkedReferral(input: RegisterPetitionData, receivedAt: string): ReferralInput | undefined {
  const referral = input.referral;
  if (referral?.dueDate !== undefined && referral.dueDate < localDateOf(receivedAt)) {
    throw refused([{ path: ['referral', 'dueDate'], message: 'must not be before the date received' }]);
  }
  return referral;
}

/**
 * Registration inside the caller's transaction (the portal adds the petitioner's files in the same
 * one). The caller has checked that `actor` may register.
 * @throws VALIDATION_FAILED (a reference, the category, or the receipt date), via the engine none else
 */
export async function registerInTransaction(
  deps: PetitionDeps,
  trx: Kysely<DB>,
  actor: Actor,
  input: RegisterPetitionData,
  options: RegisterOptions = {},
): Promise<Registered> {
  const now = deps.clock.now();
  const at = now.toISOString();
  if (input.receivedAt !== undefined) {
    const problem = legalDateProblem(input.receivedAt, now);
    if (problem !== null) throw refused([{ path: ['receivedAt'], message: LEGAL_DATE_MESSAGES[problem] }]);
  }
  const registered = await checkReferences(trx, actor, input, options.registeredUnitId ?? actor.unitId);
  // An unknown or inactive category (or one under an inactive top level) is refused, naming the field.
  const category = input.categoryCode === undefined ? null : await assertSelectableCategory(trx, input.categoryCode);
  const settings = await readSettings(trx, registered.path);
  const receivedAt = input.receivedAt === undefined ? at : new Date(input.receivedAt).toISOString();
  const referral = checkedReferral(input, receivedAt);
  // 越级 (第20条第1款) from the channel, the receiving level and the petitioners' units; the officer
  // may set it instead, and the difference is kept on the event and the audit row.
  const skipLevelDecided = await skipLevelOf(trx, input, registered);
  const skipLevel = input.skipLevel ?? skipLevelDecided;
  const id = deps.ids.next();
  const trackingCode = newTrackingCode();
  const headcount = Math.max(input.headcount, input.petitioners.length);

  // Petitioners: linked to a person on file only when the filing agrees with them; never overwritten.
  const people = await resolvePetitioners(trx, deps, input.petitioners, { source: options.source ?? 'office', at });
  const reused = people.filter((p) => p.created === null).map((p) => p.petitionerId);
  // 重复访 / 初信初访 by identity: the same person has petitioned before; else the same matter by text.
  const byIdentity = reused.length === 0 ? undefined : await latestPetitionOf(trx, reused);
  const textMatch =
    byIdentity === undefined ? (await findTextMatches(trx, input.title, input.body, { limit: 1 }))[0] : undefined;
  const earlier = byIdentity ?? (textMatch === undefined ? undefined : { id: textMatch.petitionId, state: null });

  const year = Number(localDateOf(receivedAt).slice(0, 4));
  const caseNumber = `XF${year}-${String(await reserveCaseNumbers(trx, year, 1)).padStart(6, '0')}`;
  const event = {
    id: deps.ids.next(),
    kind: 'register',
    at,
    actor_id: actor.id,
    from_state: null,
    to_state: 'registered' as const,
    data_json: JSON.stringify({
      channel: input.channel,
      // A match with a finalised case is flagged for "not accepted again" (第36条第3款); staff confirm.
      ...(earlier === undefined ? {} : { repeatOf: earlier.id, repeatOfFinal: earlier.state === 'final' }),
      ...(referral === undefined ? {} : { referral }),
      ...(skipLevel === skipLevelDecided ? {} : { skipLevelDecided, skipLevel }),
    }),
    internal: 0,
  };
  const more = (options.moreEvents ?? []).map((e) => ({
    id: e.id,
    kind: e.kind,
    at,
    actor_id: null,
    from_state: 'registered' as const,
    to_state: 'registered' as const,
    data_json: JSON.stringify(e.data),
    internal: e.internal ? 1 : 0,
  }));
  // 被反映人: confirmed to an account by the officer, confirmed to have none, or unresolved — then
  // every namesake in the unit named is recused until an officer resolves it (第28条, 第30条).
  const named = input.namedPersons.map((person) => ({
    id: deps.ids.next(),
    user_id: person.userId ?? null,
    name: person.name,
    unit_id: person.unitId ?? null,
    unit_text: person.unitId === undefined ? (person.unitText ?? null) : null,
    position: person.position ?? null,
    resolution: resolutionOf(person),
  }));
  const [created] = await createPetitions(
    trx,
    deps,
    [
      {
        row: {
          id,
          case_number: caseNumber,
          tracking_code_hash: hashTrackingCode(trackingCode),
          state: 'registered',
          channel: input.channel,
          type: input.type,
          purpose: input.purpose,
          category_code: input.categoryCode ?? null,
          title: input.title,
          body: input.body,
          received_at: receivedAt,
          registered_by: actor.id,
          registered_unit_id: registered.id,
          handling_unit_id: null,
          owner_id: null,
          owner_confirmed_at: null,
          handler_id: null,
          is_anonymous: input.anonymous ? 1 : 0,
          headcount,
          representative_count: input.petitioners.filter((p) => p.isRepresentative).length,
          is_group: headcount >= settings['petition.groupThreshold'] ? 1 : 0,
          is_skip_level: skipLevel ? 1 : 0,
          is_repeat: earlier === undefined ? 0 : 1,
          is_first: earlier === undefined ? 1 : 0,
          repeat_of_id: earlier?.id ?? null,
          reply_result: null,
          outcomes: null,
          satisfaction: null,
          supervision_level: null,
          // The time limits in force now stay with the case: a later change applies to new cases only.
          policy_json: JSON.stringify(settings['petition.deadlines']),
          created_at: at,
          updated_at: at,
        },
        petitioners: people.map((p, index) => ({
          petitionerId: p.petitionerId,
          isRepresentative: input.petitioners[index]?.isRepresentative === true,
        })),
        unitIds: input.involvedUnitIds,
        named,
        events: [event, ...more],
        audit: {
          actorId: actor.id,
          action: 'petition.register',
          entityType: 'petition',
          entityId: id,
          after: {
            state: 'registered',
            channel: input.channel,
            type: input.type,
            petitioners: people.length,
            headcount,
            skipLevel,
            ...(skipLevel === skipLevelDecided ? {} : { skipLevelDecided }),
            ...(referral === undefined
              ? {}
              : {
                  referral: { body: referral.body, documentNumber: referral.documentNumber, dueDate: referral.dueDate },
                }),
            ...(people.some((p) => p.sameAsId !== null) ? { identityToReconcile: true } : {}),
          },
        },
        ...(options.notices === undefined ? {} : { notices: options.notices }),
      },
    ],
    { registeredPath: registered.path, riskPolicy: settings['warning.policy'] },
  );
  if (created === undefined) throw new Error('registration wrote no row');
  // Its access facts: the people named in it (and, while unresolved, their namesakes) are recused.
  const around = named.length === 0 ? [] : await casePeople(trx, [id]);
  const petition: CaseRow = {
    ...created.row,
    registered_path: registered.path,
    registered_name: registered.name,
    handling_path: null,
    handling_name: null,
    review_path: null,
    handling_office_path: registered.officeLevelPath ?? (await officeLevelPathOf(trx, registered.path)),
    sender_path: null,
    reply_signer_id: null,
    review_decider_id: null,
    owner_name: null,
    category_name: category?.name ?? null,
    category_parent_name: category?.parentName ?? null,
  };
  return {
    id,
    caseNumber,
    trackingCode,
    // The registering office's address, phone and hours, for the visitor's 回执 (第18条第1款).
    office: settings['portal.office'],
    loaded: caseOf(petition, around),
    petitioners: people.map((p, index) => {
      const typed = input.petitioners[index];
      return {
        id: p.petitionerId,
        name: typed?.name ?? '',
        idNumber: typed?.idNumber ?? null,
        phone: typed?.phone ?? null,
        identity: typed?.identity ?? 'other',
        isRepresentative: typed?.isRepresentative === true,
      };
    }),
    events: [event, ...more].map((e, i) => ({ ...e, petition_id: id, seq: i + 1, actor_name: null })),
    deadlines: created.deadlines,
  };
}

/**
 * Register a petition (the office's form, a visit, a letter, a call).
 * @throws FORBIDDEN (not an office in scope), VALIDATION_FAILED (see `registerInTransaction`)
 */
export async function registerPetition(
  deps: PetitionDeps,
  actor: Actor,
  input: RegisterPetitionData,
): Promise<{ petition: PetitionDetailView; trackingCode: string; office: OfficeContact | null }> {
  if (!can(actor, 'petition.register', { id: actor.unitId, path: actor.unitPath })) {
    throw new DomainError('FORBIDDEN', { message: 'Only petition offices register petitions' });
  }
  const registered = await transactionFor(deps)((trx) => registerInTransaction(deps, trx, actor, input));
  if (!canRead(actor, registered.loaded.facts)) {
    // The registrar is named in it (or a namesake of an unresolved named person): registered, but not theirs to see.
    throw new DomainError('NOT_FOUND', { message: 'Petition not found', details: { petitionId: registered.id } });
  }
  const view = await detailView(deps, actor, registered.loaded, {
    events: registered.events,
    deadlines: registered.deadlines,
    petitioners: registered.petitioners,
  });
  return { petition: view, trackingCode: registered.trackingCode, office: registered.office };
}
