/**
 * Full-text search of petitions (issue #6): the text of a case — title, body, notes, replies,
 * opinions, agreements — is kept as character bigrams in `petition_search` (FTS5 on SQLite, a GIN
 * tsvector on PostgreSQL, migration 011) in the transaction of every event; a query becomes the
 * matching phrase query and narrows the same scoped list query, so a search never returns what the
 * viewer may not see. Results keep the list's order (newest or due first): ranking a common term
 * over the whole table would score every hit (DESIGN.md "The text engine").
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Dialect } from '../../../common/schemas/health.ts';
import { insertRows } from '../../db/bulk-insert.ts';
import type { DB } from '../../db/schema.ts';
import { indexableBigrams, parseSearchQuery, segmentWords, toFts5Query, toTsQuery } from '../../text/segment.ts';
import { normaliseText } from '../../text/normalise.ts';

/** Event data fields that carry the case's words (never ids, codes or dates). */
export const TEXT_FIELDS = [
  'text',
  'note',
  'reason',
  'request',
  'factsAndReasons',
  'opinion',
  'legalBasis',
  'agreement',
  'comment',
  'authority',
] as const;

export function searchTextOf(
  petition: { title: string; body: string },
  events: readonly { data_json: string }[],
): string {
  const parts = [petition.title, petition.body];
  for (const event of events) {
    const data = JSON.parse(event.data_json) as Record<string, unknown>;
    for (const field of TEXT_FIELDS) {
      const value = data[field];
      if (typeof value === 'string' && value !== '') parts.push(value);
    }
  }
  return parts.join('\n');
}

/**
 * The search rows of new petitions, many per statement (registration and the import). On PostgreSQL
 * each carries its petition's instant of receipt (migration 2026-12-08-330): the newest hits first.
 */
export async function insertSearchTexts(
  trx: Kysely<DB>,
  dialect: Dialect,
  rows: readonly { petitionId: string; text: string; receivedAt: string }[],
): Promise<void> {
  await insertRows(
    trx,
    'petition_search',
    rows.map((r) => ({
      petition_id: r.petitionId,
      content: indexableBigrams(r.text),
      ...(dialect === 'postgres' ? { received_at: r.receivedAt } : {}),
    })),
  );
}

export async function writeSearchText(
  trx: Kysely<DB>,
  dialect: Dialect,
  petitionId: string,
  text: string,
): Promise<void> {
  const content = indexableBigrams(text);
  if (dialect === 'sqlite') {
    await trx.deleteFrom('petition_search').where('petition_id', '=', petitionId).execute();
    await trx.insertInto('petition_search').values({ petition_id: petitionId, content }).execute();
    return;
  }
  // A case's row is written at its registration; should it be missing, its instant of receipt is its petition's.
  await trx
    .insertInto('petition_search')
    .values({
      petition_id: petitionId,
      content,
      received_at: sql<string>`(select received_at from petition where id = ${petitionId})`,
    })
    .onConflict((oc) => oc.column('petition_id').doUpdateSet({ content }))
    .execute();
}

/**
 * A predicate `petition.id IN (matching ids)` for a user's query, or null when the query has no
 * searchable term (then the list is not narrowed). Terms are letters and digits only: no injection.
 */
export function searchPredicate(dialect: Dialect, query: string): RawBuilder<boolean> | null {
  if (dialect === 'sqlite') {
    const match = toFts5Query(query);
    return match === null
      ? null
      : sql<boolean>`petition.id in (select petition_id from petition_search where petition_search match ${match})`;
  }
  const tsquery = toTsQuery(query);
  return tsquery === null
    ? null
    : sql<boolean>`petition.id in (select petition_id from petition_search where tsv @@ to_tsquery('simple', ${tsquery}))`;
}

/**
 * The petitions matching a user's query, newest first, at most `limit` (the petition list's search,
 * issue #20): a common term over a million petitions matches a hundred thousand, and reading every hit
 * to order and count them cost the list 1.9 s. SQLite gives the most recently indexed first (FTS5
 * walks its rowids backwards: a case re-indexed at each event comes back to the front). PostgreSQL's
 * GIN index yields its hits in the table's order, the oldest first: the newest received are asked for
 * span by span (`now` the instant they count back from). Null when the query has no searchable term.
 */
export async function searchHits(
  db: Kysely<DB>,
  dialect: Dialect,
  query: string,
  limit: number,
  now: Date,
): Promise<string[] | null> {
  if (dialect === 'sqlite') {
    const match = toFts5Query(query);
    if (match === null) return null;
    const rows = await sql<{
      petition_id: string;
    }>`select petition_id from petition_search where petition_search match ${match} order by rowid desc limit ${limit}`.execute(
      db,
    );
    return rows.rows.map((r) => r.petition_id);
  }
  const tsquery = toTsQuery(query);
  if (tsquery === null) return null;
  // The last month first, then wider spans only while the hits are too few: the index hands over the
  // hits of the span alone, so a common word reads a month's hits, a rare one the few it has.
  let rows: { petition_id: string }[] = [];
  for (const days of [...SEARCH_SPAN_DAYS, null]) {
    // By the day of receipt (UTC, as stored), as the index holds it: a span a little wider than asked.
    const since = days === null ? null : new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
    const span = since === null ? sql`` : sql`and substr(received_at, 1, 10) >= ${since}`;
    rows = (
      await sql<{ petition_id: string }>`select petition_id from petition_search
        where tsv @@ to_tsquery('simple', ${tsquery}) ${span}
        order by received_at desc, petition_id desc limit ${limit}`.execute(db)
    ).rows;
    if (rows.length >= limit) break;
  }
  return rows.map((r) => r.petition_id);
}

/** The spans, in days back from now, a PostgreSQL search widens through before it reads every hit. */
const SEARCH_SPAN_DAYS = [31, 183, 731];

/**
 * `petition.id` among the hits `searchHits` read (at most PETITION_SEARCH_HIT_CAP): on PostgreSQL one
 * array parameter, which it binds and plans in a third of the time of two thousand (issue #20).
 */
export function amongHits(dialect: Dialect, ids: readonly string[]): RawBuilder<boolean> {
  if (ids.length === 0) return sql<boolean>`1 = 0`;
  return dialect === 'postgres'
    ? sql<boolean>`petition.id = any(${[...ids]}::varchar[])`
    : sql<boolean>`petition.id in (${sql.join(ids)})`;
}

export type SearchHighlight = { field: 'title' | 'body'; text: string; ranges: [number, number][] };

/** Each character folded as the index folds it (width, case, traditional), keeping positions. */
function foldKeepingPositions(text: string): string {
  let out = '';
  for (const ch of text) {
    const folded = normaliseText(ch);
    out += folded.length === ch.length ? folded : ch;
  }
  return out;
}

/**
 * Where the query's terms appear in a row's title (else its body), as the title or a short excerpt
 * of the body with the ranges to mark. Matching folds width, case and traditional characters the
 * way the index does; the text shown is the original.
 */
export function highlightOf(row: { title: string; body: string }, query: string, radius = 40): SearchHighlight | null {
  const terms = parseSearchQuery(query)
    .map((p) =>
      p.tokens.length === 1
        ? (p.tokens[0] ?? '')
        : p.tokens.map((t, i) => (i === 0 ? t : Array.from(t).slice(-1).join(''))).join(''),
    )
    .filter((term) => term !== '');
  for (const field of ['title', 'body'] as const) {
    const original = row[field];
    const folded = foldKeepingPositions(original);
    const ranges: [number, number][] = [];
    for (const term of terms) {
      let from = folded.indexOf(term);
      while (from >= 0 && ranges.length < 20) {
        ranges.push([from, from + term.length]);
        from = folded.indexOf(term, from + term.length);
      }
    }
    if (ranges.length === 0) continue;
    ranges.sort((a, b) => a[0] - b[0]);
    if (field === 'title') return { field, text: original, ranges };
    const first = ranges[0]?.[0] ?? 0;
    const start = Math.max(0, first - radius);
    const end = Math.min(original.length, first + radius * 2);
    const lead = start > 0 ? '…' : '';
    const excerpt = `${lead}${original.slice(start, end)}${end < original.length ? '…' : ''}`;
    const shift = start - lead.length;
    return {
      field,
      text: excerpt,
      ranges: ranges.filter(([a, b]) => a >= start && b <= end).map(([a, b]) => [a - shift, b - shift]),
    };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The knowledge base's articles (issue #17): a sibling table in the same engine, one row per
// article version, so a superseded text is still found for a document of its time.

/** The search row of an article version: its document's title, its number and its text. */
export async function writeKnowledgeSearchText(
  trx: Kysely<DB>,
  dialect: Dialect,
  versionId: string,
  text: string,
): Promise<void> {
  const content = indexableBigrams(text);
  if (dialect === 'sqlite') {
    await trx.deleteFrom('knowledge_search').where('version_id', '=', versionId).execute();
    await trx.insertInto('knowledge_search').values({ version_id: versionId, content }).execute();
    return;
  }
  await trx
    .insertInto('knowledge_search')
    .values({ version_id: versionId, content })
    .onConflict((oc) => oc.column('version_id').doUpdateSet({ content }))
    .execute();
}

/**
 * A predicate `<column> IN (matching version ids)` for a query over the article versions, or null when
 * the query has no searchable term. `all`: every term (the search box); `any`: one term or more (the
 * words of a case, for suggestions). Terms are letters and digits only: no injection.
 */
export function knowledgeSearchPredicate(
  dialect: Dialect,
  query: string,
  column: 'knowledge_article_version.id',
  mode: 'all' | 'any' = 'all',
): RawBuilder<boolean> | null {
  const ref = sql.ref(column);
  if (dialect === 'sqlite') {
    const match = toFts5Query(query, mode);
    return match === null
      ? null
      : sql<boolean>`${ref} in (select version_id from knowledge_search where knowledge_search match ${match})`;
  }
  const tsquery = toTsQuery(query, mode);
  return tsquery === null
    ? null
    : sql<boolean>`${ref} in (select version_id from knowledge_search where tsv @@ to_tsquery('simple', ${tsquery}))`;
}

/**
 * The words that say what a case is about, for suggesting articles: jieba words of two characters or
 * more without the stop list, the title's counted twice (as the classifier does), most frequent first,
 * ties by first appearance.
 */
export function salientWords(title: string, body: string, limit = 12): string[] {
  const counts = new Map<string, number>();
  for (const word of segmentWords(title, { minLength: 2 })) counts.set(word, (counts.get(word) ?? 0) + 2);
  for (const word of segmentWords(body, { minLength: 2 })) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([word]) => !/^\d+$/.test(word))
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([word]) => word);
}
