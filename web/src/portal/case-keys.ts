/**
 * The case keys (case number + tracking code) this tab holds, in sessionStorage and never in a URL:
 * the case being tracked, and the cases filed from this tab. The filing page offers those of them
 * still open before a repeat is filed — a key is the proof the offer asks for (an ID number and a
 * phone are no proof: issue #11 finding 6).
 */
import { CaseNumberSchema, TrackingCodeSchema, type PortalCaseKey } from '../../../common/schemas/portal.ts';

const TRACKED = 'xf-portal-case';
const FILED = 'xf-portal-filed';
/** The filing page asks about at most this many cases. */
const FILED_KEPT = 5;

function keyOf(value: unknown): PortalCaseKey | null {
  if (typeof value !== 'object' || value === null) return null;
  const caseNumber = CaseNumberSchema.safeParse((value as Record<string, unknown>)['caseNumber']);
  const code = TrackingCodeSchema.safeParse((value as Record<string, unknown>)['code']);
  return caseNumber.success && code.success ? { caseNumber: caseNumber.data, code: code.data } : null;
}

function read(name: string): unknown {
  try {
    const raw = sessionStorage.getItem(name);
    return raw === null ? null : (JSON.parse(raw) as unknown);
  } catch {
    return null;
  }
}

/** The case this tab tracks. */
export function trackedKey(): PortalCaseKey | null {
  return keyOf(read(TRACKED));
}

export function rememberTracked(key: PortalCaseKey): void {
  sessionStorage.setItem(TRACKED, JSON.stringify(key));
}

export function forgetTracked(): void {
  sessionStorage.removeItem(TRACKED);
}

/** The cases filed from this tab, newest first. */
export function filedKeys(): PortalCaseKey[] {
  const value = read(FILED);
  return Array.isArray(value) ? value.map(keyOf).filter((k): k is PortalCaseKey => k !== null) : [];
}

export function rememberFiled(key: PortalCaseKey): void {
  const rest = filedKeys().filter((k) => k.caseNumber !== key.caseNumber);
  sessionStorage.setItem(FILED, JSON.stringify([key, ...rest].slice(0, FILED_KEPT)));
}

/** Every key this tab holds, each case once: filed here, then the one tracked. */
export function knownKeys(): PortalCaseKey[] {
  const tracked = trackedKey();
  const filed = filedKeys();
  return tracked === null || filed.some((k) => k.caseNumber === tracked.caseNumber) ? filed : [...filed, tracked];
}
