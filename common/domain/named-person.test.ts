import { describe, expect, it } from 'vitest';
import {
  formatNamedPerson,
  parseNamedPersons,
  rankMatches,
  resolutionOf,
  routeAround,
  unitIdOfPath,
  type MatchCandidate,
} from './named-person.ts';

describe('parseNamedPersons', () => {
  it.each([
    ['张三', [{ name: '张三', unitText: null, position: null }]],
    ['张三（矿长）', [{ name: '张三', unitText: null, position: '矿长' }]],
    ['张三(矿长)', [{ name: '张三', unitText: null, position: '矿长' }]],
    ['张三/东山煤矿', [{ name: '张三', unitText: '东山煤矿', position: null }]],
    ['张三/东山煤矿/矿长', [{ name: '张三', unitText: '东山煤矿', position: '矿长' }]],
    ['张三／东山煤矿／矿长', [{ name: '张三', unitText: '东山煤矿', position: '矿长' }]],
    ['张三 / 东山煤矿 / 综采一队 / 队长', [{ name: '张三', unitText: '东山煤矿/综采一队', position: '队长' }]],
    ['张三（队长）/东山煤矿/综采一队', [{ name: '张三', unitText: '东山煤矿/综采一队', position: '队长' }]],
    ['张三/东山煤矿>综采一队/队长', [{ name: '张三', unitText: '东山煤矿>综采一队', position: '队长' }]],
    ['张三//矿长', [{ name: '张三', unitText: null, position: '矿长' }]],
    [
      '张三（矿长）、李四/南峪煤矿;王五；赵六/北岭煤矿/书记',
      [
        { name: '张三', unitText: null, position: '矿长' },
        { name: '李四', unitText: '南峪煤矿', position: null },
        { name: '王五', unitText: null, position: null },
        { name: '赵六', unitText: '北岭煤矿', position: '书记' },
      ],
    ],
    ['  、 ；', []],
    ['', []],
  ])('%s', (cell, expected) => {
    expect(parseNamedPersons(cell)).toEqual(expected);
  });
});

describe('formatNamedPerson', () => {
  it.each([
    [{ name: '张三', unitName: null, position: null }, '张三'],
    [{ name: '张三', unitName: null, position: '矿长' }, '张三（矿长）'],
    [{ name: '张三', unitName: '东山煤矿', position: null }, '张三/东山煤矿'],
    [{ name: '张三', unitName: '东山煤矿/综采一队', position: '队长' }, '张三/东山煤矿>综采一队/队长'],
    [{ name: '张三', unitName: '东山煤矿/综采一队', position: null }, '张三/东山煤矿>综采一队'],
  ])('%o → %s, read back the same', (person, text) => {
    expect(formatNamedPerson(person)).toBe(text);
    const [read] = parseNamedPersons(text);
    expect(read).toEqual({
      name: person.name,
      unitText: person.unitName?.replace(/\//g, '>') ?? null,
      position: person.position,
    });
  });
});

describe('resolutionOf', () => {
  it.each([
    [{}, 'unresolved'],
    [{ userId: 'u1' }, 'account'],
    [{ noAccount: true }, 'no_account'],
    [{ noAccount: false }, 'unresolved'],
  ] as const)('%o → %s', (input, expected) => {
    expect(resolutionOf(input)).toBe(expected);
  });
});

describe('routeAround (回避, 第28条)', () => {
  const ROOT = '/r/';
  const MINE = '/r/m/';
  const TEAM = '/r/m/t/';
  const CREW = '/r/m/t/c/';
  const OTHER = '/r/o/';
  it.each([
    ['nobody recused leads anything', TEAM, [], TEAM],
    ['the handling unit is led by a named person: the level above', TEAM, [TEAM], MINE],
    ['a unit under the named leader: above the unit he leads', CREW, [MINE], ROOT],
    ['two named leaders on the path: above the topmost', CREW, [TEAM, MINE], ROOT],
    ['a named leader elsewhere changes nothing', TEAM, [OTHER], TEAM],
    ['a named leader below the handling unit changes nothing', MINE, [TEAM], MINE],
    ['the enterprise itself: nothing above, it stays', MINE, [ROOT], ROOT],
    ['a mine handed to itself', MINE, [MINE], ROOT],
  ])('%s', (_, handling, led, expected) => {
    expect(routeAround(handling, led)).toBe(expected);
  });

  it('names the unit at the end of a path', () => {
    expect(unitIdOfPath('/r/m/t/')).toBe('t');
    expect(unitIdOfPath('/r/')).toBe('r');
  });
});

describe('rankMatches', () => {
  const candidate = (
    id: string,
    displayName: string,
    unitPath: string,
    role: MatchCandidate['role'],
    position: string | null,
  ) => ({
    id,
    displayName,
    unitPath,
    role,
    position,
  });
  const chiefHere = candidate('chief-here', '张志强', '/r/ds/', 'chief', '矿长');
  const namesakeThere = candidate('namesake', '张志强', '/r/ny/t1/', 'unit_head', '综采一队队长');
  const longerName = candidate('longer', '张志强伟', '/r/ds/', 'officer', null);
  const leaderNoPosition = candidate('deputy', '张志强', '/r/bl/', 'deputy', null);

  it('puts the same name in the unit named with the same position first', () => {
    const ranked = rankMatches(
      [longerName, namesakeThere, leaderNoPosition, chiefHere],
      {
        name: '张志强',
        unitPath: '/r/ds/',
        position: '矿长',
      },
      10,
    );
    expect(ranked.map((c) => c.id)).toEqual(['chief-here', 'deputy', 'namesake', 'longer']);
  });

  it('without unit or position, exact names first, then by name', () => {
    const ranked = rankMatches([longerName, chiefHere], { name: '张志强', unitPath: null, position: null }, 10);
    expect(ranked.map((c) => c.id)).toEqual(['chief-here', 'longer']);
  });

  it('keeps at most `limit`', () => {
    expect(
      rankMatches([longerName, chiefHere, namesakeThere], { name: '张志强', unitPath: null, position: null }, 2),
    ).toHaveLength(2);
  });
});
