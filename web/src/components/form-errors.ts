/** Show a VALIDATION_FAILED answer on the form fields it names. */
import type { FormInstance } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { ApiError } from '../api/client.ts';

/**
 * Put each server issue on the Form.Item whose name is the issue's `path[0]`.
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
    const field = issue.path[0];
    const name = fieldNames.find((candidate) => candidate === field);
    if (name === undefined) unmatched += 1;
    else form.setFields([{ name, errors: [issue.message] }]);
  }
  return unmatched === 0;
}
