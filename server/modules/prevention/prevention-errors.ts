/** The refusals the prevention services share: a field named, nothing written. */
import { DomainError } from '../../../common/errors.ts';

/** VALIDATION_FAILED naming one body field, as a zod refusal would. */
export function fieldError(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', {
    message: `${field}: ${message}`,
    details: {
      in: 'body',
      issues: [{ path: field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message }],
    },
  });
}

export function notFound(what: string, id: string): DomainError {
  return new DomainError('NOT_FOUND', { message: `${what} not found`, details: { id } });
}
