/** The ledger API: export URLs (plain downloads) and the import steps. */
import {
  LedgerDryRunViewSchema,
  LedgerImportViewSchema,
  type LedgerDryRunView,
  type LedgerImportView,
  type LedgerMapping,
} from '../../../common/schemas/ledger.ts';
import type { PetitionFilter } from './petition.ts';
import { api } from './client.ts';

/**
 * The download URL of the ledger of the list's current filters (paging and order dropped). A GET
 * with the session cookie: the browser saves the streamed file.
 */
export function ledgerExportUrl(
  filter: PetitionFilter,
  format: 'xlsx' | 'csv',
  statistics?: 'month' | 'quarter' | 'year',
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (key !== 'page' && key !== 'pageSize' && key !== 'sort' && typeof value === 'string' && value !== '')
      params.set(key, value);
  }
  params.set('format', format);
  if (statistics !== undefined) params.set('statistics', statistics);
  return `/api/ledger/export?${params.toString()}`;
}

export function uploadLedger(file: Blob, fileName: string): Promise<LedgerImportView> {
  return api.upload('/api/ledger/imports', LedgerImportViewSchema, file, fileName);
}

export function getLedgerImport(id: string): Promise<LedgerImportView> {
  return api.get(`/api/ledger/imports/${encodeURIComponent(id)}`, LedgerImportViewSchema);
}

export function dryRunLedgerImport(id: string, mapping: LedgerMapping): Promise<LedgerDryRunView> {
  return api.post(`/api/ledger/imports/${encodeURIComponent(id)}/dry-run`, LedgerDryRunViewSchema, { mapping });
}

export function runLedgerImport(id: string, mapping: LedgerMapping): Promise<LedgerImportView> {
  return api.post(`/api/ledger/imports/${encodeURIComponent(id)}/run`, LedgerImportViewSchema, { mapping });
}
