/**
 * 考核 (issue #18; 《信访工作条例》第39条: units and leaders appraised yearly on their petition work, the
 * results used for rewards and accountability; 第41条: the annual report; 第42–46条: accountability,
 * which builds on these results — not this module yet). An enterprise admin keeps the schemes
 * (indicators from the figure registry with weights, targets, thresholds; bonus/deduction rules),
 * versioned and frozen once a round opens. A round on a closed period reads every covered unit's
 * figures once and stores them with their versions, so its scores recompute to the same numbers
 * whatever the data becomes; then each unit assesses itself with evidence, the level above reviews
 * and adjusts (a reason required), and the ranking is published. Everything audited; people are told
 * through `notify`.
 */
import type { Writable } from 'node:stream';
import { can, enterpriseOf, hasAction, LEADER_ROLES, type Actor } from '../../../common/domain/access.ts';
import { periodRange, rankOf, scoreUnit, type AppraisalInputs } from '../../../common/domain/appraisal-score.ts';
import { localDateOf } from '../../../common/domain/calendar.ts';
import { DomainError } from '../../../common/errors.ts';
import { format } from '../../../common/i18n/index.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import {
  AppraisalReviewInputSchema,
  AppraisalRoundInputSchema,
  AppraisalSchemeInputSchema,
  SelfAssessmentInputSchema,
  type AppraisalDefinition,
  type AppraisalResultView,
  type AppraisalReviewInput,
  type AppraisalRoundView,
  type AppraisalSchemeInput,
  type AppraisalSchemeView,
} from '../../../common/schemas/appraisal.ts';
import type { FigureKey } from '../../../common/schemas/figure.ts';
import type { NotificationKind } from '../../../common/schemas/notification.ts';
import type { AppraisalResultTable, AppraisalRoundTable, AppraisalSchemeTable, DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Kysely } from 'kysely';
import { readStoredFile, storedFileColumns, storeFile, type UploadedFile } from '../attachment/index.ts';
import { figureSourceOf, figureValues, ownerFigureSourceOf, ownerFigureValues } from '../figure/index.ts';
import { xlsxTable, xlsxWorkbook } from '../ledger/index.ts';
import { notify } from '../notification/index.ts';
import type { PetitionDeps } from '../petition/index.ts';
import { findUnitById, unitsUnder } from '../unit/index.ts';
import { activePeopleAt, leadersOf } from '../user/index.ts';
import * as repo from './appraisal.repository.ts';

export type AppraisalDeps = PetitionDeps;

const centi = (points: number) => Math.round(points * 100);
const points = (c: number) => c / 100;

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', { message, details: { issues: [{ path: [field], message }] } });
}

function assertManage(actor: Actor): void {
  if (!can(actor, 'appraisal.manage', enterpriseOf(actor)))
    throw new DomainError('FORBIDDEN', { message: 'Only the enterprise administrator keeps the appraisal schemes' });
}

function assertRead(actor: Actor): void {
  if (!hasAction(actor.role, 'appraisal.read'))
    throw new DomainError('FORBIDDEN', { message: 'No access to appraisal' });
}

function schemeView(row: AppraisalSchemeTable): AppraisalSchemeView {
  return {
    id: row.id,
    name: row.name,
    periodKind: row.period_kind,
    level: row.level,
    subjectKind: row.subject_kind,
    version: row.version,
    definition: JSON.parse(row.definition_json) as AppraisalDefinition,
    frozen: row.frozen_at !== null,
    updatedAt: row.updated_at,
  };
}

async function loadScheme(db: Kysely<DB>, actor: Actor, id: string): Promise<AppraisalSchemeTable> {
  const row = await repo.findScheme(db, id);
  if (row === undefined || row.enterprise_id !== enterpriseOf(actor).id)
    throw new DomainError('NOT_FOUND', { message: 'Scheme not found' });
  return row;
}

/** @throws FORBIDDEN (not the enterprise admin), VALIDATION_FAILED (weights not adding up to 100 …) */
export async function createScheme(
  deps: AppraisalDeps,
  actor: Actor,
  raw: AppraisalSchemeInput,
): Promise<AppraisalSchemeView> {
  assertManage(actor);
  const input = AppraisalSchemeInputSchema.parse(raw);
  const at = deps.clock.now().toISOString();
  const row: AppraisalSchemeTable = {
    id: deps.ids.next(),
    enterprise_id: enterpriseOf(actor).id,
    name: input.name,
    period_kind: input.periodKind,
    level: input.level,
    subject_kind: input.subjectKind,
    version: 1,
    definition_json: JSON.stringify(input.definition),
    frozen_at: null,
    created_by: actor.id,
    created_at: at,
    updated_at: at,
  };
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertScheme(trx, row);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'appraisal.scheme_create',
      entityType: 'appraisal_scheme',
      entityId: row.id,
      after: { ...input, version: 1 },
    });
  });
  return schemeView(row);
}

/** A new version of the scheme. @throws APPRAISAL_STATE_ILLEGAL (a round opened on it: frozen), NOT_FOUND, FORBIDDEN */
export async function updateScheme(
  deps: AppraisalDeps,
  actor: Actor,
  id: string,
  raw: AppraisalSchemeInput,
): Promise<AppraisalSchemeView> {
  assertManage(actor);
  const input = AppraisalSchemeInputSchema.parse(raw);
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadScheme(trx, actor, id);
    if (before.frozen_at !== null)
      throw new DomainError('APPRAISAL_STATE_ILLEGAL', {
        message: 'A round has opened on this scheme: it is frozen; create a new scheme instead',
      });
    const patch = {
      name: input.name,
      period_kind: input.periodKind,
      level: input.level,
      subject_kind: input.subjectKind,
      version: before.version + 1,
      definition_json: JSON.stringify(input.definition),
      updated_at: deps.clock.now().toISOString(),
    };
    await repo.updateScheme(trx, id, patch);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'appraisal.scheme_update',
      entityType: 'appraisal_scheme',
      entityId: id,
      before: { version: before.version, definition: JSON.parse(before.definition_json) as AppraisalDefinition },
      after: { ...input, version: patch.version },
    });
    return schemeView({ ...before, ...patch });
  });
}

export async function listSchemes(deps: AppraisalDeps, actor: Actor): Promise<{ items: AppraisalSchemeView[] }> {
  if (!hasAction(actor.role, 'appraisal.manage')) assertRead(actor);
  return { items: (await repo.listSchemes(deps.db, enterpriseOf(actor).id)).map(schemeView) };
}

/** The keys a definition reads: its indicators and its rules. */
function keysOf(definition: AppraisalDefinition): FigureKey[] {
  return [...new Set([...definition.indicators.map((i) => i.key), ...definition.rules.map((r) => r.key)])];
}

/**
 * Opens a round: the covered units' figures over the closed period, read once and stored with their
 * versions, scored; the scheme frozen; the units' leaders told to assess themselves.
 * @throws VALIDATION_FAILED (`period` not over yet or not of the scheme's kind), APPRAISAL_STATE_ILLEGAL
 *   (a round for that period exists), NOT_FOUND, FORBIDDEN
 */
export async function openRound(deps: AppraisalDeps, actor: Actor, raw: unknown): Promise<AppraisalRoundView> {
  assertManage(actor);
  const input = AppraisalRoundInputSchema.parse(raw);
  const scheme = await loadScheme(deps.db, actor, input.schemeId);
  const range = periodRange(input.period);
  if (range === null || range.kind !== scheme.period_kind)
    throw invalid(
      'period',
      `the scheme is ${scheme.period_kind === 'quarter' ? 'quarterly (2026-Q1)' : 'yearly (2026)'}`,
    );
  const now = deps.clock.now().toISOString();
  if (range.to >= localDateOf(now)) throw invalid('period', 'the period is not over yet: appraise a closed period');
  if ((await repo.findRoundFor(deps.db, scheme.id, input.period)) !== undefined)
    throw new DomainError('APPRAISAL_STATE_ILLEGAL', { message: 'A round for this period exists already' });
  const definition = JSON.parse(scheme.definition_json) as AppraisalDefinition;
  const enterprise = enterpriseOf(actor);
  const units = (await unitsUnder(deps.db, enterprise.path)).filter((u) => u.kind === scheme.level);
  if (scheme.subject_kind === 'leader')
    return openLeaderRound(deps, actor, { scheme, definition, period: input.period, range, units });
  const figures = await figureValues(deps, units, { from: range.from, to: range.to }, keysOf(definition));
  const round: AppraisalRoundTable = {
    id: deps.ids.next(),
    scheme_id: scheme.id,
    scheme_version: scheme.version,
    scheme_json: JSON.stringify({ name: scheme.name, level: scheme.level, definition }),
    period_key: input.period,
    period_from: range.from,
    period_to: range.to,
    status: 'open',
    computed_at: now,
    opened_by: actor.id,
    published_at: null,
    created_at: now,
  };
  const results = units.map((unit) => {
    const inputs: AppraisalInputs = {};
    for (const f of figures) {
      const value = f.values.get(unit.id) ?? { value: 0, of: f.kind === 'rate' ? 0 : null };
      inputs[f.key] = {
        ...value,
        version: figureSourceOf(f.key)?.version ?? 1,
        ...(f.kind === 'mean' ? { kind: 'mean' } : {}),
      };
    }
    const scored = scoreUnit(definition, inputs);
    return openedResult(deps, round.id, unit.id, null, inputs, scored);
  });
  await storeOpenedRound(deps, actor, scheme, round, results, { units: units.length });
  return getRound(deps, actor, round.id);
}

/**
 * A leader round (第39条: leaders appraised as well as units): the active chiefs and deputies of the
 * level's units, each scored on the figures of the cases he owns (包案, 第18条) — the per-owner sources,
 * read once and stored with their versions like a unit round's — and told himself.
 */
async function openLeaderRound(
  deps: AppraisalDeps,
  actor: Actor,
  args: {
    scheme: AppraisalSchemeTable;
    definition: AppraisalDefinition;
    period: string;
    range: { from: string; to: string };
    units: readonly { id: string }[];
  },
): Promise<AppraisalRoundView> {
  const { scheme, definition } = args;
  const now = deps.clock.now().toISOString();
  const leaders = await activePeopleAt(
    deps.db,
    args.units.map((u) => u.id),
    LEADER_ROLES,
  );
  const figures = await ownerFigureValues(
    deps,
    leaders.map((l) => l.id),
    { from: args.range.from, to: args.range.to },
    keysOf(definition),
  );
  const round: AppraisalRoundTable = {
    id: deps.ids.next(),
    scheme_id: scheme.id,
    scheme_version: scheme.version,
    scheme_json: JSON.stringify({ name: scheme.name, level: scheme.level, subjectKind: 'leader', definition }),
    period_key: args.period,
    period_from: args.range.from,
    period_to: args.range.to,
    status: 'open',
    computed_at: now,
    opened_by: actor.id,
    published_at: null,
    created_at: now,
  };
  const results = leaders.map((leader) => {
    const inputs: AppraisalInputs = {};
    for (const f of figures) {
      const value = f.values.get(leader.id) ?? { value: 0, of: f.kind === 'rate' ? 0 : null };
      inputs[f.key] = { ...value, version: f.version, ...(f.kind === 'mean' ? { kind: 'mean' } : {}) };
    }
    const scored = scoreUnit(definition, inputs);
    return openedResult(deps, round.id, leader.unit_id, leader.id, inputs, scored);
  });
  await storeOpenedRound(deps, actor, scheme, round, results, { leaders: leaders.length });
  return getRound(deps, actor, round.id);
}

/** A subject's computed result in a newly opened round: a unit (`userId` null) or a leader of `unitId`. */
function openedResult(
  deps: AppraisalDeps,
  roundId: string,
  unitId: string,
  userId: string | null,
  inputs: AppraisalInputs,
  scored: ReturnType<typeof scoreUnit>,
): AppraisalResultTable {
  return {
    id: deps.ids.next(),
    round_id: roundId,
    unit_id: unitId,
    user_id: userId,
    inputs_json: JSON.stringify(inputs),
    items_json: JSON.stringify(scored),
    computed_centi: scored.totalCenti,
    adjustment_centi: 0,
    adjust_reason: null,
    rank: null,
    self_text: null,
    self_by: null,
    self_at: null,
    reviewed_by: null,
    reviewed_at: null,
    version: 1,
  };
}

/** One transaction: the round and its results stored, the scheme frozen, audited, each subject told. */
async function storeOpenedRound(
  deps: AppraisalDeps,
  actor: Actor,
  scheme: AppraisalSchemeTable,
  round: AppraisalRoundTable,
  results: readonly AppraisalResultTable[],
  counted: { units: number } | { leaders: number },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertRound(trx, round);
    await repo.insertResults(trx, results);
    if (scheme.frozen_at === null) await repo.updateScheme(trx, scheme.id, { frozen_at: round.computed_at });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'appraisal.round_open',
      entityType: 'appraisal_round',
      entityId: round.id,
      after: { schemeId: scheme.id, schemeVersion: scheme.version, period: round.period_key, ...counted },
    });
    await tellUnits(trx, deps, 'appraisal_round_opened', round, results, `appraisal-open:${round.id}`);
  });
}

/** Tells each subject: a unit through its leaders, a leader himself (a leader's result, 第39条). */
async function tellUnits(
  trx: Kysely<DB>,
  deps: AppraisalDeps,
  kind: NotificationKind,
  round: AppraisalRoundTable,
  subjects: readonly (string | { unit_id: string; user_id: string | null })[],
  dedupeKey: string,
): Promise<void> {
  // One query for all the units (a round opens for 2,000 mines at once); a leader is told himself.
  const unitIds = subjects.flatMap((s) => (typeof s === 'string' ? [s] : s.user_id === null ? [s.unit_id] : []));
  const userIds = subjects.flatMap((s) => (typeof s !== 'string' && s.user_id !== null ? [s.user_id] : []));
  const leaders = unitIds.length === 0 ? [] : (await leadersOf(trx, unitIds)).map((u) => u.id);
  const recipients = [...new Set([...leaders, ...userIds])];
  const name = (JSON.parse(round.scheme_json) as { name: string }).name;
  await notify(trx, deps, { kind, recipients, data: { title: name, date: round.period_key }, dedupeKey });
}

/**
 * The scores of a round recomputed from what it stored (the scheme as it was, each unit's inputs):
 * the proof that a closed round's numbers do not move with the data. Unit id (a leader round: user
 * id) → hundredths.
 */
export async function recomputeRound(deps: AppraisalDeps, roundId: string): Promise<Map<string, number>> {
  const round = await repo.findRound(deps.db, roundId);
  if (round === undefined) throw new DomainError('NOT_FOUND', { message: 'Round not found' });
  const { definition } = JSON.parse(round.scheme_json) as { definition: AppraisalDefinition };
  const results = await repo.resultsOfRound(deps.db, roundId);
  return new Map(
    results.map((r) => [
      r.user_id ?? r.unit_id,
      scoreUnit(definition, JSON.parse(r.inputs_json) as AppraisalInputs).totalCenti,
    ]),
  );
}

async function loadRound(db: Kysely<DB>, actor: Actor, id: string) {
  const round = await repo.findRound(db, id);
  const scheme = round === undefined ? undefined : await repo.findScheme(db, round.scheme_id);
  if (round === undefined || scheme === undefined || scheme.enterprise_id !== enterpriseOf(actor).id)
    throw new DomainError('NOT_FOUND', { message: 'Round not found' });
  return { round, scheme };
}

/** Before publication a unit sees its own result (and those under it); the ranking once published. */
function maySee(actor: Actor, round: AppraisalRoundTable, unitPath: string): boolean {
  return actor.role === 'auditor' || round.status === 'published' || unitPath.startsWith(actor.unitPath);
}

/** The level above: the reviewer's unit strictly above the unit reviewed. */
function mayReview(actor: Actor, unit: { id: string; path: string }): boolean {
  return can(actor, 'appraisal.review', unit) && unit.id !== actor.unitId;
}

export async function getRound(deps: AppraisalDeps, actor: Actor, id: string): Promise<AppraisalRoundView> {
  if (!hasAction(actor.role, 'appraisal.manage')) assertRead(actor);
  const { round, scheme } = await loadRound(deps.db, actor, id);
  const { definition } = JSON.parse(round.scheme_json) as { definition: AppraisalDefinition };
  const rows = (await repo.resultsOfRound(deps.db, id)).filter((r) => maySee(actor, round, r.unit_path));
  const evidence = await repo.evidenceOf(
    deps.db,
    rows.map((r) => r.id),
  );
  const period = { from: round.period_from, to: round.period_to };
  const ranks = rankOf(rows.map((r) => ({ id: r.id, centi: r.computed_centi + r.adjustment_centi })));
  const previous = await repo.previousRanks(deps.db, round.scheme_id, round.period_to);
  const previousRank = (r: repo.ResultRow) =>
    previous.find((p) => (r.user_id === null ? p.user_id === null && p.unit_id === r.unit_id : p.user_id === r.user_id))
      ?.rank ?? null;
  const none = { kind: 'petitions' as const, value: [], of: null };
  // A leader's point drills to his cases (the list's `ownerId`), a unit's to its subtree's.
  const drillOf = (r: repo.ResultRow) => (key: FigureKey) =>
    r.user_id !== null
      ? (ownerFigureSourceOf(key)?.drill(r.user_id, period) ?? none)
      : (figureSourceOf(key)?.drill({ id: r.unit_id, path: r.unit_path }, period) ?? none);
  const results: AppraisalResultView[] = rows.map((r) => {
    const inputs = JSON.parse(r.inputs_json) as AppraisalInputs;
    const scored = scoreUnit(definition, inputs);
    const unit = { id: r.unit_id, path: r.unit_path };
    const drill = drillOf(r);
    return {
      id: r.id,
      unit: { id: r.unit_id, name: r.unit_name },
      leader: r.user_id === null ? null : { id: r.user_id, name: r.user_name ?? '' },
      computed: points(r.computed_centi),
      adjustment: points(r.adjustment_centi),
      adjustReason: r.adjust_reason,
      total: points(r.computed_centi + r.adjustment_centi),
      // Published: the stored rank over every unit; before, the rank among those the viewer sees.
      rank: r.rank ?? ranks.get(r.id) ?? null,
      previousRank: previousRank(r),
      items: scored.items.map((item) => {
        const input = inputs[item.key] ?? { value: 0, of: null, version: 1 };
        return {
          key: item.key,
          version: input.version,
          value: input.value,
          of: input.of,
          measured: item.measured === null ? null : Math.round(item.measured * 100) / 100,
          weight: item.weight,
          points: points(item.pointsCenti),
          drill: drill(item.key),
        };
      }),
      rules: scored.rules.map((rule, i) => ({
        key: rule.key,
        label: definition.rules[i]?.label ?? null,
        count: rule.count,
        points: points(rule.pointsCenti),
        drill: drill(rule.key),
      })),
      selfAssessment: r.self_text === null || r.self_at === null ? null : { text: r.self_text, at: r.self_at },
      evidence: evidence
        .filter((e) => e.result_id === r.id)
        .map((e) => ({ id: e.id, fileName: e.file_name, size: e.size })),
      reviewedAt: r.reviewed_at,
      can: {
        selfAssess: round.status === 'open' && r.reviewed_at === null && maySelfAssess(actor, r),
        review: round.status === 'open' && mayReview(actor, unit),
      },
    };
  });
  return {
    ...summaryOf(round, scheme),
    results,
    can: { publish: round.status === 'open' && publishable(actor) },
  };
}

/** A unit's own leaders assess the unit; a leader assesses only his own result (第39条). */
function maySelfAssess(actor: Actor, result: repo.ResultRow): boolean {
  return result.user_id !== null
    ? result.user_id === actor.id
    : can(actor, 'appraisal.self_assess', { id: result.unit_id, path: result.unit_path });
}

/** Publishing is the enterprise level's: a reviewer at the root. */
function publishable(actor: Actor): boolean {
  const root = enterpriseOf(actor);
  return actor.unitId === root.id && can(actor, 'appraisal.review', root);
}

function summaryOf(round: AppraisalRoundTable, scheme: AppraisalSchemeTable) {
  return {
    id: round.id,
    scheme: { id: scheme.id, name: scheme.name, version: round.scheme_version, subjectKind: scheme.subject_kind },
    period: round.period_key,
    from: round.period_from,
    to: round.period_to,
    status: round.status,
    computedAt: round.computed_at,
    publishedAt: round.published_at,
  };
}

export async function listRounds(deps: AppraisalDeps, actor: Actor) {
  if (!hasAction(actor.role, 'appraisal.manage')) assertRead(actor);
  const rows = await repo.listRounds(deps.db, enterpriseOf(actor).id);
  return {
    items: rows.map((r) => ({
      id: r.id,
      scheme: { id: r.scheme_id, name: r.scheme_name, version: r.scheme_version, subjectKind: r.subject_kind },
      period: r.period_key,
      from: r.period_from,
      to: r.period_to,
      status: r.status,
      computedAt: r.computed_at,
      publishedAt: r.published_at,
    })),
  };
}

async function loadResult(db: Kysely<DB>, actor: Actor, id: string) {
  const result = await repo.findResult(db, id);
  const loaded = result === undefined ? undefined : await loadRound(db, actor, result.round_id).catch(() => undefined);
  if (result === undefined || loaded === undefined || !maySee(actor, loaded.round, result.unit_path))
    throw new DomainError('NOT_FOUND', { message: 'Result not found' });
  return { result, round: loaded.round };
}

/** A unit's own leaders may assess it while the round is open and the result not yet reviewed. */
async function assertSelfAssess(db: Kysely<DB>, actor: Actor, id: string) {
  const { result, round } = await loadResult(db, actor, id);
  if (!maySelfAssess(actor, result))
    throw new DomainError('FORBIDDEN', {
      message: result.user_id === null ? 'A unit assesses only itself' : 'A leader assesses only himself',
      details: { issues: [{ path: ['id'], message: result.user_id === null ? 'not your unit' : 'not you' }] },
    });
  if (round.status !== 'open' || result.reviewed_at !== null)
    throw new DomainError('APPRAISAL_STATE_ILLEGAL', {
      message: 'Reviewed or published: the self-assessment is closed',
    });
  return { result, round };
}

/** @throws FORBIDDEN (another unit's result), APPRAISAL_STATE_ILLEGAL (reviewed or published), NOT_FOUND */
export async function selfAssess(deps: AppraisalDeps, actor: Actor, id: string, raw: unknown) {
  const input = SelfAssessmentInputSchema.parse(raw);
  const { result } = await assertSelfAssess(deps.db, actor, id);
  await deps.db.transaction().execute(async (trx) => {
    const at = deps.clock.now().toISOString();
    if (!(await repo.updateResult(trx, id, result.version, { self_text: input.text, self_by: actor.id, self_at: at })))
      throw new DomainError('APPRAISAL_STATE_ILLEGAL', { message: 'Changed meanwhile: reload' });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'appraisal.self_assess',
      entityType: 'appraisal_result',
      entityId: id,
      before: { text: result.self_text },
      after: { text: input.text },
    });
  });
  return getRound(deps, actor, result.round_id);
}

/**
 * Evidence for a self-assessment: a file checked and stored like a case's attachments (JPEG, PNG,
 * PDF, DOCX, XLSX, text), recorded in the same transaction as its audit row.
 */
export async function addEvidence(deps: AppraisalDeps, actor: Actor, id: string, file: UploadedFile) {
  const { result } = await assertSelfAssess(deps.db, actor, id);
  const stored = await storeFile(deps, file);
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertEvidence(trx, {
      ...storedFileColumns(stored, file, actor.id, deps.clock.now().toISOString()),
      result_id: id,
    });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'appraisal.evidence_add',
      entityType: 'appraisal_result',
      entityId: id,
      after: { evidenceId: stored.id, size: file.data.length },
    });
  });
  return getRound(deps, actor, result.round_id);
}

/** The stored evidence file, for whom may see the result. @throws NOT_FOUND */
export async function openEvidence(deps: AppraisalDeps, actor: Actor, evidenceId: string) {
  if (!hasAction(actor.role, 'appraisal.manage')) assertRead(actor);
  const evidence = await repo.findEvidence(deps.db, evidenceId);
  if (evidence === undefined) throw new DomainError('NOT_FOUND', { message: 'Evidence not found' });
  await loadResult(deps.db, actor, evidence.result_id);
  // storage_key is always an id we generated; the store refuses any other key (no path outside it).
  const data = await readStoredFile(deps, evidence.storage_key);
  return { fileName: evidence.file_name, data };
}

/**
 * The level above reviews a unit's result: optionally adjusts it (a reason required), and the unit's
 * leaders are told. @throws VALIDATION_FAILED (`reason` missing), FORBIDDEN (not above the unit),
 *   APPRAISAL_STATE_ILLEGAL (published), NOT_FOUND
 */
export async function reviewResult(deps: AppraisalDeps, actor: Actor, id: string, raw: AppraisalReviewInput) {
  const input = AppraisalReviewInputSchema.parse(raw);
  const { result, round } = await loadResult(deps.db, actor, id);
  if (!mayReview(actor, { id: result.unit_id, path: result.unit_path }))
    throw new DomainError('FORBIDDEN', { message: 'The level above the unit reviews it' });
  if (round.status !== 'open') throw new DomainError('APPRAISAL_STATE_ILLEGAL', { message: 'The round is published' });
  await deps.db.transaction().execute(async (trx) => {
    const at = deps.clock.now().toISOString();
    const patch = {
      adjustment_centi: centi(input.adjustment),
      adjust_reason: input.adjustment === 0 ? null : (input.reason ?? null),
      reviewed_by: actor.id,
      reviewed_at: at,
    };
    if (!(await repo.updateResult(trx, id, result.version, patch)))
      throw new DomainError('APPRAISAL_STATE_ILLEGAL', { message: 'Changed meanwhile: reload' });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'appraisal.review',
      entityType: 'appraisal_result',
      entityId: id,
      before: { adjustment: points(result.adjustment_centi), reason: result.adjust_reason },
      after: { adjustment: input.adjustment, reason: patch.adjust_reason },
    });
    await tellUnits(trx, deps, 'appraisal_reviewed', round, [result], `appraisal-review:${id}:${result.version}`);
  });
  return getRound(deps, actor, round.id);
}

/** The ranking fixed and shown to the units. @throws FORBIDDEN (not a reviewer at the root), APPRAISAL_STATE_ILLEGAL */
export async function publishRound(deps: AppraisalDeps, actor: Actor, id: string) {
  if (!publishable(actor)) throw new DomainError('FORBIDDEN', { message: 'The enterprise level publishes' });
  const { round } = await loadRound(deps.db, actor, id);
  if (round.status !== 'open') throw new DomainError('APPRAISAL_STATE_ILLEGAL', { message: 'Published already' });
  const results = await repo.resultsOfRound(deps.db, id);
  const ranks = rankOf(results.map((r) => ({ id: r.id, centi: r.computed_centi + r.adjustment_centi })));
  await deps.db.transaction().execute(async (trx) => {
    const at = deps.clock.now().toISOString();
    await repo.setRanks(trx, ranks);
    await repo.updateRound(trx, id, { status: 'published', published_at: at });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'appraisal.publish',
      entityType: 'appraisal_round',
      entityId: id,
      after: { ranks: Object.fromEntries(results.map((r) => [r.user_id ?? r.unit_id, ranks.get(r.id)])) },
    });
    await tellUnits(trx, deps, 'appraisal_published', round, results, `appraisal-publish:${id}`);
  });
  return getRound(deps, actor, id);
}

/**
 * A unit's total and rank over the published rounds of a scheme (the chart: scores of different
 * schemes are not comparable). @throws NOT_FOUND (unit or scheme out of reach)
 */
export async function unitHistory(
  deps: AppraisalDeps,
  actor: Actor,
  unitId: string,
  schemeId: string,
  userId?: string,
) {
  if (!hasAction(actor.role, 'appraisal.manage')) assertRead(actor);
  const unit = await findUnitById(deps.db, unitId);
  if (unit === undefined || !unit.path.startsWith(enterpriseOf(actor).path))
    throw new DomainError('NOT_FOUND', { message: 'Unit not found' });
  await loadScheme(deps.db, actor, schemeId);
  // A leader's history (a leader scheme): his results while at this unit.
  const rows = await repo.publishedResultsOf(deps.db, unitId, schemeId, userId ?? null);
  return {
    unit: { id: unit.id, name: unit.name },
    points: rows.map((r) => ({
      roundId: r.round_id,
      period: r.period_key,
      total: points(r.computed_centi + r.adjustment_centi),
      rank: r.rank,
    })),
  };
}

/**
 * A leader's totals and ranks in the published leader rounds (his record, 第39条), newest first. The
 * caller decides who may see his record; a published ranking is visible to every appraisal reader.
 */
export async function leaderScoresOf(db: Kysely<DB>, userId: string) {
  const rows = await repo.publishedResultsOfLeader(db, userId);
  return rows.map((r) => ({
    roundId: r.round_id,
    scheme: r.scheme_name,
    period: r.period_key,
    total: points(r.computed_centi + r.adjustment_centi),
    rank: r.rank,
  }));
}

/**
 * A round of the enterprise as the basis of a reward or penalty (奖惩问责, 第39条): its period, its
 * scheme's name and the indicators it scored; undefined when it is not the enterprise's.
 */
export async function roundAsBasis(db: Kysely<DB>, enterpriseId: string, roundId: string) {
  const round = await repo.findRound(db, roundId);
  const scheme = round === undefined ? undefined : await repo.findScheme(db, round.scheme_id);
  if (round === undefined || scheme === undefined || scheme.enterprise_id !== enterpriseId) return undefined;
  const { definition } = JSON.parse(round.scheme_json) as { definition: AppraisalDefinition };
  return { id: round.id, period: round.period_key, name: scheme.name, keys: keysOf(definition) };
}

/**
 * A round as the sheet offices send up (考核排名表): one row per unit the viewer may see, by rank — each
 * indicator's measured value and points, the bonus/deduction points, the computed score, the review's
 * adjustment and its reason, the total. Written with the ledger's .xlsx writer (one layout for every
 * sheet). @throws NOT_FOUND, FORBIDDEN as getRound
 */
export async function exportRound(deps: AppraisalDeps, actor: Actor, id: string, out: Writable): Promise<void> {
  const round = await getRound(deps, actor, id);
  const A = zhCN.appraisal;
  const keys = [...new Set(round.results.flatMap((r) => r.items.map((i) => i.key)))];
  const workbook = xlsxWorkbook(out);
  const sheet = xlsxTable(workbook, A.sheetName, [
    { header: A.rank, key: 'rank', width: 8 },
    // A leader round lists the leader with his unit (第39条: leaders appraised as well as units).
    { header: round.scheme.subjectKind === 'leader' ? A.leader : A.unit, key: 'unit', width: 20 },
    ...keys.flatMap((key) => [
      {
        header: format(A.valueOf, { indicator: zhCN.figures.keys[key] }),
        key: `${key}:value`,
        width: 16,
        numFmt: '0.00',
      },
      {
        header: format(A.pointsOf, { indicator: zhCN.figures.keys[key] }),
        key: `${key}:points`,
        width: 12,
        numFmt: '0.00',
      },
    ]),
    { header: A.rulePoints, key: 'rules', width: 10, numFmt: '0.00' },
    { header: A.computed, key: 'computed', width: 10, numFmt: '0.00' },
    { header: A.adjustment, key: 'adjustment', width: 10, numFmt: '0.00' },
    { header: A.reason, key: 'reason', width: 30 },
    { header: A.total, key: 'total', width: 10, numFmt: '0.00' },
  ]);
  const ordered = [...round.results].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.total - a.total);
  for (const r of ordered) {
    const cells: Record<string, string | number | null> = {
      rank: r.rank,
      unit: r.leader === null ? r.unit.name : `${r.leader.name}（${r.unit.name}）`,
      rules: r.rules.reduce((sum, rule) => sum + rule.points, 0),
      computed: r.computed,
      adjustment: r.adjustment,
      reason: r.adjustReason ?? '',
      total: r.total,
    };
    for (const item of r.items) {
      cells[`${item.key}:value`] = item.measured ?? item.value;
      cells[`${item.key}:points`] = item.points;
    }
    sheet.addRow(cells).commit();
  }
  sheet.commit();
  await workbook.commit();
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'appraisal.export',
      entityType: 'appraisal_round',
      entityId: id,
      after: { rows: ordered.length },
    }),
  );
}
