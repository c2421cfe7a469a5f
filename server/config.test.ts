import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDatabaseUrl } from './config.ts';

describe('loadConfig', () => {
  it('starts on embedded SQLite under ./var with the demo on by default', () => {
    const config = loadConfig('0.0.0', {});
    expect(config.database).toMatchObject({ dialect: 'sqlite' });
    expect(config.database.dialect === 'sqlite' && config.database.file.endsWith('var/xinfang.db')).toBe(true);
    expect(config).toMatchObject({ host: '127.0.0.1', port: 3000, demo: true, logRequests: false });
    expect(config.auditAnchorFile).toBe(path.join(config.dataDir, 'audit-anchors.log'));
  });

  it('hands pg_dump and pg_restore only the path, home, locale and libpq variables', () => {
    const config = loadConfig('0.0.0', {
      PATH: '/usr/bin',
      HOME: '/home/x',
      PGSSLMODE: 'verify-full',
      XINFANG_SECRET: 'a-secret-that-is-long-enough-for-the-check',
      AWS_SECRET_ACCESS_KEY: 'nope',
    });
    expect(config.toolEnv).toEqual({ PATH: '/usr/bin', HOME: '/home/x', PGSSLMODE: 'verify-full' });
  });

  it('lists every problem at once', () => {
    const error = (() => {
      try {
        loadConfig('0.0.0', { PORT: 'eighty', LOG_LEVEL: 'loud', XINFANG_DEMO: 'maybe', SESSION_TTL_HOURS: '0' });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'LOG_LEVEL', 'XINFANG_DEMO', 'SESSION_TTL_HOURS']) expect(problems).toContain(name);
  });

  it('refuses an unknown database URL', () => {
    expect(() => loadConfig('0.0.0', { DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('refuses insecure cookies on a real deployment listening beyond loopback', () => {
    const secret = 's'.repeat(32);
    expect(() => loadConfig('0.0.0', { HOST: '0.0.0.0', XINFANG_DEMO: 'false', XINFANG_SECRET: secret })).toThrow(
      /COOKIE_SECURE/,
    );
    expect(
      loadConfig('0.0.0', {
        HOST: '0.0.0.0',
        XINFANG_DEMO: 'false',
        COOKIE_SECURE: 'true',
        XINFANG_SECRET: secret,
        XINFANG_PUBLIC_URL: 'https://xinfang.example.com',
      }).cookieSecure,
    ).toBe(true);
  });

  it('requires the encryption secret on a real deployment', () => {
    expect(() => loadConfig('0.0.0', { XINFANG_DEMO: 'false' })).toThrow(/XINFANG_SECRET/);
    expect(() => loadConfig('0.0.0', { XINFANG_SECRET: 'short' })).toThrow(/XINFANG_SECRET/);
  });
});

describe('XINFANG_PUBLIC_URL: the address links and QR codes carry (never a request header)', () => {
  const real = { XINFANG_DEMO: 'false', XINFANG_SECRET: 's'.repeat(32) };
  it.each([
    ['demo: the local server by default', { PORT: '3100' }, 'http://127.0.0.1:3100'],
    ['demo: the given one', { XINFANG_PUBLIC_URL: 'https://xinfang.example.com' }, 'https://xinfang.example.com'],
    ['real deployment', { ...real, XINFANG_PUBLIC_URL: 'https://xinfang.example.com/' }, 'https://xinfang.example.com'],
    ['behind a path prefix', { XINFANG_PUBLIC_URL: 'https://example.com/xinfang/' }, 'https://example.com/xinfang'],
    ['plain http on an intranet', { XINFANG_PUBLIC_URL: 'http://10.2.0.8:8080' }, 'http://10.2.0.8:8080'],
  ])('%s → %s', (_label, env, expected) => {
    expect(loadConfig('0.0.0', env).publicUrl).toBe(expected);
  });

  it.each([
    ['missing on a real deployment', real],
    ['not a URL', { XINFANG_PUBLIC_URL: 'xinfang.example.com' }],
    ['another scheme', { XINFANG_PUBLIC_URL: 'ftp://xinfang.example.com' }],
    ['a query', { XINFANG_PUBLIC_URL: 'https://xinfang.example.com/?a=1' }],
    ['a fragment', { XINFANG_PUBLIC_URL: 'https://xinfang.example.com/#top' }],
    ['credentials', { XINFANG_PUBLIC_URL: 'https://user:pass@xinfang.example.com' }],
  ])('refuses %s', (_label, env) => {
    expect(() => loadConfig('0.0.0', env)).toThrow(/XINFANG_PUBLIC_URL/);
  });
});

describe('XINFANG_API_DOCS', () => {
  const real = { XINFANG_DEMO: 'false', XINFANG_SECRET: 's'.repeat(32), XINFANG_PUBLIC_URL: 'https://xf.example.com' };
  it.each([
    ['demo: on', {}, true],
    ['demo, switched off', { XINFANG_API_DOCS: 'false' }, false],
    ['real deployment: off', real, false],
    ['real deployment, switched on', { ...real, XINFANG_API_DOCS: 'true' }, true],
  ])('%s', (_label, env, expected) => {
    expect(loadConfig('0.0.0', env).apiDocs).toBe(expected);
  });
});

describe('parseDatabaseUrl', () => {
  it.each([
    ['postgres://u:p@localhost:5432/xf', { dialect: 'postgres', schema: null }],
    ['postgresql://u:p@localhost/xf?schema=tenant_a', { dialect: 'postgres', schema: 'tenant_a' }],
    ['sqlite::memory:', { dialect: 'sqlite', file: ':memory:' }],
  ])('%s', (url, expected) => {
    expect(parseDatabaseUrl(url)).toMatchObject(expected);
  });

  it.each(['sqlite:', 'postgres://x/db?schema=Bad-Name', 'http://x'])('refuses %s', (url) => {
    expect(typeof parseDatabaseUrl(url)).toBe('string');
  });
});
