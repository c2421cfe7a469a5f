import { describe, expect, it } from 'vitest';
import { VisitRecordInputSchema } from '../../../../common/schemas/visit-record.ts';
import { formPathOf, toVisitInput, type VisitValues } from './visit-input.ts';

const values: VisitValues = {
  mode: 'new',
  headcount: 30,
  type: 'appeal',
  purpose: 'request',
  skipLevel: false,
  title: ' 夜班津贴停发 ',
  body: '一月起夜班津贴停发，请求补发。',
  petitioners: [
    { name: '王大山', phone: ' ', identity: 'employee', isRepresentative: true },
    { name: '李铁军', identity: 'employee' },
  ],
  companions: [{ name: '孙工会', relation: '' }],
  transcript: '问：反映什么？答：夜班津贴。',
  materials: [{ name: '工资条', copies: 3 }],
};
const times = { arrivedAt: '2026-03-02T00:30:00.000Z' };

describe('toVisitInput', () => {
  it('makes a new petition of a visit that the API accepts, blanks dropped', () => {
    const input = toVisitInput(values, times);
    expect(input.petition).toMatchObject({ channel: 'visit', title: '夜班津贴停发', headcount: 30 });
    expect(input.petition?.petitioners?.[0]).toEqual({ name: '王大山', identity: 'employee', isRepresentative: true });
    expect(input.companions).toEqual([{ name: '孙工会', isRepresentative: false }]);
    expect(VisitRecordInputSchema.safeParse(input).success).toBe(true);
  });

  it('sends only the case for a visit on a case on file', () => {
    const input = toVisitInput({ ...values, mode: 'existing', petitionId: 'P1' }, times);
    expect(input.petition).toBeUndefined();
    expect(input.petitionId).toBe('P1');
    expect(VisitRecordInputSchema.safeParse(input).success).toBe(true);
  });
});

describe('formPathOf', () => {
  it.each([
    [['petition', 'title'], ['title']],
    [
      ['petition', 'petitioners', '1', 'idNumber'],
      ['petitioners', 1, 'idNumber'],
    ],
    [['petition', 'headcount'], ['headcount']],
    [['companions'], null],
    [['petition', 'petitioners'], null],
    [
      ['materials', '0', 'name'],
      ['materials', 0, 'name'],
    ],
    [['petitionId'], null],
    [['petition', 'namedPersons', '0', 'userId'], null],
  ])('%j → %j', (path, expected) => {
    expect(formPathOf(path)).toEqual(expected);
  });
});
