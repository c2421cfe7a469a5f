/**
 * Importing an old ledger (台账) as real petitions: every row checked with registration's rules and
 * the enterprise's (units, categories, the handling unit in the importer's scope), prepared in
 * memory before the transaction (identity indexes, deadlines from the enterprise's time limits),
 * then written through the petition engine (`createPetitions`: rows, people, units, a `register`
 * and an `imported` event, search text, fingerprints and audit rows, many per statement) in the
 * caller's one transaction. People are linked through the petitioner module, never overwritten.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { hasAction, type Actor } from '../../../common/domain/access.ts';
import { localDateOf, type Calendar } from '../../../common/domain/calendar.ts';
import type { DeadlinePolicy } from '../../../common/domain/deadlines.ts';
import { resolutionOf } from '../../../common/domain/named-person.ts';
import { LEGAL_DATE_MESSAGES, legalDateProblem } from '../../../common/domain/legal-dates.ts';
import { isOpen, PETITION_STATES, type PetitionState } from '../../../common/domain/petition-state.ts';
import { outcomesText } from '../../../common/domain/reply.ts';
import { DomainError, type FieldIssue } from '../../../common/errors.ts';
import {
  RegisterPetitionInputSchema,
  type Outcome,
  type RegisterPetitionInput,
  type ReplyResult,
} from '../../../common/schemas/petition.ts';
import type { DB } from '../../db/schema.ts';
import { categoryRows } from '../category/index.ts';
import { deadlineColumns, deadlinesFrom } from '../../../common/domain/case-deadlines.ts';
import { createPetitions, type NewCase, type PetitionDeps } from '../petition/index.ts';
import { hashTrackingCode, newTrackingCode, reserveCaseNumbers } from '../intake/index.ts';
import { resolvePetitioners, type PersonInput, latestPetitionsOf } from '../petitioner/index.ts';
import { readSettings } from '../setting/index.ts';
import { allUnits } from '../unit/index.ts';
import { existingSourceKeys, insertImportSources } from './ledger-petitions.repository.ts';

type UnitInfo = { id: string; name: string; path: string; active: number };

/** One row of an old ledger, already read into the registration input and the case's later facts. */
export type ImportCandidate = {
  /** Stable key of the source row (`case:<案件编号>` or `row:<hash>`); unique across imports. */
  sourceKey: string;
  sourceCaseNumber: string | null;
  input: RegisterPetitionInput;
  state: PetitionState;
  handlingUnitId: string | null;
  /** The 四个到位 the old ledger records (none, one or several). */
  outcomes: Outcome[];
  replyResult: ReplyResult | null;
  satisfaction: number | null;
  /** 受理 (or the decision not to accept) date, ISO instant; defaults to the received date for states past it. */
  acceptedAt: string | null;
  /** 办结 date, ISO instant. */
  concludedAt: string | null;
};

/** A problem with one candidate: its index in the list and the registration field (zod path). */
export type ImportIssue = { index: number; path: FieldIssue['path']; message: string };

/** What the import needs to know about the enterprise: units and categories, read once. */
export type ImportReferences = { units: Map<string, UnitInfo>; categories: Set<string> };

export async function importReferences(db: Kysely<DB>): Promise<ImportReferences> {
  const [units, categories] = await Promise.all([allUnits(db), categoryRows(db, false)]);
  return {
    units: new Map(units.map((u) => [u.id, u])),
    categories: new Set(categories.filter((c) => c.active === 1).map((c) => c.code)),
  };
}

const PAST_ACCEPTANCE: readonly PetitionState[] = [
  'accepted',
  'in_progress',
  'reply_drafted',
  'replied',
  'executing',
  'evaluated',
  'concluded',
  'review_requested',
  'reviewed',
  'reconsideration_requested',
  'final',
];
const PAST_REPLY: readonly PetitionState[] = [
  'replied',
  'executing',
  'evaluated',
  'concluded',
  'review_requested',
  'reviewed',
  'reconsideration_requested',
  'final',
];
const DECIDED_NOT_ACCEPTED: readonly PetitionState[] = ['declined', 'redirected', 'diverted', 'not_accepted'];
/** Imported cases in these states carry no due date: the old system ran their clocks (docs/domain.md). */
const NO_DUE_DATE: readonly PetitionState[] = [
  'concluded',
  'review_requested',
  'reviewed',
  'reconsideration_requested',
];

type ParsedInput = ReturnType<typeof RegisterPetitionInputSchema.parse>;

/**
 * Registration's parse of each candidate's input, by the input object: the import's write pass checks
 * a batch (to report a rule broken since the first pass by its row), then prepares it (which checks
 * again, for its other callers, and needs the parsed data) — three parses of the same object, 0.05 ms
 * of CPU per row of the 0.18 a million rows in 3 minutes allow (issue #20). An input is never changed
 * once read from its row, and a WeakMap lets it go with its candidate.
 */
const parsedInputs = new WeakMap<RegisterPetitionInput, ParsedInput>();

function parseInput(input: RegisterPetitionInput): ReturnType<typeof RegisterPetitionInputSchema.safeParse> {
  const known = parsedInputs.get(input);
  if (known !== undefined) return { success: true, data: known };
  const parsed = RegisterPetitionInputSchema.safeParse(input);
  if (parsed.success) parsedInputs.set(input, parsed.data);
  return parsed;
}

/**
 * Check candidates with the rules of registration (RegisterPetitionInputSchema: names, ID number
 * checksums, phones, at most five representatives, headcount) and of the enterprise (units,
 * categories, the handling unit in the importer's scope, a state of the state machine). Pure over
 * `refs`. @returns every issue of every candidate
 */
export function checkImportCandidates(
  actor: Actor,
  candidates: readonly ImportCandidate[],
  refs: ImportReferences,
  now: Date,
): ImportIssue[] {
  const issues: ImportIssue[] = [];
  candidates.forEach((c, index) => {
    const parsed = parseInput(c.input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        issues.push({
          index,
          path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
          message: issue.message,
        });
    } else {
      const data = parsed.data;
      if (data.categoryCode !== undefined && !refs.categories.has(data.categoryCode))
        issues.push({ index, path: ['categoryCode'], message: 'unknown category' });
      data.involvedUnitIds.forEach((id, i) => {
        if (!refs.units.has(id)) issues.push({ index, path: ['involvedUnitIds', i], message: 'unknown unit' });
      });
    }
    if (!(PETITION_STATES as readonly string[]).includes(c.state))
      issues.push({ index, path: ['state'], message: 'not a state of the petition path' });
    if (c.handlingUnitId !== null) {
      const unit = refs.units.get(c.handlingUnitId);
      if (unit === undefined || unit.active !== 1 || !unit.path.startsWith(actor.unitPath)) {
        issues.push({
          index,
          path: ['handlingUnitId'],
          message: 'The handling unit must be an active unit in your scope',
        });
      }
    }
    if (c.satisfaction !== null && (!Number.isInteger(c.satisfaction) || c.satisfaction < 1 || c.satisfaction > 5)) {
      issues.push({ index, path: ['satisfaction'], message: 'satisfaction is 1–5' });
    }
    // The dates the law counts from lie between the step they follow and now (legal-dates.ts): a
    // ledger's 2027 or 0001 would open or close a window at once, as at registration.
    const received = c.input.receivedAt ?? null;
    const dates = [
      ['receivedAt', received, null],
      ['acceptedAt', c.acceptedAt, received],
      ['concludedAt', c.concludedAt, received],
    ] as const;
    for (const [field, value, notBefore] of dates) {
      const problem = value === null ? null : legalDateProblem(value, now, notBefore);
      if (problem !== null) issues.push({ index, path: [field], message: LEGAL_DATE_MESSAGES[problem] });
    }
  });
  return issues;
}

type Prepared = {
  candidate: ImportCandidate;
  id: string;
  receivedAt: string;
  year: number;
  people: (PersonInput & { isRepresentative: boolean })[];
  involvedUnitIds: string[];
  deadlines: ReturnType<typeof deadlineColumns>;
  importedData: Record<string, unknown>;
  headcount: number;
  representatives: number;
  data: ParsedInput;
};

export type ImportProgress = (phase: 'preparing' | 'writing', done: number, total: number) => void;

/** Rows checked and prepared in memory, ready for `writeImport`, with the enterprise's time limits. */
export type PreparedImport = {
  importId: string;
  at: string;
  rows: Prepared[];
  skipped: number;
  policy: DeadlinePolicy;
};

function requireImporter(actor: Actor): void {
  if (!hasAction(actor.role, 'ledger.import'))
    throw new DomainError('FORBIDDEN', { message: 'Only petition offices import petitions' });
}

/**
 * Import candidates as petitions in the caller's transaction `trx` (all or nothing with it): the
 * two halves below in one call.
 * @throws FORBIDDEN, VALIDATION_FAILED (see `prepareImport`)
 */
export async function importPetitions(
  deps: PetitionDeps,
  actor: Actor,
  trx: Kysely<DB>,
  candidates: readonly ImportCandidate[],
  refs: ImportReferences,
  calendar: Calendar,
  importId: string,
  onProgress: ImportProgress = () => {},
): Promise<{ imported: number; skipped: number; petitionIds: string[] }> {
  const settings = await readSettings(trx, actor.unitPath);
  const prepared = await prepareImport(
    deps,
    actor,
    candidates,
    refs,
    calendar,
    importId,
    settings['petition.deadlines'],
    onProgress,
  );
  return writeImport(deps, actor, trx, prepared, onProgress);
}

/**
 * The first half of an import, without the database: check every candidate with registration's
 * rules, then compute flags and deadlines (with `policy`, the enterprise's time limits), in
 * received order, yielding to the event loop between chunks — run it before the transaction opens,
 * so that on SQLite (one connection) progress can still be polled meanwhile. Candidates repeating a
 * source key earlier in the list are skipped.
 * @throws FORBIDDEN (not an office role), VALIDATION_FAILED (a candidate breaks a rule; run `checkImportCandidates` first to report them)
 */
export async function prepareImport(
  deps: PetitionDeps,
  actor: Actor,
  candidates: readonly ImportCandidate[],
  refs: ImportReferences,
  calendar: Calendar,
  importId: string,
  policy: DeadlinePolicy,
  onProgress: ImportProgress = () => {},
): Promise<PreparedImport> {
  requireImporter(actor);
  const issues = checkImportCandidates(actor, candidates, refs, deps.clock.now());
  if (issues.length > 0) {
    throw new DomainError('VALIDATION_FAILED', {
      message: `${issues.length} problems in the imported rows`,
      details: { issues: issues.slice(0, 100).map((i) => ({ path: [i.index, ...i.path], message: i.message })) },
    });
  }
  const at = deps.clock.now().toISOString();
  const today = localDateOf(at);
  const policyJson = JSON.stringify(policy);

  // Prepare every row in memory (no database), in received order for case numbers and repeats.
  const order = candidates.map((c, i) => ({
    c,
    i,
    receivedAt: c.input.receivedAt === undefined ? at : new Date(c.input.receivedAt).toISOString(),
  }));
  order.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : a.i - b.i));
  const seenKeys = new Set<string>();
  const prepared: Prepared[] = [];
  let skipped = 0;
  for (const [n, { c, receivedAt }] of order.entries()) {
    if (seenKeys.has(c.sourceKey)) {
      skipped += 1;
      continue;
    }
    seenKeys.add(c.sourceKey);
    const data = parsedInputs.get(c.input) ?? RegisterPetitionInputSchema.parse(c.input);
    const acceptedAt = PAST_ACCEPTANCE.includes(c.state) ? (c.acceptedAt ?? receivedAt) : null;
    const decidedAt = DECIDED_NOT_ACCEPTED.includes(c.state) ? (c.acceptedAt ?? c.concludedAt ?? receivedAt) : null;
    const repliedAt = PAST_REPLY.includes(c.state) ? (c.concludedAt ?? acceptedAt) : null;
    const importedData = {
      importId,
      sourceKey: c.sourceKey,
      sourceCaseNumber: c.sourceCaseNumber,
      state: c.state,
      acceptedAt,
      decidedAt,
      repliedAt,
      concludedAt: c.concludedAt,
    };
    const events = [
      { kind: 'register', at: receivedAt, data_json: '{}' },
      { kind: 'imported', at, data_json: JSON.stringify(importedData) },
    ];
    const all = deadlinesFrom(
      { type: data.type, received_at: receivedAt, policy_json: policyJson, is_anonymous: data.anonymous ? 1 : 0 },
      events,
      today,
      calendar,
    );
    // Imported cases in some states carry no due date: the old system ran their clocks (docs/domain.md).
    const columns = deadlineColumns(c.state, all);
    const deadlines =
      isOpen(c.state) && !NO_DUE_DATE.includes(c.state) ? columns : { ...columns, due_date: null, due_kind: null };
    prepared.push({
      candidate: c,
      id: deps.ids.next(),
      receivedAt,
      year: Number(localDateOf(receivedAt).slice(0, 4)),
      people: data.petitioners.map((p) => ({ ...p })),
      involvedUnitIds: [...new Set(data.involvedUnitIds)],
      deadlines,
      importedData,
      headcount: Math.max(data.headcount, data.petitioners.length),
      representatives: data.petitioners.filter((p) => p.isRepresentative).length,
      data,
    });
    if (n % 500 === 499) {
      onProgress('preparing', n + 1, candidates.length);
      await yieldToLoop();
    }
  }
  onProgress('preparing', candidates.length, candidates.length);
  return { importId, at, rows: prepared, skipped, policy };
}

function countBy(values: readonly number[]): Map<number, number> {
  const map = new Map<number, number>();
  for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
  return map;
}

/**
 * The second half, in the caller's transaction `trx`: drop rows imported before (source key),
 * link people (the petitioner module: one already on file is reused when the row agrees with them,
 * never overwritten), reserve case numbers, and create the petitions through the engine.
 */
export async function writeImport(
  deps: PetitionDeps,
  actor: Actor,
  trx: Kysely<DB>,
  { importId, at, rows: prepared, skipped: skippedInList, policy }: PreparedImport,
  onProgress: ImportProgress = () => {},
): Promise<{ imported: number; skipped: number; petitionIds: string[] }> {
  requireImporter(actor);
  const known = await existingSourceKeys(
    trx,
    prepared.map((p) => p.candidate.sourceKey),
  );
  const fresh = prepared.filter((p) => !known.has(p.candidate.sourceKey));
  const skipped = skippedInList + prepared.length - fresh.length;
  const settings = await readSettings(trx, actor.unitPath);
  const resolved = await resolvePetitioners(
    trx,
    deps,
    fresh.flatMap((p) => p.people),
    { source: 'import', at },
  );
  // 重复访 by identity: the newest petition of each person on file before the import, then within it.
  const lastOnFile = await latestPetitionsOf(
    trx,
    resolved.filter((r) => r.created === null).map((r) => r.petitionerId),
  );
  const lastPetitionOf = new Map(lastOnFile);
  const nextNumber = new Map<number, number>();
  for (const [year, count] of countBy(fresh.map((p) => p.year)))
    nextNumber.set(year, await reserveCaseNumbers(trx, year, count));

  const cases: NewCase[] = [];
  let person = 0;
  for (const p of fresh) {
    const links = p.people.map((input) => ({
      petitionerId: resolved[person++]?.petitionerId ?? '',
      isRepresentative: input.isRepresentative,
    }));
    const earlier = links.map((l) => lastPetitionOf.get(l.petitionerId)).find((id) => id !== undefined);
    for (const l of links) lastPetitionOf.set(l.petitionerId, p.id);
    const number = nextNumber.get(p.year) ?? 1;
    nextNumber.set(p.year, number + 1);
    const d = p.data;
    const c = p.candidate;
    cases.push({
      row: {
        id: p.id,
        case_number: `XF${p.year}-${String(number).padStart(6, '0')}`,
        // A fresh tracking code nobody holds: the petitioner of an imported case asks the office for one.
        tracking_code_hash: hashTrackingCode(newTrackingCode()),
        state: c.state,
        channel: d.channel,
        type: d.type,
        purpose: d.purpose,
        category_code: d.categoryCode ?? null,
        title: d.title,
        body: d.body,
        received_at: p.receivedAt,
        registered_by: actor.id,
        registered_unit_id: actor.unitId,
        handling_unit_id: c.handlingUnitId,
        owner_id: null,
        owner_confirmed_at: null,
        handler_id: null,
        is_anonymous: d.anonymous ? 1 : 0,
        headcount: p.headcount,
        representative_count: p.representatives,
        is_group: p.headcount >= settings['petition.groupThreshold'] ? 1 : 0,
        is_skip_level: d.skipLevel ? 1 : 0,
        is_repeat: earlier === undefined ? 0 : 1,
        is_first: earlier === undefined ? 1 : 0,
        repeat_of_id: earlier ?? null,
        reply_result: c.replyResult,
        outcomes: outcomesText(c.outcomes),
        satisfaction: c.satisfaction,
        supervision_level: null,
        policy_json: JSON.stringify(policy),
        created_at: at,
        updated_at: at,
      },
      petitioners: links,
      unitIds: p.involvedUnitIds,
      // 被反映人 of the 被反映人 column: unresolved, so every namesake is recused until an officer resolves it.
      named: d.namedPersons.map((person) => ({
        id: deps.ids.next(),
        user_id: person.userId ?? null,
        name: person.name,
        unit_id: person.unitId ?? null,
        unit_text: person.unitId === undefined ? (person.unitText ?? null) : null,
        position: person.position ?? null,
        resolution: resolutionOf(person),
      })),
      events: [
        {
          id: deps.ids.next(),
          kind: 'register',
          at: p.receivedAt,
          actor_id: actor.id,
          from_state: null,
          to_state: 'registered',
          data_json: JSON.stringify({ channel: d.channel, ...(earlier === undefined ? {} : { repeatOf: earlier }) }),
          internal: 0,
        },
        {
          id: deps.ids.next(),
          kind: 'imported',
          at,
          actor_id: actor.id,
          from_state: 'registered',
          to_state: c.state,
          data_json: JSON.stringify(p.importedData),
          internal: 0,
        },
      ],
      audit: {
        actorId: actor.id,
        action: 'petition.import',
        entityType: 'petition',
        entityId: p.id,
        after: {
          state: c.state,
          channel: d.channel,
          type: d.type,
          petitioners: links.length,
          headcount: p.headcount,
          importId,
        },
      },
      // Deadlines were computed before the transaction; imported cases start without risk (the scan assesses the open ones).
      derived: { ...p.deadlines, risk_score: 0, risk_level: 'none', risk_json: '[]' },
    });
  }
  await createPetitions(trx, deps, cases, {
    registeredPath: actor.unitPath,
    onChunk: (done) => onProgress('writing', done, cases.length),
  });
  await insertImportSources(
    trx,
    fresh.map((p) => ({
      source_key: p.candidate.sourceKey,
      petition_id: p.id,
      import_id: importId,
      source_case_number: p.candidate.sourceCaseNumber,
      created_at: at,
    })),
  );
  return { imported: fresh.length, skipped, petitionIds: fresh.map((p) => p.id) };
}
