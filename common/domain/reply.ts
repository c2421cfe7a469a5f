/**
 * The 信访处理意见书 as one answer (《信访工作条例》第27条, 第32条): the 四个到位 it records, kept with the
 * case as a short list of codes, and the draft it starts from — the petitioner's own request and
 * the facts and reasons they gave (第32条 names both), for the handler to rewrite, never blank.
 */
import { FACTS_MAX, OUTCOMES, type Outcome } from '../schemas/petition.ts';

/** The stored form of the 四个到位 a reply records: their codes in table order, comma-separated. */
export function outcomesText(kinds: readonly Outcome[]): string | null {
  const set = new Set(kinds);
  const ordered = OUTCOMES.filter((o) => set.has(o));
  return ordered.length === 0 ? null : ordered.join(',');
}

/** The 四个到位 of a stored text, in table order; unknown codes are left out. */
export function parseOutcomes(text: string | null): Outcome[] {
  if (text === null || text === '') return [];
  const parts = new Set(text.split(','));
  return OUTCOMES.filter((o) => parts.has(o));
}

/**
 * The fields a reply draft starts from: the request is the petition's title (what the petitioner
 * asks), the facts and reasons are what they wrote, cut to what a reply holds. The handler edits both.
 */
export function replyDraftOf(petition: { title: string; body: string }): {
  request: string;
  factsAndReasons: string;
} {
  return {
    request: petition.title.trim(),
    factsAndReasons: Array.from(petition.body.trim()).slice(0, FACTS_MAX).join(''),
  };
}
