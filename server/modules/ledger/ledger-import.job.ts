/**
 * A ledger import as a job, off the request path (issue #20): run in a worker thread with its own
 * database connection in the server (ledger-import.worker.ts), in the caller's thread in tests.
 *
 * 1. Check: every row of the file, streamed, through the ledger's row reader and registration's rules
 *    (`checkImportCandidates`, the same check as the dry run). Any error: the job fails and nothing
 *    is written.
 * 2. Write: the file streamed again, `IMPORT_BATCH_ROWS` rows per transaction, each batch prepared
 *    and written by the one import path (`prepareImport` → `writeImport` → the engine's
 *    `createPetitions`: derived columns, rollup, search text, fingerprints, audit) AND with the
 *    job's place in the file (`rows_done`) in the same transaction — a batch is in with its
 *    progress, or neither is.
 * 3. Done: the `ledger.import` audit row and the status in one transaction.
 *
 * Resume, not restart: a runner holds the import by a lease renewed with every batch. When its
 * process dies, the lease runs out and `resumeLedgerImports` (a periodic job on every instance,
 * and at start-up) lets one instance claim it and continue after the last committed batch; rows
 * already imported are also skipped by their source key, so no row is ever imported twice.
 */
import { performance } from 'node:perf_hooks';
import type { Actor } from '../../../common/domain/access.ts';
import { LEGAL_DATE_MESSAGES } from '../../../common/domain/legal-dates.ts';
import { DomainError } from '../../../common/errors.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import {
  LEDGER_ERRORS_SHOWN,
  LedgerMappingSchema,
  REQUIRED_LEDGER_FIELDS,
  type LedgerField,
  type LedgerImportView,
  type LedgerMapping,
  type LedgerRowError,
} from '../../../common/schemas/ledger.ts';
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import { loadCalendar } from '../calendar/index.ts';
import { categoryRows } from '../category/index.ts';
import type { PetitionDeps } from '../petition/index.ts';
import { readSettings } from '../setting/index.ts';
import {
  checkImportCandidates,
  importReferences,
  prepareImport,
  writeImport,
  type ImportCandidate,
  type ImportIssue,
  type ImportReferences,
} from './ledger-import.service.ts';
import { existingSourceKeys } from './ledger-petitions.repository.ts';
import { unitNamePaths } from './ledger-records.ts';
import { readLedgerRow, rowReferences, type RowProblem, type RowReferences } from './ledger-row.ts';
import { streamSheet, type Cell, type SheetRow } from './ledger-sheet.ts';
import { localFileOf, removeUpload, type UploadDeps } from './ledger-upload.ts';
import { abandonedImports, claimImport, findImport, updateHeldImport } from './ledger.repository.ts';

export type ImportProgressView = NonNullable<LedgerImportView['progress']>;

/**
 * Rows written per transaction: enough that commits cost little, few enough that the server thread,
 * waiting on SQLite's one write lock for its own writes, waits little. 1,000 rather than 500: the
 * rows of a batch share index and rollup pages, so a commit writes (and checkpoints) fewer pages per
 * row — with the import connection's larger page cache (ledger-import.worker.ts), a third less CPU
 * per row at 50,000 rows (issue #20); the lock is held about half a second per batch.
 */
export const IMPORT_BATCH_ROWS = 1000;
/** A runner renews its lease with every batch and progress write; a lease this old is a dead runner's. */
export const IMPORT_LEASE_MS = 30_000;
/** Progress is written to the job's row at most this often (a poll every second reads it). */
const PROGRESS_WRITE_MS = 500;

const t = zhCN.ledger;

export type ImportJobDeps = PetitionDeps &
  UploadDeps & {
    /** Told of the progress as it happens (the in-process registry, or the worker's message to the server). */
    progress?: (view: ImportProgressView) => void;
  };

/** Runs a claimed import to its end: in a worker thread in the server; `runLedgerImport` here when absent. */
export type ImportRunner = (deps: ImportJobDeps, importId: string, owner: string) => Promise<void>;

/** Checks a whole sheet (the dry run): in a worker thread in the server; `checkSheet` here when absent. */
export type SheetChecker = (
  deps: ImportJobDeps,
  actor: Actor,
  job: Pick<JobRow, 'id' | 'format' | 'headers_json'>,
  mapping: LedgerMapping,
) => Promise<SheetCheck>;

export type JobRow = NonNullable<Awaited<ReturnType<typeof findImport>>>;

export function parseJson<T>(json: string | null, fallback: T): T {
  return json === null ? fallback : (JSON.parse(json) as T);
}

export function checkMapping(mapping: LedgerMapping, headers: readonly string[]): void {
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const field of REQUIRED_LEDGER_FIELDS)
    if (mapping[field] === undefined)
      issues.push({ path: ['mapping', field], message: `${t.fields[field]}: ${t.required}` });
  for (const [field, index] of Object.entries(mapping))
    if (index >= headers.length) issues.push({ path: ['mapping', field], message: 'no such column' });
  if (issues.length > 0)
    throw new DomainError('VALIDATION_FAILED', { message: 'The mapping is incomplete', details: { issues } });
}

/** The ledger field a registration-rule issue belongs to. */
function fieldOfIssue(issue: ImportIssue): LedgerField {
  const [first, , third] = issue.path;
  switch (first) {
    case 'petitioners':
      return third === 'idNumber' ? 'idNumbers' : third === 'phone' ? 'phones' : 'petitioners';
    case 'title':
    case 'body':
      return 'summary';
    case 'categoryCode':
      return 'category';
    case 'involvedUnitIds':
      return 'unit';
    case 'namedPersons':
      return 'namedPersons';
    case 'handlingUnitId':
      return 'handlingUnit';
    case 'headcount':
    case 'channel':
    case 'type':
    case 'state':
    case 'satisfaction':
    case 'acceptedAt':
    case 'concludedAt':
    case 'receivedAt':
      return first;
    default:
      return 'summary';
  }
}

/** The catalog key of a registration-rule issue, by the field it concerns; `rule` when none fits. */
function codeOfIssue(field: LedgerField, issue: ImportIssue): keyof typeof t.errors | 'rule' {
  switch (field) {
    case 'idNumbers':
      return 'badIdNumber';
    case 'phones':
      return 'badPhone';
    case 'petitioners':
      return issue.message.includes('representatives') ? 'tooManyRepresentatives' : 'rule';
    case 'summary':
      return 'summaryTooShort';
    case 'headcount':
      return 'headcountTooSmall';
    case 'handlingUnit':
      return 'handlingUnitOutOfScope';
    case 'unit':
      return 'unknownUnit';
    case 'category':
      return 'unknownCategory';
    case 'receivedAt':
    case 'acceptedAt':
    case 'concludedAt':
      return issue.message === LEGAL_DATE_MESSAGES.future
        ? 'dateInFuture'
        : issue.message === LEGAL_DATE_MESSAGES.before_step
          ? 'dateBeforeReceived'
          : issue.message === LEGAL_DATE_MESSAGES.too_early
            ? 'dateTooEarly'
            : 'rule';
    default:
      return 'rule';
  }
}

/** What reading rows needs, read once per pass: the enterprise's units and categories. */
type RowContext = { refs: ImportReferences; rowRefs: RowReferences };

async function rowContext(db: Kysely<DB>): Promise<RowContext> {
  const refs = await importReferences(db);
  const names = unitNamePaths([...refs.units.values()]);
  const rowRefs = rowReferences(
    refs.units.values(),
    names,
    (await categoryRows(db, false)).filter((c) => c.active === 1),
  );
  return { refs, rowRefs };
}

/** The data rows of the sheet in batches (the header row dropped). */
async function* dataRows(file: string, format: 'xlsx' | 'csv'): AsyncGenerator<SheetRow[]> {
  let header = true;
  for await (const batch of streamSheet(file, format)) {
    const rows = header ? batch.slice(1) : batch;
    header = false;
    if (rows.length > 0) yield rows;
  }
}

/** One batch read and checked with the ledger's rules and registration's: candidates and errors (by row). */
function checkBatch(
  rows: readonly { number: number; cells: Cell[] }[],
  mapping: LedgerMapping,
  headers: readonly string[],
  context: RowContext,
  actor: Actor,
  now: Date,
): { candidates: ImportCandidate[]; candidateRows: number[]; errors: LedgerRowError[] } {
  const errors: LedgerRowError[] = [];
  const candidates: ImportCandidate[] = [];
  const candidateRows: number[] = [];
  const push = (rowNumber: number, field: LedgerField, problem: Pick<RowProblem, 'message'> & { code: string }) => {
    const index = mapping[field];
    errors.push({
      row: rowNumber,
      field,
      column: index === undefined ? null : (headers[index] ?? null),
      code: problem.code,
      message: problem.message,
    });
  };
  for (const row of rows) {
    const { candidate, problems } = readLedgerRow(row.cells, mapping, context.rowRefs);
    for (const p of problems) push(row.number, p.field, p);
    if (candidate !== null) {
      candidates.push(candidate);
      candidateRows.push(row.number);
    }
  }
  for (const issue of checkImportCandidates(actor, candidates, context.refs, now)) {
    const field = fieldOfIssue(issue);
    const code = codeOfIssue(field, issue);
    push(candidateRows[issue.index] ?? 0, field, {
      code,
      message: code === 'rule' ? `${issue.path.join('.')}: ${issue.message}` : t.errors[code],
    });
  }
  errors.sort((a, b) => a.row - b.row);
  return { candidates, candidateRows, errors };
}

/** What the check of a whole sheet found: the first LEDGER_ERRORS_SHOWN errors and the counts. */
export type SheetCheck = {
  errors: LedgerRowError[];
  errorCount: number;
  duplicates: number;
  valid: number;
  rowCount: number;
};

/** A 48-bit digest of a source key: a million of them in a set of numbers, not of strings (the check's repeat count). */
function keyDigest(key: string): number {
  return createHash('sha1').update(key).digest().readUIntBE(0, 6);
}

/**
 * A set of 48-bit digests in one Float64Array (open addressing, linear probing, doubled at half
 * full): 16 MiB for a million rows where a Set<number> boxes each digest (above 2^31, not a small
 * integer) and held 38 MiB of the import's heap (issue #20: RSS ≤ 400 MB at 1M rows).
 */
/** A 32-bit hash of a 48-bit digest, both halves mixed (digests equal in their low bits spread too). */
function slotOf(digest: number): number {
  const low = digest % 0x1000000;
  const high = Math.floor(digest / 0x1000000);
  return Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) >>> 0;
}

export class DigestSet {
  private slots = new Float64Array(1024);
  private count = 0;

  /** Add `digest` (0 ≤ digest < 2^48); false when it was there already. */
  add(digest: number): boolean {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    // 0 marks an empty slot: a digest is kept as digest + 1 (still exact below 2^53).
    const value = digest + 1;
    const mask = this.slots.length - 1;
    for (let i = slotOf(digest) & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i];
      if (slot === value) return false;
      if (slot === 0) {
        this.slots[i] = value;
        this.count += 1;
        return true;
      }
    }
  }

  get size(): number {
    return this.count;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    this.count = 0;
    for (const value of old) if (value !== 0) this.add(value - 1);
  }
}

/**
 * Read every row of an uploaded sheet, streamed, through `mapping` and check it with the ledger's
 * and registration's rules; count the rows imported before (source key) or repeated in the file.
 * The dry run and the import's first pass. Memory: one batch, the errors shown, a number per row.
 */
export async function checkSheet(
  deps: ImportJobDeps,
  actor: Actor,
  job: Pick<JobRow, 'id' | 'format' | 'headers_json'>,
  mapping: LedgerMapping,
  onProgress: (done: number) => Promise<void> | void = () => {},
): Promise<SheetCheck> {
  const headers = parseJson<string[]>(job.headers_json, []);
  checkMapping(mapping, headers);
  const file = await localFileOf(deps, job.id, job.format);
  const context = await rowContext(deps.db);
  const now = deps.clock.now();
  const result: SheetCheck = { errors: [], errorCount: 0, duplicates: 0, valid: 0, rowCount: 0 };
  const seen = new DigestSet();
  for await (const rows of dataRows(file, job.format)) {
    const { candidates, candidateRows, errors } = checkBatch(rows, mapping, headers, context, actor, now);
    result.rowCount += rows.length;
    result.errorCount += errors.length;
    for (const e of errors) if (result.errors.length < LEDGER_ERRORS_SHOWN) result.errors.push(e);
    const known = await existingSourceKeys(
      deps.db,
      candidates.map((c) => c.sourceKey),
    );
    const errorRows = new Set(errors.map((e) => e.row));
    candidates.forEach((c, i) => {
      const fresh = seen.add(keyDigest(c.sourceKey));
      if (known.has(c.sourceKey) || !fresh) result.duplicates += 1;
      else if (!errorRows.has(candidateRows[i] ?? 0)) result.valid += 1;
    });
    await onProgress(result.rowCount);
  }
  return result;
}

class LostLease extends Error {
  constructor() {
    super('another runner holds this import');
  }
}

export type RunOptions = {
  batchRows?: number;
  /** Called after each committed batch with the rows done (a test stops the runner here, as a crash would). */
  afterBatch?: (rowsDone: number) => Promise<void> | void;
};

/**
 * Run (or resume) the import `id` held by `owner` to its end. Never throws for the import's own
 * failures: they are written to the job's row.
 * @returns `done`, `failed`, or `lost` when the job is not (or no longer) this owner's
 */
export async function runLedgerImport(
  deps: ImportJobDeps,
  id: string,
  owner: string,
  options: RunOptions = {},
): Promise<'done' | 'failed' | 'lost'> {
  const job = await findImport(deps.db, id);
  if (job === undefined || job.status !== 'running' || job.lease_owner !== owner) return 'lost';
  if (job.actor_json === null) {
    // Started by a version that imported in one transaction in the server's own thread: that
    // process is gone, and with it the transaction — nothing of it was written.
    const at = deps.clock.now().toISOString();
    const message = 'The import was interrupted by a restart; nothing was imported — start it again';
    const failed = await updateHeldImport(deps.db, id, owner, null, {
      status: 'failed',
      progress_json: null,
      lease_owner: null,
      errors_json: JSON.stringify([{ row: 0, field: '', column: null, code: 'rule', message }]),
      result_json: JSON.stringify({ imported: 0, skipped: 0, errorCount: 1 }),
      updated_at: at,
    });
    return failed ? 'failed' : 'lost';
  }
  const actor = JSON.parse(job.actor_json) as Actor;
  const mapping = LedgerMappingSchema.parse(parseJson<unknown>(job.mapping_json, {}));
  const total = job.row_count;
  const leaseUntil = () => new Date(deps.clock.now().getTime() + IMPORT_LEASE_MS).toISOString();
  const hold = async (patch: Parameters<typeof updateHeldImport>[4], db: Kysely<DB> = deps.db) => {
    if (!(await updateHeldImport(db, id, owner, leaseUntil(), patch))) throw new LostLease();
  };
  let lastWrite = 0;
  const progress = async (view: ImportProgressView) => {
    deps.progress?.(view);
    const now = performance.now();
    if (now - lastWrite < PROGRESS_WRITE_MS) return;
    lastWrite = now;
    await hold({ progress_json: JSON.stringify(view) });
  };
  let imported = job.imported_count;
  let skipped = job.skipped_count;
  let rowsDone = job.rows_done;
  const finish = async (patch: Parameters<typeof updateHeldImport>[4], db: Kysely<DB> = deps.db) => {
    const at = deps.clock.now().toISOString();
    if (
      !(await updateHeldImport(db, id, owner, null, {
        ...patch,
        progress_json: null,
        lease_owner: null,
        updated_at: at,
      }))
    )
      throw new LostLease();
  };
  try {
    if (job.checked_at === null) {
      await progress({ phase: 'validating', done: 0, total });
      const checked = await checkSheet(deps, actor, job, mapping, (done) =>
        progress({ phase: 'validating', done, total }),
      );
      if (checked.errorCount > 0) {
        await finish({
          status: 'failed',
          errors_json: JSON.stringify(checked.errors),
          result_json: JSON.stringify({ imported: 0, skipped: 0, errorCount: checked.errorCount }),
        });
        return 'failed';
      }
      await hold({ checked_at: deps.clock.now().toISOString() });
    }
    const file = await localFileOf(deps, id, job.format);
    const calendar = await loadCalendar(deps.db);
    const policy = (await readSettings(deps.db, actor.unitPath))['petition.deadlines'];
    const headers = parseJson<string[]>(job.headers_json, []);
    const batchRows = options.batchRows ?? IMPORT_BATCH_ROWS;
    let pending: SheetRow[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const rows = pending;
      pending = [];
      // Checked in the first pass; checked again here with the units and categories as they are now
      // (an administrator may have closed a unit since): the rules at the time each batch is written.
      const context = await rowContext(deps.db);
      const { candidates, errors } = checkBatch(rows, mapping, headers, context, actor, deps.clock.now());
      if (errors.length > 0) {
        const first = errors[0];
        throw new DomainError('VALIDATION_FAILED', {
          message: `row ${first?.row ?? 0}: ${first?.message ?? ''}`,
          details: { row: first?.row ?? 0 },
        });
      }
      const prepared = await prepareImport(deps, actor, candidates, context.refs, calendar, id, policy);
      const done = rowsDone + rows.length;
      const outcome = await deps.db.transaction().execute(async (trx) => {
        const written = await writeImport(deps, actor, trx, prepared);
        await hold(
          {
            rows_done: done,
            imported_count: imported + written.imported,
            skipped_count: skipped + written.skipped,
            progress_json: JSON.stringify({ phase: 'writing', done, total }),
            updated_at: deps.clock.now().toISOString(),
          },
          trx,
        );
        return written;
      });
      rowsDone = done;
      imported += outcome.imported;
      skipped += outcome.skipped;
      deps.progress?.({ phase: 'writing', done, total });
      await options.afterBatch?.(rowsDone);
    };
    let index = 0;
    for await (const rows of dataRows(file, job.format)) {
      for (const row of rows) {
        index += 1;
        // Rows behind the last committed batch were written by an earlier run of this import.
        if (index <= rowsDone) continue;
        pending.push(row);
        if (pending.length >= batchRows) await flush();
      }
    }
    await flush();
    await deps.db.transaction().execute(async (trx) => {
      await appendAudit(trx, deps.clock, {
        actorId: actor.id,
        action: 'ledger.import',
        entityType: 'ledger_import',
        entityId: id,
        after: { fileName: job.file_name, rows: index, imported, skipped },
      });
      await finish({ status: 'done', errors_json: null, result_json: JSON.stringify({ imported, skipped }) }, trx);
    });
    await removeUpload(deps, id, job.format);
    return 'done';
  } catch (error) {
    if (error instanceof LostLease) return 'lost';
    deps.log.error({ category: 'ledger', importId: id, err: error }, 'ledger import failed');
    const reason = error instanceof DomainError ? error.message : 'The import failed';
    const message =
      imported + skipped === 0
        ? `${reason}; nothing was imported`
        : `${reason}; the ${rowsDone} rows before it were imported (${imported} new), the rest not — run the import again to add the rest (rows already imported are skipped)`;
    try {
      await finish({
        status: 'failed',
        errors_json: JSON.stringify([{ row: 0, field: '', column: null, code: 'rule', message }]),
        result_json: JSON.stringify({ imported, skipped, errorCount: 1 }),
      });
    } catch (lost) {
      if (!(lost instanceof LostLease)) throw lost;
      return 'lost';
    }
    return 'failed';
  }
}

/** The in-thread runner: the import in this thread, its progress in `onProgress`. */
export const inThreadRunner: ImportRunner = async (deps, importId, owner) => {
  await runLedgerImport(deps, importId, owner);
};

/**
 * Take over running imports whose runner died (lease expired) and run each to its end with `run`
 * — after the last committed batch. A periodic job on every instance and at start-up; at most one
 * instance wins each claim. Returns the ids claimed (their runs continue in the background).
 */
export async function resumeLedgerImports(
  deps: ImportJobDeps,
  run: ImportRunner = inThreadRunner,
  onStarted: (id: string, done: Promise<void>) => void = () => {},
): Promise<string[]> {
  const now = deps.clock.now();
  const claimed: string[] = [];
  for (const { id } of await abandonedImports(deps.db, now.toISOString())) {
    const owner = deps.ids.next();
    const until = new Date(now.getTime() + IMPORT_LEASE_MS).toISOString();
    if (!(await claimImport(deps.db, id, owner, now.toISOString(), until))) continue;
    deps.log.info({ category: 'ledger', importId: id }, 'resuming an interrupted ledger import');
    claimed.push(id);
    onStarted(
      id,
      run(deps, id, owner).catch((error: unknown) => {
        deps.log.error({ category: 'ledger', importId: id, err: error }, 'resumed ledger import failed');
      }),
    );
  }
  return claimed;
}
