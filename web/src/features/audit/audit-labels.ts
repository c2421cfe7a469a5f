/** Readable labels for audit entries; codes the catalog does not know yet are shown as they are. */
import type { AuditEntryView } from '../../../../common/schemas/audit.ts';

/** The catalog label for `key`, or the key itself. */
export function labelOr(labels: Readonly<Record<string, string>>, key: string): string {
  return Object.hasOwn(labels, key) ? (labels[key] ?? key) : key;
}

const NAME_FIELDS = ['name', 'displayName', 'username'] as const;

function nameIn(state: unknown): string | null {
  if (typeof state !== 'object' || state === null) return null;
  for (const field of NAME_FIELDS) {
    if (field in state) {
      const value: unknown = Reflect.get(state, field);
      if (typeof value === 'string' && value.length > 0) return value;
    }
  }
  return null;
}

/** The name of the changed thing as recorded in the entry (after the change, else before). */
export function entityNameOf(entry: AuditEntryView): string | null {
  return nameIn(entry.after) ?? nameIn(entry.before);
}
