import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_SOURCES,
  STEP_DOCUMENTS,
  stepDocumentOf,
  chineseDate,
  documentNumber,
  fillTemplate,
  paragraphsOf,
  placeholdersOf,
  renderDocument,
  validateTemplate,
  type TemplateText,
} from './documents.ts';

const PREFIX_MESSAGE = 'number prefix: at most 12 Chinese characters, letters or digits';
const base: TemplateText = {
  title: '告知书',
  addressee: '{{petitionerName}}',
  body: '案件{{caseNumber}}已受理。',
  numberPrefix: '信受',
};

describe('validateTemplate', () => {
  it.each([
    ['a good template', base, []],
    [
      'an unknown field in the body',
      { ...base, body: '{{idNumber}}' },
      [{ path: ['body'], message: 'unknown field {{idNumber}} for acceptance_notice' }],
    ],
    [
      'a field of another kind',
      { ...base, title: '{{legalBasis}}' },
      [{ path: ['title'], message: 'unknown field {{legalBasis}} for acceptance_notice' }],
    ],
    [
      'stray braces',
      { ...base, body: '已受理 {{caseNumber' },
      [{ path: ['body'], message: 'unbalanced {{ }} braces' }],
    ],
    ['an empty title', { ...base, title: ' ' }, [{ path: ['title'], message: 'title is required' }]],
    [
      'a prefix with punctuation',
      { ...base, numberPrefix: '信〔受' },
      [{ path: ['numberPrefix'], message: PREFIX_MESSAGE }],
    ],
    [
      'a prefix too long',
      { ...base, numberPrefix: '一二三四五六七八九十一二三' },
      [{ path: ['numberPrefix'], message: PREFIX_MESSAGE }],
    ],
  ])('%s', (_, template, issues) => {
    expect(validateTemplate('acceptance_notice', template)).toEqual(issues);
  });

  it('accepts spaces inside the braces', () => {
    expect(placeholdersOf('{{ caseNumber }} {{caseNumber}} {{issueDate}}')).toEqual(['caseNumber', 'issueDate']);
  });
});

describe('filling', () => {
  it.each([
    ['fills known fields', '编号{{caseNumber}}', { caseNumber: 'XF1' }, '编号XF1'],
    ['leaves an absent field empty, never the raw braces', '期限{{conclusionDueDate}}', {}, '期限'],
    ['does not re-expand braces inside values', '{{reason}}', { reason: '{{caseNumber}}' }, '{{caseNumber}}'],
  ])('%s', (_, text, fields, expected) => {
    expect(fillTemplate(text, fields)).toBe(expected);
  });

  it('drops lines an absent field left empty', () => {
    expect(paragraphsOf('第一段\n{{authority}}\n  \n第二段\r\n')).toEqual(['第一段', '{{authority}}', '第二段']);
    const content = renderDocument(
      { ...base, body: '第一段\n{{authority}}\n第二段' },
      { issuingUnit: '甲矿', issueDate: '2026年3月2日' },
      '信受〔2026〕1号',
    );
    expect(content).toEqual({
      title: '告知书',
      number: '信受〔2026〕1号',
      addressee: '',
      paragraphs: ['第一段', '第二段'],
      issuingUnit: '甲矿',
      issueDate: '2026年3月2日',
    });
  });
});

describe('dates and numbers (GB/T 9704)', () => {
  it.each([
    ['2026-03-02', '2026年3月2日'],
    ['2026-11-28', '2026年11月28日'],
    ['2027-01-10', '2027年1月10日'],
  ])('%s → %s', (date, expected) => {
    expect(chineseDate(date)).toBe(expected);
  });

  it('refuses what is not a local date', () => {
    expect(() => chineseDate('2026-3-2')).toThrow();
  });

  it.each([
    ['信复', 2026, 1, '信复〔2026〕1号'],
    ['甲信受', 2027, 112, '甲信受〔2027〕112号'],
    ['', 2026, 3, '〔2026〕3号'],
  ])('%s %i %i', (prefix, year, seq, expected) => {
    expect(documentNumber(prefix, year, seq)).toBe(expected);
  });
});

describe('STEP_DOCUMENTS', () => {
  it.each(Object.entries(STEP_DOCUMENTS))('%s makes a %s, which is made from that step', (verb, kind) => {
    expect(DOCUMENT_SOURCES[kind]).toContain(verb);
    expect(stepDocumentOf(verb)).toBe(kind);
  });

  it('a step without a required document makes none', () => {
    expect(stepDocumentOf('addNote')).toBeNull();
    expect(stepDocumentOf('toString')).toBeNull();
  });
});
