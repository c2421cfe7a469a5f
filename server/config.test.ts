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
      loadConfig('0.0.0', { HOST: '0.0.0.0', XINFANG_DEMO: 'false', COOKIE_SECURE: 'true', XINFANG_SECRET: secret })
        .cookieSecure,
    ).toBe(true);
  });

  it('requires the encryption secret on a real deployment', () => {
    expect(() => loadConfig('0.0.0', { XINFANG_DEMO: 'false' })).toThrow(/XINFANG_SECRET/);
    expect(() => loadConfig('0.0.0', { XINFANG_SECRET: 'short' })).toThrow(/XINFANG_SECRET/);
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
