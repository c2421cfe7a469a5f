/**
 * The Chinese text engine (server/text) in the workbench, issue #6:
 *
 * - **Likely repeats** (重复访/并单) of what an officer is registering: text near-duplicates from the
 *   persisted LSH band index (petition-fingerprint.ts: a few indexed queries, never a scan of
 *   history) and the same person through the blind indexes, only among cases the officer may see
 *   (scope and recusal, common/domain/petition-policy.ts). A match with a final (终结) case is flagged: the matter
 *   is not accepted again (《信访工作条例》第36条第3款) — staff confirm with 不再受理.
 * - **Category suggestion**: a Classifier trained on the enterprise's own categorised petitions,
 *   stored in `text_model`; the handling unit is the one that most often handled the suggested
 *   category (kept with the model), offered only when it lies in the officer's scope.
 * - **Hotspots** (热点): findHotspots over the viewer's scoped petitions of a period, capped.
 */
import { can, enterpriseOf, hasAction, type Actor } from '../../../common/domain/access.ts';
import { addCalendarDays, localDateOf } from '../../../common/domain/calendar.ts';
import { TERMINAL_STATES } from '../../../common/domain/petition-state.ts';
import { DomainError } from '../../../common/errors.ts';
import {
  HotspotQuerySchema,
  RepeatQueryInputSchema,
  SuggestInputSchema,
  type ClassifierStatusView,
  type HotspotListView,
  type HotspotQuery,
  type RepeatCandidateView,
  type RepeatListView,
  type RepeatQueryInput,
  type RepeatReason,
  type SuggestInput,
  type SuggestionView,
} from '../../../common/schemas/text.ts';
import { appendAudit } from '../../platform/audit.ts';
import { Classifier, petitionText, SUGGEST_MIN_CONFIDENCE, type ClassifierData } from '../../text/classifier.ts';
import { findHotspotsOffThread } from '../../text/hotspot.ts';
import { callOffThread } from '../../platform/off-thread.ts';
import { yieldToLoop } from '../../platform/slices.ts';
import { findCategoryLabel } from '../category/index.ts';
import { summariesFor, type PetitionDeps } from '../petition/index.ts';
import { scopedPetitions } from '../ledger/index.ts';
import { findTextMatches, type LookupStats } from './fingerprint-index.ts';
import { findUnitById } from '../unit/index.ts';
import {
  categorisedPetitions,
  countCategorised,
  findModel,
  findModelHeader,
  firstPetitioners,
  petitionFacts,
  petitionIdsByIdentity,
  saveModel,
} from './text.repository.ts';

/** Parsed models by kind, checked against the stored training date on every use (several instances retrain). */
export type TextModelCache = Map<string, { trainedAt: string; model: CategoryModel }>;

export function createTextModelCache(): TextModelCache {
  return new Map();
}

export type TextDeps = PetitionDeps & { models: TextModelCache };

function requireOffice(actor: Actor, what: string): void {
  if (!hasAction(actor.role, 'text.suggest'))
    throw new DomainError('FORBIDDEN', { message: `Only petition offices ${what}` });
}

// ---------------------------------------------------------------------------------------------
// Repeats

/** Candidates offered at most; more would not be read while registering. */
const REPEAT_LIMIT = 5;
/** A closed case of the same person and category counts as a likely repeat this many days after it was received. */
export const RECENT_DAYS = 180;
/** The likelihood shown for the same person's case of the same category when the texts differ. */
const SAME_PERSON_CATEGORY_SCORE = 0.6;

/**
 * Likely repeats of a petition being registered (or of `excludeId`'s text), best first: text
 * similarity from the repeat index (fingerprint-index.ts), identity (same ID number, phone, name +
 * unit) as reasons that lower the text thresholds; identity alone never makes a repeat (a person's
 * other matter) — unless it is the same person's open or recent case of the same category
 * (`categoryCode`), offered with its own reason. Only cases `actor` may see are offered.
 * @throws FORBIDDEN (not a petition office)
 */
export async function findRepeats(
  deps: PetitionDeps,
  actor: Actor,
  rawInput: RepeatQueryInput,
  stats?: LookupStats,
): Promise<RepeatListView> {
  requireOffice(actor, 'look for repeats');
  const input = RepeatQueryInputSchema.parse(rawInput);
  if (`${input.title}${input.body}`.trim() === '') return { items: [], notAcceptAgain: false };
  const identity = input.identity;
  const byIdentity =
    identity === undefined
      ? []
      : await petitionIdsByIdentity(deps.db, {
          idNumberIndex: identity.idNumber ? deps.cipher.blindIndex(identity.idNumber) : undefined,
          phoneIndex: identity.phone ? deps.cipher.blindIndex(identity.phone) : undefined,
          name: identity.name,
          unitId: identity.unitId,
        });
  const identityReasons = new Map<string, RepeatReason[]>();
  for (const { petitionId, kind } of byIdentity) {
    const reasons = identityReasons.get(petitionId) ?? [];
    if (!reasons.some((r) => r.code === kind)) reasons.push({ code: kind });
    identityReasons.set(petitionId, reasons);
  }
  const matches = await findTextMatches(deps.db, input.title, input.body, {
    excludeId: input.excludeId,
    alsoCheck: [...identityReasons.keys()],
    limit: 50,
    ...(stats === undefined ? {} : { stats }),
  });
  const scored = matches.map((m) => {
    const same = identityReasons.get(m.petitionId) ?? [];
    const text: RepeatReason = m.byContainment
      ? { code: 'text_contained', value: m.containment }
      : { code: 'text_similar', value: m.jaccard };
    return {
      id: m.petitionId,
      score: Math.min(1, Math.round((m.score + (same.length > 0 ? 0.05 : 0)) * 1000) / 1000),
      reasons: [text, ...same],
    };
  });
  // The same person (ID number or phone) with an open or recent case of the same category: a likely
  // repeat even in new words (重复访, 第26条: one matter is handled once) — offered, never decided.
  const category = input.categoryCode;
  if (category !== undefined) {
    const samePerson = [...identityReasons]
      .filter(([, reasons]) => reasons.some((r) => r.code === 'same_id_number' || r.code === 'same_phone'))
      .map(([id]) => id)
      .filter((id) => id !== input.excludeId);
    const since = addCalendarDays(localDateOf(deps.clock.now().toISOString()), -RECENT_DAYS);
    for (const fact of await petitionFacts(deps.db, samePerson)) {
      if (fact.category_code !== category) continue;
      const open = !TERMINAL_STATES.includes(fact.state);
      if (!open && localDateOf(fact.received_at) < since) continue;
      const reason: RepeatReason = { code: 'same_person_category' };
      const found = scored.find((s) => s.id === fact.id);
      if (found !== undefined) found.reasons.push(reason);
      else
        scored.push({
          id: fact.id,
          score: SAME_PERSON_CATEGORY_SCORE,
          reasons: [reason, ...(identityReasons.get(fact.id) ?? [])],
        });
    }
  }
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  const items: RepeatCandidateView[] = [];
  for (const match of scored) {
    if (items.length >= REPEAT_LIMIT) break;
    // Scope and recusal: a case the officer may not see is never suggested, not even as "exists".
    const [summary] = (await summariesFor(deps, actor, [match.id])).items;
    if (summary === undefined) continue;
    items.push({ petition: summary, score: match.score, reasons: match.reasons, final: summary.state === 'final' });
  }
  return { items, notAcceptAgain: items.some((i) => i.final) };
}

// ---------------------------------------------------------------------------------------------
// Category suggestion

const CATEGORY_MODEL = 'category';
/** Fewer categorised petitions than this (or fewer than two categories) train nothing: "not enough data". */
export const MIN_TRAINING_SIZE = 30;
/** The newest categorised petitions a model is trained on: keeps training under a minute. */
export const MAX_TRAINING_SIZE = 10_000;

/**
 * The handling unit worth suggesting for each category: the unit that handled most of its
 * petitions, only when it handled at least UNIT_MIN_CASES of them, at least half, and clearly more
 * than its share of all petitions (lift ≥ UNIT_MIN_LIFT). A unit that handles most of everything
 * (the demo's one busy mine) says nothing about a category, so it is never suggested for all of
 * them (issue #19).
 */
export function handlingUnitsOf(
  rows: readonly { category_code: string | null; handling_unit_id: string | null }[],
): Record<string, { unitId: string; share: number }> {
  const byCategory = new Map<string, Map<string, number>>();
  const overall = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    if (r.category_code === null || r.handling_unit_id === null) continue;
    const counts = byCategory.get(r.category_code) ?? new Map<string, number>();
    counts.set(r.handling_unit_id, (counts.get(r.handling_unit_id) ?? 0) + 1);
    byCategory.set(r.category_code, counts);
    overall.set(r.handling_unit_id, (overall.get(r.handling_unit_id) ?? 0) + 1);
    total += 1;
  }
  const out: Record<string, { unitId: string; share: number }> = {};
  for (const [code, counts] of byCategory) {
    const n = [...counts.values()].reduce((a, b) => a + b, 0);
    const [unitId, count] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
    const share = count / n;
    const base = (overall.get(unitId) ?? 0) / Math.max(1, total);
    if (unitId === '' || count < UNIT_MIN_CASES || share < 0.5 || share / base < UNIT_MIN_LIFT) continue;
    out[code] = { unitId, share: Math.round(share * 100) / 100 };
  }
  return out;
}

/** A unit is suggested for a category only after this many of its cases… */
const UNIT_MIN_CASES = 5;
/** …and when its share of the category is this many times its share of all cases. */
const UNIT_MIN_LIFT = 1.25;
/**
 * Fewer categorised petitions per category than this and the model's confidence is not to be
 * trusted: no suggestion at all (the demo's 397 cases over 15 categories, issue #19).
 */
export const MIN_PER_CATEGORY = 40;

/** Training texts read per statement. */
const TRAINING_PAGE = 1000;

/** Where trainedClassifierData lives, for the worker thread that trains. */
const CLASSIFIER_MODULE = new URL('../../text/classifier.ts', import.meta.url).href;

type CategoryModel = { classifier: Classifier; handlingUnits: Record<string, { unitId: string; share: number }> };
type StoredCategoryModel = {
  classifier: ClassifierData;
  handlingUnits: Record<string, { unitId: string; share: number }>;
};

async function status(deps: TextDeps, durationMs: number | null): Promise<ClassifierStatusView> {
  const [header, count] = await Promise.all([findModelHeader(deps.db, CATEGORY_MODEL), countCategorised(deps.db)]);
  return {
    trained: header !== undefined,
    trainedAt: header?.trained_at ?? null,
    sampleSize: header?.sample_size ?? 0,
    classCount: header?.class_count ?? 0,
    available: count.n,
    minimum: MIN_TRAINING_SIZE,
    durationMs,
  };
}

/** The category model's training date and size, and how many categorised petitions there are now. */
export async function classifierStatus(deps: TextDeps, actor: Actor): Promise<ClassifierStatusView> {
  if (!hasAction(actor.role, 'text.suggest') && !can(actor, 'category.manage', enterpriseOf(actor))) {
    throw new DomainError('FORBIDDEN', {
      message: 'Only petition offices and the enterprise administrator read the category model',
    });
  }
  return status(deps, null);
}

/**
 * Trains the category model on the newest categorised petitions (at most MAX_TRAINING_SIZE) and
 * stores it with the date and size, audited. `actor` null: the first training at start.
 * The training itself runs in a worker thread (platform/off-thread.ts): at a million petitions it held
 * the event loop 0.4–1 s, every request waiting (issue #20).
 * @returns how long it took, or null when there is not enough data (nothing changed)
 */
async function train(deps: TextDeps, actorId: string | null): Promise<number | null> {
  const started = Date.now();
  // A page at a time, the loop turning between pages: 10,000 texts in one statement held it ~0.4 s at 1M.
  const rows: Awaited<ReturnType<typeof categorisedPetitions>> = [];
  for (let offset = 0; offset < MAX_TRAINING_SIZE; offset += TRAINING_PAGE) {
    const page = await categorisedPetitions(deps.db, Math.min(TRAINING_PAGE, MAX_TRAINING_SIZE - offset), offset);
    rows.push(...page);
    if (page.length < TRAINING_PAGE) break;
    await yieldToLoop();
  }
  const categories = new Set(rows.map((r) => r.category_code));
  if (rows.length < MIN_TRAINING_SIZE || categories.size < 2) return null;
  // The same model and settings as bench:text and the CLI: its size is bounded by the vocabulary cap
  // (at most 2¹⁷ features × categories, Int16) and its time by the update budget (server/text/classifier.ts):
  // 10,000 texts of ≈ 1,500 characters in 42 categories took 40 s of CPU, a 15 MiB row.
  const data = await callOffThread<ClassifierData>(CLASSIFIER_MODULE, 'trainedClassifierData', [
    rows.map((r) => ({ text: petitionText(r.title, r.body), category: r.category_code ?? '' })),
  ]);
  const classifier = Classifier.fromJSON(data);
  const handlingUnits = handlingUnitsOf(rows);
  const stored: StoredCategoryModel = { classifier: data, handlingUnits };
  const trainedAt = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await saveModel(trx, {
      kind: CATEGORY_MODEL,
      model_json: JSON.stringify(stored),
      trained_at: trainedAt,
      trained_by: actorId,
      sample_size: rows.length,
      class_count: classifier.classes.length,
    });
    await appendAudit(trx, deps.clock, {
      actorId,
      action: 'text.classifier.train',
      entityType: 'text_model',
      entityId: CATEGORY_MODEL,
      after: { sampleSize: rows.length, classCount: classifier.classes.length, durationMs: Date.now() - started },
    });
  });
  deps.models.set(CATEGORY_MODEL, { trainedAt, model: { classifier, handlingUnits } });
  return Date.now() - started;
}

/**
 * 重新训练: an enterprise administrator retrains the category model from the workbench.
 * @throws FORBIDDEN (not `category.manage` on the enterprise)
 */
export async function trainClassifier(deps: TextDeps, actor: Actor): Promise<ClassifierStatusView> {
  if (!can(actor, 'category.manage', enterpriseOf(actor)))
    throw new DomainError('FORBIDDEN', { message: 'Only an enterprise administrator trains the category model' });
  return status(deps, await train(deps, actor.id));
}

/**
 * At start: train once when no model exists (or only one stored by an older classifier, which is not
 * read) and there are enough categorised petitions. @returns whether it trained
 */
export async function ensureClassifier(deps: TextDeps): Promise<boolean> {
  if ((await findModelHeader(deps.db, CATEGORY_MODEL)) !== undefined && (await categoryModel(deps)) !== null)
    return false;
  return (await train(deps, null)) !== null;
}

async function categoryModel(deps: TextDeps): Promise<CategoryModel | null> {
  const header = await findModelHeader(deps.db, CATEGORY_MODEL);
  if (header === undefined) return null;
  const cached = deps.models.get(CATEGORY_MODEL);
  if (cached?.trainedAt === header.trained_at) return cached.model;
  const row = await findModel(deps.db, CATEGORY_MODEL);
  if (row === undefined) return null;
  const stored = JSON.parse(row.model_json) as StoredCategoryModel;
  // A model stored by an older version of the classifier is not read: it is retrained at start.
  if (!Classifier.readable(stored.classifier)) return null;
  const model = { classifier: Classifier.fromJSON(stored.classifier), handlingUnits: stored.handlingUnits };
  deps.models.set(CATEGORY_MODEL, { trainedAt: row.trained_at, model });
  return model;
}

/**
 * The likely categories of a text (top 3 with confidence) and the unit that most often handled the
 * best one, when that unit is active and in the officer's scope. Officers accept or change it.
 * @throws FORBIDDEN (not a petition office)
 */
export async function suggestCategory(deps: TextDeps, actor: Actor, rawInput: SuggestInput): Promise<SuggestionView> {
  requireOffice(actor, 'ask for a category suggestion');
  const input = SuggestInputSchema.parse(rawInput);
  const model = await categoryModel(deps);
  if (model === null) return { status: 'no_model', categories: [], handlingUnit: null };
  if (`${input.title}${input.body}`.trim() === '') return { status: 'empty', categories: [], handlingUnit: null };
  // Little history, or a doubtful text: say so rather than guess (calibration in bench:text).
  const header = await findModelHeader(deps.db, CATEGORY_MODEL);
  const perCategory = (header?.sample_size ?? 0) / Math.max(1, header?.class_count ?? 1);
  if (perCategory < MIN_PER_CATEGORY) return { status: 'uncertain', categories: [], handlingUnit: null };
  const prediction = model.classifier.predict(petitionText(input.title, input.body), 3);
  if (prediction.confidence < SUGGEST_MIN_CONFIDENCE)
    return { status: 'uncertain', categories: [], handlingUnit: null };
  const categories: SuggestionView['categories'] = [];
  for (const c of prediction.top) {
    const label = await findCategoryLabel(deps.db, c.category);
    if (label !== null) categories.push({ code: c.category, label, confidence: c.probability });
  }
  const best = model.handlingUnits[prediction.category];
  const unit = best === undefined ? undefined : await findUnitById(deps.db, best.unitId);
  const handlingUnit =
    unit !== undefined && best !== undefined && unit.active === 1 && unit.path.startsWith(actor.unitPath)
      ? { id: unit.id, name: unit.name, share: best.share }
      : null;
  return { status: 'ready', categories, handlingUnit };
}

// ---------------------------------------------------------------------------------------------
// Hotspots

/** Petitions analysed at most per request (the newest of the period): about 2 s of segmentation. */
export const HOTSPOT_CAP = 3000;
const DEFAULT_DAYS = 90;

function chinaMidnightUtc(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * 热点: clusters of petitions about the same matter in the period (default the last 90 days) and
 * unit subtree, among the petitions the viewer may see (the list's own scope and recusal), ranked
 * by findHotspots' score. At most HOTSPOT_CAP petitions, the newest, are analysed (`capped` says so).
 */
export async function listHotspots(deps: PetitionDeps, actor: Actor, rawQuery: HotspotQuery): Promise<HotspotListView> {
  const query = HotspotQuerySchema.parse(rawQuery);
  const today = localDateOf(deps.clock.now().toISOString());
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -DEFAULT_DAYS);
  if (from > to)
    throw new DomainError('VALIDATION_FAILED', {
      message: 'from is after to',
      details: { issues: [{ path: ['from'], message: 'after to' }] },
    });
  const base = await scopedPetitions(deps, actor, {
    receivedFrom: from,
    receivedTo: to,
    ...(query.unitId === undefined ? {} : { unitId: query.unitId }),
  });
  const rows = await base
    .select(['petition.id', 'petition.title', 'petition.body', 'petition.received_at', 'petition.headcount'])
    .orderBy('petition.received_at', 'desc')
    .limit(HOTSPOT_CAP + 1)
    .execute();
  const capped = rows.length > HOTSPOT_CAP;
  const analysed = rows.slice(0, HOTSPOT_CAP);
  const people = await firstPetitioners(
    deps.db,
    analysed.map((r) => r.id),
  );
  const hotspots = await findHotspotsOffThread(
    analysed.map((r) => ({
      id: r.id,
      title: r.title,
      body: r.body,
      createdAt: r.received_at,
      person: people.get(r.id) ?? null,
      groupSize: r.headcount,
    })),
    { from: chinaMidnightUtc(from), to: chinaMidnightUtc(addDays(to, 1)), limit: 20 },
  );
  return {
    items: hotspots.map((h) => ({
      title: h.title,
      representativeId: h.representativeId,
      keywords: h.keywords,
      size: h.size,
      people: h.people,
      groupPetitions: h.groupPetitions,
      weekly: h.weekly,
      growth: h.growth,
      trend: h.growth >= 1.5 ? 'rising' : h.growth <= 0.67 ? 'falling' : 'steady',
      score: h.score,
      firstAt: h.firstAt,
      lastAt: h.lastAt,
      petitionIds: h.memberIds,
    })),
    from,
    to,
    analysed: analysed.length,
    cap: HOTSPOT_CAP,
    capped,
  };
}
