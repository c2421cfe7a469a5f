/** Every query of the mediation module: matters, their petitions, meetings and obligations; the figures. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export async function insertMatter(db: Kysely<DB>, row: DB['mediation_matter']): Promise<void> {
  await db.insertInto('mediation_matter').values(row).execute();
}

export async function findMatter(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('mediation_matter as m')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .leftJoin('partner_organisation as o', 'o.id', 'm.organisation_id')
    .selectAll('m')
    .select(['u.path as unit_path', 'u.name as unit_name', 'o.name as organisation_name'])
    .where('m.id', '=', id)
    .executeTakeFirst();
}
export type MatterRow = NonNullable<Awaited<ReturnType<typeof findMatter>>>;

/** The matters kept by units of the subtree `path`, newest first, with their counts. */
export async function mattersUnder(
  db: Kysely<DB>,
  path: string,
  within: { unitPath?: string | undefined; signedFrom?: string | undefined; signedTo?: string | undefined } = {},
) {
  let query = db
    .selectFrom('mediation_matter as m')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .leftJoin('partner_organisation as o', 'o.id', 'm.organisation_id')
    .selectAll('m')
    .select([
      'o.name as organisation_name',
      sql<number | string>`(select count(*) from mediation_matter_petition p where p.matter_id = m.id)`.as(
        'petition_count',
      ),
      sql<
        number | string
      >`(select count(*) from mediation_obligation b where b.matter_id = m.id and b.fulfilled_on is null)`.as(
        'obligations_open',
      ),
    ])
    .where('u.path', 'like', `${path}%`);
  // A figure's unit, and the local dates its agreement was signed on, as well as the reader's subtree.
  if (within.unitPath !== undefined) query = query.where('u.path', 'like', `${within.unitPath}%`);
  if (within.signedFrom !== undefined) query = query.where('m.agreement_signed_on', '>=', within.signedFrom);
  if (within.signedTo !== undefined) query = query.where('m.agreement_signed_on', '<=', within.signedTo);
  return query.orderBy('m.created_at', 'desc').limit(200).execute();
}

/** Link petitions not linked yet. @returns the ids newly linked */
export async function linkPetitions(db: Kysely<DB>, matterId: string, petitionIds: readonly string[]) {
  if (petitionIds.length === 0) return [];
  const have = new Set(
    (
      await db
        .selectFrom('mediation_matter_petition')
        .select('petition_id')
        .where('matter_id', '=', matterId)
        .where('petition_id', 'in', [...petitionIds])
        .execute()
    ).map((r) => r.petition_id),
  );
  const added = [...new Set(petitionIds)].filter((id) => !have.has(id));
  if (added.length > 0)
    await db
      .insertInto('mediation_matter_petition')
      .values(added.map((petition_id) => ({ matter_id: matterId, petition_id })))
      .execute();
  return added;
}

export async function matterPetitions(db: Kysely<DB>, matterId: string) {
  return db
    .selectFrom('mediation_matter_petition as mp')
    .innerJoin('petition as p', 'p.id', 'mp.petition_id')
    .select(['p.id', 'p.case_number', 'p.title', 'p.state'])
    .where('mp.matter_id', '=', matterId)
    .orderBy('p.case_number')
    .execute();
}

export async function insertMeeting(db: Kysely<DB>, row: DB['mediation_meeting']): Promise<void> {
  await db.insertInto('mediation_meeting').values(row).execute();
}

export async function meetingsOf(db: Kysely<DB>, matterId: string) {
  return db.selectFrom('mediation_meeting').selectAll().where('matter_id', '=', matterId).orderBy('held_at').execute();
}

export async function setAgreement(
  db: Kysely<DB>,
  matterId: string,
  agreement: { text: string; signedOn: string },
  obligations: readonly DB['mediation_obligation'][],
): Promise<boolean> {
  const r = await db
    .updateTable('mediation_matter')
    .set({ agreement_text: agreement.text, agreement_signed_on: agreement.signedOn })
    .where('id', '=', matterId)
    .where('agreement_text', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return false;
  await db
    .insertInto('mediation_obligation')
    .values([...obligations])
    .execute();
  return true;
}

export async function obligationsOf(db: Kysely<DB>, matterId: string) {
  return db.selectFrom('mediation_obligation').selectAll().where('matter_id', '=', matterId).orderBy('seq').execute();
}

/** Mark an open obligation fulfilled. @returns false when it was already fulfilled (or is not of the matter) */
export async function fulfilObligation(
  db: Kysely<DB>,
  matterId: string,
  id: string,
  patch: { fulfilled_on: string; evidence: string; fulfilled_by: string },
): Promise<boolean> {
  const r = await db
    .updateTable('mediation_obligation')
    .set(patch)
    .where('id', '=', id)
    .where('matter_id', '=', matterId)
    .where('fulfilled_on', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Close an open matter. @returns false when it was closed meanwhile */
export async function closeMatter(db: Kysely<DB>, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('mediation_matter')
    .set({ state: 'closed', closed_at: at })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// ---------------------------------------------------------------------------------------------
// Figures

/** Agreements signed within [from, to] (local dates), by the path of the matter's unit. */
export async function agreementsSignedByPath(db: Kysely<DB>, from: string, to: string) {
  return db
    .selectFrom('mediation_matter as m')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .select(['u.path', sql<number | string>`count(*)`.as('n')])
    .where('m.agreement_signed_on', '>=', from)
    .where('m.agreement_signed_on', '<=', to)
    .groupBy('u.path')
    .execute();
}

/**
 * Obligations due within [from, to] (local dates) whose deadline has come (`today` or earlier) or that
 * were met already, by
 * the path of the matter's unit: how many, and how many were fulfilled by their deadline.
 */
export async function obligationsDueByPath(db: Kysely<DB>, from: string, to: string, today: string) {
  return db
    .selectFrom('mediation_obligation as b')
    .innerJoin('mediation_matter as m', 'm.id', 'b.matter_id')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .select([
      'u.path',
      sql<number | string>`count(*)`.as('due'),
      sql<
        number | string
      >`sum(case when b.fulfilled_on is not null and b.fulfilled_on <= b.due_on then 1 else 0 end)`.as('met'),
    ])
    .where('b.due_on', '>=', from)
    .where('b.due_on', '<=', to)
    .where((eb) => eb.or([eb('b.due_on', '<=', today), eb('b.fulfilled_on', 'is not', null)]))
    .groupBy('u.path')
    .execute();
}
