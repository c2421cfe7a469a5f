/**
 * 法规政策库 (knowledge base, issue #17): the rules of article versions in force, pure so the server
 * and the action dialog agree.
 *
 * An article (条款) is the citable unit of a document; its text changes only by a new version with
 * the date it takes effect. Versions of one article follow each other without gaps or overlaps: a
 * new version ends the one before it on the day before it takes effect. An article is in force on a
 * date when one of its versions covers the date; a superseded version stays on file and stays
 * citable by a document dated inside its range (a 意见书 quotes the law as it stood when it was
 * signed, 《信访工作条例》第32条 "处理意见及其法律法规依据").
 */
import { addCalendarDays, type LocalDate } from './calendar.ts';

/** The range of a version: from its first day to its last day inclusive (null: open, still in force). */
export type VersionRange = { effectiveFrom: LocalDate; effectiveTo: LocalDate | null };

/** Whether a version's range covers `date` (dates compare as text: YYYY-MM-DD). */
export function inForceOn(version: VersionRange, date: LocalDate): boolean {
  return version.effectiveFrom <= date && (version.effectiveTo === null || version.effectiveTo >= date);
}

/** The version of an article in force on `date`, if any. */
export function versionInForce<V extends VersionRange>(versions: readonly V[], date: LocalDate): V | undefined {
  return versions.find((v) => inForceOn(v, date));
}

export type NewVersionProblem = 'not_after_latest' | 'ended';

/**
 * Whether a new version may take effect on `effectiveFrom` after `versions` (the article's history):
 * strictly after the latest version's first day (so the latest can be ended the day before), and only
 * while the article has not been repealed (its latest version ended with no successor).
 * @returns the problem, or null when the new version may follow
 */
export function newVersionProblem(
  versions: readonly VersionRange[],
  effectiveFrom: LocalDate,
): NewVersionProblem | null {
  const latest = latestVersion(versions);
  if (latest === undefined) return null;
  if (effectiveFrom <= latest.effectiveFrom) return 'not_after_latest';
  if (latest.effectiveTo !== null && latest.effectiveTo < addCalendarDays(effectiveFrom, -1)) return 'ended';
  return null;
}

/** The version that takes effect last. */
export function latestVersion<V extends VersionRange>(versions: readonly V[]): V | undefined {
  let latest: V | undefined;
  for (const v of versions) if (latest === undefined || v.effectiveFrom > latest.effectiveFrom) latest = v;
  return latest;
}

/** The last day of the version a new one replaces: the day before the new one takes effect. */
export function endOfReplaced(effectiveFrom: LocalDate): LocalDate {
  return addCalendarDays(effectiveFrom, -1);
}

/**
 * Whether an article tagged with `tags` (category codes: 01 or 0103) belongs to a case of category
 * `code`: a first-level tag covers its second-level categories. 0 = no, 1 = the first level, 2 = the
 * exact category (the suggestion ranks a closer tag higher).
 */
export function tagMatch(tags: readonly string[], code: string | null): 0 | 1 | 2 {
  if (code === null) return 0;
  if (tags.includes(code)) return 2;
  const parent = code.slice(0, 2);
  if (code.length === 4 && tags.includes(parent)) return 1;
  if (code.length === 2 && tags.some((t) => t.startsWith(code))) return 1;
  return 0;
}

/** How a cited article is quoted in a printed document: 《title》number：text. */
export function quoteArticle(a: { documentTitle: string; number: string; text: string }): string {
  const title = a.documentTitle.startsWith('《') ? a.documentTitle : `《${a.documentTitle}》`;
  return `${title}${a.number}：${a.text}`;
}
