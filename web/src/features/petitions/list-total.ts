import { format, type Catalog, type Locale } from '../../../../common/i18n/index.ts';
import type { PetitionListView } from '../../../../common/schemas/petition.ts';

/**
 * The list's total as a sentence: "共 1,234 件"; "超过 10,000 件" when the server stopped counting at
 * its cap (PETITION_LIST_TOTAL_CAP); "2,000 件（检索已截断）" when a search read only its first hits
 * (PETITION_SEARCH_HIT_CAP) — a number the server does not know is never shown as exact.
 */
export function listTotalText(
  t: Catalog,
  locale: Locale,
  view: Pick<PetitionListView, 'totalCapped' | 'searchLimited'>,
  total: number,
): string {
  const template = view.totalCapped
    ? t.petitions.totalCapped
    : view.searchLimited
      ? t.petitions.totalSearchLimited
      : t.petitions.total;
  return format(template, { total: total.toLocaleString(locale) });
}
