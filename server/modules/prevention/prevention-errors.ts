/** The refusals the prevention services share: a field named, nothing written. */
import { DomainError } from '../../../common/errors.ts';

export function notFound(what: string, id: string): DomainError {
  return new DomainError('NOT_FOUND', { message: `${what} not found`, details: { id } });
}
