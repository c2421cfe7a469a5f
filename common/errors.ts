/**
 * The closed list of error codes the API can answer with, and the wire shape of every error.
 *
 * Services throw `DomainError` with one of these codes; `server/platform/error-handler.ts` maps each
 * code to an HTTP status in one exhaustive table; the browser picks its text from the code through
 * the i18n catalog (`errors.<CODE>`). `docs/errors.md` documents every code and a test fails when
 * one is missing there.
 */
import { z } from 'zod';

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'CSRF_TOKEN_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'USERNAME_TAKEN',
  'PASSWORD_TOO_WEAK',
  'PASSWORD_INCORRECT',
  'UNIT_PARENT_INVALID',
  'UNIT_MOVE_CYCLE',
  'UNIT_HAS_ACTIVE_CHILDREN',
  'UNIT_HAS_ACTIVE_USERS',
  'UNIT_INACTIVE',
  'UNIT_ROOT_IMMUTABLE',
  'SELF_DISABLE_FORBIDDEN',
  'PETITION_TRANSITION_ILLEGAL',
  'PETITION_VERSION_CONFLICT',
  'EXTENSION_LIMIT_EXCEEDED',
  'OBJECTION_WINDOW_CLOSED',
  'PETITION_STEP_DONE',
  'OWNERSHIP_NOT_CONFIRMED',
  'ASSIGNEE_RECUSED',
  'ASSIGNEE_INVALID',
  'DOCUMENT_SOURCE_MISSING',
  'DOCUMENT_ALREADY_DELIVERED',
  'EVALUATION_ALREADY_RECORDED',
  'CHALLENGE_FAILED',
  'WARNING_STATE_ILLEGAL',
  'TRANSCRIPT_ALREADY_CONFIRMED',
  'CALLBACK_ALREADY_RECORDED',
  'CALL_RECORD_ALREADY_LINKED',
  'DAILY_REPORT_DAY_CLOSED',
  'DAILY_REPORT_ALREADY_SUBMITTED',
  'DAILY_REPORT_KEY_REUSED',
  'DAILY_REPORT_ITEM_ALREADY_LINKED',
  /** A frozen scheme edited, a round already open for the period, a result changed after review or publication. */
  'APPRAISAL_STATE_ILLEGAL',
  /** A 整改 reported done twice, or on a measure without a deadline. */
  'ACCOUNTABILITY_STATE_ILLEGAL',
  'SCREENING_RETURN_ANSWERED',
  'HAZARD_STATE_ILLEGAL',
  'HAZARD_CLEARING_OWN_LEVEL',
  'DUTY_SHIFT_OVERLAP',
  'DUTY_COVERAGE_GAP',
  'DUTY_SHIFT_CLOSED',
  'DUTY_SWAP_DECIDED',
  'DUTY_ENTRY_ALREADY_LINKED',
  'INCIDENT_STATE_ILLEGAL',
  'MEDIATION_CLOSED',
  'CONSULTATION_CLOSED',
  'CONSULTATION_ALREADY_COMMENTED',
  'CONSULTATION_STAGE_ILLEGAL',
  'MEDIATION_OBLIGATIONS_OPEN',
  'OBLIGATION_ALREADY_FULFILLED',
  'PAYLOAD_TOO_LARGE',
  'ATTACHMENT_TYPE_NOT_ALLOWED',
  'RATE_LIMITED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export const ErrorCodeSchema = z.enum(ERROR_CODES);

/** One problem with one input field; `path` names the field, e.g. `["parentId"]`. */
export const FieldIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export type DomainErrorOptions = {
  message?: string;
  details?: Record<string, unknown>;
};

/** The one error type services throw. Never carries petitioner identity in `message` or `details`. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, options: DomainErrorOptions = {}) {
    super(options.message ?? code);
    this.name = 'DomainError';
    this.code = code;
    this.details = options.details;
  }
}

/**
 * A refusal naming the field of the body it is about, shaped as a route's own zod refusal is
 * (`details.issues[0].path`), so the form marks that field. `field` is a path (`measures.0.dueDate`
 * or its parts); `details` adds facts the screen may show (never identity).
 */
export function fieldError(
  field: string | readonly (string | number)[],
  message: string,
  code: ErrorCode = 'VALIDATION_FAILED',
  details: Record<string, unknown> = {},
): DomainError {
  const path = typeof field === 'string' ? field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [...field];
  return new DomainError(code, {
    message: `${path.join('.')}: ${message}`,
    details: { in: 'body', ...details, issues: [{ path, message }] },
  });
}

/** Compile-time exhaustiveness guard for switches over closed unions. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unreachable value: ${String(value)}`);
}
