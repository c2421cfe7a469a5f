import { describe, expect, it } from 'vitest';
import type { Channel } from '../schemas/petition.ts';
import { isSkipLevel, levelsAbove, type LevelUnit } from './skip-level.ts';

/**
 * 集团 G → 公司 C → 矿 M → 区队 T → 班组 W; G → 矿 N → 区队 U; G → 部门 D; C → 部门 CD.
 * The levels are G, C, M, N (offices that decide); a crew member's 本级 is M, its 上一级 C.
 */
const TREE: [string, LevelUnit['kind'], string][] = [
  ['G', 'enterprise', '/G/'],
  ['C', 'company', '/G/C/'],
  ['CD', 'department', '/G/C/CD/'],
  ['M', 'mine', '/G/C/M/'],
  ['T', 'district_team', '/G/C/M/T/'],
  ['W', 'crew', '/G/C/M/T/W/'],
  ['N', 'mine', '/G/N/'],
  ['U', 'district_team', '/G/N/U/'],
  ['D', 'department', '/G/D/'],
];
const UNITS = new Map(TREE.map(([id, kind, path]) => [id, { id, kind, path }]));

describe('levelsAbove', () => {
  it.each([
    ['a crew member at his mine', 'W', 'M', false, 0],
    ['a crew member at his district team (below the level)', 'W', 'T', false, 0],
    ['a crew member at the company above his mine', 'W', 'C', false, 1],
    ['a crew member at the group', 'W', 'G', false, 2],
    ['a crew member at another mine (beside, not above)', 'W', 'N', false, 0],
    ['a mine N worker at the group', 'U', 'G', false, 1],
    ['a group department worker at the group', 'D', 'G', false, 0],
    ['a mine N worker at a body above the group', 'U', 'G', true, 2],
    ['a crew member of M at a body above the group', 'W', 'G', true, 3],
    ['a group department worker at a body above the group', 'D', 'G', true, 1],
  ] as const)('%s: %i', (_name, petitioner, receiving, fromAbove, expected) => {
    expect(levelsAbove(petitioner, receiving, UNITS, fromAbove)).toBe(expected);
  });
});

describe('isSkipLevel (《信访工作条例》第20条第1款: 本级或者上一级)', () => {
  const facts = (
    channel: Channel,
    receivingUnitId: string,
    petitionerUnitIds: string[],
    referralChannel: Channel | null = null,
  ) => ({ channel, receivingUnitId, petitionerUnitIds, units: UNITS, referralChannel });

  it.each([
    ['a visit at the level with authority', facts('visit', 'M', ['W']), false],
    ['a visit at the level above it (上一级)', facts('visit', 'C', ['W']), false],
    ['a visit two levels above', facts('visit', 'G', ['W']), true],
    ['a letter two levels above: 第20条 binds visits only', facts('letter', 'G', ['W']), false],
    ['a call two levels above', facts('phone', 'G', ['W']), false],
    ['online two levels above', facts('online', 'G', ['W']), false],
    ['a mine worker visiting the group just above his mine', facts('visit', 'G', ['U']), false],
    ['a visit at a sibling mine', facts('visit', 'N', ['W']), false],
    ['no petitioner unit known (anonymous, villagers)', facts('visit', 'G', []), false],
    ['a petitioner unit not loaded', facts('visit', 'G', ['X']), false],
    ['a group visit, all two levels above', facts('visit', 'G', ['W', 'T']), true],
    ['a group visit with one petitioner at his own level', facts('visit', 'G', ['W', 'D']), false],
    ['sent down from above, the petitioner went there in person', facts('forwarded', 'G', ['U'], 'visit'), true],
    ['sent down from above, the petitioner wrote', facts('forwarded', 'G', ['U'], 'letter'), false],
    ['sent down from above, how he went not recorded', facts('forwarded', 'G', ['U']), false],
    [
      'sent down from above, a group department worker visited the body above',
      facts('forwarded', 'G', ['D'], 'visit'),
      false,
    ],
  ] as const)('%s → %s', (_name, input, expected) => {
    expect(isSkipLevel(input)).toBe(expected);
  });
});
