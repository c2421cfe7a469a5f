/**
 * The one migration history for both dialects, in order. Names carry a date prefix; a migration is
 * never edited after it has shipped — add a new one.
 */
import type { Migration } from 'kysely';
import * as organisation from './2026-11-28-001-organisation.ts';
import * as petition from './2026-11-28-002-petition.ts';
import * as petitionDueOrder from './2026-11-28-003-petition-due-order.ts';
import * as document from './2026-11-28-004-document.ts';
import * as ledger from './2026-11-28-005-ledger.ts';
import * as portal from './2026-11-28-008-portal.ts';
import * as warning from './2026-11-28-009-warning.ts';
import * as dashboard from './2026-11-28-010-dashboard.ts';
import * as search from './2026-11-28-011-search.ts';
import * as text from './2026-11-28-012-text.ts';
import * as oneWritePath from './2026-12-07-001-one-write-path.ts';
import * as deadlineDue from './2026-12-07-002-deadline-due.ts';
import * as auditFilters from './2026-12-07-003-audit-filters.ts';
import * as fieldKeyCheck from './2026-12-07-004-field-key-check.ts';
import * as loginGuard from './2026-12-07-005-login-guard.ts';
import * as namedPersons from './2026-12-07-010-named-persons.ts';
import * as intake from './2026-12-07-050-intake.ts';
import * as escalate from './2026-12-07-060-escalate.ts';
import * as replyOutcomes from './2026-12-07-070-reply-outcomes.ts';
import * as auditHead from './2026-12-07-075-audit-head.ts';
import * as prevention from './2026-12-07-080-prevention.ts';
import * as duty from './2026-12-07-090-duty.ts';
import * as dailyReport from './2026-12-07-100-daily-report.ts';
import * as repeatSamples from './2026-12-07-110-repeat-samples.ts';
import * as partner from './2026-12-07-120-partner.ts';
import * as emergency from './2026-12-07-130-emergency.ts';
import * as appraisal from './2026-12-07-140-appraisal.ts';
import * as knowledge from './2026-12-07-150-knowledge.ts';
import * as training from './2026-12-07-160-training.ts';
import * as consultation from './2026-12-07-170-consultation.ts';
import * as publicity from './2026-12-07-175-publicity.ts';
import * as accountability from './2026-12-07-180-accountability.ts';
import * as indicatorColumns from './2026-12-07-180-indicator-columns.ts';
import * as reportUnitFigures from './2026-12-07-220-report-unit-figures.ts';
import * as cluster from './2026-12-07-230-cluster.ts';
import * as petitionRollup from './2026-12-07-240-petition-rollup.ts';
import * as ledgerImportBatches from './2026-12-07-250-ledger-import-batches.ts';
import * as appraisalLeaders from './2026-12-07-260-appraisal-leaders.ts';
import * as figureIndexes from './2026-12-07-265-figure-indexes.ts';
import * as listIndexes from './2026-12-07-280-list-indexes.ts';
import * as listOrderIndexes from './2026-12-07-290-list-order-indexes.ts';
import * as searchNewest from './2026-12-08-330-search-newest.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-28-001-organisation': organisation,
  '2026-11-28-002-petition': petition,
  '2026-11-28-003-petition-due-order': petitionDueOrder,
  '2026-11-28-004-document': document,
  '2026-11-28-005-ledger': ledger,
  '2026-11-28-008-portal': portal,
  '2026-11-28-009-warning': warning,
  '2026-11-28-010-dashboard': dashboard,
  '2026-11-28-011-search': search,
  '2026-11-28-012-text': text,
  '2026-12-07-001-one-write-path': oneWritePath,
  '2026-12-07-002-deadline-due': deadlineDue,
  '2026-12-07-003-audit-filters': auditFilters,
  '2026-12-07-004-field-key-check': fieldKeyCheck,
  '2026-12-07-005-login-guard': loginGuard,
  '2026-12-07-010-named-persons': namedPersons,
  '2026-12-07-050-intake': intake,
  '2026-12-07-060-escalate': escalate,
  '2026-12-07-070-reply-outcomes': replyOutcomes,
  '2026-12-07-075-audit-head': auditHead,
  '2026-12-07-080-prevention': prevention,
  '2026-12-07-090-duty': duty,
  '2026-12-07-100-daily-report': dailyReport,
  '2026-12-07-110-repeat-samples': repeatSamples,
  '2026-12-07-120-partner': partner,
  '2026-12-07-130-emergency': emergency,
  '2026-12-07-140-appraisal': appraisal,
  '2026-12-07-150-knowledge': knowledge,
  '2026-12-07-160-training': training,
  '2026-12-07-170-consultation': consultation,
  '2026-12-07-175-publicity': publicity,
  '2026-12-07-180-accountability': accountability,
  '2026-12-07-180-indicator-columns': indicatorColumns,
  '2026-12-07-220-report-unit-figures': reportUnitFigures,
  '2026-12-07-230-cluster': cluster,
  '2026-12-07-240-petition-rollup': petitionRollup,
  '2026-12-07-250-ledger-import-batches': ledgerImportBatches,
  '2026-12-07-260-appraisal-leaders': appraisalLeaders,
  '2026-12-07-265-figure-indexes': figureIndexes,
  '2026-12-07-280-list-indexes': listIndexes,
  '2026-12-07-290-list-order-indexes': listOrderIndexes,
  '2026-12-08-330-search-newest': searchNewest,
};
