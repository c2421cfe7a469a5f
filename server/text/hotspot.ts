/**
 * Hotspots (热点): groups of petitions about the same matter in a period, ranked.
 *
 * Each petition becomes a TF-IDF vector of its jieba keywords (title words counted four times, words of two
 * characters or more, stop words out, the 20 strongest kept). Pairs are found through an inverted
 * index over those keywords — keywords carried by more than `maxKeywordShare` of the petitions
 * (A市, 小区) open no pairs — and linked when their cosine reaches `similarity`. Clusters are the
 * connected components (single link), with a cap on how far a component may chain: a petition
 * joins only when it is similar enough to the component's centroid as well.
 */
import { callOffThread } from '../platform/off-thread.ts';
import { segmentWords } from './segment.ts';

/** A petition as the hotspot analysis needs it. */
export type HotspotRecord = {
  id: string;
  title?: string | null | undefined;
  body: string;
  /** ISO 8601 date or date-time; records without one count in no week. */
  createdAt?: string | null | undefined;
  /** Who filed it (petitioner id or account), for the distinct-people count. */
  person?: string | null | undefined;
  /** Number of people in a group petition (集体访); absent or 1 for one person. */
  groupSize?: number | null | undefined;
  /** Supporting votes (likes) where the channel has them. */
  supporters?: number | null | undefined;
};

/** One ranked hotspot. */
export type Hotspot = {
  title: string;
  representativeId: string;
  keywords: string[];
  size: number;
  people: number;
  groupPetitions: number;
  supporters: number;
  firstAt: string | null;
  lastAt: string | null;
  /** Petitions per week (Monday of the week, UTC date) in date order. */
  weekly: { week: string; count: number }[];
  /** (petitions in the later half of the period + 1) / (in the earlier half + 1). */
  growth: number;
  score: number;
  memberIds: string[];
};

export type HotspotOptions = {
  /** Only records created at or after this ISO date. */
  from?: string;
  /** Only records created before this ISO date. */
  to?: string;
  /** Cosine of keyword vectors from which two petitions are about the same matter. */
  similarity: number;
  /** A member must also reach this cosine with its cluster's centroid (stops chaining). */
  centroidSimilarity: number;
  /** Keywords in more than this share of the petitions (and more than 50 of them) open no pairs. */
  maxKeywordShare: number;
  /** A title word counts as this many body words. */
  titleWeight: number;
  minSize: number;
  limit: number;
};

export const DEFAULT_HOTSPOT_OPTIONS: HotspotOptions = {
  similarity: 0.25,
  centroidSimilarity: 0.2,
  maxKeywordShare: 0.03,
  titleWeight: 4,
  minSize: 2,
  limit: 10,
};

type Vector = Map<string, number>;

const KEYWORDS_PER_RECORD = 20;
const EMPTY: Vector = new Map();

function norm(v: Vector): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, x] of small) dot += x * (large.get(k) ?? 0);
  const n = norm(a) * norm(b);
  return n === 0 ? 0 : dot / n;
}

/** The Monday (UTC date) of the week of an ISO date or date-time, or null. */
export function weekOf(createdAt: string | null | undefined): string | null {
  if (!createdAt) return null;
  const date = new Date(parseDate(createdAt));
  if (Number.isNaN(date.getTime())) return null;
  const day = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - day);
  return date.toISOString().slice(0, 10);
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r] ?? r;
    let y = x;
    while (this.parent[y] !== r) {
      const next = this.parent[y] ?? r;
      this.parent[y] = r;
      y = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * The hotspots of a set of petitions, best first. Score: people + 2·ln(1 + further petitions of the
 * same people) + 2·(group petitions) + ln(1 + supporters), times 1 + ½·min(growth − 1, 2) when
 * the matter is growing — size first, then growth, group petitions and support.
 */
export function findHotspots(records: readonly HotspotRecord[], options: Partial<HotspotOptions> = {}): Hotspot[] {
  const o = { ...DEFAULT_HOTSPOT_OPTIONS, ...options };
  const inPeriod = records.filter((r) => {
    if (o.from === undefined && o.to === undefined) return true;
    const at = r.createdAt ?? '';
    if (at === '') return false;
    return (o.from === undefined || at >= o.from) && (o.to === undefined || at < o.to);
  });
  const n = inPeriod.length;
  if (n === 0) return [];

  // Term frequencies, then document frequencies, then TF-IDF top terms per record.
  const termCounts = inPeriod.map((r) => {
    const counts = new Map<string, number>();
    for (const w of segmentWords(r.body, { minLength: 2 })) counts.set(w, (counts.get(w) ?? 0) + 1);
    for (const w of segmentWords(r.title ?? '', { minLength: 2 })) counts.set(w, (counts.get(w) ?? 0) + o.titleWeight);
    return counts;
  });
  const df = new Map<string, number>();
  for (const counts of termCounts) for (const w of counts.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const vectors: Vector[] = termCounts.map((counts) => {
    const weighted = [...counts].map(([w, c]): [string, number] => [
      w,
      (1 + Math.log(c)) * Math.log((n + 1) / ((df.get(w) ?? 0) + 1) + 1),
    ]);
    weighted.sort((a, b) => b[1] - a[1]);
    return new Map(weighted.slice(0, KEYWORDS_PER_RECORD));
  });

  // Candidate pairs through an inverted index of distinctive keywords.
  // The share matters on large sets (A市 in every third petition); a small set keeps every keyword.
  const maxDf = Math.max(50, Math.floor(o.maxKeywordShare * n));
  const postings = new Map<string, number[]>();
  vectors.forEach((v, i) => {
    for (const w of v.keys()) {
      if ((df.get(w) ?? 0) > maxDf) continue;
      const list = postings.get(w);
      if (list === undefined) postings.set(w, [i]);
      else list.push(i);
    }
  });
  const edges: [number, number, number][] = [];
  for (let i = 0; i < n; i += 1) {
    const seen = new Set<number>();
    for (const w of vectors[i]?.keys() ?? []) for (const j of postings.get(w) ?? []) if (j > i) seen.add(j);
    for (const j of seen) {
      const s = cosine(vectors[i] ?? EMPTY, vectors[j] ?? EMPTY);
      if (s >= o.similarity) edges.push([i, j, s]);
    }
  }
  // Strongest links first; a link joins two clusters only if their centroids agree as well.
  edges.sort((a, b) => b[2] - a[2]);
  const sets = new UnionFind(n);
  const centroids = new Map<number, Vector>(vectors.map((v, i) => [i, new Map(v)]));
  for (const [i, j] of edges) {
    const ri = sets.find(i);
    const rj = sets.find(j);
    if (ri === rj) continue;
    const ci = centroids.get(ri) ?? new Map<string, number>();
    const cj = centroids.get(rj) ?? new Map<string, number>();
    if (cosine(ci, cj) < o.centroidSimilarity) continue;
    sets.union(ri, rj);
    const root = sets.find(ri);
    const merged = new Map(ci);
    for (const [k, x] of cj) merged.set(k, (merged.get(k) ?? 0) + x);
    centroids.delete(ri);
    centroids.delete(rj);
    centroids.set(root, merged);
  }

  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i += 1) {
    const root = sets.find(i);
    const list = members.get(root);
    if (list === undefined) members.set(root, [i]);
    else list.push(i);
  }

  const dates = inPeriod
    .map((r) => r.createdAt ?? '')
    .filter((d) => d !== '')
    .sort();
  const periodStart = o.from ?? dates[0] ?? '';
  const periodEnd = o.to ?? dates.at(-1) ?? '';
  const middle = midpoint(periodStart, periodEnd);

  const hotspots: Hotspot[] = [];
  for (const [root, list] of members) {
    if (list.length < o.minSize) continue;
    const centroid = centroids.get(root) ?? new Map<string, number>();
    let best = list[0] ?? 0;
    let bestSimilarity = -1;
    for (const i of list) {
      const s = cosine(vectors[i] ?? EMPTY, centroid);
      if (s > bestSimilarity) [best, bestSimilarity] = [i, s];
    }
    const rows = list.map((i) => inPeriod[i]).filter((r): r is HotspotRecord => r !== undefined);
    const people = new Set(rows.map((r) => r.person ?? `record:${r.id}`)).size;
    const groupPetitions = rows.filter((r) => (r.groupSize ?? 1) > 1).length;
    const supporters = rows.reduce((s, r) => s + Math.max(0, r.supporters ?? 0), 0);
    const at = rows
      .map((r) => r.createdAt ?? '')
      .filter((d) => d !== '')
      .sort();
    const weeks = new Map<string, number>();
    for (const r of rows) {
      const week = weekOf(r.createdAt);
      if (week !== null) weeks.set(week, (weeks.get(week) ?? 0) + 1);
    }
    const later = middle === null ? 0 : at.filter((d) => parseDate(d) >= middle).length;
    const earlier = middle === null ? 0 : at.length - later;
    const growth = (later + 1) / (earlier + 1);
    const score =
      (people + 2 * Math.log1p(rows.length - people) + 2 * groupPetitions + Math.log1p(supporters)) *
      (1 + 0.5 * Math.min(Math.max(growth - 1, 0), 2));
    const representative = inPeriod[best];
    const keywords = [...centroid]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([w]) => w);
    hotspots.push({
      title:
        representative?.title?.trim() ||
        Array.from(representative?.body ?? '')
          .slice(0, 30)
          .join(''),
      representativeId: representative?.id ?? '',
      keywords,
      size: rows.length,
      people,
      groupPetitions,
      supporters,
      firstAt: at[0] ?? null,
      lastAt: at.at(-1) ?? null,
      weekly: [...weeks].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([week, count]) => ({ week, count })),
      growth: Math.round(growth * 100) / 100,
      score: Math.round(score * 100) / 100,
      memberIds: rows.map((r) => r.id),
    });
  }
  hotspots.sort((a, b) => b.score - a.score || b.size - a.size);
  return hotspots.slice(0, o.limit);
}

/** Milliseconds of an ISO date (midnight UTC) or date-time; NaN when invalid. */
function parseDate(value: string): number {
  return Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
}

/** The instant (ms) halfway between two ISO dates, or null when either is missing or invalid. */
function midpoint(start: string, end: string): number | null {
  const a = parseDate(start);
  const b = parseDate(end);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return (a + b) / 2;
}

/**
 * Texts clustered on the event loop at most (~0.3 ms each: ≤ 60–80 ms); more go to a worker. A worker
 * costs more to start (its module graph and jieba's dictionary, ~1 s of CPU) than a small enterprise's
 * few hundred texts cost to cluster.
 */
export const HOTSPOT_INLINE_MAX = 200;

/**
 * `findHotspots` for a request path (the dashboard's and the text pages' 热点): segmenting and
 * clustering their 2,000–3,000 texts takes 0.5–1.2 s of CPU, and on the event loop every other
 * request waited as long (issue #20), so more than HOTSPOT_INLINE_MAX texts are clustered in a worker
 * thread; fewer right here.
 */
export async function findHotspotsOffThread(
  records: readonly HotspotRecord[],
  options: Partial<HotspotOptions> = {},
): Promise<Hotspot[]> {
  if (records.length <= HOTSPOT_INLINE_MAX) return findHotspots(records, options);
  return callOffThread<Hotspot[]>(import.meta.url, 'findHotspots', [records, options]);
}
