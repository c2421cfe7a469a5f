/**
 * A cluster you can start on one machine (issue #21): a PostgreSQL primary and a streaming replica
 * (Debian's postgresql-15: initdb, pg_basebackup, pg_ctl), N app instances, and nginx in front with
 * passive failover — everything on 127.0.0.1, in one directory of its own, never touching the
 * system's PostgreSQL cluster. docs/deploy.md walks through the production layout it stands for.
 *
 *   scripts/cluster start [--instances 2] [--base-port 4100] [--dir DIR] [--demo-petitions]
 *   scripts/cluster status [--dir DIR]          every part, each instance's /api/health, the replica's lag
 *   scripts/cluster stop [--dir DIR] [--purge]  instances, nginx, replica, primary (--purge: the directory too)
 *   scripts/cluster backup OUT [--dir DIR]      npm run xinfang -- backup OUT with the instances' settings
 *   scripts/cluster promote [--dir DIR]         the replica becomes the primary; instances restart on it
 *
 * Ports from --base-port B: nginx B, instances B+1…B+N, the primary B+50, the replica B+51.
 */
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

export const PG_BIN = '/usr/lib/postgresql/15/bin';
export const NGINX = '/usr/sbin/nginx';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type InstanceState = { id: string; port: number; pid: number; log: string };
export type ClusterState = {
  dir: string;
  basePort: number;
  nginxPort: number;
  primaryPort: number;
  replicaPort: number;
  /** After `promote`: the replica is the primary and there is no replica. */
  promoted: boolean;
  databaseUrl: string;
  readUrl: string | null;
  secret: string;
  instances: InstanceState[];
};

export type StartOptions = {
  dir: string;
  basePort: number;
  instances: number;
  demoPetitions?: boolean;
  /** Extra environment for every instance (the tests shorten timings). */
  env?: Record<string, string>;
  log?: (line: string) => void;
};

export function defaultDir(basePort: number): string {
  return path.join(os.tmpdir(), `xinfang-cluster-${basePort}`);
}

const isRoot = process.getuid?.() === 0;

/** Run a PostgreSQL tool as the postgres user when we are root (initdb refuses root), else as ourselves. */
function pg(tool: string, args: string[], env: Record<string, string> = {}, options: SpawnSyncOptions = {}) {
  const binary = path.join(PG_BIN, tool);
  const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  const [command, commandArgs] = isRoot
    ? ['runuser', ['-u', 'postgres', '--', 'env', ...envArgs, binary, ...args]]
    : ['env', [...envArgs, binary, ...args]];
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', ...options });
  if (result.status !== 0)
    throw new Error(`${tool} ${args.join(' ')} failed:\n${String(result.stdout)}${String(result.stderr)}`);
  return String(result.stdout);
}

function chownToPostgres(target: string): void {
  if (isRoot) spawnSync('chown', ['-R', 'postgres:postgres', target]);
}

function statePath(dir: string): string {
  return path.join(dir, 'cluster.json');
}

export function readState(dir: string): ClusterState | null {
  const file = statePath(dir);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ClusterState) : null;
}

export function writeState(state: ClusterState): void {
  fs.writeFileSync(statePath(state.dir), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

function psql(state: ClusterState, port: number, sqlText: string, database = 'postgres'): string {
  return pg('psql', [
    '-h',
    path.join(state.dir, 'pg', 'run'),
    '-p',
    String(port),
    '-U',
    'postgres',
    '-d',
    database,
    '-Atqc',
    sqlText,
  ]).trim();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pid in a pid file, or null (absent, empty — `nginx -t` leaves an empty one —, or not a number). */
function pidIn(file: string): number | null {
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function alive(pid: number | null): boolean {
  if (pid === null || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Create and start the primary and its streaming replica (pg_basebackup -R, a replication slot). */
function startDatabases(state: ClusterState, log: (line: string) => void): void {
  const pgDir = path.join(state.dir, 'pg');
  const primary = path.join(pgDir, 'primary');
  const replica = path.join(pgDir, 'replica');
  const run = path.join(pgDir, 'run');
  const password = state.secret.slice(0, 24);
  if (!fs.existsSync(primary)) {
    fs.mkdirSync(run, { recursive: true, mode: 0o700 });
    const pwfile = path.join(pgDir, 'superuser-password');
    fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    chownToPostgres(pgDir);
    log(`initdb ${primary}`);
    pg('initdb', [
      '-D',
      primary,
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      `--pwfile=${pwfile}`,
    ]);
    fs.appendFileSync(
      path.join(primary, 'postgresql.conf'),
      [
        '',
        '# xinfang cluster (scripts/cluster.ts): loopback only, WAL for a streaming replica',
        "listen_addresses = '127.0.0.1'",
        `port = ${state.primaryPort}`,
        `unix_socket_directories = '${run}'`,
        'wal_level = replica',
        'max_wal_senders = 5',
        'max_replication_slots = 5',
        'hot_standby = on',
        'max_connections = 200',
        'shared_buffers = 128MB',
        '',
      ].join('\n'),
    );
  }
  log(`start the primary on 127.0.0.1:${state.primaryPort}`);
  pg('pg_ctl', ['-D', primary, '-l', path.join(pgDir, 'primary.log'), '-w', 'start']);
  if (!fs.existsSync(replica)) {
    const exists = psql(state, state.primaryPort, "select 1 from pg_roles where rolname = 'xinfang'");
    if (exists !== '1') {
      psql(state, state.primaryPort, `create role replicator replication login password '${password}'`);
      psql(state, state.primaryPort, `create role xinfang login password '${password}'`);
      psql(state, state.primaryPort, 'create database xinfang owner xinfang');
    }
    log(`pg_basebackup → ${replica}`);
    pg(
      'pg_basebackup',
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(state.primaryPort),
        '-U',
        'replicator',
        '-D',
        replica,
        '-R',
        '-X',
        'stream',
        '-C',
        '-S',
        'xinfang_replica',
      ],
      { PGPASSWORD: password },
    );
    fs.appendFileSync(path.join(replica, 'postgresql.conf'), `\n# the replica\nport = ${state.replicaPort}\n`);
  }
  if (!state.promoted) {
    log(`start the replica on 127.0.0.1:${state.replicaPort}`);
    pg('pg_ctl', ['-D', replica, '-l', path.join(pgDir, 'replica.log'), '-w', 'start']);
  }
}

function instanceEnv(state: ClusterState, id: string, port: number, extra: Record<string, string>): NodeJS.ProcessEnv {
  const webDir = path.join(ROOT, 'dist', 'web');
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: state.databaseUrl,
    ...(state.readUrl === null ? {} : { DATABASE_READ_URL: state.readUrl }),
    XINFANG_INSTANCE_ID: id,
    XINFANG_DATA_DIR: path.join(state.dir, 'app'),
    XINFANG_SECRET: state.secret,
    XINFANG_PUBLIC_URL: `http://127.0.0.1:${state.nginxPort}`,
    XINFANG_WEB_DIR: webDir,
    // Behind nginx: the client address is X-Forwarded-For (rate limits, audit). Plain HTTP on loopback
    // here; production terminates TLS at nginx and sets COOKIE_SECURE=true (docs/deploy.md).
    TRUST_PROXY: 'true',
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** Start one instance (detached, its log in the cluster directory); returns at once. */
export function spawnInstance(state: ClusterState, index: number, extra: Record<string, string> = {}): InstanceState {
  const id = `app-${index}`;
  const port = state.basePort + index;
  const log = path.join(state.dir, `${id}.log`);
  const out = fs.openSync(log, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: instanceEnv(state, id, port, extra),
    detached: true,
    stdio: ['ignore', out, out],
  });
  child.unref();
  fs.closeSync(out);
  if (child.pid === undefined) throw new Error(`${id} did not start`);
  return { id, port, pid: child.pid, log };
}

export async function health(port: number, timeoutMs = 2_000): Promise<Record<string, unknown> | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok ? ((await response.json()) as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function waitHealthy(instance: InstanceState, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await health(instance.port)) !== null) return;
    if (!alive(instance.pid)) throw new Error(`${instance.id} exited; see ${instance.log}`);
    await sleep(300);
  }
  throw new Error(`${instance.id} not healthy after ${timeoutMs} ms; see ${instance.log}`);
}

/** The generated nginx configuration: one upstream over the instances, passive failover, loopback only. */
export function nginxConfig(state: ClusterState): string {
  const prefix = path.join(state.dir, 'nginx');
  const servers = state.instances.map((i) => `    server 127.0.0.1:${i.port} max_fails=1 fail_timeout=5s;`).join('\n');
  return `# Generated by scripts/cluster.ts — do not edit; docs/deploy.md shows the production version (TLS).
${isRoot ? 'user nobody nogroup;\n' : ''}worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  # An instance that fails (refused, reset, timed out, 502/503) is left out for fail_timeout, and the
  # request goes to the next one — a GET always, a POST only when it never reached the failed one
  # (nginx does not resend a non-idempotent request: a registration is never filed twice).
  upstream xinfang {
${servers}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${state.nginxPort};
    server_name localhost;
    client_max_body_size 12m;
    location / {
      proxy_pass http://xinfang;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 3;
    }
    # For the script's and a monitor's checks: nginx itself is up.
    location = /nginx-health { access_log off; return 200 "ok\\n"; }
  }
}
`;
}

function nginxArgs(state: ClusterState): string[] {
  const prefix = path.join(state.dir, 'nginx');
  return ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')];
}

export function startNginx(state: ClusterState, log: (line: string) => void): void {
  const prefix = path.join(state.dir, 'nginx');
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
    fs.mkdirSync(path.join(prefix, 'tmp', sub), { recursive: true });
  if (isRoot) spawnSync('chown', ['-R', 'nobody:nogroup', path.join(prefix, 'tmp')]);
  fs.writeFileSync(path.join(prefix, 'nginx.conf'), nginxConfig(state));
  const test = spawnSync(NGINX, [...nginxArgs(state), '-t'], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx -t failed:\n${test.stderr}`);
  const pidFile = path.join(prefix, 'nginx.pid');
  if (alive(pidIn(pidFile))) {
    spawnSync(NGINX, [...nginxArgs(state), '-s', 'reload']);
    log('nginx reloaded');
    return;
  }
  const started = spawnSync(NGINX, nginxArgs(state), { encoding: 'utf8' });
  if (started.status !== 0) throw new Error(`nginx failed to start:\n${started.stderr}`);
  log(`nginx on http://127.0.0.1:${state.nginxPort}`);
}

/** Start everything; idempotent over an existing directory (databases are reused). */
export async function startCluster(options: StartOptions): Promise<ClusterState> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  for (const binary of [path.join(PG_BIN, 'initdb'), NGINX])
    if (!fs.existsSync(binary)) throw new Error(`${binary} is missing: apt-get install -y postgresql-15 nginx`);
  fs.mkdirSync(options.dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(options.dir, 0o755);
  const previous = readState(options.dir);
  const secretFile = path.join(options.dir, 'secret');
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  const secret = fs.readFileSync(secretFile, 'utf8').trim();
  const password = secret.slice(0, 24);
  const primaryPort = options.basePort + 50;
  const replicaPort = options.basePort + 51;
  const promoted = previous?.promoted ?? false;
  const state: ClusterState = {
    dir: options.dir,
    basePort: options.basePort,
    nginxPort: options.basePort,
    primaryPort,
    replicaPort,
    promoted,
    databaseUrl: `postgres://xinfang:${password}@127.0.0.1:${promoted ? replicaPort : primaryPort}/xinfang`,
    readUrl: promoted ? null : `postgres://xinfang:${password}@127.0.0.1:${replicaPort}/xinfang`,
    secret,
    instances: [],
  };
  writeState(state);
  startDatabases(state, log);
  fs.mkdirSync(path.join(options.dir, 'app'), { recursive: true, mode: 0o700 });
  const extra = { XINFANG_DEMO_PETITIONS: options.demoPetitions === true ? 'true' : 'false', ...options.env };
  // The first instance migrates and seeds an empty database alone; the others start once it is up.
  const first = spawnInstance(state, 1, extra);
  state.instances.push(first);
  writeState(state);
  log(`${first.id} on 127.0.0.1:${first.port} (pid ${first.pid}): migrate and seed`);
  await waitHealthy(first);
  for (let i = 2; i <= options.instances; i++) {
    const instance = spawnInstance(state, i, extra);
    state.instances.push(instance);
    log(`${instance.id} on 127.0.0.1:${instance.port} (pid ${instance.pid})`);
  }
  writeState(state);
  await Promise.all(state.instances.slice(1).map((i) => waitHealthy(i)));
  startNginx(state, log);
  return state;
}

/** Stop an instance: SIGTERM (drain), then SIGKILL after `graceMs`. */
export async function stopInstance(instance: InstanceState, graceMs = 10_000): Promise<void> {
  if (!alive(instance.pid)) return;
  process.kill(instance.pid, 'SIGTERM');
  const until = Date.now() + graceMs;
  while (alive(instance.pid) && Date.now() < until) await sleep(100);
  if (alive(instance.pid)) process.kill(instance.pid, 'SIGKILL');
}

export async function stopCluster(dir: string, options: { purge?: boolean; log?: (line: string) => void } = {}) {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const state = readState(dir);
  if (state !== null) {
    await Promise.all(state.instances.map((i) => stopInstance(i)));
    log(`instances stopped (${state.instances.length})`);
    const pidFile = path.join(dir, 'nginx', 'nginx.pid');
    const pid = pidIn(pidFile);
    if (alive(pid)) {
      spawnSync(NGINX, [...nginxArgs(state), '-s', 'quit']);
      const until = Date.now() + 5_000;
      while (alive(pid) && Date.now() < until) await sleep(100);
      log('nginx stopped');
    }
    for (const name of ['replica', 'primary']) {
      const data = path.join(dir, 'pg', name);
      if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
        pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'], {}, {});
        log(`${name} stopped`);
      }
    }
  }
  if (options.purge === true) {
    fs.rmSync(dir, { recursive: true, force: true });
    log(`${dir} removed`);
  }
}

export type ClusterStatus = {
  nginx: boolean;
  primary: { up: boolean; port: number };
  replica: { up: boolean; port: number; streaming: boolean } | null;
  instances: (InstanceState & { alive: boolean; health: Record<string, unknown> | null })[];
};

export async function clusterStatus(dir: string): Promise<ClusterStatus | null> {
  const state = readState(dir);
  if (state === null) return null;
  const pgUp = (name: string) =>
    spawnSync(path.join(PG_BIN, 'pg_isready'), [
      '-q',
      '-h',
      '127.0.0.1',
      '-p',
      String(name === 'primary' ? state.primaryPort : state.replicaPort),
    ]).status === 0;
  const primaryPort = state.promoted ? state.replicaPort : state.primaryPort;
  let streaming = false;
  if (!state.promoted && pgUp('primary'))
    streaming =
      psql(state, state.primaryPort, "select count(*) from pg_stat_replication where state = 'streaming'") !== '0';
  const nginxPid = path.join(dir, 'nginx', 'nginx.pid');
  return {
    nginx: alive(pidIn(nginxPid)),
    primary: { up: state.promoted ? pgUp('replica') : pgUp('primary'), port: primaryPort },
    replica: state.promoted ? null : { up: pgUp('replica'), port: state.replicaPort, streaming },
    instances: await Promise.all(
      state.instances.map(async (i) => ({ ...i, alive: alive(i.pid), health: await health(i.port) })),
    ),
  };
}

/**
 * Replica promotion (the primary is lost): stop the instances, promote the replica (pg_ctl promote),
 * start the instances on it with no read replica. A new replica is then made from it with
 * pg_basebackup, as at the start (docs/deploy.md).
 */
export async function promoteReplica(dir: string, log: (line: string) => void): Promise<ClusterState> {
  const state = readState(dir);
  if (state === null || state.promoted) throw new Error('no cluster with a replica to promote');
  const count = state.instances.length;
  await Promise.all(state.instances.map((i) => stopInstance(i)));
  const primaryData = path.join(dir, 'pg', 'primary');
  if (fs.existsSync(path.join(primaryData, 'postmaster.pid')))
    pg('pg_ctl', ['-D', primaryData, '-m', 'fast', '-w', 'stop']);
  log('the old primary is stopped (fenced): it must not take writes again');
  pg('pg_ctl', ['-D', path.join(dir, 'pg', 'replica'), '-w', 'promote']);
  log(`the replica on 127.0.0.1:${state.replicaPort} is the primary now`);
  const password = state.secret.slice(0, 24);
  const next: ClusterState = {
    ...state,
    promoted: true,
    databaseUrl: `postgres://xinfang:${password}@127.0.0.1:${state.replicaPort}/xinfang`,
    readUrl: null,
    instances: [],
  };
  for (let i = 1; i <= count; i++) next.instances.push(spawnInstance(next, i));
  writeState(next);
  await Promise.all(next.instances.map((i) => waitHealthy(i)));
  log(`${count} instances restarted on the new primary`);
  return next;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      instances: { type: 'string', default: '2' },
      'base-port': { type: 'string', default: '4100' },
      dir: { type: 'string' },
      purge: { type: 'boolean', default: false },
      'demo-petitions': { type: 'boolean', default: false },
    },
  });
  const basePort = Number(values['base-port']);
  const dir = path.resolve(values.dir ?? defaultDir(basePort));
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const [command, ...rest] = positionals;
  switch (command) {
    case 'start': {
      const state = await startCluster({
        dir,
        basePort,
        instances: Number(values.instances),
        demoPetitions: values['demo-petitions'],
      });
      log(`\nXinfang cluster up: http://127.0.0.1:${state.nginxPort}  (directory ${dir})`);
      log(
        `  primary 127.0.0.1:${state.primaryPort}, replica 127.0.0.1:${state.replicaPort}, instances ${state.instances.map((i) => i.port).join(', ')}`,
      );
      return;
    }
    case 'stop':
      await stopCluster(dir, { purge: values.purge, log });
      return;
    case 'status': {
      const status = await clusterStatus(dir);
      if (status === null) {
        log(`no cluster in ${dir}`);
        process.exitCode = 1;
        return;
      }
      log(`nginx     ${status.nginx ? 'up' : 'DOWN'}`);
      log(`primary   127.0.0.1:${status.primary.port} ${status.primary.up ? 'up' : 'DOWN'}`);
      if (status.replica !== null)
        log(
          `replica   127.0.0.1:${status.replica.port} ${status.replica.up ? 'up' : 'DOWN'}${status.replica.streaming ? ', streaming' : ', NOT streaming'}`,
        );
      for (const i of status.instances) {
        const db = i.health?.database as { role?: string; replica?: { lagBytes?: number | null } | null } | undefined;
        log(
          `${i.id.padEnd(9)} 127.0.0.1:${i.port} pid ${i.pid} ${i.health === null ? (i.alive ? 'NOT HEALTHY' : 'DOWN') : `healthy, database ${db?.role ?? '?'}, replica lag ${db?.replica?.lagBytes ?? '-'} bytes`}`,
        );
      }
      return;
    }
    case 'backup': {
      const out = rest[0];
      const state = readState(dir);
      if (out === undefined || state === null)
        throw new Error('usage: scripts/cluster backup OUT (with a running cluster)');
      const first = state.instances[0];
      const env = instanceEnv(state, 'backup', 0, {});
      // pg_dump is run by the CLI against the primary; PG_BIN first so it matches the server's version.
      env.PATH = `${PG_BIN}:${env.PATH ?? ''}`;
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'backup', path.resolve(out)], {
        cwd: ROOT,
        env,
        stdio: 'inherit',
      });
      if (first === undefined || result.status !== 0) process.exitCode = result.status ?? 1;
      return;
    }
    case 'promote':
      await promoteReplica(dir, log);
      return;
    default:
      log(
        'usage: scripts/cluster start|status|stop|backup OUT|promote [--instances N] [--base-port B] [--dir DIR] [--purge]',
      );
      process.exitCode = 2;
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
