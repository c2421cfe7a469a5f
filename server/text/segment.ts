/**
 * Segmentation: jieba words (keywords, hotspots, classifier features) and character bigrams (the
 * search index). Most Chinese words have two characters, so trigram indexes miss 工伤 or 欠薪; an
 * index of overlapping character bigrams finds every term of two or more characters: a term of n
 * characters is the phrase of its n−1 bigrams (塌陷区 = "塌陷 陷区").
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { isHan, normaliseText } from './normalise.ts';

let jieba: Jieba | undefined;

/** The jieba segmenter with its default dictionary, built once on first use (≈0.2 s). */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/**
 * Function words and petition boilerplate that say nothing about the matter (的, 我们, 尊敬, 领导,
 * 您好 …). Used for words only; the bigram index keeps everything so that any phrase can be found.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    '的 了 着 过 是 在 和 与 及 或 等 也 都 就 还 又 再 被 把 给 对 于 从 向 到 由 为 以 之 其 而 但 但是 并 并且 ' +
    '因为 所以 如果 虽然 而且 然后 已经 现在 这 那 这个 那个 这些 那些 这样 那样 一个 一些 什么 怎么 如何 哪里 ' +
    '我 我们 你 你们 您 他 他们 她 她们 它 它们 自己 大家 本人 有 没 会 能 要 想 让 请 请问 希望 谢谢 感谢 ' +
    '您好 你好 尊敬 领导 各位 各级 有关 相关 问题 情况 一下 一直 非常 十分 很 太 更 最 多 少 不 没有 可以 ' +
    '应该 能够 进行 目前 今年 去年 吗 呢 吧 啊 呀 哦 啦 嘛 个 些 年 月 日 号'
  ).split(' '),
);

/** Options of {@link segmentWords}. */
export type SegmentOptions = {
  /** Keep words of the stop list (default false). */
  keepStopWords?: boolean;
  /** Drop words shorter than this many characters (default 1: keep all). */
  minLength?: number;
};

/**
 * The words of a text after {@link normaliseText}: jieba with HMM for unknown words (place and
 * company names), without punctuation, whitespace and, by default, stop words.
 */
export function segmentWords(text: string, options: SegmentOptions = {}): string[] {
  const minLength = options.minLength ?? 1;
  const words: string[] = [];
  for (const word of segmenter().cut(normaliseText(text), true)) {
    if (!/[\p{L}\p{N}]/u.test(word)) continue;
    if (Array.from(word).length < minLength) continue;
    if (options.keepStopWords !== true && STOP_WORDS.has(word)) continue;
    words.push(word);
  }
  return words;
}

/**
 * The search tokens of a text: every run of Han characters becomes its overlapping bigrams (a run
 * of one character stays a one-character token); every run of other letters and digits (a5, 2019,
 * gb11643) is one token. Punctuation and spaces separate runs.
 */
export function bigramTokens(text: string): string[] {
  const tokens: string[] = [];
  // Runs of content characters, then split each into Han and non-Han stretches.
  for (const run of normaliseText(text).match(/[\p{L}\p{N}]+/gu) ?? []) {
    for (const part of run.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) {
      const chars = Array.from(part);
      const first = chars[0];
      if (first === undefined) continue;
      if (!isHan(first) || chars.length === 1) {
        tokens.push(part);
        continue;
      }
      for (let i = 0; i + 1 < chars.length; i += 1) tokens.push(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
    }
  }
  return tokens;
}

/**
 * The string to store in the search index column (FTS5 `unicode61` or a PostgreSQL `tsvector` built
 * with the `simple` configuration): the {@link bigramTokens} joined by single spaces.
 */
export function indexableBigrams(text: string): string {
  return bigramTokens(text).join(' ');
}

/** One term of a search query: a phrase of consecutive tokens, the last one possibly a prefix. */
export type SearchPhrase = { tokens: string[]; prefix: boolean };

/**
 * Turns what a user types into phrases over the bigram index. Terms are separated by spaces or
 * punctuation; all must match (AND). A term ending in a lone Han character after other text (A5区)
 * or made of one Han character (矿) matches that character as a prefix of a bigram; a single
 * character at the very end of a run in a document (…城区) is therefore not found — search two
 * characters or more.
 */
export function parseSearchQuery(query: string): SearchPhrase[] {
  const phrases: SearchPhrase[] = [];
  for (const term of normaliseText(query).match(/[\p{L}\p{N}]+/gu) ?? []) {
    const tokens = bigramTokens(term);
    const last = tokens.at(-1);
    if (last === undefined) continue;
    const prefix = Array.from(last).length === 1 && isHan(last);
    phrases.push({ tokens, prefix });
  }
  return phrases;
}

/**
 * An SQLite FTS5 MATCH expression for a user query over {@link indexableBigrams}, or null when
 * the query has no searchable term. Tokens hold only letters and digits, so quoting is safe.
 * Example: `塌陷区 工伤` → `"塌陷 陷区" AND "工伤"`; with `any` (the knowledge base's suggestion from a
 * case's words) the terms are joined by OR.
 */
export function toFts5Query(query: string, mode: 'all' | 'any' = 'all'): string | null {
  const parts = parseSearchQuery(query).map((p) => `"${p.tokens.join(' ')}"${p.prefix ? '*' : ''}`);
  return parts.length === 0 ? null : parts.join(mode === 'all' ? ' AND ' : ' OR ');
}

/**
 * A PostgreSQL `to_tsquery('simple', …)` expression for the same phrases, or null when empty.
 * Example: `塌陷区 工伤` → `('塌陷' <-> '陷区') & '工伤'`.
 */
export function toTsQuery(query: string, mode: 'all' | 'any' = 'all'): string | null {
  const parts = parseSearchQuery(query).map((p) => {
    const tokens = p.tokens.map((t, i) => `'${t}'${p.prefix && i === p.tokens.length - 1 ? ':*' : ''}`);
    return tokens.length === 1 ? (tokens[0] ?? '') : `(${tokens.join(' <-> ')})`;
  });
  return parts.length === 0 ? null : parts.join(mode === 'all' ? ' & ' : ' | ');
}

/**
 * Whether a text matches a user query by the same rule as the search index (every phrase of
 * {@link parseSearchQuery} found as consecutive {@link bigramTokens}, the last token of a prefix
 * phrase as a prefix), for small sets searched in memory — a consultation's comments — so the
 * workbench has one meaning of "search". A query with no searchable term matches everything.
 */
export function matchesSearchQuery(text: string, query: string): boolean {
  const tokens = bigramTokens(text);
  return parseSearchQuery(query).every((phrase) =>
    tokens.some((_, start) =>
      phrase.tokens.every((token, i) => {
        const at = tokens[start + i];
        if (at === undefined) return false;
        return phrase.prefix && i === phrase.tokens.length - 1 ? at.startsWith(token) : at === token;
      }),
    ),
  );
}
