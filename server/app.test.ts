import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE } from '../common/schemas/auth.ts';
import { createLogger } from './platform/logger.ts';
import { TEST_PASSWORD, type Org, type TestContext } from './test/test-context.ts';
import { appWorld } from './test/factories.ts';
import { buildTestApp, loginAs } from './test/test-app.ts';
import type { FastifyInstance } from 'fastify';

let ctx: TestContext;
let org: Org;
let app: FastifyInstance;
appWorld((world) => ({ ctx, org, app } = world));

describe('platform endpoints', () => {
  it('GET /api/health answers with the version, the dialect, the instance and the database role', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      version: '0.0.0-test',
      dialect: ctx.database.dialect,
      instance: 'local',
      // The test database has no replica: a primary on PostgreSQL, SQLite otherwise.
      database: { role: ctx.database.dialect === 'postgres' ? 'primary' : 'sqlite', replica: null },
    });
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas, and the docs page', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/units', '/api/units/{id}/move', '/api/users', '/api/session']),
    );
    expect(doc.paths['/api/units']?.post?.requestBody).toBeDefined();
    const page = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  // Issue #11 finding 13: a real deployment (XINFANG_DEMO=false) must not publish its API map.
  it.each([
    [true, 200],
    [false, 404],
  ])('with apiDocs %s, /api/openapi.json and /api/docs/ answer %i', async (apiDocs, status) => {
    const docs = await buildTestApp(ctx, { apiDocs });
    try {
      for (const url of ['/api/openapi.json', '/api/docs', '/api/docs/', '/api/docs/json', '/api/docs/yaml']) {
        const response = await docs.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(status);
        if (status === 404)
          // The same answer as any unknown route: nothing tells a caller the documentation exists.
          expect(response.json(), url).toEqual({ error: { code: 'NOT_FOUND', message: `No route GET ${url}` } });
      }
    } finally {
      await docs.close();
    }
  });

  it('answers unknown API routes with the error shape', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('sets the security headers on every answer', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-frame-options']).toBe('DENY');
  });
});

describe('session over HTTP', () => {
  it('sets an httpOnly SameSite=Strict cookie and answers GET /api/session', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'officer.root', password: TEST_PASSWORD },
    });
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const me = await app.inject({
      method: 'GET',
      url: '/api/session',
      cookies: { [SESSION_COOKIE]: cookie?.value ?? '' },
    });
    expect(me.json()).toMatchObject({ user: { username: 'officer.root' } });
  });

  it('answers 401 UNAUTHENTICATED without a session', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/units' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a state change without the CSRF header, and changes nothing', async () => {
    const client = await loginAs(app, 'root.admin');
    const response = await app.inject({
      method: 'POST',
      url: `/api/units/${org.units.mineB.id}/rename`,
      cookies: { [SESSION_COOKIE]: client.cookie },
      payload: { name: '被篡改' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'CSRF_TOKEN_INVALID' } });
    const wrong = await app.inject({
      method: 'POST',
      url: `/api/units/${org.units.mineB.id}/rename`,
      cookies: { [SESSION_COOKIE]: client.cookie },
      headers: { [CSRF_HEADER]: 'x'.repeat(client.csrfToken.length) },
      payload: { name: '被篡改' },
    });
    expect(wrong.statusCode).toBe(403);
    const unit = await ctx.deps.db
      .selectFrom('unit')
      .select('name')
      .where('id', '=', org.units.mineB.id)
      .executeTakeFirstOrThrow();
    expect(unit.name).toBe('乙矿');
  });

  it('logs out: the cookie no longer works', async () => {
    const client = await loginAs(app, 'officer.root');
    expect((await client.del('/api/session')).statusCode).toBe(200);
    expect((await client.get('/api/session')).statusCode).toBe(401);
  });

  it('rate-limits log-in attempts per address', async () => {
    const limited = await buildTestApp(ctx, { loginRateLimitPerMinute: 3 });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await limited.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'x-user', password: 'wrong-wrong' },
      });
      codes.push(response.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429]);
    await limited.close();
  });
});

describe('bad input gets 400 naming the field, never a 500', () => {
  it.each([
    ['missing name', { parentId: 'x', kind: 'crew' }, ['name']],
    ['empty name', { parentId: 'x', kind: 'crew', name: '   ' }, ['name']],
    ['unknown kind', { parentId: 'x', kind: 'castle', name: '城堡' }, ['kind']],
    ['enterprise kind', { parentId: 'x', kind: 'enterprise', name: '新集团' }, ['kind']],
    ['name too long', { parentId: 'x', kind: 'crew', name: '班'.repeat(61) }, ['name']],
  ])('%s', async (_label, body, path) => {
    const client = await loginAs(app, 'root.admin');
    const response = await client.post('/api/units', body);
    expect(response.statusCode).toBe(400);
    const error = response.json<{ error: { code: string; details: { issues: { path: string[] }[] } } }>().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.issues.map((i) => i.path)).toContainEqual(path);
  });

  it('malformed JSON', async () => {
    const client = await loginAs(app, 'root.admin');
    const response = await app.inject({
      method: 'POST',
      url: '/api/units',
      headers: {
        cookie: `${SESSION_COOKIE}=${client.cookie}`,
        [CSRF_HEADER]: client.csrfToken,
        'content-type': 'application/json',
      },
      payload: '{"name": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('a body over the limit', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'a', password: 'x'.repeat(1_100_000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('a weak password names the field', async () => {
    const client = await loginAs(app, 'root.admin');
    const response = await client.post('/api/users', {
      username: 'abc.def',
      displayName: '某某',
      role: 'handler',
      unitId: org.units.teamA1.id,
      password: 'abc.def-2026',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'PASSWORD_TOO_WEAK', details: { issues: [{ path: ['password'] }] } },
    });
  });
});

describe('access matrix over HTTP: who may read and change which unit', () => {
  const READ: [string, string, keyof Org['units'], number][] = [
    ['officer.root', 'officer@root', 'teamB1', 200],
    ['officer.minea', 'officer@mineA', 'crewA1', 200],
    ['officer.minea', 'officer@mineA', 'mineB', 404],
    ['officer.minea', 'officer@mineA', 'root', 404],
    ['unit-head.teama1', 'unit_head@teamA1', 'mineA', 404],
    ['partner.depthr', 'partner@deptHr', 'deptHr', 200],
    ['partner.depthr', 'partner@deptHr', 'root', 404],
    ['auditor.root', 'auditor@root', 'crewA1', 200],
  ];
  it.each(READ)('%s reads %s → %i', async (username, _who, unit, status) => {
    const client = await loginAs(app, username);
    expect((await client.get(`/api/units/${org.units[unit].id}`)).statusCode).toBe(status);
  });

  const RENAME: [string, keyof Org['units'], number][] = [
    ['root.admin', 'teamB1', 200],
    ['admin.minea', 'teamA1', 200],
    ['admin.minea', 'teamB1', 404],
    ['chief.root', 'teamA1', 403],
    ['officer.root', 'teamA1', 403],
    ['auditor.root', 'teamA1', 403],
  ];
  it.each(RENAME)('%s renames %s → %i', async (username, unit, status) => {
    const client = await loginAs(app, username);
    const response = await client.post(`/api/units/${org.units[unit].id}/rename`, { name: '新名称' });
    expect(response.statusCode).toBe(status);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'unit.rename')
      .execute();
    expect(audit).toHaveLength(status === 200 ? 1 : 0);
  });

  it('only admins and auditors read the audit log, and verify it', async () => {
    expect((await (await loginAs(app, 'officer.root')).get('/api/audit')).statusCode).toBe(403);
    const auditor = await loginAs(app, 'auditor.root');
    const list = await auditor.get('/api/audit?pageSize=5');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ entries: unknown[] }>().entries).toHaveLength(5);
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: true });
  });
});

describe('logs', () => {
  it('never contain passwords or session tokens, even with request logging on', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logged = await buildTestApp(ctx, { logRequests: true }, createLogger({ logLevel: 'trace' }, sink));
    const client = await loginAs(logged, 'officer.root');
    await client.get('/api/units');
    for (let i = 0; i < 5; i++) {
      await logged.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'chief.root', password: 'secret-guess-1' },
      });
    }
    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(2);
    expect(text).not.toContain(TEST_PASSWORD);
    expect(text).not.toContain('secret-guess-1');
    expect(text).not.toContain(client.cookie);
    expect(text).not.toContain(client.csrfToken);
    await logged.close();
  });
});

describe('the web app', () => {
  it('serves index.html for client routes, assets as files, and 404 for a missing asset', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>信访</title>');
    fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1)');
    const web = await buildTestApp(ctx, { webDir });
    const root = await web.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('信访');
    const page = await web.inject({ method: 'GET', url: '/units' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('信访');
    const asset = await web.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.headers['content-type']).toContain('javascript');
    // Hashed assets are cached for good; the pages that name them are revalidated on every load.
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(root.headers['cache-control']).toBe('no-cache');
    expect(page.headers['cache-control']).toBe('no-cache');
    // A precompressed copy is sent to a browser that accepts it, the plain file to one that does not.
    fs.writeFileSync(path.join(webDir, 'assets', 'app.js.br'), 'brotli bytes');
    const br = await web.inject({ method: 'GET', url: '/assets/app.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect([br.headers['content-encoding'], br.body, br.headers.vary]).toEqual([
      'br',
      'brotli bytes',
      'accept-encoding',
    ]);
    expect((await web.inject({ method: 'GET', url: '/assets/app.js' })).body).toBe('console.log(1)');
    // A file added after start (a rebuild) is served without a restart.
    fs.writeFileSync(path.join(webDir, 'assets', 'later.js'), 'console.log(2)');
    expect((await web.inject({ method: 'GET', url: '/assets/later.js' })).statusCode).toBe(200);
    expect((await web.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    await web.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('serves portal.html for /portal and every path below it, index.html elsewhere', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>工作台</title>');
    fs.writeFileSync(path.join(webDir, 'portal.html'), '<!doctype html><title>网上信访</title>');
    const web = await buildTestApp(ctx, { webDir });
    for (const url of ['/portal', '/portal/', '/portal/file?u=MINE-A', '/portal/track', '/portal/receipt']) {
      const page = await web.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('网上信访');
      expect(page.headers['content-security-policy'], url).toContain("script-src 'self'");
    }
    expect((await web.inject({ method: 'GET', url: '/portals' })).body).toContain('工作台');
    expect((await web.inject({ method: 'GET', url: '/petitions/portal' })).body).toContain('工作台');
    expect((await web.inject({ method: 'GET', url: '/assets/portal-missing.js' })).statusCode).toBe(404);
    await web.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });
});

describe('notifications', () => {
  it('lists only my own and refuses to mark another user\u2019s', async () => {
    const officer = org.users['officer@root']!;
    const other = org.users['officer@mineA']!;
    for (const [id, userId] of [
      ['n1', officer.id],
      ['n2', other.id],
    ] as const) {
      await ctx.deps.db
        .insertInto('notification')
        .values({
          id,
          user_id: userId,
          kind: 'deadline_due_soon',
          petition_id: null,
          dedupe_key: id,
          data_json: '{}',
          created_at: '2026-03-02T01:00:00.000Z',
          read_at: null,
        })
        .execute();
    }
    const client = await loginAs(app, 'officer.root');
    expect((await client.get('/api/notifications')).json()).toMatchObject({ unread: 1, items: [{ id: 'n1' }] });
    expect((await client.post('/api/notifications/n2/read')).statusCode).toBe(404);
    expect((await client.post('/api/notifications/n1/read')).statusCode).toBe(200);
    expect((await client.get('/api/notifications')).json()).toMatchObject({ unread: 0 });
  });
});

describe('stopping', () => {
  it('a request in flight when the server stops is answered with Connection: close, and its keep-alive socket ends', async () => {
    const http = await import('node:http');
    const server = await buildTestApp(ctx);
    await server.listen({ host: '127.0.0.1', port: 0 });
    const { port } = server.server.address() as { port: number };
    const agent = new http.Agent({ keepAlive: true });
    const body = JSON.stringify({ username: 'nobody', password: 'wrong-password' });
    // Half the body sent: the request is in flight (its body still being read) when the server stops.
    const request = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/session',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const answered = new Promise<{ status: number; connection: string | undefined; socketClosed: Promise<void> }>(
      (resolve) =>
        request.on('response', (response) => {
          const socketClosed = new Promise<void>((closed) => response.socket.once('close', () => closed()));
          response.resume();
          resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, socketClosed });
        }),
    );
    const received = new Promise((resolve) => server.server.once('request', resolve));
    request.write(body.slice(0, 10));
    await received;
    const closed = server.close();
    // The server has stopped listening (its pre-close hooks ran) before the rest of the body arrives.
    while (server.server.listening) await new Promise((resolve) => setImmediate(resolve));
    request.end(body.slice(10));
    const { status, connection, socketClosed } = await answered;
    // Answered by its route (a wrong password), not refused as arriving after the close.
    expect([status, connection]).toEqual([401, 'close']);
    // Not held open until the keep-alive timeout: the socket ends, and with it the server's close.
    await socketClosed;
    await closed;
    agent.destroy();
  });
});
