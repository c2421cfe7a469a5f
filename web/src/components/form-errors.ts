/** Show a VALIDATION_FAILED answer on the form fields it names. */
import type { FormInstance } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { ApiError } from '../api/client.ts';

type PathPart = string | number;

/** A Form.Item name as a path: `'email'` → `['email']`, `['value', 'sms']` as is. */
function partsOf(name: unknown): readonly PathPart[] {
  if (typeof name === 'string' || typeof name === 'number') return [name];
  if (Array.isArray(name)) return name.filter((p): p is PathPart => typeof p === 'string' || typeof p === 'number');
  return [];
}

/**
 * The field an issue belongs to: the longest name that is a prefix of its path, so a nested issue
 * (`value.sms.3`, one kind in a list) lands on the list's field (`['value', 'sms']`).
 */
export function fieldOfIssue<N>(path: readonly PathPart[], fieldNames: readonly N[]): N | undefined {
  let best: { name: N; length: number } | undefined;
  for (const name of fieldNames) {
    const parts = partsOf(name);
    if (parts.length === 0 || parts.length > path.length) continue;
    if (!parts.every((part, i) => String(part) === String(path[i]))) continue;
    if (best === undefined || parts.length > best.length) best = { name, length: parts.length };
  }
  return best?.name;
}

/**
 * Put each server issue on the Form.Item it names (see `fieldOfIssue`).
 * Returns true when every issue found a field, so the caller need not show a general message.
 */
export function applyFieldIssues<Values>(
  form: FormInstance<Values>,
  error: unknown,
  fieldNames: readonly NamePath<Values>[],
): boolean {
  if (!(error instanceof ApiError)) return false;
  const issues = error.issues;
  if (issues.length === 0) return false;
  let unmatched = 0;
  for (const issue of issues) {
    const name = fieldOfIssue(issue.path, fieldNames);
    if (name === undefined) unmatched += 1;
    else form.setFields([{ name, errors: [issue.message] }]);
  }
  return unmatched === 0;
}
