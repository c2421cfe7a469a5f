import { describe, expect, it } from 'vitest';
import {
  chinaDate,
  idNumberSchema,
  IdNumberSchema,
  isValidIdNumber,
  isValidMobile,
  isValidPhone,
  maskIdNumber,
  maskName,
  maskPhone,
  normalizeIdNumber,
  normalizePhone,
  parseIdNumber,
  PhoneSchema,
  type IdNumberFailure,
} from './identity.ts';

const TODAY = '2024-06-15';

/**
 * An independent check-character computation, from the ISO 7064 MOD 11-2 definition rather than
 * the weight table in the code: weight of position i (1-based, of 18) is 2^(18−i) mod 11, and the
 * check value is (12 − sum mod 11) mod 11, written X for 10.
 */
function withCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return first17 + (check === 10 ? 'X' : String(check));
}

/** The same number with its last character replaced by a different valid-looking one. */
function withWrongCheck(valid: string): string {
  const last = valid.slice(-1);
  return valid.slice(0, 17) + (last === '0' ? '1' : '0');
}

/**
 * The example number of GB 11643-1999 itself, verified by hand:
 *   digits  1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2
 *   weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
 *   sum = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → check character X.
 * The 17th digit (2) is even, so the holder is a woman.
 */
const STANDARD_EXAMPLE = '11010519491231002X';

describe('parseIdNumber accepts valid numbers', () => {
  it.each([
    ['the standard example', STANDARD_EXAMPLE, STANDARD_EXAMPLE, '1949-12-31', 'female'],
    ['a lower-case check x', '11010519491231002x', STANDARD_EXAMPLE, '1949-12-31', 'female'],
    ['full-width digits and Ｘ', '１１０１０５１９４９１２３１００２Ｘ', STANDARD_EXAMPLE, '1949-12-31', 'female'],
    [
      'surrounding spaces, including an ideographic one',
      `\u3000 ${STANDARD_EXAMPLE} `,
      STANDARD_EXAMPLE,
      '1949-12-31',
      'female',
    ],
    ['a man (odd 17th digit)', withCheck('13040219900101123'), withCheck('13040219900101123'), '1990-01-01', 'male'],
    ['a leap day', withCheck('44030420000229004'), withCheck('44030420000229004'), '2000-02-29', 'female'],
    ['the earliest birth date', withCheck('31010119000101001'), withCheck('31010119000101001'), '1900-01-01', 'male'],
    ['a birth today', withCheck('65010220240615002'), withCheck('65010220240615002'), TODAY, 'female'],
    [
      'a Hong Kong residence permit (81)',
      withCheck('81000019800520003'),
      withCheck('81000019800520003'),
      '1980-05-20',
      'male',
    ],
  ])('%s', (_label, input, normalized, birthDate, sex) => {
    expect(parseIdNumber(input, TODAY)).toEqual({ ok: true, normalized, birthDate, sex });
    expect(isValidIdNumber(input, TODAY)).toBe(true);
  });

  it('hand-verified: 130402199001011233 has check character 3 (sum 163, 163 mod 11 = 9 → 3)', () => {
    expect(withCheck('13040219900101123')).toBe('130402199001011233');
    expect(parseIdNumber('130402199001011233', TODAY).ok).toBe(true);
  });
});

describe('parseIdNumber names the failed check', () => {
  const cases: [string, string, IdNumberFailure][] = [
    ['empty', '', 'length'],
    ['17 characters', STANDARD_EXAMPLE.slice(0, 17), 'length'],
    ['19 characters', `${STANDARD_EXAMPLE}0`, 'length'],
    ['an old 15-digit number', '130402900101123', 'length'],
    ['a space inside', '110105 19491231002', 'characters'],
    ['a letter among the digits', '1101051949123100AX', 'characters'],
    ['X anywhere but last', 'X10105194912310020', 'characters'],
    ['a check character other than X', '11010519491231002Y', 'characters'],
    ['province code 00', withCheck('00010519491231002'), 'region'],
    ['province code 16', withCheck('16010519491231002'), 'region'],
    ['province code 72', withCheck('72010519491231002'), 'region'],
    ['province code 99', withCheck('99010519491231002'), 'region'],
    ['born before 1900', withCheck('11010518991231002'), 'birth_date'],
    ['born tomorrow', withCheck('11010520240616002'), 'birth_date'],
    ['born in 2090', withCheck('11010520900101002'), 'birth_date'],
    ['29 February in a common year', withCheck('11010520230229002'), 'birth_date'],
    ['29 February 1900 (century, not leap)', withCheck('11010519000229002'), 'birth_date'],
    ['31 April', withCheck('11010519900431002'), 'birth_date'],
    ['month 13', withCheck('11010519901301002'), 'birth_date'],
    ['day 00', withCheck('11010519900100002'), 'birth_date'],
    ['a wrong check character', withWrongCheck(STANDARD_EXAMPLE), 'checksum'],
    ['a wrong check digit', withWrongCheck(withCheck('13040219900101123')), 'checksum'],
    ['two swapped digits', '11010519491231020X', 'checksum'],
    // Checks run in order: a number wrong in several ways reports the first.
    ['a bad region and a bad checksum', withWrongCheck(withCheck('99010519491231002')), 'region'],
    ['a bad birth date and a bad checksum', withWrongCheck(withCheck('11010520230229002')), 'birth_date'],
  ];
  it.each(cases)('%s → %s', (_label, input, reason) => {
    expect(parseIdNumber(input, TODAY)).toEqual({ ok: false, reason });
    expect(isValidIdNumber(input, TODAY)).toBe(false);
  });

  it.each(['2024-6-15', '2024-02-30', 'today', ''])('refuses a malformed today %j as a programming error', (today) => {
    expect(() => parseIdNumber(STANDARD_EXAMPLE, today)).toThrow(RangeError);
  });
});

describe('normalizeIdNumber', () => {
  it.each([
    [' 11010519491231002x ', STANDARD_EXAMPLE],
    ['１１０１０５１９４９１２３１００２ｘ', STANDARD_EXAMPLE],
    ['１１０１０５１９４９１２３１００２Ｘ', STANDARD_EXAMPLE],
    [STANDARD_EXAMPLE, STANDARD_EXAMPLE],
    // Not a validator: inner spaces and other letters stay for parseIdNumber to refuse.
    ['110105 1949', '110105 1949'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeIdNumber(input)).toBe(expected);
  });
});

describe('phones', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['0086-138-1234-5678', '13812345678'],
    ['＋８６　１３８１２３４５６７８', '13812345678'],
    ['0310-1234567', '03101234567'],
    ['010 12345678', '01012345678'],
    ['+86 310 1234567', '03101234567'],
    ['+86 10 12345678', '01012345678'],
    ['+86 0310-1234567', '03101234567'],
  ])('normalizePhone(%j) → %j', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    ['13812345678', true, true],
    ['19912345678', true, true],
    ['+86 138-1234-5678', true, true],
    ['0086 13812345678', true, true],
    ['0310-1234567', false, true],
    ['03101234567', false, true],
    ['0310-12345678', false, true],
    ['010-12345678', false, true],
    ['021 12345678', false, true],
    ['021 1234567', false, false], // short area codes have 8-digit local numbers
    ['0310-123456', false, false], // not 031-0123456: 03xx area codes are four digits
    ['12812345678', false, false], // 12x is not a mobile prefix
    ['1381234567', false, false], // 10 digits
    ['138123456789', false, false], // 12 digits
    ['23812345678', false, false],
    ['8613812345678', false, false], // country code without + or 00
    ['138 1234 567a', false, false],
    ['(0310)1234567', false, false],
    ['0310-123456789', false, false], // local number too long
    ['0010-12345678', false, false], // 00 is an international prefix, not an area code
    ['', false, false],
  ])('%j: mobile %s, phone %s', (input, mobile, phone) => {
    expect(isValidMobile(input)).toBe(mobile);
    expect(isValidPhone(input)).toBe(phone);
  });
});

describe('masks', () => {
  it.each([
    [maskIdNumber, '130402199001011234', '1304**********1234'],
    [maskIdNumber, '11010519491231002x', '1101**********002X'],
    [maskIdNumber, '１３０４０２１９９００１０１１２３４', '1304**********1234'],
    [maskIdNumber, '12345678', '********'],
    [maskPhone, '13812345678', '138****5678'],
    [maskPhone, '+86 138-1234-5678', '138****5678'],
    [maskPhone, '0310-1234567', '031****4567'],
    [maskPhone, '1234567', '*******'],
    [maskName, '张三丰', '张**'],
    [maskName, '张三', '张*'],
    [maskName, ' 欧阳修 ', '欧**'],
    [maskName, '𠮷田', '𠮷*'],
    [maskName, '张', '张'],
    [maskName, '', ''],
  ])('%o(%j) → %j', (mask, input, expected) => {
    expect(mask(input)).toBe(expected);
  });
});

describe('IdNumberSchema', () => {
  const schema = idNumberSchema(() => TODAY);

  it('outputs the normalised number', () => {
    expect(schema.parse(' 11010519491231002x')).toBe(STANDARD_EXAMPLE);
    expect(IdNumberSchema.parse('１１０１０５１９４９１２３１００２Ｘ')).toBe(STANDARD_EXAMPLE);
  });

  it.each([
    ['1101051949', 'length', '18 characters'],
    ['1101051949123100AX', 'characters', '17 digits'],
    [withCheck('99010519491231002'), 'region', 'province code'],
    [withCheck('11010520240616002'), 'birth_date', 'birth date'],
    [withWrongCheck(STANDARD_EXAMPLE), 'checksum', 'check character'],
  ])('refuses %j with a message naming the %s check', (input, reason, phrase) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.message).toContain(phrase);
    expect(issue?.message).not.toContain(input);
    expect(issue).toMatchObject({ code: 'custom', params: { reason } });
  });

  it('reads today when parsing, not when the schema was built', () => {
    let today = '2024-06-15';
    const moving = idNumberSchema(() => today);
    const bornTomorrow = withCheck('11010520240616002');
    expect(moving.safeParse(bornTomorrow).success).toBe(false);
    today = '2024-06-16';
    expect(moving.safeParse(bornTomorrow).success).toBe(true);
  });

  it('refuses what is not a string', () => {
    expect(IdNumberSchema.safeParse(110105194912310020).success).toBe(false);
  });
});

describe('PhoneSchema', () => {
  it.each([
    ['+86 138-1234-5678', '13812345678'],
    ['0310-1234567', '03101234567'],
  ])('normalises %j to %j', (input, expected) => {
    expect(PhoneSchema.parse(input)).toBe(expected);
  });

  it.each([
    ['138-1234-567a', 'only digits'],
    ['12812345678', '11-digit mobile'],
    ['0310-123', 'landline with area code'],
  ])('refuses %j with a message saying %j', (input, phrase) => {
    const result = PhoneSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(phrase);
  });
});

describe('chinaDate', () => {
  it.each([
    ['2024-06-15T15:59:59Z', '2024-06-15'],
    ['2024-06-15T16:00:00Z', '2024-06-16'],
    ['2024-12-31T16:30:00Z', '2025-01-01'],
  ])('%s is %s in China (UTC+8)', (instant, expected) => {
    expect(chinaDate(new Date(instant))).toBe(expected);
  });
});
