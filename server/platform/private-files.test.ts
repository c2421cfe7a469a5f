import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSecret } from '../boot.ts';
import { makePrivateDir } from './private-files.ts';

// Issue #11 finding 14: files only the server's user may read. The database's own modes are tested
// in server/db/database.test.ts; here the demo key, which decrypts every ID number and phone on file.
let base: string;
beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-boot-'));
});
afterEach(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('resolveSecret', () => {
  it('generates the demo key once, 0600 in a data directory created 0700', () => {
    const dataDir = path.join(base, 'var');
    const secret = resolveSecret({ secret: null, dataDir });
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'secret.key'))).toBe(0o600);
    expect(resolveSecret({ secret: null, dataDir })).toBe(secret);
  });

  it('tightens a key file an earlier version left readable by others', () => {
    const file = path.join(base, 'secret.key');
    fs.writeFileSync(file, 'k'.repeat(48), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(resolveSecret({ secret: null, dataDir: base })).toBe('k'.repeat(48));
    expect(modeOf(file)).toBe(0o600);
  });

  it('leaves an existing data directory as it is (it may be shared on purpose)', () => {
    fs.chmodSync(base, 0o750);
    makePrivateDir(base);
    resolveSecret({ secret: null, dataDir: base });
    expect(modeOf(base)).toBe(0o750);
    expect(modeOf(path.join(base, 'secret.key'))).toBe(0o600);
  });

  it('uses XINFANG_SECRET when given and writes nothing', () => {
    const dataDir = path.join(base, 'unused');
    expect(resolveSecret({ secret: 's'.repeat(32), dataDir })).toBe('s'.repeat(32));
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
