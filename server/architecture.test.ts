/**
 * The owners of the mechanisms (docs/architecture.md, "One owner per mechanism"), checked over the
 * source so that they hold by construction rather than by remembering:
 *  - a case changes only through the petition engine: one file writes the event table, and only
 *    the engine calls it;
 *  - a person is told anything only through `notify`: one file writes the notification table, and
 *    only the notification service calls it;
 *  - settings are read and written only by the settings module;
 *  - no SQL in a service or a route (repositories only);
 *  - the unit tree and the accounts are queried by their own modules (unit, user) only;
 *  - no role list outside common/domain/access.ts;
 *  - the platform and the database layer know no module (modules build on them, not the reverse).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'migrations' || entry.name === 'node_modules') continue;
      out.push(...sources(rel));
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      out.push(rel);
    }
  }
  return out;
}

const SERVER = sources('server').filter((f) => !f.startsWith(path.join('server', 'test')));
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const containing = (files: readonly string[], pattern: RegExp) => files.filter((f) => pattern.test(read(f))).sort();

describe('one owner per mechanism', () => {
  it('only the petition repository inserts into the event table, and only the engine calls it', () => {
    // Kysely's builder or the bulk insert (server/db/bulk-insert.ts), named with the table either way.
    expect(containing(SERVER, /(insertInto\(|insertRows\([^,()]+,)\s*['"]petition_event['"]/)).toEqual([
      'server/modules/petition/petition.repository.ts',
    ]);
    expect(containing(SERVER, /\binsertEventRows\(/)).toEqual([
      'server/modules/petition/petition-engine.ts',
      'server/modules/petition/petition.repository.ts',
    ]);
  });

  it('only the petition engine updates a case row (with its version), besides the time-driven columns', () => {
    expect(containing(SERVER, /updateTable\(\s*['"]petition['"]/)).toEqual([
      'server/modules/petition/petition.repository.ts',
    ]);
    expect(containing(SERVER, /\bupdatePetitionReturning\(/)).toEqual([
      'server/modules/petition/petition-engine.ts',
      'server/modules/petition/petition.repository.ts',
    ]);
  });

  it('only the notification repository inserts notifications, and only `notify` calls it', () => {
    expect(containing(SERVER, /insertInto\(\s*['"]notification['"]/)).toEqual([
      'server/modules/notification/notification.repository.ts',
    ]);
    expect(containing(SERVER, /\binsertNotifications\(/)).toEqual([
      'server/modules/notification/notification.repository.ts',
      'server/modules/notification/notification.service.ts',
    ]);
    expect(containing(SERVER, /insertInto\(\s*['"]outbox_message['"]/)).toEqual([
      'server/modules/notification/notification.repository.ts',
    ]);
  });

  it('only the settings module touches the setting values', () => {
    expect(containing(SERVER, /['"]setting_value['"]/)).toEqual(['server/modules/setting/setting.repository.ts']);
  });

  it('no service or route holds SQL: queries live in repositories', () => {
    const layers = SERVER.filter((f) => /\.(service|routes)\.ts$/.test(f));
    expect(containing(layers, /\.(selectFrom|insertInto|updateTable|deleteFrom|selectNoFrom)\(|\bsql`|\bsql</)).toEqual(
      [],
    );
  });

  it('only the unit and user modules read or write the tree and the accounts (others join for names only)', () => {
    expect(
      containing(
        SERVER,
        /selectFrom\(\s*['"](unit|app_user)( as \w+)?['"]|(insertInto|updateTable|deleteFrom)\(\s*['"](unit|app_user)['"]/,
      ),
    ).toEqual(['server/modules/unit/unit.repository.ts', 'server/modules/user/user.repository.ts']);
  });

  it('the platform and the database layer import no module', () => {
    const lower = SERVER.filter((f) => /^server\/(platform|db)\//.test(f));
    expect(containing(lower, /from ['"][./]*modules\//)).toEqual([]);
  });
});
