/**
 * The written documents of the petition path (《信访工作条例》2022, DOMAIN.md §1.3): which kinds
 * exist, which recorded step each is made from, which template fields each may use, and the pure
 * template language. Documents are generated from case data, never retyped: a template holds the
 * fixed wording, `{{field}}` placeholders take the case's facts.
 */

export const DOCUMENT_KINDS = [
  'acceptance_notice', // 受理告知书 (第23条)
  'non_acceptance_notice', // 不予受理告知书 / 告知书 (第23条, 第44条(三))
  'transfer_notice', // 转送/交办通知 (第22条)
  'extension_notice', // 延期告知书, with the reason (第34条)
  'reply', // 信访处理意见书 (第32条)
  'review_opinion', // 复查意见书 (第35条)
  'reconsideration_opinion', // 复核意见书, final (第36条)
  'mediation_agreement', // 调解协议书 / 和解协议书 (第33条)
  'completion_report', // 办结报告 for assigned items (第22条)
  'referral_report', // 报告 to the higher body that sent the matter down (上级转送/交办, 第22条)
  // 奖惩问责决定书 (第39条, 第42–46条): made from an accountability record, not from a case's step.
  'accountability_decision',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * The recorded step (petition_event kind) each document is made from; the latest such event supplies
 * its facts. A kind whose step has not happened cannot be generated.
 */
export const DOCUMENT_SOURCES: Readonly<Record<DocumentKind, readonly string[]>> = {
  acceptance_notice: ['accept'],
  non_acceptance_notice: ['decline', 'notAccept', 'redirect', 'divert'],
  transfer_notice: ['assign', 'forward'],
  extension_notice: ['extend'],
  reply: ['draftReply'],
  review_opinion: ['issueReviewOpinion'],
  reconsideration_opinion: ['issueReconsiderationOpinion'],
  mediation_agreement: ['recordMediation'],
  completion_report: ['conclude'],
  // The registration that recorded the higher body's 转送/交办; the report tells how far the case is.
  referral_report: ['register'],
  // Not a case's document: the accountability module makes it from its record (no step of a case).
  accountability_decision: [],
};

/**
 * The document a step makes in its own dialog (issue #13 point 8): the written notice or opinion the
 * 条例 requires of it, generated from the event the step records, in the same transaction. The
 * 复查 and 复核 opinions always make theirs (第35–36条: 书面答复); the others when asked.
 */
export const STEP_DOCUMENTS = {
  accept: 'acceptance_notice',
  decline: 'non_acceptance_notice',
  notAccept: 'non_acceptance_notice',
  redirect: 'non_acceptance_notice',
  divert: 'non_acceptance_notice',
  assign: 'transfer_notice',
  forward: 'transfer_notice',
  extend: 'extension_notice',
  draftReply: 'reply',
  issueReviewOpinion: 'review_opinion',
  issueReconsiderationOpinion: 'reconsideration_opinion',
} as const satisfies Record<string, DocumentKind>;
export type DocumentStep = keyof typeof STEP_DOCUMENTS;

export function stepDocumentOf(verb: string): DocumentKind | null {
  return Object.hasOwn(STEP_DOCUMENTS, verb) ? STEP_DOCUMENTS[verb as DocumentStep] : null;
}

/**
 * Documents addressed to the petitioner: shown to them in the portal, and their delivery is what
 * starts their clocks. A transfer notice goes to the handling unit, a completion report to the
 * assigning body — neither may carry an accuser's identity (第30条第3款).
 */
export const ADDRESSED_TO_PETITIONER: Readonly<Record<DocumentKind, boolean>> = {
  acceptance_notice: true,
  non_acceptance_notice: true,
  transfer_notice: false,
  extension_notice: true,
  reply: true,
  review_opinion: true,
  reconsideration_opinion: true,
  mediation_agreement: true,
  completion_report: false,
  referral_report: false,
  accountability_decision: false,
};

/** Fields every template may use. */
export const COMMON_DOCUMENT_FIELDS = [
  'caseNumber',
  'documentNumber',
  'petitionerName',
  'petitionTitle',
  'receivedDate',
  'issuingUnit',
  'issueDate',
] as const;

/** Fields of each kind beyond the common ones. */
export const KIND_DOCUMENT_FIELDS = {
  acceptance_notice: ['acceptedDate', 'handlingUnit', 'conclusionDueDate'],
  non_acceptance_notice: ['decisionDate', 'decisionLabel', 'reason', 'authority', 'routeLabel'],
  transfer_notice: ['transferLabel', 'handlingUnit', 'petitionBody', 'reportDueDate', 'note', 'objectionDays'],
  extension_notice: ['extensionDays', 'extensionReason', 'newDueDate'],
  reply: [
    'request',
    'factsAndReasons',
    'opinion',
    'legalBasis',
    'citedArticles',
    'resultLabel',
    'fourOutcomes',
    'reviewDays',
    'reviewBody',
  ],
  review_opinion: [
    'reviewRequest',
    'opinion',
    'citedArticles',
    'resultLabel',
    'reconsiderationDays',
    'reconsiderationBody',
    'respondentUnit',
  ],
  reconsideration_opinion: ['reconsiderationRequest', 'opinion', 'citedArticles', 'resultLabel', 'respondentUnit'],
  mediation_agreement: ['agreementLabel', 'agreement', 'handlingUnit'],
  completion_report: [
    'handlingUnit',
    'addresseeUnit',
    'outcomeLabel',
    'replyOpinion',
    'resultLabel',
    'satisfactionLabel',
    'concludedDate',
  ],
  referral_report: [
    'referralBody',
    'referralNumber',
    'referralRouteLabel',
    'referralDueDate',
    'replyFormLabel',
    'petitionBody',
    'handlingUnit',
    'progress',
    'outcomeLine',
    'attachmentLine',
  ],
  accountability_decision: [
    'measureLabel',
    'subjectName',
    'basisLine',
    'facts',
    'decision',
    'rectifyLine',
    'decidingUnit',
  ],
} as const satisfies Record<DocumentKind, readonly string[]>;

export type DocumentField =
  (typeof COMMON_DOCUMENT_FIELDS)[number] | (typeof KIND_DOCUMENT_FIELDS)[DocumentKind][number];

export function fieldsOf(kind: DocumentKind): DocumentField[] {
  return [...COMMON_DOCUMENT_FIELDS, ...KIND_DOCUMENT_FIELDS[kind]];
}

/** The editable parts of a template; every part may hold `{{field}}` placeholders. */
export type TemplateText = { title: string; addressee: string; body: string; numberPrefix: string };

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;
const BRACES = /\{\{|\}\}/;

/** Field names used by a text, in order of first use. */
export function placeholdersOf(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

export type TemplateIssue = { path: [keyof TemplateText]; message: string };

/**
 * Problems of a template for `kind`: unknown fields (named), stray braces, a number prefix that
 * is not a short plain label. Empty when the template is usable.
 */
export function validateTemplate(kind: DocumentKind, template: TemplateText): TemplateIssue[] {
  const allowed = new Set<string>(fieldsOf(kind));
  const issues: TemplateIssue[] = [];
  for (const part of ['title', 'addressee', 'body'] as const) {
    const text = template[part];
    for (const name of placeholdersOf(text)) {
      if (!allowed.has(name)) issues.push({ path: [part], message: `unknown field {{${name}}} for ${kind}` });
    }
    if (BRACES.test(text.replace(PLACEHOLDER, ''))) issues.push({ path: [part], message: 'unbalanced {{ }} braces' });
  }
  if (template.title.trim() === '') issues.push({ path: ['title'], message: 'title is required' });
  if (template.body.trim() === '') issues.push({ path: ['body'], message: 'body is required' });
  if (!/^[\p{Script=Han}A-Za-z0-9（）()·]{0,12}$/u.test(template.numberPrefix)) {
    issues.push({ path: ['numberPrefix'], message: 'number prefix: at most 12 Chinese characters, letters or digits' });
  }
  return issues;
}

export type DocumentFields = Partial<Record<DocumentField, string>>;

/** Fill the placeholders; a field without a value becomes an empty string (never the raw `{{…}}`). */
export function fillTemplate(text: string, fields: DocumentFields): string {
  return text.replace(PLACEHOLDER, (_, name: string) => fields[name as DocumentField] ?? '');
}

/**
 * Body text → paragraphs: one paragraph per non-empty line. A line left empty by an absent field
 * disappears, so optional sentences can sit on lines of their own.
 */
export function paragraphsOf(body: string): string[] {
  return body
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The content of a generated document, frozen at generation. */
export type DocumentContent = {
  title: string;
  number: string;
  addressee: string;
  paragraphs: string[];
  issuingUnit: string;
  /** 成文日期 in Chinese, e.g. 2026年11月28日. */
  issueDate: string;
};

export function renderDocument(template: TemplateText, fields: DocumentFields, number: string): DocumentContent {
  const all: DocumentFields = { ...fields, documentNumber: number };
  return {
    title: fillTemplate(template.title, all).trim(),
    number,
    addressee: fillTemplate(template.addressee, all).trim(),
    paragraphs: paragraphsOf(fillTemplate(template.body, all)),
    issuingUnit: all.issuingUnit ?? '',
    issueDate: all.issueDate ?? '',
  };
}

/** 2026-11-28 → 2026年11月28日 (GB/T 9704 成文日期: Arabic numerals, no leading zeros). */
export function chineseDate(localDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (match === null) throw new Error(`not a local date: ${localDate}`);
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

/** 发文字号 (GB/T 9704 §7.2.4): prefix, year in 六角括号 〔〕, sequence number without leading zeros, 号. */
export function documentNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}〔${year}〕${sequence}号`;
}
