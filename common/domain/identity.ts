/**
 * Petitioner identity: resident identity numbers (居民身份证号码) and phone numbers.
 *
 * Parsing, normalising and masking are pure and run in the browser and on the server alike, so a
 * form refuses a mistyped number before it is sent and the server applies the same rule at the
 * edge. The normalised form is what gets encrypted and blind-indexed
 * (`server/platform/crypto.ts`), so two spellings of one number find the same petitioner.
 * Messages produced here never repeat the value: identity is not logged (CONVENTIONS §9).
 */
import { z } from 'zod';

// ── Identity numbers ─────────────────────────────────────────────────────────────────────────

/** Why an identity number was refused, in the order the checks run. */
export const ID_NUMBER_FAILURES = ['length', 'characters', 'region', 'birth_date', 'checksum'] as const;
export type IdNumberFailure = (typeof ID_NUMBER_FAILURES)[number];

export type IdNumberParseResult =
  { ok: true; normalized: string; birthDate: string; sex: 'male' | 'female' } | { ok: false; reason: IdNumberFailure };

// GB 11643-1999 §8.2: ISO 7064 MOD 11-2 weights for positions 1–17, and the check character for
// each remainder of the weighted sum modulo 11.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

// GB/T 2260 province-level codes: 11–15 North, 21–23 North-east, 31–37 East, 41–46 South-central,
// 50–54 South-west, 61–65 North-west, 71 Taiwan, 81/82 Hong Kong/Macao residence permits,
// 91 permanent residence of foreign nationals.
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  ...range(11, 15),
  ...range(21, 23),
  ...range(31, 37),
  ...range(41, 46),
  ...range(50, 54),
  ...range(61, 65),
  '71',
  '81',
  '82',
  '91',
]);

/** The earliest birth date accepted; earlier dates are typing errors, not petitioners. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * Bring an identity number to its canonical spelling: trimmed, full-width digits and `Ｘ`/`ｘ`
 * (as typed with a Chinese IME) turned half-width, and the check character `x` upper-cased.
 * Does not validate; anything else is left as it is for `parseIdNumber` to refuse.
 */
export function normalizeIdNumber(value: string): string {
  return toHalfWidth(value.trim()).replace(/x/g, 'X');
}

/**
 * Parse an 18-character resident identity number (GB 11643-1999): 6-digit region code, 8-digit
 * birth date, 3-digit sequence (odd for men, even for women), and the MOD 11-2 check character.
 *
 * Checks run in the order of `ID_NUMBER_FAILURES` and the first failure is reported. The birth
 * date must be a real calendar date from 1900-01-01 up to and including `today`. Old 15-digit
 * numbers are refused with `length`: they were replaced in 2013 and carry no check character.
 *
 * @param today the current date as `YYYY-MM-DD`, passed in so callers choose the clock.
 * @throws RangeError when `today` is not a real `YYYY-MM-DD` date (a programming error).
 */
export function parseIdNumber(value: string, today: string): IdNumberParseResult {
  if (!isIsoDate(today)) throw new RangeError('today must be a date written YYYY-MM-DD');
  const normalized = normalizeIdNumber(value);
  if (normalized.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(normalized)) return { ok: false, reason: 'characters' };
  if (!PROVINCE_CODES.has(normalized.slice(0, 2))) return { ok: false, reason: 'region' };
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  // Same-length ISO dates compare correctly as strings.
  if (!isIsoDate(birthDate) || birthDate < EARLIEST_BIRTH_DATE || birthDate > today) {
    return { ok: false, reason: 'birth_date' };
  }
  if (idCheckCharacter(normalized.slice(0, 17)) !== normalized[17]) return { ok: false, reason: 'checksum' };
  const sequenceDigit = Number(normalized[16]);
  return { ok: true, normalized, birthDate, sex: sequenceDigit % 2 === 1 ? 'male' : 'female' };
}

/**
 * True when `value` is a valid identity number as of `today` (`YYYY-MM-DD`); see `parseIdNumber`.
 *
 * @throws RangeError when `today` is not a real `YYYY-MM-DD` date.
 */
export function isValidIdNumber(value: string, today: string): boolean {
  return parseIdNumber(value, today).ok;
}

/** The MOD 11-2 check character for the first 17 digits of an identity number. */
function idCheckCharacter(first17: string): string {
  let sum = 0;
  ID_WEIGHTS.forEach((weight, i) => {
    sum += Number(first17[i]) * weight;
  });
  return ID_CHECK_CHARS.charAt(sum % 11);
}

// ── Phones ───────────────────────────────────────────────────────────────────────────────────

const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
// Area code 0 + 2–3 digits, then a 7–8 digit local number. With the separator removed the two
// parts run together, so the split comes from the numbering plan: the short area codes (010
// Beijing, 02x Shanghai, Guangzhou, Wuhan …) all have 8-digit local numbers, every other area code
// is 0[3-9]xx with 7 or 8 digits. `0310-123456` is thus refused rather than read as 031-0123456,
// and 00… (an international prefix) never matches.
const LANDLINE_PATTERN = /^(?:0(?:10|2\d)\d{8}|0[3-9]\d{2}\d{7,8})$/;

/**
 * Bring a phone number to digits only: full-width characters turned half-width, spaces and dashes
 * removed, and a leading `+86` / `0086` dropped. When the country code was written before a
 * landline, the trunk `0` it replaces is put back (`+86 310 1234567` → `03101234567`), unless the
 * writer kept it anyway (`+86 0310-1234567`). Does not validate.
 */
export function normalizePhone(value: string): string {
  const compact = toHalfWidth(value).replace(/[\s\-\u2010-\u2015\u2212]/g, '');
  const national = compact.replace(/^(\+|00)86/, '');
  if (national === compact || national.startsWith('0') || MOBILE_PATTERN.test(national)) return national;
  return `0${national}`;
}

/**
 * True for a mainland mobile number (11 digits, `1[3-9]…`) after `normalizePhone`, so
 * `+86 138-1234-5678` is accepted.
 */
export function isValidMobile(value: string): boolean {
  return MOBILE_PATTERN.test(normalizePhone(value));
}

/**
 * True for a mainland mobile number or a landline with its area code (`0310-1234567`,
 * `010 12345678`, `03101234567`) after `normalizePhone`.
 */
export function isValidPhone(value: string): boolean {
  const normalized = normalizePhone(value);
  return MOBILE_PATTERN.test(normalized) || LANDLINE_PATTERN.test(normalized);
}

// ── Masks for display ────────────────────────────────────────────────────────────────────────

/**
 * Mask an identity number for display, keeping the first four (province and city) and the last
 * four characters: `130402199001011234` → `1304**********1234`. A value of eight characters or
 * fewer is masked entirely, since keeping four at each end would show all of it.
 */
export function maskIdNumber(value: string): string {
  return maskMiddle(normalizeIdNumber(value), 4, 4);
}

/**
 * Mask a phone number for display: a mobile keeps the first three and last four digits
 * (`13812345678` → `138****5678`); other numbers are masked the same way on their digits.
 */
export function maskPhone(value: string): string {
  return maskMiddle(normalizePhone(value), 3, 4);
}

/**
 * Mask a person's name for display, keeping its first character: `张三丰` → `张**`. Counts
 * characters, not UTF-16 units, so a rare character outside the BMP (e.g. `𠮷`) is one star.
 */
export function maskName(value: string): string {
  const [first = '', ...rest] = Array.from(value.trim());
  return first + '*'.repeat(rest.length);
}

function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  const chars = Array.from(value);
  if (chars.length <= keepStart + keepEnd) return '*'.repeat(chars.length);
  return (
    chars.slice(0, keepStart).join('') + '*'.repeat(chars.length - keepStart - keepEnd) + chars.slice(-keepEnd).join('')
  );
}

// ── Schemas ──────────────────────────────────────────────────────────────────────────────────

const ID_NUMBER_MESSAGES: Record<IdNumberFailure, string> = {
  length: 'identity number must be 18 characters long',
  characters: 'identity number must be 17 digits followed by a digit or X',
  region: 'identity number does not start with a valid province code',
  birth_date: 'identity number does not contain a real birth date between 1900-01-01 and today',
  checksum: 'identity number check character does not match (GB 11643-1999)',
};

// China Standard Time is UTC+8 all year (no daylight saving), so the date there is a fixed offset
// from UTC; a petitioner born this morning in China is not refused while UTC is still yesterday.
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today's date in China as `YYYY-MM-DD`, from the given instant. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * A schema that normalises an identity number and refuses it with a message naming the failed
 * check; the issue's `params.reason` carries the `IdNumberFailure` for the client's i18n.
 *
 * @param today returns the current `YYYY-MM-DD` at parse time; pass a fixed clock in tests.
 */
export function idNumberSchema(today: () => string): z.ZodString {
  return z
    .string()
    .overwrite(normalizeIdNumber)
    .check((ctx) => {
      const parsed = parseIdNumber(ctx.value, today());
      if (!parsed.ok) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          message: ID_NUMBER_MESSAGES[parsed.reason],
          params: { reason: parsed.reason },
        });
      }
    });
}

/** `idNumberSchema` checked against today's date in China, read when a value is parsed. */
export const IdNumberSchema = idNumberSchema(() => chinaDate(new Date()));

/**
 * A phone number (mobile or landline with area code), normalised by `normalizePhone`. The message
 * says whether stray characters or the shape of the number is at fault.
 */
export const PhoneSchema = z
  .string()
  .overwrite(normalizePhone)
  .check((ctx) => {
    if (!/^\d+$/.test(ctx.value)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: 'phone number may contain only digits, spaces, dashes and a leading +86',
      });
    } else if (!MOBILE_PATTERN.test(ctx.value) && !LANDLINE_PATTERN.test(ctx.value)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message:
          'phone number must be an 11-digit mobile number starting 13–19 or a landline with area code, e.g. 0310-1234567',
      });
    }
  });

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────

/** Full-width ASCII (U+FF01–U+FF5E, as typed with a Chinese IME) to half-width; U+3000 to a space. */
function toHalfWidth(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** True for a real calendar date written `YYYY-MM-DD` (no 2023-02-29, no month 13). */
function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function range(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
}
