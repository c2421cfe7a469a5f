/** Session endpoints: log in, who am I, log out, change my password. */
import {
  OkViewSchema,
  SessionViewSchema,
  type ChangePasswordInput,
  type LoginInput,
  type OkView,
  type SessionView,
} from '../../../common/schemas/auth.ts';
import { PublicConfigViewSchema, type PublicConfigView } from '../../../common/schemas/health.ts';
import { api } from './client.ts';

/** The current session; rejects with UNAUTHENTICATED (401) when nobody is signed in. */
export function fetchSession(): Promise<SessionView> {
  return api.get('/api/session', SessionViewSchema);
}

export function logIn(input: LoginInput): Promise<SessionView> {
  return api.post('/api/session', SessionViewSchema, input);
}

export function logOut(): Promise<OkView> {
  return api.delete('/api/session', OkViewSchema);
}

export function changePassword(input: ChangePasswordInput): Promise<OkView> {
  return api.post('/api/session/password', OkViewSchema, input);
}

/** The allowlisted configuration the browser may see (version, demo flag, enterprise name). */
export function fetchPublicConfig(): Promise<PublicConfigView> {
  return api.get('/api/config', PublicConfigViewSchema);
}
