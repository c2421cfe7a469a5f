/**
 * Table types for Kysely. Kept by hand beside the migrations: a schema change ships with its
 * migration and this file in the same commit.
 *
 * Portable column types (see docs/adr/0002-portable-columns.md): timestamps are ISO-8601 UTC text,
 * booleans are integers 0/1, ids are text. The same queries then run on SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';
import type { Role } from '../../common/schemas/user.ts';
import type { UnitKind } from '../../common/schemas/unit.ts';

export type UnitTable = {
  id: string;
  parent_id: string | null;
  kind: UnitKind;
  name: string;
  code: string;
  /** Materialised path `/rootId/…/id/`: a subtree is a prefix match on an indexed column. */
  path: string;
  depth: number;
  active: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
};

export type AppUserTable = {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  unit_id: string;
  password_hash: string;
  active: number;
  failed_login_count: number;
  locked_until: string | null;
  last_login_at: string | null;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
};

export type SessionTable = {
  /** SHA-256 of the cookie token: a leaked table does not yield usable sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
};

export type AuditLogTable = {
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
};

/** One row (id = 1) holding the tip of the audit hash chain; locked while appending. */
export type AuditChainHeadTable = {
  id: number;
  last_seq: number;
  last_hash: string;
};

export type SettingTable = {
  key: string;
  value_json: string;
  updated_at: string;
};

export type DB = {
  unit: UnitTable;
  app_user: AppUserTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  setting: SettingTable;
};

export type Db = Kysely<DB>;
