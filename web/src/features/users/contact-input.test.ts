import { describe, expect, it } from 'vitest';
import { contactInputOf, type ContactValues } from './contact-input.ts';

describe('contactInputOf', () => {
  const cases: [string, ContactValues, unknown][] = [
    ['keeps the mobile on file when none is typed', { email: 'a@example.com', mobile: '' }, { email: 'a@example.com' }],
    ['replaces it with a typed number', { email: '', mobile: ' 13800001111 ' }, { email: null, mobile: '13800001111' }],
    ['clears it when asked', { email: 'a@example.com', clearMobile: true }, { email: 'a@example.com', mobile: null }],
    [
      'a typed number wins over clearing',
      { mobile: '13800001111', clearMobile: true },
      { email: null, mobile: '13800001111' },
    ],
    ['an emptied e-mail is none', { email: '   ' }, { email: null }],
    ['nothing at all keeps the mobile and has no e-mail', {}, { email: null }],
  ];
  it.each(cases)('%s', (_name, values, expected) => {
    expect(contactInputOf(values)).toEqual(expected);
  });
});
