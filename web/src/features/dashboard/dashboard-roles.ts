import type { Role } from '../../../../common/schemas/user.ts';

/** Who sees the dashboard (server: dashboard.service DASHBOARD_ROLES). */
export const DASHBOARD_ROLES: readonly Role[] = ['chief', 'deputy', 'officer', 'auditor'];
