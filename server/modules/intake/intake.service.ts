/**
 * Intake at the window, on the phone and at the frontline (三级工作体系): registration as the person
 * receiving the matter meets it. The office registers and goes on working the case; a 区队长 or 班组长
 * registers what a worker brought him at his own unit, hands over the receipt (回执) and the office
 * above is told — the case is theirs to route, not his to follow (he reads what is handled in his
 * subtree, as before). Shared by the registration form, visits and calls.
 */
import type { Kysely } from 'kysely';
import { can, isOffice, OFFICE_ROLES, type Actor } from '../../../common/domain/access.ts';
import { DomainError } from '../../../common/errors.ts';
import type { ReceiptView } from '../../../common/schemas/intake.ts';
import type { OfficeContact } from '../../../common/schemas/office.ts';
import type { PetitionDetailView, RegisterPetitionData } from '../../../common/schemas/petition.ts';
import type { DB } from '../../db/schema.ts';
import { canRead, detailView, type CaseNotice, type PetitionDeps } from '../petition/index.ts';
import { ancestorIds, findUnitById } from '../unit/index.ts';
import { activePeopleAt } from '../user/index.ts';
import { registerInTransaction, transactionFor, type Registered } from './registration.service.ts';

/**
 * Who is told that a frontline head registered a case: the office (chief, deputy, officers) of the
 * nearest unit above his that has one — his mine's, usually. Nobody when the office registers.
 */
export async function noticesForRegistration(
  trx: Kysely<DB>,
  actor: Actor,
  unit: { path: string; name: string },
): Promise<CaseNotice[]> {
  if (isOffice(actor.role)) return [];
  const above = ancestorIds(unit.path).slice(0, -1);
  const office = await activePeopleAt(trx, above, OFFICE_ROLES);
  // The nearest level with an office: the deepest ancestor among the people found.
  const nearest = [...above].reverse().find((id) => office.some((person) => person.unit_id === id));
  const recipients = office.filter((person) => person.unit_id === nearest).map((person) => person.id);
  return recipients.length === 0 ? [] : [{ kind: 'case_registered_below', recipients, data: { unitName: unit.name } }];
}

/** The slip handed over: the case number, the tracking code of a new case, and whether the registrar may open it. */
export function receiptOf(
  registered: Pick<Registered, 'id' | 'caseNumber' | 'trackingCode' | 'loaded'>,
  actor: Actor,
): ReceiptView {
  const { petition } = registered.loaded;
  return {
    petitionId: registered.id,
    caseNumber: registered.caseNumber,
    trackingCode: registered.trackingCode,
    receivedAt: petition.received_at,
    unitName: petition.registered_name,
    readable: canRead(actor, registered.loaded.facts),
  };
}

/**
 * May `actor` register at this unit? Offices anywhere in their subtree, frontline heads at their own unit.
 * @throws FORBIDDEN
 */
export function assertMayRegister(actor: Actor, unit: { id: string; path: string }): void {
  if (!can(actor, 'petition.register', unit)) {
    throw new DomainError('FORBIDDEN', { message: 'Only petition offices and frontline heads register petitions' });
  }
}

/**
 * Register a petition from the registration form: the case as the registrar may see it (null when
 * it is not theirs to read) with its number and the tracking code.
 * @throws FORBIDDEN (may not register), VALIDATION_FAILED (see `registerInTransaction`)
 */
export async function registerAtIntake(
  deps: PetitionDeps,
  actor: Actor,
  input: RegisterPetitionData,
): Promise<{
  petition: PetitionDetailView | null;
  caseNumber: string;
  trackingCode: string;
  office: OfficeContact | null;
}> {
  assertMayRegister(actor, { id: actor.unitId, path: actor.unitPath });
  const registered = await transactionFor(deps)(async (trx) => {
    // The office registering tells nobody: its unit is not read for it (one statement fewer).
    const unit = isOffice(actor.role) ? undefined : await findUnitById(trx, actor.unitId);
    const notices = unit === undefined ? [] : await noticesForRegistration(trx, actor, unit);
    return registerInTransaction(deps, trx, actor, input, { notices });
  });
  const petition = canRead(actor, registered.loaded.facts)
    ? await detailView(deps, actor, registered.loaded, {
        events: registered.events,
        deadlines: registered.deadlines,
        petitioners: registered.petitioners,
      })
    : null;
  return {
    petition,
    caseNumber: registered.caseNumber,
    trackingCode: registered.trackingCode,
    office: registered.office,
  };
}
