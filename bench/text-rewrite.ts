/**
 * A seeded generator of re-petitions (issue #19): the ways people write again about the same matter,
 * applied to real petitions read at run time (never stored). Each kind is one function of the
 * original text and a deterministic random source, so a weak kind shows in the per-kind recall of
 * bench/text.bench.ts.
 *
 * - `new_letter`: a new letter in a new frame ("各位领导：", "上次反映的事情还没有解决。" …
 *   "恳请尽快解决。") keeping only a third to a half of the old sentences;
 * - `reorder_drop_add`: sentences moved, one or two dropped, one or two of another petition added;
 * - `truncated`: the text cut short (40–70 % kept, from the start);
 * - `lookalike`: near-homophone and look-alike substitutions (的/地, 在/再, 已/以, 请问/清问 …) and
 *   full-width vs half-width punctuation and digits;
 * - `title_prefix`: a title added ("再次反映…") or dropped, a prefix ("重复反映，");
 * - `mixed`: a new letter written with look-alikes and a new title.
 */

export const REWRITE_KINDS = [
  'new_letter',
  'reorder_drop_add',
  'truncated',
  'lookalike',
  'title_prefix',
  'mixed',
] as const;
export type RewriteKind = (typeof REWRITE_KINDS)[number];

function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)] as T;
}

/** Sentences with their closing punctuation. */
export function sentencesOf(text: string): string[] {
  return text.match(/[^。！？!?；;\n]+[。！？!?；;\n]*/gu) ?? [text];
}

const OPENINGS = ['各位领导：', '尊敬的领导：', '领导您好！', '您好，', '尊敬的信访办：', '各位领导好，'];
const RECALLS = [
  '上次反映的事情还没有解决。',
  '我之前反映过这个问题，至今没有答复。',
  '此事已经反映过多次，一直没有结果。',
  '距离上次反映已经一个多月了，情况没有任何改变。',
  '上回来信说的问题到现在还是老样子。',
];
const CLOSINGS = [
  '恳请尽快解决。',
  '希望领导重视，给个说法。',
  '请有关部门尽快处理，谢谢！',
  '盼复。',
  '望早日解决为盼。',
];
const TITLES = ['再次反映', '再次反映：', '重复反映：', '关于', '又一次反映'];
const PREFIXES = ['重复反映，', '再次反映，', '第二次反映：', '还是上次的问题：'];

/**
 * Near-homophones and look-alikes people type for one another, both ways. The engine's normaliser
 * folds each pair to one character; the generator must not know that, so it only swaps.
 */
export const LOOKALIKE_PAIRS: readonly (readonly [string, string])[] = [
  ['的', '地'],
  ['的', '得'],
  ['在', '再'],
  ['已', '以'],
  ['请', '清'],
  ['做', '作'],
  ['那', '哪'],
  ['他', '她'],
  ['象', '像'],
  ['帐', '账'],
  ['坐', '座'],
  ['到', '道'],
  ['须', '需'],
  ['即', '既'],
  ['定', '订'],
  ['反映', '反应'],
  ['工资', '工姿'],
  ['部', '布'],
  ['里', '理'],
  ['进', '近'],
];

const HALF = new Map([
  ['，', ','],
  ['。', '.'],
  ['！', '!'],
  ['？', '?'],
  ['；', ';'],
  ['：', ':'],
  ['（', '('],
  ['）', ')'],
]);
const FULL = new Map([...HALF].map(([a, b]) => [b, a]));

/** Swaps about one look-alike in every 25 characters, and flips the width of punctuation and digits. */
export function lookalikes(text: string, next: () => number): string {
  let out = text;
  const budget = Math.max(2, Math.round(Array.from(text).length / 25));
  for (let n = 0; n < budget; n += 1) {
    const [a, b] = pick(LOOKALIKE_PAIRS, next);
    const [from, to] = next() < 0.5 ? [a, b] : [b, a];
    const positions: number[] = [];
    for (let at = out.indexOf(from); at >= 0; at = out.indexOf(from, at + 1)) positions.push(at);
    if (positions.length === 0) continue;
    const at = pick(positions, next);
    out = out.slice(0, at) + to + out.slice(at + from.length);
  }
  const toFull = next() < 0.5;
  return Array.from(out)
    .map((ch) => {
      if (next() < 0.4) return ch;
      if (toFull)
        return FULL.get(ch) ?? (/[0-9A-Za-z]/u.test(ch) ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch);
      return HALF.get(ch) ?? (/[０-９Ａ-Ｚａ-ｚ]/u.test(ch) ? String.fromCharCode(ch.charCodeAt(0) - 0xfee0) : ch);
    })
    .join('');
}

/** A new letter: a frame around a third to a half of the old sentences, in their order. */
export function newLetter(text: string, next: () => number): string {
  const s = sentencesOf(text);
  const keep = Math.max(1, Math.round(s.length * (1 / 3 + next() / 6)));
  // A run of consecutive sentences or a scattered choice: people do both.
  let kept: string[];
  if (next() < 0.5) {
    const start = Math.floor(next() * (s.length - keep + 1));
    kept = s.slice(start, start + keep);
  } else {
    const chosen = new Set<number>();
    while (chosen.size < keep) chosen.add(Math.floor(next() * s.length));
    kept = [...chosen].sort((a, b) => a - b).map((i) => s[i] ?? '');
  }
  return `${pick(OPENINGS, next)}${pick(RECALLS, next)}${kept.join('')}${pick(CLOSINGS, next)}`;
}

/** Sentences moved, one or two dropped, one or two of `donor` added. */
export function reorderDropAdd(text: string, donor: string, next: () => number): string {
  const s = sentencesOf(text);
  const drops = s.length >= 6 ? 2 : s.length >= 3 ? 1 : 0;
  for (let d = 0; d < drops; d += 1) s.splice(Math.floor(next() * s.length), 1);
  for (let m = 0; m < Math.min(3, s.length); m += 1) {
    const [moved] = s.splice(Math.floor(next() * s.length), 1);
    s.splice(Math.floor(next() * (s.length + 1)), 0, moved ?? '');
  }
  const extra = sentencesOf(donor);
  const adds = 1 + Math.floor(next() * 2);
  for (let a = 0; a < adds; a += 1) s.splice(Math.floor(next() * (s.length + 1)), 0, pick(extra, next));
  return s.join('');
}

/** The text cut short: 40–70 % of its characters, from the start. */
export function truncated(text: string, next: () => number): string {
  const chars = Array.from(text);
  return chars.slice(0, Math.ceil(chars.length * (0.4 + next() * 0.3))).join('');
}

/** A rewritten petition: its title and body. */
export type Rewrite = { title: string; body: string };

/** One rewrite of `kind` of a petition (title, body), with `donor` a petition of the same category. */
export function rewrite(kind: RewriteKind, original: Rewrite, donor: string, next: () => number): Rewrite {
  const { title, body } = original;
  switch (kind) {
    case 'new_letter':
      return { title: next() < 0.5 ? title : '', body: newLetter(body, next) };
    case 'reorder_drop_add':
      return { title, body: reorderDropAdd(body, donor, next) };
    case 'truncated':
      return { title: next() < 0.5 ? title : '', body: truncated(body, next) };
    case 'lookalike':
      return { title: lookalikes(title, next), body: lookalikes(body, next) };
    case 'title_prefix': {
      const r = next();
      if (r < 0.34) return { title: `${pick(TITLES, next)}${title}`, body };
      if (r < 0.67) return { title: '', body: `${pick(PREFIXES, next)}${body}` };
      return { title: `${pick(TITLES, next)}${title}`, body: `${pick(PREFIXES, next)}${body}` };
    }
    case 'mixed':
      return { title: `${pick(TITLES, next)}${title}`, body: lookalikes(newLetter(body, next), next) };
  }
}
