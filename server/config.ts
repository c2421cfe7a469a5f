/**
 * The only reader of `process.env`. Validates everything at boot and refuses to start with a list
 * of every problem, so a misconfigured deployment fails loudly instead of half-working.
 */
import { z } from 'zod';
import os from 'node:os';
import path from 'node:path';
import { FILE_STORE_KINDS, type FileStoreKind } from './platform/file-store.ts';

export type DatabaseConfig =
  | { dialect: 'sqlite'; file: string }
  | {
      dialect: 'postgres';
      url: string;
      poolSize: number;
      schema: string | null;
      /**
       * A streaming replica the lists, dashboard, search and reports may read from (DATABASE_READ_URL,
       * issue #21); null = every query on `url`.
       */
      readUrl?: string | null;
    };

export type Config = {
  host: string;
  port: number;
  database: DatabaseConfig;
  /** Load the demo enterprise on first start (default); a real deployment sets XINFANG_DEMO=false. */
  demo: boolean;
  /** With `demo`: also load the demo petitions (default). false = the demo organisation and accounts only, no petitions (an empty enterprise to import a ledger into). */
  demoPetitions: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Log one line per request; off by default because pino at info costs ~40% of throughput. */
  logRequests: boolean;
  sessionTtlHours: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  webDir: string;
  dataDir: string;
  /** argon2 memory cost in KiB; lowered only in tests. */
  passwordHashMemoryKib: number;
  /** Encrypts ID numbers and phones (AES-256-GCM) and keys their look-up index; null in demo mode = a generated key under dataDir. */
  secret: string | null;
  /** The SMS gateway (POST `{ id, phone, text }`); null = texts stay in the outbox. */
  smsWebhookUrl: string | null;
  /** SMTP server for e-mail notifications (`smtp://user:pass@host:587`, `smtps://…`); null = no e-mail. */
  smtpUrl: string | null;
  /** The sender address of those e-mails. */
  mailFrom: string;
  /** A generic webhook told of every notification (ids only), signed with `webhookSecret`; null = none. */
  webhookUrl: string | null;
  webhookSecret: string | null;
  /** The append-only file the audit chain head is anchored in (daily and at every backup); default `<dataDir>/audit-anchors.log`. */
  auditAnchorFile: string;
  /**
   * The environment handed to pg_dump / pg_restore (backup and restore): PATH, HOME, the locale and
   * libpq's own PG* variables, read here once. Nothing else of the process environment leaks to them.
   */
  toolEnv: Readonly<Record<string, string>>;
  /**
   * Where users reach this server (`https://xinfang.example.com`, no trailing slash): every link and
   * QR code is built from it, never from a request's Host header, which any client can set.
   */
  publicUrl: string;
  /** Serve the API documentation (/api/docs, /api/openapi.json); on in demo mode, off in a real deployment. */
  apiDocs: boolean;
  version: string;
  /** This instance's name in /api/health and in the job leases it holds (XINFANG_INSTANCE_ID; default host-pid). */
  instanceId: string;
  /** Where stored files live (XINFANG_FILE_STORE); null = the database on PostgreSQL, the data directory on SQLite. */
  fileStore: FileStoreKind | null;
  /**
   * Read-your-writes after a write, when reads go to a replica: that browser reads from the primary
   * until the replica has replayed the write, and at most this long (XINFANG_READ_YOUR_WRITES_MS).
   */
  readYourWritesMs: number;
};

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const EnvSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_READ_URL: z.string().min(1).optional(),
  XINFANG_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,60}$/, { error: 'letters, digits, dot, dash or underscore (at most 60)' })
    .optional(),
  XINFANG_FILE_STORE: z.enum(FILE_STORE_KINDS).optional(),
  XINFANG_READ_YOUR_WRITES_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  XINFANG_DATA_DIR: z.string().min(1).default('var'),
  XINFANG_DEMO: booleanString.default(true),
  XINFANG_DEMO_PETITIONS: booleanString.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_REQUESTS: booleanString.default(false),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  COOKIE_SECURE: booleanString.default(false),
  TRUST_PROXY: booleanString.default(false),
  XINFANG_WEB_DIR: z.string().min(1).default('dist/web'),
  XINFANG_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  XINFANG_PASSWORD_MEMORY_KIB: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024)
    .default(19456),
  XINFANG_SMS_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  XINFANG_SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  XINFANG_MAIL_FROM: z.email().default('xinfang@localhost.localdomain'),
  XINFANG_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  XINFANG_WEBHOOK_SECRET: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  XINFANG_AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  XINFANG_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  XINFANG_API_DOCS: booleanString.optional(),
});

/** What pg_dump and pg_restore may see of the environment: where to find them, and libpq's settings (sslmode, certificates). */
const TOOL_ENV = /^(PATH|HOME|LANG|LC_[A-Z]+|TZ|PG[A-Z]+)$/;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * Parse the environment into a `Config`.
 * @throws ConfigError listing every invalid variable at once.
 */
export function loadConfig(version: string, env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const dataDir = path.resolve(e.XINFANG_DATA_DIR);
  let database: DatabaseConfig = { dialect: 'sqlite', file: path.join(dataDir, 'xinfang.db') };
  if (e.DATABASE_URL !== undefined) {
    const parsedDb = parseDatabaseUrl(e.DATABASE_URL, e.DATABASE_POOL_SIZE);
    if (typeof parsedDb === 'string') problems.push(`DATABASE_URL: ${parsedDb}`);
    else database = parsedDb;
  }
  if (e.DATABASE_READ_URL !== undefined) {
    const parsedRead = parseDatabaseUrl(e.DATABASE_READ_URL, e.DATABASE_POOL_SIZE);
    if (database.dialect !== 'postgres')
      problems.push('DATABASE_READ_URL: a read replica needs DATABASE_URL to be a postgres:// primary');
    else if (typeof parsedRead === 'string' || parsedRead.dialect !== 'postgres')
      problems.push('DATABASE_READ_URL: must be a postgres:// URL (the streaming replica)');
    else if (parsedRead.schema !== database.schema)
      problems.push('DATABASE_READ_URL: must name the same schema as DATABASE_URL');
    else database = { ...database, readUrl: parsedRead.url };
  }
  if (!e.COOKIE_SECURE && e.HOST !== '127.0.0.1' && e.HOST !== 'localhost' && e.HOST !== '::1' && !e.XINFANG_DEMO) {
    problems.push('COOKIE_SECURE: must be true when a non-demo server listens beyond loopback (put it behind HTTPS)');
  }
  if (e.XINFANG_SECRET === undefined && !e.XINFANG_DEMO) {
    problems.push(
      'XINFANG_SECRET: required for a real deployment (at least 32 characters); it encrypts ID numbers and phones',
    );
  }
  if (e.XINFANG_WEBHOOK_URL !== undefined && e.XINFANG_WEBHOOK_SECRET === undefined) {
    problems.push('XINFANG_WEBHOOK_SECRET: required with XINFANG_WEBHOOK_URL (the receiver checks the signature)');
  }
  let publicUrl = `http://127.0.0.1:${e.PORT}`;
  if (e.XINFANG_PUBLIC_URL !== undefined) {
    const parsedUrl = parsePublicUrl(e.XINFANG_PUBLIC_URL);
    if ('problem' in parsedUrl) problems.push(`XINFANG_PUBLIC_URL: ${parsedUrl.problem}`);
    else publicUrl = parsedUrl.url;
  } else if (!e.XINFANG_DEMO) {
    problems.push(
      'XINFANG_PUBLIC_URL: required for a real deployment (e.g. https://xinfang.example.com); links and unit QR codes carry it',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    host: e.HOST,
    port: e.PORT,
    database,
    demo: e.XINFANG_DEMO,
    demoPetitions: e.XINFANG_DEMO_PETITIONS,
    logLevel: e.LOG_LEVEL,
    logRequests: e.LOG_REQUESTS,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    webDir: path.resolve(e.XINFANG_WEB_DIR),
    dataDir,
    passwordHashMemoryKib: e.XINFANG_PASSWORD_MEMORY_KIB,
    secret: e.XINFANG_SECRET ?? null,
    smsWebhookUrl: e.XINFANG_SMS_WEBHOOK_URL ?? null,
    smtpUrl: e.XINFANG_SMTP_URL ?? null,
    mailFrom: e.XINFANG_MAIL_FROM,
    webhookUrl: e.XINFANG_WEBHOOK_URL ?? null,
    webhookSecret: e.XINFANG_WEBHOOK_SECRET ?? null,
    auditAnchorFile: path.resolve(e.XINFANG_AUDIT_ANCHOR_FILE ?? path.join(dataDir, 'audit-anchors.log')),
    toolEnv: toolEnvOf(env),
    publicUrl,
    apiDocs: e.XINFANG_API_DOCS ?? e.XINFANG_DEMO,
    version,
    instanceId:
      e.XINFANG_INSTANCE_ID ??
      `${os
        .hostname()
        .replace(/[^A-Za-z0-9._-]/g, '-')
        .slice(0, 40)}-${process.pid}`,
    fileStore: e.XINFANG_FILE_STORE ?? null,
    readYourWritesMs: e.XINFANG_READ_YOUR_WRITES_MS,
  };
}

/** The allowlisted part of `env` that pg_dump and pg_restore are given (`Config.toolEnv`; tests use it directly). */
export function toolEnvOf(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => TOOL_ENV.test(entry[0]) && entry[1] !== undefined),
  );
}

/**
 * The public base URL (already a valid http(s) URL) without a trailing slash. A path prefix is kept
 * (a reverse proxy may serve us under /xinfang); credentials, a query or a fragment would end up in
 * every link, so they are refused.
 */
function parsePublicUrl(value: string): { url: string } | { problem: string } {
  const url = new URL(value);
  if (url.username !== '' || url.password !== '') return { problem: 'must not carry a user name or password' };
  if (url.search !== '' || url.hash !== '') return { problem: 'must not carry a query or a fragment' };
  return { url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** `sqlite:path/to/file.db`, `sqlite::memory:`, or `postgres://user:pass@host:port/db?schema=name`. */
export function parseDatabaseUrl(url: string, poolSize = 10): DatabaseConfig | string {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file.length === 0) return 'sqlite: URL needs a file path, e.g. sqlite:var/xinfang.db';
    return { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return 'not a valid postgres:// URL';
    }
    const schema = parsed.searchParams.get('schema');
    if (schema !== null && !/^[a-z_][a-z0-9_]*$/.test(schema)) return 'schema must be a plain lower-case identifier';
    parsed.searchParams.delete('schema');
    return { dialect: 'postgres', url: parsed.toString(), poolSize, schema };
  }
  return 'must start with sqlite: or postgres://';
}

/** The database the service tests run on: `TEST_DATABASE_URL` (PostgreSQL in CI) or in-memory SQLite. */
export function testDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.TEST_DATABASE_URL;
  if (url === undefined || url.length === 0) return { dialect: 'sqlite', file: ':memory:' };
  const parsed = parseDatabaseUrl(url);
  if (typeof parsed === 'string') throw new ConfigError([`TEST_DATABASE_URL: ${parsed}`]);
  return parsed;
}
