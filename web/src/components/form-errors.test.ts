import { describe, expect, it } from 'vitest';
import { fieldOfIssue } from './form-errors.ts';

describe('fieldOfIssue', () => {
  const names = ['email', 'value', ['value', 'sms'], ['value', 'acceptanceNoticeDays']] as const;
  const cases: [string, (string | number)[], unknown][] = [
    ['a flat field by its name', ['email'], 'email'],
    [
      'a nested field by its whole path (value.<field> from the settings API)',
      ['value', 'acceptanceNoticeDays'],
      names[3],
    ],
    ['one item of a list on the list', ['value', 'sms', 3], names[2]],
    ['the longest name that is a prefix wins over its parent', ['value', 'sms'], names[2]],
    ['a parent when no child matches', ['value', 'wecom'], 'value'],
    ['nothing for an unknown field', ['mobile'], undefined],
    ['nothing for an issue about the whole body', [], undefined],
  ];
  it.each(cases)('puts %s', (_name, path, expected) => {
    expect(fieldOfIssue(path, names)).toEqual(expected);
  });
});
