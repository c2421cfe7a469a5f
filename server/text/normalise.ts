/**
 * Text normalisation for Chinese (and mixed) petition text, shared by search, repeats,
 * classification and hotspots. Pure and cheap: one pass of NFKC plus small lookup tables.
 *
 * - NFKC folds full-width ASCII (Ｂ２, ０１２３) to half-width, the ideographic space to a space and
 *   compatibility forms such as ① or ㎡;
 * - letters are lower-cased;
 * - a small table folds the traditional characters most often met in mainland petitions
 *   (煤礦 → 煤矿, 賠償 → 赔偿); a full conversion (OpenCC) is not worth its size here;
 * - Chinese punctuation is folded to its ASCII counterpart and whitespace runs to one space.
 */

// Traditional → simplified for characters common in petitions about mines, labour, housing,
// compensation and administration. Deliberately small: each pair is one Map entry.
const TRADITIONAL_PAIRS =
  '礦矿傷伤資资報报償偿賠赔險险區区處处廠厂場场遷迁災灾寫写訪访問问題题單单領领導导幹干費费錢钱證证據据號号電电話话縣县鄉乡鎮镇農农業业勞劳動动關关係系個个們们這这來来時时會会為为發发對对說说還还沒没與与過过後后經经長长開开員员學学醫医療疗維维護护權权補补貼贴網网環环衛卫質质態态戶户賬账擔担責责屬属舉举糾纠紛纷訴诉調调雜杂讓让認认請请願愿條条規规書书轉转節节歲岁齊齐車车輛辆運运輸输產产線线層层邊边項项內内觸触應应辦办將将樣样狀状況况雙双總总濟济價价買买賣卖擁拥築筑礎础聯联絡络歷历萬万億亿圍围聽听園园島岛傳传飯饭館馆樓楼鄰邻裡里採采銷销給给識识屆届蓋盖鋼钢鐵铁職职務务撥拨額额殘残錄录養养難难幫帮氣气廢废汙污聲声響响壞坏損损計计劃划設设級级組组織织負负範范緊紧張张飛飞機机';

const TRADITIONAL = new Map<string, string>();
for (let i = 0; i + 1 < TRADITIONAL_PAIRS.length; i += 2) {
  const from = TRADITIONAL_PAIRS[i];
  const to = TRADITIONAL_PAIRS[i + 1];
  if (from !== undefined && to !== undefined && from !== to) TRADITIONAL.set(from, to);
}

// Chinese punctuation that NFKC leaves alone, folded to one ASCII form each.
const PUNCTUATION = new Map<string, string>([
  ['，', ','],
  ['、', ','],
  ['。', '.'],
  ['．', '.'],
  ['；', ';'],
  ['：', ':'],
  ['？', '?'],
  ['！', '!'],
  ['“', '"'],
  ['”', '"'],
  ['‘', "'"],
  ['’', "'"],
  ['「', '"'],
  ['」', '"'],
  ['『', '"'],
  ['』', '"'],
  ['《', '<'],
  ['》', '>'],
  ['〈', '<'],
  ['〉', '>'],
  ['【', '['],
  ['】', ']'],
  ['〔', '['],
  ['〕', ']'],
  ['（', '('],
  ['）', ')'],
  ['—', '-'],
  ['–', '-'],
  ['－', '-'],
  ['～', '~'],
  ['…', '...'],
  ['·', '.'],
  ['・', '.'],
]);

/**
 * Normalises a text for every later step: NFKC width folding, lower case, common traditional
 * characters to simplified, Chinese punctuation to ASCII, whitespace runs to one space, trimmed.
 * Idempotent: normaliseText(normaliseText(x)) === normaliseText(x).
 */
export function normaliseText(text: string): string {
  const nfkc = text.normalize('NFKC').toLowerCase();
  let out = '';
  for (const ch of nfkc) out += TRADITIONAL.get(ch) ?? PUNCTUATION.get(ch) ?? ch;
  return out.replace(/\s+/gu, ' ').trim();
}

/** True for a character that carries content: a letter (any script, CJK included) or a digit. */
export function isContentChar(ch: string): boolean {
  return /[\p{L}\p{N}]/u.test(ch);
}

/**
 * The normalised text with everything but letters and digits removed, so that spacing, line breaks
 * and punctuation never change a fingerprint (`工伤，欠薪！` and `工伤 欠薪` give `工伤欠薪`).
 */
export function compactText(text: string): string {
  return normaliseText(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** True for a CJK ideograph (the characters that form bigram tokens). */
export function isHan(ch: string): boolean {
  return /\p{Script=Han}/u.test(ch);
}

// Near-homophones and look-alikes that people type for one another when they write the same matter
// again (issue #19: 的/地/得, 在/再, 已/以/己, 请/清 …): each folded to one representative, for
// fingerprints only (search and display keep the text as written). Folding two characters that
// were meant differently costs nothing here: it only makes a few more shingles agree.
const LOOKALIKE_GROUPS = [
  '的地得',
  '在再',
  '已以己',
  '请清情',
  '做作',
  '那哪',
  '他她它',
  '象像',
  '帐账',
  '坐座',
  '到道',
  '须需',
  '即既',
  '定订',
  '映应',
  '资姿',
  '部布',
  '里理',
  '进近',
  '辨辩办',
  '候侯',
  '带戴',
  '园圆',
];
const LOOKALIKE = new Map<string, string>();
for (const group of LOOKALIKE_GROUPS) {
  const [first, ...rest] = Array.from(group);
  for (const ch of rest) if (first !== undefined) LOOKALIKE.set(ch, first);
}

/**
 * The text a repeat fingerprint is taken of: {@link compactText} (width, case, traditional forms and
 * punctuation already folded) with near-homophones and look-alikes folded to one character each.
 * Idempotent, and never longer than compactText.
 */
export function fingerprintChars(text: string): string {
  let out = '';
  for (const ch of compactText(text)) out += LOOKALIKE.get(ch) ?? ch;
  return out;
}
