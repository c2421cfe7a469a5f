/**
 * The visit form's values as the API's input, and the API's field issues back on the form: pure,
 * so the mapping is tested without a browser.
 */
import type { PetitionType, Purpose, PetitionerIdentity } from '../../../../common/schemas/petition.ts';
import type { VisitRecordInput } from '../../../../common/schemas/visit-record.ts';

export type PetitionerValues = {
  name?: string;
  idNumber?: string;
  phone?: string;
  identity: PetitionerIdentity;
  /** The unit the petitioner works in: from it the server decides 越级 (第20条第1款). */
  unitId?: string;
  isRepresentative?: boolean;
};

/** The form's values, apart from the times (the page turns its date pickers into ISO instants). */
export type VisitValues = {
  mode: 'new' | 'existing';
  petitionId?: string | undefined;
  caseNumber?: string | undefined;
  headcount: number;
  receivedById?: string;
  type: PetitionType;
  purpose: Purpose;
  categoryCode?: string;
  skipLevel: boolean;
  title?: string;
  body?: string;
  petitioners?: PetitionerValues[];
  companions?: { name?: string; relation?: string; isRepresentative?: boolean }[];
  transcript: string;
  materials?: { name?: string; copies?: number; original?: boolean }[];
};

function blank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** The API input of a visit (no signature yet: it is drawn after the read-back). */
export function toVisitInput(values: VisitValues, times: { arrivedAt: string; leftAt?: string }): VisitRecordInput {
  const companions = (values.companions ?? []).map((c) => {
    const relation = blank(c.relation);
    return {
      name: (c.name ?? '').trim(),
      isRepresentative: c.isRepresentative === true,
      ...(relation === undefined ? {} : { relation }),
    };
  });
  const materials = (values.materials ?? []).map((m) => ({
    name: (m.name ?? '').trim(),
    copies: m.copies ?? 1,
    original: m.original === true,
  }));
  const receivedById = blank(values.receivedById);
  const common = {
    arrivedAt: times.arrivedAt,
    ...(times.leftAt === undefined ? {} : { leftAt: times.leftAt }),
    headcount: values.headcount,
    companions,
    transcript: values.transcript.trim(),
    materials,
    ...(receivedById === undefined ? {} : { receivedById }),
  };
  if (values.mode === 'existing' && values.petitionId !== undefined) {
    return { ...common, petitionId: values.petitionId };
  }
  // The visit's headcount is the case's (the server applies it); it covers the petitioners listed.
  return { ...common, petition: toNewPetition(values, 'visit', values.headcount) };
}

/** The matter and petitioners a new petition is registered with (a visit's or a call's). */
export type NewPetitionValues = Pick<
  VisitValues,
  'type' | 'purpose' | 'categoryCode' | 'skipLevel' | 'title' | 'body' | 'petitioners'
>;

/** A new petition from intake: the matter, the petitioners with blanks dropped, the headcount. */
export function toNewPetition(
  values: NewPetitionValues,
  channel: 'visit' | 'phone',
  headcount: number,
): NonNullable<VisitRecordInput['petition']> {
  const petitioners = (values.petitioners ?? []).map((row) => {
    const idNumber = blank(row.idNumber);
    const phone = blank(row.phone);
    return {
      name: (row.name ?? '').trim(),
      identity: row.identity,
      isRepresentative: row.isRepresentative === true,
      ...(idNumber === undefined ? {} : { idNumber }),
      ...(phone === undefined ? {} : { phone }),
      ...(row.unitId === undefined ? {} : { unitId: row.unitId }),
    };
  });
  const categoryCode = blank(values.categoryCode);
  return {
    channel,
    type: values.type,
    purpose: values.purpose,
    title: (values.title ?? '').trim(),
    body: (values.body ?? '').trim(),
    petitioners,
    headcount: Math.max(headcount, petitioners.length),
    skipLevel: values.skipLevel,
    ...(categoryCode === undefined ? {} : { categoryCode }),
  };
}

const FORM_FIELDS = new Set([
  'headcount',
  'receivedById',
  'arrivedAt',
  'leftAt',
  'companions',
  'transcript',
  'materials',
  'type',
  'purpose',
  'categoryCode',
  'skipLevel',
  'title',
  'body',
  'petitioners',
]);

const LIST_FIELDS = new Set(['companions', 'materials', 'petitioners']);

/**
 * Where an issue of the API belongs on the form: a new petition's fields sit at the top of the form
 * (`petition.title` → `title`); list indexes come back as numbers. Null: no field shows it.
 */
export function formPathOf(path: readonly (string | number)[]): (string | number)[] | null {
  const inForm = path[0] === 'petition' ? path.slice(1) : [...path];
  const head = inForm[0];
  if (head === 'headcount' && path[0] === 'petition') return ['headcount'];
  if (typeof head !== 'string' || !FORM_FIELDS.has(head)) return null;
  // A rule about a whole list (five representatives at most) has no field of its own: shown above the form.
  if (inForm.length === 1 && LIST_FIELDS.has(head)) return null;
  return inForm.map((part) => (typeof part === 'string' && /^\d+$/.test(part) ? Number(part) : part));
}
