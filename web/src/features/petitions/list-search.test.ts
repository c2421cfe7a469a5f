import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE, filterFromSearch, searchOfFilter } from './list-search.ts';

const parse = (search: string) => filterFromSearch(new URLSearchParams(search));

describe('filterFromSearch', () => {
  it('opens the first page, newest first, with nothing in the address', () => {
    expect(parse('')).toEqual(DEFAULT_PAGE);
  });

  it('reads every filter, the page, the page size and the sort', () => {
    expect(
      parse(
        'state=accepted&open=true&unitId=u1&categoryCode=01&channel=visit&type=appeal&flag=group&ownerId=o1' +
          '&overdue=true&acceptance=met_late&conclusion=overdue&receivedFrom=2026-01-01&receivedTo=2026-03-31' +
          '&q=工伤 塌陷&page=3&pageSize=50&sort=due_asc',
      ),
    ).toEqual({
      state: 'accepted',
      open: 'true',
      unitId: 'u1',
      categoryCode: '01',
      channel: 'visit',
      type: 'appeal',
      flag: 'group',
      ownerId: 'o1',
      overdue: 'true',
      acceptance: 'met_late',
      conclusion: 'overdue',
      receivedFrom: '2026-01-01',
      receivedTo: '2026-03-31',
      q: '工伤 塌陷',
      page: 3,
      pageSize: 50,
      sort: 'due_asc',
    });
  });

  it('reads the drill-down of reports owed to higher bodies (上级交办)', () => {
    expect(parse('referral=overdue&referralDueFrom=2026-03-01&referralDueTo=2026-03-31')).toEqual({
      ...DEFAULT_PAGE,
      referral: 'overdue',
      referralDueFrom: '2026-03-01',
      referralDueTo: '2026-03-31',
    });
    expect(searchOfFilter(parse('referral=met&referralDueFrom=2026-03-01')).toString()).toBe(
      'referral=met&referralDueFrom=2026-03-01',
    );
  });

  it("reads the dashboard's drill-down addresses", () => {
    expect(parse('receivedFrom=2026-01-01&receivedTo=2026-12-31&unitId=u7&acceptance=overdue')).toEqual({
      ...DEFAULT_PAGE,
      receivedFrom: '2026-01-01',
      receivedTo: '2026-12-31',
      unitId: 'u7',
      acceptance: 'overdue',
    });
  });

  it('drops only the values it cannot use, and unknown keys', () => {
    expect(
      parse('state=nonsense&channel=visit&page=-2&pageSize=7&sort=sideways&open=yes&receivedFrom=2026-02-30&x=1'),
    ).toEqual({ ...DEFAULT_PAGE, channel: 'visit' });
  });

  it('ignores half a date range', () => {
    expect(parse('receivedFrom=2026-01-01')).toEqual(DEFAULT_PAGE);
  });
});

describe('searchOfFilter', () => {
  it('leaves defaults and empty values out of the address', () => {
    expect(searchOfFilter({ ...DEFAULT_PAGE, q: undefined, state: undefined }).toString()).toBe('');
  });

  it('writes what filterFromSearch reads back', () => {
    const filter = { ...DEFAULT_PAGE, state: 'triaged' as const, q: '工伤', page: 2, pageSize: 100 };
    const search = searchOfFilter(filter);
    expect(search.toString()).toBe('state=triaged&q=%E5%B7%A5%E4%BC%A4&page=2&pageSize=100');
    expect(filterFromSearch(search)).toEqual(filter);
  });
});
