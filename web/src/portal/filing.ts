/**
 * The filing form's rules in the browser, before anything is sent: the same limits the server
 * holds (common/schemas/portal.ts, the GB 11643 checksum of common/domain/identity.ts), with the
 * petitioner's wording per field. Pure, so a test can hold them.
 */
import { chinaDate, isValidPhone, parseIdNumber } from '../../../common/domain/identity.ts';
import { BODY_MAX, TITLE_MAX, type PetitionerIdentity } from '../../../common/schemas/petition.ts';
import type { PortalFilingInput, PortalMatter } from '../../../common/schemas/portal.ts';
import { format, ui } from './labels.ts';

export const FILING_FIELDS = [
  'name',
  'idNumber',
  'phone',
  'identity',
  'unitCode',
  'matter',
  'categoryCode',
  'title',
  'body',
  'namedPersons',
  'files',
  'nonce',
] as const;
export type FilingField = (typeof FILING_FIELDS)[number];
export type FieldErrors = { [K in FilingField]?: string | undefined };

export type FilingValues = {
  anonymous: boolean;
  name: string;
  idNumber: string;
  phone: string;
  identity: PetitionerIdentity;
  matter: PortalMatter;
  categoryCode: string;
  /** The unit the matter concerns, chosen from the portal's list ('' = not said). */
  unitCode: string;
  title: string;
  body: string;
  /** 被反映人 as typed: a row left wholly blank is not sent. */
  namedPersons: NamedPersonDraft[];
};

/** One person the matter is about: the unit picked from the public list (its code), or written out. */
export type NamedPersonDraft = { name: string; unitCode: string; unitText: string; position: string };

/** The code of "another unit, written out" in the unit list. */
export const OTHER_UNIT = '__other';

export const BLANK_NAMED: NamedPersonDraft = { name: '', unitCode: '', unitText: '', position: '' };

function isBlank(person: NamedPersonDraft): boolean {
  return (
    person.name.trim() === '' &&
    person.position.trim() === '' &&
    person.unitText.trim() === '' &&
    (person.unitCode === '' || person.unitCode === OTHER_UNIT)
  );
}

export type FileFacts = { name: string; size: number; type: string };
export type FileLimits = { maxFiles: number; fileMaxBytes: number };

const FILE_TYPES = new Set(['image/jpeg', 'image/png', 'application/pdf']);
const FILE_EXTENSIONS = /\.(jpe?g|png|pdf)$/i;

export function megabytes(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

/** The first problem with the chosen files (count, then each file's size and kind), or null. */
export function checkFiles(files: readonly FileFacts[], limits: FileLimits): string | null {
  if (files.length > limits.maxFiles) return format(ui.fieldErrors.tooManyFiles, { max: limits.maxFiles });
  for (const file of files) {
    const size = megabytes(limits.fileMaxBytes);
    if (file.size > limits.fileMaxBytes) return format(ui.fieldErrors.fileTooBig, { name: file.name, size });
    const known = file.type === '' ? FILE_EXTENSIONS.test(file.name) : FILE_TYPES.has(file.type);
    if (!known) return format(ui.fieldErrors.fileType, { name: file.name });
  }
  return null;
}

/** True when the ID number passes GB 11643 (length, region, birth date, check character). */
export function idNumberOk(value: string, now = new Date()): boolean {
  return parseIdNumber(value, chinaDate(now)).ok;
}

/** Every problem of the form, by field; empty when it may be sent. */
export function checkFiling(
  values: FilingValues,
  files: readonly FileFacts[],
  limits: FileLimits,
  now = new Date(),
): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.anonymous) {
    if (values.name.trim() === '') errors.name = ui.fieldErrors.name;
    const idNumber = values.idNumber.trim();
    const phone = values.phone.trim();
    if (idNumber !== '' && !idNumberOk(idNumber, now)) errors.idNumber = ui.fieldErrors.idNumber;
    if (phone !== '' && !isValidPhone(phone)) errors.phone = ui.fieldErrors.phone;
    if (idNumber === '' && phone === '') errors.phone = ui.fieldErrors.contact;
  }
  if (Array.from(values.title.trim()).length > TITLE_MAX)
    errors.title = format(ui.fieldErrors.titleTooLong, { max: TITLE_MAX });
  const body = values.body.trim();
  if (body.length < 10) errors.body = ui.fieldErrors.body;
  else if (body.length > BODY_MAX) errors.body = format(ui.fieldErrors.bodyTooLong, { max: BODY_MAX });
  // A person named with a unit or a position but no name cannot be told apart: the name is needed.
  if (values.namedPersons.some((person) => !isBlank(person) && person.name.trim() === ''))
    errors.namedPersons = ui.fieldErrors.namedName;
  const fileProblem = checkFiles(files, limits);
  if (fileProblem !== null) errors.files = fileProblem;
  return errors;
}

/**
 * The JSON part of the multipart filing: identity only when real-name, empty optionals left out;
 * the unit of the QR code the page was opened with, else the one chosen from the list.
 */
export function filingInput(
  values: FilingValues,
  qrUnitCode: string | null,
  challenge: string,
  nonce: string,
): PortalFilingInput {
  const unit =
    qrUnitCode !== null
      ? { unitCode: qrUnitCode, unitSource: 'qr' as const }
      : values.unitCode === ''
        ? {}
        : { unitCode: values.unitCode, unitSource: 'list' as const };
  const given = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const name = given(values.name);
  const idNumber = given(values.idNumber);
  const phone = given(values.phone);
  const title = given(values.title);
  const namedPersons = values.namedPersons
    .filter((person) => !isBlank(person))
    .map((person) => {
      const code = person.unitCode === '' || person.unitCode === OTHER_UNIT ? undefined : person.unitCode;
      const unitText = code === undefined ? given(person.unitText) : undefined;
      const position = given(person.position);
      return {
        name: person.name.trim(),
        ...(code === undefined ? {} : { unitCode: code }),
        ...(unitText === undefined ? {} : { unitText }),
        ...(position === undefined ? {} : { position }),
      };
    });
  return {
    anonymous: values.anonymous,
    ...(values.anonymous
      ? {}
      : {
          identity: values.identity,
          ...(name === undefined ? {} : { name }),
          ...(idNumber === undefined ? {} : { idNumber }),
          ...(phone === undefined ? {} : { phone }),
        }),
    ...unit,
    matter: values.matter,
    ...(values.categoryCode === '' ? {} : { categoryCode: values.categoryCode }),
    ...(title === undefined ? {} : { title }),
    body: values.body.trim(),
    ...(namedPersons.length === 0 ? {} : { namedPersons }),
    challenge,
    nonce,
  };
}

/** The form field a server issue names (details.issues[].path[0]); unknown paths go to the form. */
export function fieldOf(path: readonly (string | number)[]): FilingField | null {
  const first = path[0];
  return typeof first === 'string' && (FILING_FIELDS as readonly string[]).includes(first)
    ? (first as FilingField)
    : null;
}

/** The petitioner's words for a field the server refused. */
export function serverFieldText(field: FilingField): string {
  const texts: Partial<Record<FilingField, string>> = {
    name: ui.fieldErrors.name,
    idNumber: ui.fieldErrors.idNumber,
    phone: ui.fieldErrors.phone,
    body: ui.fieldErrors.body,
    unitCode: ui.fieldErrors.unitCode,
    namedPersons: ui.fieldErrors.namedName,
  };
  return texts[field] ?? ui.fieldErrors.invalid;
}
