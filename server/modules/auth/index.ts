/** The auth module's surface for other modules. */
export { deleteLoginGuardsOfUser, deleteSessionsOfUser } from './auth.repository.ts';
export { resolveSession, type AuthDeps, type ResolvedSession } from './auth.service.ts';
