/**
 * One ledger row → the petition module's import candidate, and the ledger's own row errors (a bad
 * date, an unknown channel, unit or category …). Labels are read the way offices write them: the
 * zh-CN catalog's labels, the English codes, and a few common synonyms. The rules of registration
 * themselves (ID number checksums, five representatives …) are checked by the petition module.
 */
import { createHash } from 'node:crypto';
import { localDateOf } from '../../../common/domain/calendar.ts';
import { PETITION_TYPES, type PetitionType } from '../../../common/domain/deadlines.ts';
import { parseNamedPersons } from '../../../common/domain/named-person.ts';
import { PETITION_STATES, type PetitionState } from '../../../common/domain/petition-state.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import { en } from '../../../common/i18n/en.ts';
import type { LedgerField, LedgerMapping } from '../../../common/schemas/ledger.ts';
import {
  CHANNELS,
  OUTCOMES,
  REPLY_RESULTS,
  type Channel,
  type Outcome,
  type Purpose,
  type ReplyResult,
} from '../../../common/schemas/petition.ts';
import type { ImportCandidate } from './ledger-import.service.ts';
import { cellText, type Cell } from './ledger-sheet.ts';

export type RowErrorCode = keyof typeof zhCN.ledger.errors;
export type RowProblem = { field: LedgerField; code: RowErrorCode; message: string };

/** Name → id look-ups built once per import from the enterprise's units and categories. */
export type RowReferences = {
  /** Full name path below the enterprise (`东山煤矿/综采一队`) → unit id, and unique plain names. */
  unitByPath: Map<string, string>;
  unitsByName: Map<string, string[]>;
  categoryByCode: Set<string>;
  categoriesByName: Map<string, string[]>;
  /** Unit names already resolved in this import (a sheet repeats the same few units). */
  resolved: Map<string, { id: string } | { code: 'unknownUnit' | 'ambiguousUnit' }>;
};

export function rowReferences(
  units: Iterable<{ id: string; name: string; path: string }>,
  unitPaths: Map<string, { name: string }>,
  categories: Iterable<{ code: string; name: string }>,
): RowReferences {
  const refs: RowReferences = {
    unitByPath: new Map(),
    unitsByName: new Map(),
    categoryByCode: new Set(),
    categoriesByName: new Map(),
    resolved: new Map(),
  };
  for (const unit of units) {
    const fullName = unitPaths.get(unit.id)?.name ?? unit.name;
    refs.unitByPath.set(fullName, unit.id);
    refs.unitsByName.set(unit.name, [...(refs.unitsByName.get(unit.name) ?? []), unit.id]);
  }
  for (const c of categories) {
    refs.categoryByCode.add(c.code);
    refs.categoriesByName.set(c.name, [...(refs.categoriesByName.get(c.name) ?? []), c.code]);
  }
  return refs;
}

/** label (either language) or code → code, for one enumeration. */
function labelIndex<T extends string>(codes: readonly T[], ...labels: Partial<Record<T, string>>[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const code of codes) {
    map.set(code.toLowerCase(), code);
    for (const l of labels) {
      const label = l[code];
      if (label !== undefined) map.set(label.toLowerCase(), code);
    }
  }
  return map;
}

const CHANNEL_INDEX = labelIndex<Channel>(CHANNELS, zhCN.petitions.channels, en.petitions.channels, {
  letter: '信件',
  visit: '走访',
  online: '网信',
  phone: '来电',
});
const TYPE_INDEX = labelIndex<PetitionType>(PETITION_TYPES, zhCN.petitions.types, en.petitions.types, {
  appeal: '申诉求决',
  suggestion: '建议意见',
  accusation: '检举控告',
});
const STATE_INDEX = labelIndex<PetitionState>(PETITION_STATES, zhCN.petitions.states, en.petitions.states, {
  concluded: '办结',
  final: '终结',
  assigned: '已交办',
});
// The short labels of ledgers exported before the 四个到位 became part of the reply still import.
const OUTCOME_INDEX = labelIndex<Outcome>(OUTCOMES, zhCN.petitions.outcomes, en.petitions.outcomes, {
  resolved: '解决到位',
  explained: '解释到位',
  assisted: '帮扶到位',
  enforced: '教育处置到位',
});
const REPLY_INDEX = labelIndex<ReplyResult>(REPLY_RESULTS, zhCN.petitions.replyResults, en.petitions.replyResults);
const SATISFACTION_WORDS = new Map([
  ['满意', 5],
  ['基本满意', 3],
  ['不满意', 1],
]);

const PURPOSE_OF_TYPE: Record<PetitionType, Purpose> = {
  appeal: 'request',
  accusation: 'report',
  suggestion: 'suggestion',
  consultation: 'inquiry',
  other: 'other',
};

const SEPARATORS = /[、,，;；\n]+/;
const REPRESENTATIVE = /[（(]\s*代表\s*[）)]$/;

/** A local date or instant from a cell: an Excel date, a serial number, or 2026-03-02 / 2026/3/2 / 2026年3月2日 / 2026.3.2 with an optional time. */
export function parseLedgerDate(cell: Cell): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) {
    // Excel dates carry no zone: ExcelJS gives the wall-clock time as UTC; read it as China time.
    if (Number.isNaN(cell.getTime())) return null;
    const iso = cell.toISOString();
    return new Date(`${iso.slice(0, 10)}T${iso.slice(11, 19)}+08:00`).toISOString();
  }
  if (typeof cell === 'number') {
    if (cell < 1 || cell > 2_958_465) return null;
    const ms = Math.round((cell - 25569) * 86_400_000);
    return parseLedgerDate(new Date(ms));
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
    cell.trim(),
  );
  if (m === null) return null;
  const [, y, mo, d, h, mi, s] = m;
  const date = `${y ?? ''}-${(mo ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
  const parsed = new Date(`${date}T${(h ?? '0').padStart(2, '0')}:${mi ?? '00'}:${s ?? '00'}+08:00`);
  if (Number.isNaN(parsed.getTime()) || localDateOf(parsed.toISOString()) !== date) return null;
  return parsed.toISOString();
}

function resolveUnit(value: string, refs: RowReferences): { id: string } | { code: 'unknownUnit' | 'ambiguousUnit' } {
  const known = refs.resolved.get(value);
  if (known !== undefined) return known;
  const result = resolveUnitUncached(value, refs);
  refs.resolved.set(value, result);
  return result;
}

function resolveUnitUncached(
  value: string,
  refs: RowReferences,
): { id: string } | { code: 'unknownUnit' | 'ambiguousUnit' } {
  const normal = value.replace(/\s*[/／>＞]\s*/g, '/');
  const byPath = refs.unitByPath.get(normal);
  if (byPath !== undefined) return { id: byPath };
  // A path's tail: "综采一队" alone, or "东山煤矿/综采一队" when the sheet leaves out a level.
  const matches = [...refs.unitByPath.entries()].filter(([path]) => path === normal || path.endsWith(`/${normal}`));
  if (matches.length === 1 && matches[0] !== undefined) return { id: matches[0][1] };
  return {
    code: matches.length > 1 || (refs.unitsByName.get(normal)?.length ?? 0) > 1 ? 'ambiguousUnit' : 'unknownUnit',
  };
}

/** The source key of a row: its case number, else a hash of its mapped cells (stable across files). */
export function sourceKeyOf(caseNumber: string, mapped: readonly string[]): string {
  if (caseNumber !== '') return `case:${caseNumber}`.slice(0, 80);
  return `row:${createHash('sha256').update(JSON.stringify(mapped)).digest('hex')}`;
}

/**
 * Read one row through the mapping.
 * @returns the candidate (null when the row cannot become one) and the row's problems
 */
export function readLedgerRow(
  row: readonly Cell[],
  mapping: LedgerMapping,
  refs: RowReferences,
): { candidate: ImportCandidate | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const problem = (field: LedgerField, code: RowErrorCode) =>
    problems.push({ field, code, message: zhCN.ledger.errors[code] });
  const cell = (field: LedgerField): Cell => {
    const index = mapping[field];
    return index === undefined ? null : (row[index] ?? null);
  };
  const str = (field: LedgerField) => cellText(cell(field));
  const listOf = (field: LedgerField) =>
    str(field)
      .split(SEPARATORS)
      .map((s) => s.trim())
      .filter((s) => s !== '');

  const receivedAt = parseLedgerDate(cell('receivedAt'));
  if (str('receivedAt') === '') problem('receivedAt', 'required');
  else if (receivedAt === null) problem('receivedAt', 'badDate');

  const channel = CHANNEL_INDEX.get(str('channel').toLowerCase());
  if (str('channel') === '') problem('channel', 'required');
  else if (channel === undefined) problem('channel', 'badChannel');

  const typeText = str('type');
  const type: PetitionType | undefined = typeText === '' ? 'other' : TYPE_INDEX.get(typeText.toLowerCase());
  if (type === undefined) problem('type', 'badType');

  const names = listOf('petitioners');
  const anonymous = names.length === 1 && (names[0] === zhCN.ledger.anonymous || names[0] === en.ledger.anonymous);
  if (names.length === 0) problem('petitioners', 'required');
  if (names.some((n) => n === zhCN.ledger.withheld || n === en.ledger.withheld.trim()))
    problem('petitioners', 'withheld');
  const idNumbers = listOf('idNumbers');
  const phones = listOf('phones');
  if (!anonymous && idNumbers.length > 0 && idNumbers.length !== names.length) problem('idNumbers', 'idNumbersCount');
  if (!anonymous && phones.length > 0 && phones.length !== names.length) problem('phones', 'phonesCount');
  const petitioners = anonymous
    ? []
    : names.map((raw, i) => {
        const name = raw.replace(REPRESENTATIVE, '').trim();
        const idNumber = idNumbers[i];
        const phone = phones[i];
        return {
          name,
          identity: 'other' as const,
          isRepresentative: REPRESENTATIVE.test(raw),
          ...(idNumber === undefined || idNumber === '' ? {} : { idNumber: idNumber.toUpperCase() }),
          ...(phone === undefined || phone === '' ? {} : { phone }),
        };
      });

  let headcount = Math.max(1, petitioners.length);
  const headcountText = str('headcount');
  if (headcountText !== '') {
    const n = Number(headcountText);
    if (!Number.isInteger(n) || n < 1) problem('headcount', 'badNumber');
    else headcount = n;
  }

  let involvedUnitIds: string[] = [];
  if (str('unit') !== '') {
    const unit = resolveUnit(str('unit'), refs);
    if ('id' in unit) involvedUnitIds = [unit.id];
    else problem('unit', unit.code);
  }
  // 被反映人: `张三（矿长）`, `张三/东山煤矿/矿长`, several separated by 、 or ；. A unit that is one of
  // the tree's becomes the unit; otherwise its words are kept, and the name — unresolved — recuses
  // every namesake until an officer resolves it (common/domain/named-person.ts).
  const namedPersons = parseNamedPersons(str('namedPersons')).map((person) => {
    const unit = person.unitText === null ? null : resolveUnit(person.unitText, refs);
    return {
      name: person.name,
      ...(unit !== null && 'id' in unit ? { unitId: unit.id } : {}),
      ...(person.unitText !== null && (unit === null || !('id' in unit)) ? { unitText: person.unitText } : {}),
      ...(person.position === null ? {} : { position: person.position }),
    };
  });

  let handlingUnitId: string | null = null;
  if (str('handlingUnit') !== '') {
    const unit = resolveUnit(str('handlingUnit'), refs);
    if ('id' in unit) handlingUnitId = unit.id;
    else problem('handlingUnit', unit.code);
  }

  let categoryCode: string | undefined;
  const categoryText = str('category');
  if (categoryText !== '') {
    const codes = refs.categoryByCode.has(categoryText)
      ? [categoryText]
      : (refs.categoriesByName.get(categoryText) ?? []);
    if (codes.length === 1) categoryCode = codes[0];
    else problem('category', 'unknownCategory');
  }

  const summary = str('summary').replace(/\s+/g, ' ');
  if (summary === '') problem('summary', 'required');
  const title = summary.length <= 120 ? summary : `${summary.slice(0, 119)}…`;

  const stateText = str('state');
  const state: PetitionState | undefined = stateText === '' ? 'registered' : STATE_INDEX.get(stateText.toLowerCase());
  if (state === undefined) problem('state', 'badState');

  const outcomes: Outcome[] = [];
  let replyResult: ReplyResult | null = null;
  for (const part of listOf('outcome')) {
    const o = OUTCOME_INDEX.get(part.toLowerCase());
    const r = REPLY_INDEX.get(part.toLowerCase());
    if (o !== undefined) outcomes.push(o);
    else if (r !== undefined) replyResult = r;
    else problem('outcome', 'badOutcome');
  }

  let satisfaction: number | null = null;
  const satisfactionText = str('satisfaction').replace(/分$/, '');
  if (satisfactionText !== '') {
    const n = SATISFACTION_WORDS.get(satisfactionText) ?? Number(satisfactionText);
    if (!Number.isInteger(n) || n < 1 || n > 5) problem('satisfaction', 'badSatisfaction');
    else satisfaction = n;
  }

  const skipLevel = str('flags').includes(zhCN.petitions.flags.skip_level) || /skip/i.test(str('flags'));
  const acceptedAt = str('acceptedAt') === '' ? null : parseLedgerDate(cell('acceptedAt'));
  if (str('acceptedAt') !== '' && acceptedAt === null) problem('acceptedAt', 'badDate');
  const concludedAt = str('concludedAt') === '' ? null : parseLedgerDate(cell('concludedAt'));
  if (str('concludedAt') !== '' && concludedAt === null) problem('concludedAt', 'badDate');

  if (
    receivedAt === null ||
    channel === undefined ||
    type === undefined ||
    state === undefined ||
    summary === '' ||
    names.length === 0
  ) {
    return { candidate: null, problems };
  }
  const caseNumber = str('caseNumber');
  const mapped = (Object.keys(mapping) as LedgerField[]).sort().map((f) => str(f));
  return {
    candidate: {
      sourceKey: sourceKeyOf(caseNumber, mapped),
      sourceCaseNumber: caseNumber === '' ? null : caseNumber.slice(0, 60),
      input: {
        channel,
        type,
        purpose: PURPOSE_OF_TYPE[type],
        ...(categoryCode === undefined ? {} : { categoryCode }),
        title,
        body: summary,
        receivedAt,
        anonymous,
        petitioners,
        headcount,
        involvedUnitIds,
        namedPersons,
        skipLevel,
      },
      state,
      handlingUnitId,
      outcomes: [...new Set(outcomes)],
      replyResult,
      satisfaction,
      acceptedAt,
      concludedAt,
    },
    problems,
  };
}

/** Header synonyms offices use, per field; the catalog's own headers come first. */
const SYNONYMS: Record<LedgerField, string[]> = {
  caseNumber: ['编号', '案件号', '信访编号', '登记编号'],
  receivedAt: ['来信来访日期', '登记时间', '来访日期', '日期', '收到时间'],
  channel: ['信访形式', '来源', '信访方式', '方式'],
  type: ['类别', '事项类别', '信访类型'],
  petitioners: ['姓名', '反映人', '来访人', '信访人姓名'],
  idNumbers: ['身份证号码', '证件号码', '身份证'],
  phones: ['电话', '手机', '联系方式'],
  headcount: ['来访人数', '人次'],
  unit: ['单位', '涉及单位', '反映单位'],
  namedPersons: ['被举报人', '被反映对象', '反映对象', '被投诉人'],
  category: ['内容分类', '问题类别', '分类'],
  summary: ['反映问题', '主要内容', '摘要', '内容', '主要问题'],
  handlingUnit: ['责任单位', '办理单位', '承办部门'],
  state: ['办理状态', '办理情况'],
  outcome: ['结果', '处理结果'],
  satisfaction: ['满意度', '群众评价'],
  flags: ['备注标记'],
  acceptedAt: ['受理时间'],
  concludedAt: ['办结时间'],
};

/** Propose a mapping from the header row: exact catalog headers first, then synonyms. */
export function proposeMapping(headers: readonly string[], fields: readonly LedgerField[]): LedgerMapping {
  const normal = headers.map((h) => h.replace(/\s+/g, '').toLowerCase());
  const mapping: LedgerMapping = {};
  const used = new Set<number>();
  for (const field of fields) {
    const names = [zhCN.ledger.fields[field], en.ledger.fields[field], ...SYNONYMS[field]].map((n) =>
      n.replace(/\s+/g, '').toLowerCase(),
    );
    for (const name of names) {
      const index = normal.findIndex((h, i) => h === name && !used.has(i));
      if (index >= 0) {
        mapping[field] = index;
        used.add(index);
        break;
      }
    }
  }
  return mapping;
}
