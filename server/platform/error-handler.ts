/**
 * One place that turns any thrown error into the wire shape `{ error: { code, message, details? } }`.
 * Services throw `DomainError`; request validation failures become VALIDATION_FAILED with the
 * fields named; anything unexpected becomes INTERNAL with the request id, logged with its stack.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  assertUnreachable,
  DomainError,
  type ErrorBody,
  type ErrorCode,
  type FieldIssue,
} from '../../common/errors.ts';

/** The exhaustive code → HTTP status table. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'PASSWORD_TOO_WEAK':
    case 'PASSWORD_INCORRECT':
    case 'CHALLENGE_FAILED':
      return 400;
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
      return 401;
    case 'ACCOUNT_DISABLED':
    case 'CSRF_TOKEN_INVALID':
    case 'FORBIDDEN':
    case 'SELF_DISABLE_FORBIDDEN':
    case 'HAZARD_CLEARING_OWN_LEVEL':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'USERNAME_TAKEN':
    case 'UNIT_PARENT_INVALID':
    case 'UNIT_MOVE_CYCLE':
    case 'UNIT_HAS_ACTIVE_CHILDREN':
    case 'UNIT_HAS_ACTIVE_USERS':
    case 'UNIT_INACTIVE':
    case 'UNIT_ROOT_IMMUTABLE':
    case 'PETITION_TRANSITION_ILLEGAL':
    case 'PETITION_VERSION_CONFLICT':
    case 'EXTENSION_LIMIT_EXCEEDED':
    case 'OBJECTION_WINDOW_CLOSED':
    case 'PETITION_STEP_DONE':
    case 'OWNERSHIP_NOT_CONFIRMED':
    case 'ASSIGNEE_RECUSED':
    case 'ASSIGNEE_INVALID':
    case 'DOCUMENT_SOURCE_MISSING':
    case 'DOCUMENT_ALREADY_DELIVERED':
    case 'EVALUATION_ALREADY_RECORDED':
    case 'WARNING_STATE_ILLEGAL':
    case 'TRANSCRIPT_ALREADY_CONFIRMED':
    case 'CALLBACK_ALREADY_RECORDED':
    case 'CALL_RECORD_ALREADY_LINKED':
    case 'DAILY_REPORT_DAY_CLOSED':
    case 'DAILY_REPORT_ALREADY_SUBMITTED':
    case 'DAILY_REPORT_KEY_REUSED':
    case 'DAILY_REPORT_ITEM_ALREADY_LINKED':
    case 'APPRAISAL_STATE_ILLEGAL':
    case 'ACCOUNTABILITY_STATE_ILLEGAL':
    case 'SCREENING_RETURN_ANSWERED':
    case 'HAZARD_STATE_ILLEGAL':
    case 'DUTY_SHIFT_OVERLAP':
    case 'DUTY_COVERAGE_GAP':
    case 'DUTY_SHIFT_CLOSED':
    case 'DUTY_SWAP_DECIDED':
    case 'DUTY_ENTRY_ALREADY_LINKED':
    case 'INCIDENT_STATE_ILLEGAL':
    case 'MEDIATION_CLOSED':
    case 'CONSULTATION_CLOSED':
    case 'CONSULTATION_ALREADY_COMMENTED':
    case 'CONSULTATION_STAGE_ILLEGAL':
    case 'MEDIATION_OBLIGATIONS_OPEN':
    case 'OBLIGATION_ALREADY_FULFILLED':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'ATTACHMENT_TYPE_NOT_ALLOWED':
      return 415;
    case 'ACCOUNT_LOCKED':
      return 423;
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL':
      return 500;
    default:
      return assertUnreachable(code);
  }
}

export function errorBody(code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Translate a thrown value into a DomainError; unknown errors return null. */
export function toDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  const fastifyError = error as Partial<FastifyError> & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues: FieldIssue[] = error.validation.map((v) => ({
      path: v.instancePath.split('/').filter((part) => part.length > 0),
      message: v.message ?? 'invalid',
    }));
    const where = fastifyError.validationContext ?? 'request';
    const fields = issues.map((i) => i.path.join('.') || where).join(', ');
    return new DomainError('VALIDATION_FAILED', {
      message: `Invalid ${where}: ${fields}`,
      details: { in: where, issues },
    });
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new DomainError('PAYLOAD_TOO_LARGE', { message: 'The request body is too large' });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new DomainError('VALIDATION_FAILED', {
        message: fastifyError.message ?? 'Malformed request body',
        details: { in: 'body', issues: [{ path: [], message: fastifyError.message ?? 'malformed body' }] },
      });
    default:
      break;
  }
  // Fastify's own 4xx errors we did not anticipate (e.g. a malformed URL) stay client errors.
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    if (fastifyError.statusCode === 429) return new DomainError('RATE_LIMITED');
    if (fastifyError.statusCode === 404) return new DomainError('NOT_FOUND');
    if (fastifyError.statusCode === 403) return new DomainError('FORBIDDEN');
    return new DomainError('VALIDATION_FAILED', { message: fastifyError.message ?? 'Bad request' });
  }
  return null;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const domainError = toDomainError(error);
    if (domainError === null) {
      request.log.error({ err: error, category: 'http' }, 'unhandled error');
      return reply.code(500).send(errorBody('INTERNAL', 'Internal error', { requestId: request.id }));
    }
    const status = statusOf(domainError.code);
    if (status >= 500) request.log.error({ err: error, category: 'http' }, 'server error');
    return reply.code(status).send(errorBody(domainError.code, domainError.message, domainError.details));
  });
}
