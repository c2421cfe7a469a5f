/**
 * The petition list's filters and page live in the address (`/petitions?state=accepted&page=3`), so
 * a list can be shared as a link, the back button returns to the previous filters, and the
 * dashboard's drill-down (the same keys: common/schemas/dashboard.ts DrillDownSchema) opens it.
 */
import { z } from 'zod';
import { PetitionListQuerySchema, PetitionStateSchema } from '../../../../common/schemas/petition.ts';
import type { PetitionFilter } from '../../api/petition.ts';
import { parseSearch, searchOf } from '../../app/url-filters.ts';

/** The list as it opens with nothing in the address. */
export const DEFAULT_PAGE = { page: 1, pageSize: 20, sort: 'received_desc' } as const;

/** The page sizes offered; a page size outside them in an address is ignored. */
export const PAGE_SIZES = [20, 50, 100] as const;

const query = PetitionListQuerySchema.shape;
const True = z.literal('true');

/** One schema per key; each key is read on its own, so one bad value drops only itself. */
const KEYS = {
  state: PetitionStateSchema,
  open: True,
  unitId: query.unitId.unwrap(),
  categoryCode: query.categoryCode.unwrap().min(1),
  channel: query.channel.unwrap(),
  type: query.type.unwrap(),
  flag: query.flag.unwrap(),
  ownerId: query.ownerId.unwrap(),
  overdue: True,
  acceptance: query.acceptance.unwrap(),
  conclusion: query.conclusion.unwrap(),
  referral: query.referral.unwrap(),
  referralDueFrom: query.referralDueFrom.unwrap(),
  referralDueTo: query.referralDueTo.unwrap(),
  acceptanceDueFrom: query.acceptanceDueFrom.unwrap(),
  acceptanceDueTo: query.acceptanceDueTo.unwrap(),
  conclusionDueFrom: query.conclusionDueFrom.unwrap(),
  conclusionDueTo: query.conclusionDueTo.unwrap(),
  ownership: query.ownership.unwrap(),
  ownershipDueFrom: query.ownershipDueFrom.unwrap(),
  ownershipDueTo: query.ownershipDueTo.unwrap(),
  review: query.review.unwrap(),
  reviewFrom: query.reviewFrom.unwrap(),
  reviewTo: query.reviewTo.unwrap(),
  evaluation: query.evaluation.unwrap(),
  receivedFrom: query.receivedFrom.unwrap(),
  receivedTo: query.receivedTo.unwrap(),
  q: query.q.unwrap().min(1),
  page: z.coerce.number().int().min(2).max(100_000),
  pageSize: z.coerce
    .number()
    .int()
    .refine((size) => PAGE_SIZES.some((allowed) => allowed === size)),
  sort: z.literal('due_asc'),
} satisfies Record<keyof PetitionFilter, z.ZodType>;

type Key = keyof typeof KEYS;
const ORDER = Object.keys(KEYS) as Key[];

/** The filter an address describes: unknown keys and invalid values are ignored, defaults fill the rest. */
export function filterFromSearch(params: URLSearchParams): PetitionFilter {
  const filter: PetitionFilter = { ...DEFAULT_PAGE };
  const found: Record<string, unknown> = parseSearch(KEYS, params);
  // Only one of a pair of dates is no range: the list filters by both or neither.
  if (found.receivedFrom === undefined || found.receivedTo === undefined) {
    delete found.receivedFrom;
    delete found.receivedTo;
  }
  return { ...filter, ...(found as Partial<PetitionFilter>) };
}

/** The address of a filter: empty values and defaults are left out, keys in a fixed order. */
export function searchOfFilter(filter: PetitionFilter): URLSearchParams {
  // Defaults stay out of the address.
  const shown = Object.fromEntries(
    ORDER.filter((key) => !(key in DEFAULT_PAGE && DEFAULT_PAGE[key as keyof typeof DEFAULT_PAGE] === filter[key])).map(
      (key) => [key, filter[key]],
    ),
  );
  return searchOf(ORDER, shown);
}
