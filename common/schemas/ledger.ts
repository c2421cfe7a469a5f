/**
 * Contracts of the ledger (台账): the export query (the petition list's filters), the statistics
 * view, the enterprise's statistics month, and the import steps (upload → mapping → dry run →
 * import with progress). Column and field keys have one source here; their Chinese headers are in
 * the i18n catalog (`ledger.columns`).
 */
import { z } from 'zod';
import { MAX_START_DAY, MIN_START_DAY, PERIOD_KINDS } from '../domain/statistics-period.ts';
import { PetitionListQuerySchema } from './petition.ts';
import { IdSchema } from './unit.ts';

/**
 * The columns of an exported ledger, in order. 被反映人 (`namedPersons`) is written only for those who
 * may see whom a petition names (the office, `canSeeNamedPersons`); for anyone else the column is not there.
 */
export const LEDGER_COLUMNS = [
  'caseNumber',
  'receivedAt',
  'channel',
  'petitioners',
  'headcount',
  'unit',
  'namedPersons',
  'category',
  'type',
  'summary',
  'owner',
  'handlingUnit',
  'acceptanceDue',
  'conclusionDue',
  'state',
  'outcome',
  'satisfaction',
  'flags',
] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

/**
 * What a column of an imported sheet can be mapped to. The exported columns that are derived
 * (包案领导, the due dates) are not imported: deadlines are recomputed, the owner is named in the
 * system (docs/domain.md, "Ledger import").
 */
export const LEDGER_FIELDS = [
  'caseNumber',
  'receivedAt',
  'channel',
  'type',
  'petitioners',
  'idNumbers',
  'phones',
  'headcount',
  'unit',
  'namedPersons',
  'category',
  'summary',
  'handlingUnit',
  'state',
  'outcome',
  'satisfaction',
  'flags',
  'acceptedAt',
  'concludedAt',
] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];
export const LedgerFieldSchema = z.enum(LEDGER_FIELDS);

/** Fields a mapping must name. */
export const REQUIRED_LEDGER_FIELDS: readonly LedgerField[] = ['receivedAt', 'channel', 'petitioners', 'summary'];

export const LedgerFilterSchema = PetitionListQuerySchema.omit({ page: true, pageSize: true, sort: true });

export const LedgerExportQuerySchema = LedgerFilterSchema.extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  /** Add a statistics sheet by this period (xlsx only). */
  statistics: z.enum(PERIOD_KINDS).optional(),
});
export type LedgerExportQuery = z.input<typeof LedgerExportQuerySchema>;

export const LedgerStatisticsQuerySchema = LedgerFilterSchema.extend({ period: z.enum(PERIOD_KINDS).default('month') });
export type LedgerStatisticsQuery = z.input<typeof LedgerStatisticsQuerySchema>;

const Counts = z.record(z.string(), z.number().int());
const Rate = z.object({ due: z.number().int(), onTime: z.number().int(), rate: z.number().nullable() });

/** One period's figures: counts by dimension; 批次/人次 of visits; on-time acceptance and conclusion. */
export const LedgerPeriodStatsSchema = z.object({
  key: z.string(),
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  persons: z.number().int(),
  visitBatches: z.number().int(),
  visitPersons: z.number().int(),
  acceptance: Rate,
  conclusion: Rate,
  byUnit: Counts,
  byCategory: Counts,
  byChannel: Counts,
  byType: Counts,
});
export type LedgerPeriodStats = z.infer<typeof LedgerPeriodStatsSchema>;

export const LedgerStatisticsViewSchema = z.object({
  period: z.enum(PERIOD_KINDS),
  startDay: z.number().int(),
  periods: z.array(LedgerPeriodStatsSchema),
});
export type LedgerStatisticsView = z.infer<typeof LedgerStatisticsViewSchema>;

export const LedgerSettingsSchema = z
  .object({
    /** 统计月起始日: 1 = the calendar month; 21 = the 21st of last month to the 20th. */
    statisticsMonthStartDay: z.number().int().min(MIN_START_DAY).max(MAX_START_DAY),
  })
  .strict();
export type LedgerSettings = z.infer<typeof LedgerSettingsSchema>;

/** A mapping: ledger field → index of the sheet column (0-based); a field left out is not imported. */
export const LedgerMappingSchema = z.partialRecord(LedgerFieldSchema, z.number().int().min(0).max(200));
export type LedgerMapping = z.infer<typeof LedgerMappingSchema>;

export const LedgerMappingInputSchema = z.object({ mapping: LedgerMappingSchema }).strict();

/** One problem of one row: the sheet's row number (header = row 1), the field and its column header. */
export const LedgerRowErrorSchema = z.object({
  row: z.number().int(),
  field: z.string(),
  column: z.string().nullable(),
  /** A key of the catalog's `ledger.errors` for the browser's text, or `rule` (then `message` says it). */
  code: z.string(),
  message: z.string(),
});
export type LedgerRowError = z.infer<typeof LedgerRowErrorSchema>;

export const LEDGER_IMPORT_STATUSES = ['uploaded', 'validated', 'invalid', 'running', 'done', 'failed'] as const;

export const LedgerImportViewSchema = z.object({
  id: IdSchema,
  fileName: z.string(),
  status: z.enum(LEDGER_IMPORT_STATUSES),
  rowCount: z.number().int(),
  headers: z.array(z.string()),
  mapping: LedgerMappingSchema,
  /** The mapping came from an earlier import of a sheet with the same header row. */
  mappingSaved: z.boolean(),
  sample: z.array(z.array(z.string())),
  progress: z
    .object({ phase: z.enum(['validating', 'preparing', 'writing']), done: z.number().int(), total: z.number().int() })
    .nullable(),
  result: z.object({ imported: z.number().int(), skipped: z.number().int() }).nullable(),
  errors: z.array(LedgerRowErrorSchema),
  errorCount: z.number().int(),
});
export type LedgerImportView = z.infer<typeof LedgerImportViewSchema>;

/** The dry run: every row checked, nothing written. */
export const LedgerDryRunViewSchema = z.object({
  rowCount: z.number().int(),
  valid: z.number().int(),
  /** Rows already imported before (same source key) or repeated in the file: skipped, not errors. */
  duplicates: z.number().int(),
  errors: z.array(LedgerRowErrorSchema),
  errorCount: z.number().int(),
});
export type LedgerDryRunView = z.infer<typeof LedgerDryRunViewSchema>;

/** Largest ledger file accepted for import (50 MiB: about 100 000 rows of xlsx). */
// A sheet of Excel's 1,048,576 rows fits (about 80 MB written with inline strings); read streamed (issue #20).
export const LEDGER_IMPORT_MAX_BYTES = 160 * 1024 * 1024;
/** Errors listed in a report; the count says how many there were in all. */
export const LEDGER_ERRORS_SHOWN = 500;
