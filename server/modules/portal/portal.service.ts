/**
 * The public portal's rules around the petition: the proof-of-work challenge that stands in for a
 * captcha (signed with the enterprise key, single use, expiring), the failure guard per tracked case
 * and client address, the guidance text, and the look-up of a unit from its QR code. The petition
 * itself is filed and read through the petition module's petitioner use cases.
 */
import type { PortalDutyView } from '../../../common/schemas/duty.ts';
import { portalDuty } from '../duty/index.ts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { can, enterpriseOf, type Actor } from '../../../common/domain/access.ts';
import { leadingZeroBits, POW_BITS, POW_TTL_MINUTES } from '../../../common/domain/pow.ts';
import { DomainError } from '../../../common/errors.ts';
import {
  PORTAL_FILE_MAX_BYTES,
  PORTAL_MAX_FILES,
  type PortalCaseKey,
  type PortalChallengeView,
  type PortalConfigView,
  type PortalGuidance,
  type PortalUnitListView,
  type PortalUnitView,
} from '../../../common/schemas/portal.ts';
import type { DB } from '../../db/schema.ts';
import type { PetitionDeps } from '../petition/index.ts';
import { openByCode } from './portal-case.service.ts';
import { categoryRows } from '../category/index.ts';
import {
  activeUnitCodes,
  ancestorIds,
  findActiveUnitByCode,
  findRootUnit,
  findUnitById,
  portalUnits,
  unitsByIds,
} from '../unit/index.ts';
import { spendChallengeOnce } from './portal.repository.ts';
import { readSetting, updateSetting } from '../setting/index.ts';
import { DEFAULT_GUIDANCE } from '../../../common/domain/default-guidance.ts';
import { countPortalGuardFailure, deletePassedPortalGuards, findPortalGuard } from './portal-guard.repository.ts';

export type PortalDeps = PetitionDeps & {
  /** Zero bits the proof of work needs (POW_BITS; tests use fewer). */
  powBits: number;
};

export const DEFAULT_POW_BITS = POW_BITS;
/**
 * Wrong codes tolerated per case number and client address in a window, before that address gets
 * no answer for the case for the rest of the window. Per address, not per case: case numbers are
 * sequential, and a count shared by everyone let a stranger lock a petitioner out of their own
 * case — for as long as the stranger kept guessing, into the 30-day 复查 window (issue #11).
 * Guessing across addresses gains nothing: a tracking code carries 80 random bits.
 */
export const TRACK_FAILURES_ALLOWED = 10;
export const TRACK_WINDOW_MINUTES = 15;

function mac(deps: PortalDeps, payload: string): string {
  // The HMAC of the blind index (keyed by the enterprise secret) signs challenges: no new key to keep.
  return deps.cipher.blindIndex(`pow:${payload}`).slice(0, 32);
}

export function issueChallenge(deps: PortalDeps): PortalChallengeView {
  const expires = deps.clock.now().getTime() + POW_TTL_MINUTES * 60_000;
  const payload = `${expires}.${randomBytes(12).toString('hex')}`;
  return {
    challenge: `${payload}.${mac(deps, payload)}`,
    bits: deps.powBits,
    expiresAt: new Date(expires).toISOString(),
  };
}

function challengeFailed(message: string): DomainError {
  return new DomainError('CHALLENGE_FAILED', {
    message,
    details: { in: 'body', issues: [{ path: ['nonce'], message }] },
  });
}

/**
 * Check a solved challenge and spend it in `trx` (the filing's transaction), so a failed filing
 * leaves it unspent and a challenge never serves twice.
 * @throws CHALLENGE_FAILED (forged, expired, unsolved or spent)
 */
export async function spendChallenge(
  deps: PortalDeps,
  trx: Kysely<DB>,
  challenge: string,
  nonce: string,
): Promise<void> {
  const parts = challenge.split('.');
  const [expires, random, signature] = parts;
  if (parts.length !== 3 || expires === undefined || random === undefined || signature === undefined)
    throw challengeFailed('malformed challenge');
  const expected = Buffer.from(mac(deps, `${expires}.${random}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw challengeFailed('challenge not issued here');
  const now = deps.clock.now();
  if (!(Number(expires) > now.getTime())) throw challengeFailed('challenge expired; please try again');
  const digest = createHash('sha256').update(`${challenge}:${nonce}`).digest();
  if (leadingZeroBits(digest) < deps.powBits) throw challengeFailed('challenge not solved');
  const fresh = await spendChallengeOnce(
    trx,
    createHash('sha256').update(challenge).digest('hex'),
    new Date(Number(expires)).toISOString(),
    now.toISOString(),
  );
  if (!fresh) throw challengeFailed('challenge already used');
}

const notFound = () => new DomainError('NOT_FOUND', { message: 'No case with this number and code' });

/**
 * The guard row of one case number as tried from one client address. The address is kept only as
 * a keyed hash (the enterprise HMAC key, as for identity look-ups): the table holds no addresses.
 */
function trackGuardKey(deps: PortalDeps, caseNumber: string, address: string): string {
  return `track:${caseNumber.toUpperCase()}:${deps.cipher.blindIndex(`portal-address:${address}`).slice(0, 32)}`;
}

/**
 * The case behind a number and code, asked for from client `address`. Unknown number and wrong
 * code give the same answer; too many wrong codes for one case number from one address refuse
 * that address the case for the rest of the window, whatever the code.
 * @throws NOT_FOUND, RATE_LIMITED
 */
export async function openCase(deps: PortalDeps, key: PortalCaseKey, address: string) {
  const guardKey = trackGuardKey(deps, key.caseNumber, address);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const guard = await findPortalGuard(deps.db, guardKey);
  if (guard !== undefined && guard.window_until > nowIso && guard.failures >= TRACK_FAILURES_ALLOWED) {
    throw new DomainError('RATE_LIMITED', {
      message: 'Too many wrong codes for this case',
      details: { retryAfterSeconds: Math.ceil((Date.parse(guard.window_until) - now.getTime()) / 1000) },
    });
  }
  const petition = await openByCode(deps, key);
  if (petition !== null) return petition;
  await deletePassedPortalGuards(deps.db, nowIso);
  const windowUntil = new Date(now.getTime() + TRACK_WINDOW_MINUTES * 60_000).toISOString();
  await countPortalGuardFailure(deps.db, guardKey, nowIso, windowUntil);
  throw notFound();
}

/** The portal guidance of the enterprise (the first one on an installation that has several). */
export async function loadGuidance(db: Kysely<DB>): Promise<PortalGuidance> {
  const root = await findRootUnit(db);
  return root === undefined ? DEFAULT_GUIDANCE : readSetting(db, root.path, 'portal.guidance');
}

/** @throws FORBIDDEN unless the enterprise administrator (template.manage: enterprise texts) */
export async function saveGuidance(deps: PortalDeps, actor: Actor, guidance: PortalGuidance): Promise<PortalGuidance> {
  if (!can(actor, 'template.manage', enterpriseOf(actor)))
    throw new DomainError('FORBIDDEN', { message: 'Only the enterprise administrator edits the portal guidance' });
  await updateSetting(deps, actor, 'portal.guidance', { unitId: enterpriseOf(actor).id, value: guidance });
  return guidance;
}

export async function portalConfig(deps: PortalDeps): Promise<PortalConfigView> {
  const [root, guidance, categories, units] = await Promise.all([
    findRootUnit(deps.db),
    loadGuidance(deps.db),
    categoryRows(deps.db, true),
    portalUnits(deps.db),
  ]);
  const codes = new Map(units.map((u) => [u.id, u.code]));
  return {
    enterpriseName: root?.name ?? '',
    guidance,
    categories: categories.filter((c) => c.parent_code === null).map((c) => ({ code: c.code, name: c.name })),
    maxFiles: PORTAL_MAX_FILES,
    fileMaxBytes: PORTAL_FILE_MAX_BYTES,
    office: root === undefined ? null : await readSetting(deps.db, root.path, 'portal.office'),
    units: units
      // Only units whose parent is listed too (or the enterprise): a unit under an inactive one is not offered.
      .filter((u) => u.path.split('/').filter(Boolean).length === 2 || codes.has(u.parent_id ?? ''))
      .map((u) => ({
        code: u.code,
        name: u.name,
        parentCode: codes.get(u.parent_id ?? '') ?? null,
      })),
  };
}

/**
 * What the portal publishes of the duty (值班带班, 领导接待日): the office's duty phone now and the
 * reception days ahead — never a person's own number, never who is on duty (the duty module decides).
 */
export async function portalDutyInfo(deps: PortalDeps): Promise<PortalDutyView> {
  return portalDuty(deps);
}

/**
 * The portal's filing page with a unit filled in: what a unit's QR code encodes. Built from the
 * configured public URL (XINFANG_PUBLIC_URL), never from request headers a client can set.
 */
export function portalFilingUrl(publicUrl: string, unitCode: string): string {
  return `${publicUrl}/portal/file?u=${encodeURIComponent(unitCode)}`;
}

/** The filing page of a unit, for its QR code. @throws NOT_FOUND */
export async function unitFilingUrl(deps: PortalDeps, publicUrl: string, unitId: string): Promise<string> {
  const unit = await findUnitById(deps.db, unitId);
  if (unit === undefined) throw new DomainError('NOT_FOUND', { message: 'No such unit' });
  return portalFilingUrl(publicUrl, unit.code);
}

/**
 * The public list of units: each active unit's code, name and the names above it — what the QR
 * codes already publish, so a petitioner can say where a person works. Nothing about accounts.
 */
export async function publicUnits(deps: PortalDeps): Promise<PortalUnitListView> {
  const units = await activeUnitCodes(deps.db);
  const names = new Map(units.map((u) => [u.id, u.name]));
  return {
    items: units.map((u) => ({
      code: u.code,
      name: u.name,
      path: ancestorIds(u.path).map((id) => names.get(id) ?? ''),
    })),
  };
}

/**
 * The unit a QR code (or the portal's list) names, with the names above it (so a worker sees
 * 东山煤矿 › 综采一队) and the office that receives for it (its mine's, else the enterprise's).
 */
export async function unitByCode(deps: PortalDeps, code: string): Promise<PortalUnitView> {
  const unit = await findActiveUnitByCode(deps.db, code);
  if (unit === undefined) throw new DomainError('NOT_FOUND', { message: 'No such unit' });
  const ids = ancestorIds(unit.path);
  const [names, office] = await Promise.all([
    unitsByIds(deps.db, ids),
    readSetting(deps.db, unit.path, 'portal.office'),
  ]);
  return {
    code: unit.code,
    name: unit.name,
    path: ids.map((id) => names.find((n) => n.id === id)?.name ?? ''),
    office,
  };
}
