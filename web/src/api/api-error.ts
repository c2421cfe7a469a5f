/**
 * A refused or failed call to our API, shared by the workbench's client and the portal's (which must
 * not load the workbench client): the HTTP status, the stable `code` of common/errors.ts, the details,
 * and `network` when the server could not be reached at all.
 */
import { FieldIssueSchema, type ErrorCode, type FieldIssue } from '../../../common/errors.ts';

/** Status used when the server could not be reached at all. */
export const NETWORK_ERROR_STATUS = 0;

/** An answer that was not 2xx, or no answer at all (`status` 0, `network` true). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly network: boolean;

  constructor(status: number, code: ErrorCode, message: string, details?: Record<string, unknown>, network = false) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.network = network;
  }

  /** The per-field problems of a VALIDATION_FAILED answer (empty for any other error). */
  get issues(): FieldIssue[] {
    if (this.code !== 'VALIDATION_FAILED') return [];
    const parsed = FieldIssueSchema.array().safeParse(this.details?.['issues']);
    return parsed.success ? parsed.data : [];
  }
}
