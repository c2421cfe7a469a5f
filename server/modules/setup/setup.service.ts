/**
 * First start of a deployment: the enterprise (root unit) and its first administrator, created
 * together by `npm run xinfang -- admin create` or by the demo seed.
 */
import { DomainError } from '../../../common/errors.ts';
import type { CreateUserInput } from '../../../common/schemas/user.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { findRootUnit, insertUnit } from '../unit/index.ts';
import { assertPasswordAcceptable, findUserByUsername, insertUser } from '../user/index.ts';

export type BootstrapInput = {
  enterpriseName: string;
  enterpriseCode: string;
  admin: Pick<CreateUserInput, 'username' | 'displayName' | 'password'>;
};

export type BootstrapResult = { enterpriseId: string; adminId: string; createdEnterprise: boolean };

/**
 * Create the root unit when there is none, then an admin attached to it.
 * @throws USERNAME_TAKEN, PASSWORD_TOO_WEAK
 */
export async function bootstrapEnterprise(
  deps: Pick<ServiceDeps, 'db' | 'clock' | 'ids' | 'hasher'>,
  input: BootstrapInput,
): Promise<BootstrapResult> {
  assertPasswordAcceptable(input.admin.password, input.admin.username, 'password');
  if ((await findUserByUsername(deps.db, input.admin.username)) !== undefined) {
    throw new DomainError('USERNAME_TAKEN', { message: `The username ${input.admin.username} is taken` });
  }
  const passwordHash = await deps.hasher.hash(input.admin.password);
  const at = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const existing = await findRootUnit(trx);
    let enterpriseId = existing?.id;
    if (enterpriseId === undefined) {
      enterpriseId = deps.ids.next();
      await insertUnit(trx, {
        id: enterpriseId,
        parent_id: null,
        kind: 'enterprise',
        name: input.enterpriseName,
        code: input.enterpriseCode,
        path: `/${enterpriseId}/`,
        depth: 0,
        active: 1,
        sort_order: 0,
        created_at: at,
        updated_at: at,
      });
      await appendAudit(trx, deps.clock, {
        actorId: null,
        action: 'unit.create',
        entityType: 'unit',
        entityId: enterpriseId,
        after: { kind: 'enterprise', name: input.enterpriseName, code: input.enterpriseCode },
      });
    }
    const adminId = deps.ids.next();
    await insertUser(trx, {
      id: adminId,
      username: input.admin.username,
      display_name: input.admin.displayName,
      role: 'admin',
      unit_id: enterpriseId,
      password_hash: passwordHash,
      active: 1,
      failed_login_count: 0,
      locked_until: null,
      last_login_at: null,
      password_changed_at: at,
      created_at: at,
      updated_at: at,
      email: null,
      mobile_enc: null,
      position: null,
    });
    await appendAudit(trx, deps.clock, {
      actorId: null,
      action: 'user.create',
      entityType: 'user',
      entityId: adminId,
      after: {
        username: input.admin.username,
        displayName: input.admin.displayName,
        role: 'admin',
        unitId: enterpriseId,
        active: true,
      },
    });
    return { enterpriseId, adminId, createdEnterprise: existing === undefined };
  });
}
