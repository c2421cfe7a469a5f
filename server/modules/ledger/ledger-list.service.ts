/**
 * The petition list (台账): one page of the petitions a viewer may see, filtered — and the same
 * filter for the ledger export and the dashboard (`scopedPetitions`), so they show the same petitions.
 */
import { isOffice, PERSONAL_SCOPE_ROLES, type Actor } from '../../../common/domain/access.ts';
import type { Role } from '../../../common/schemas/user.ts';
import { addCalendarDays, localDateOf, localDayStartUtc } from '../../../common/domain/calendar.ts';
import { isOpen, PETITION_STATES, type PetitionState } from '../../../common/domain/petition-state.ts';
import {
  PETITION_SEARCH_HIT_CAP,
  PetitionListQuerySchema,
  type PetitionListQuery,
  type PetitionListView,
} from '../../../common/schemas/petition.ts';
import type { z } from 'zod';
import type { ServiceDeps } from '../../platform/deps.ts';
import { summaryOf, type PetitionDeps } from '../petition/index.ts';
import { amongHits, highlightOf, searchHits, searchPredicate } from '../text/index.ts';
import { findUnitById, isRootPath } from '../unit/index.ts';
import { filteredPetitions, listPetitions as listPetitionRows, type PetitionFilter } from './ledger-list.repository.ts';

const PETITION_STATES_OPEN: PetitionState[] = PETITION_STATES.filter(isOpen);

/**
 * The repository filter of the petition list for `actor`: scope, recusal and the query's filters.
 * The list page, the ledger export and the dashboard all use it, so they show the same petitions.
 */
export async function petitionFilterOf(
  deps: Pick<ServiceDeps, 'db' | 'clock' | 'dialect'>,
  actor: Actor,
  query: z.output<typeof PetitionListQuerySchema>,
): Promise<PetitionFilter> {
  const today = localDateOf(deps.clock.now().toISOString());
  const office = isOffice(actor.role);
  const states = query.state === undefined ? undefined : Array.isArray(query.state) ? query.state : [query.state];
  let unitPath: string | undefined;
  if (query.unitId !== undefined) {
    const unit = await findUnitById(deps.db, query.unitId);
    unitPath = unit?.path ?? '/none/';
  }
  const openStates = query.open === 'true' ? PETITION_STATES_OPEN : undefined;
  return {
    // An auditor, and an office at the enterprise root, cover every petition: no scope predicate,
    // so the newest-first page can walk the received_at index instead of sorting the whole scope.
    scopePath: actor.role === 'auditor' || (office && isRootPath(actor.unitPath)) ? null : actor.unitPath,
    personalUserId: actor.id,
    handlingOnly: !office,
    noScope: (PERSONAL_SCOPE_ROLES as readonly Role[]).includes(actor.role),
    viewerId: actor.id,
    now: deps.clock.now().toISOString(),
    states: states ?? openStates,
    unitPath,
    categoryCode: query.categoryCode,
    channel: query.channel,
    type: query.type,
    flag: query.flag,
    ownerId: query.ownerId,
    overdueBefore: query.overdue === 'true' ? today : undefined,
    acceptanceStatus: query.acceptance,
    conclusionStatus: query.conclusion,
    referralStatus: query.referral,
    ownershipStatus: query.ownership,
    acceptanceDue: { from: query.acceptanceDueFrom, to: query.acceptanceDueTo },
    conclusionDue: { from: query.conclusionDueFrom, to: query.conclusionDueTo },
    referralDue: { from: query.referralDueFrom, to: query.referralDueTo },
    ownershipDue: { from: query.ownershipDueFrom, to: query.ownershipDueTo },
    review:
      query.review === undefined
        ? undefined
        : {
            kind: query.review,
            fromInstant: query.reviewFrom === undefined ? undefined : localDayStartUtc(query.reviewFrom),
            toInstant: query.reviewTo === undefined ? undefined : localDayStartUtc(addCalendarDays(query.reviewTo, 1)),
          },
    today,
    receivedFrom: query.receivedFrom === undefined ? undefined : localDayStartUtc(query.receivedFrom),
    receivedToExclusive:
      query.receivedTo === undefined ? undefined : localDayStartUtc(addCalendarDays(query.receivedTo, 1)),
    evaluation: query.evaluation,
    search: query.q === undefined ? undefined : (searchPredicate(deps.dialect, query.q) ?? undefined),
  };
}

/**
 * The petitions `actor` may see under the list filters `query`, as a query to aggregate (the
 * dashboard): the very predicate of the list, so a figure's drill-down reproduces its count.
 */
export async function scopedPetitions(
  deps: Pick<ServiceDeps, 'db' | 'clock' | 'dialect'>,
  actor: Actor,
  query: PetitionListQuery,
) {
  return filteredPetitions(deps.db, await petitionFilterOf(deps, actor, PetitionListQuerySchema.parse(query)));
}

/** One page of the petitions `actor` may see, filtered. */
export async function listPetitions(
  deps: PetitionDeps,
  actor: Actor,
  rawQuery: PetitionListQuery,
): Promise<PetitionListView> {
  const query = PetitionListQuerySchema.parse(rawQuery);
  const filter = await petitionFilterOf(deps, actor, query);
  // The search narrows the list to the hits the index yields first, no more than the cap, so a common
  // word costs as much as a rare one (issue #20); the export and the dashboard keep the full predicate.
  let searchLimited = false;
  if (query.q !== undefined) {
    const hits = await searchHits(deps.db, deps.dialect, query.q, PETITION_SEARCH_HIT_CAP + 1, deps.clock.now());
    if (hits !== null) {
      searchLimited = hits.length > PETITION_SEARCH_HIT_CAP;
      filter.search = amongHits(deps.dialect, hits.slice(0, PETITION_SEARCH_HIT_CAP));
    }
  }
  const { rows, total, totalCapped } = await listPetitionRows(deps.db, {
    ...filter,
    sort: query.sort,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    items: rows.map((r) => ({
      ...summaryOf({ ...r, handling_name: r.handling_unit_name }),
      ...(query.q === undefined ? {} : { highlight: highlightOf(r, query.q) }),
    })),
    total,
    totalCapped,
    searchLimited,
    page: query.page,
    pageSize: query.pageSize,
  };
}
