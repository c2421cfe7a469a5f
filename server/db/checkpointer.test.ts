import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCheckpointer, type CheckpointResult } from './checkpointer.ts';
import { openDatabase } from './database.ts';

let base: string;
beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-checkpoint-'));
});
afterEach(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

const autocheckpoint = async (database: ReturnType<typeof openDatabase>) =>
  (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db)).rows[0]
    ?.wal_autocheckpoint;

describe('the checkpoint worker (issue #20)', () => {
  it("folds the log back off the server's connection, which checkpoints nothing itself meanwhile, and hands back on stop", async () => {
    const file = path.join(base, 'xinfang.db');
    const database = openDatabase({ dialect: 'sqlite', file });
    const rounds: CheckpointResult[] = [];
    const checkpointer = await startCheckpointer(database, file, { everyMs: 20, onCheckpoint: (r) => rounds.push(r) });
    try {
      expect(await autocheckpoint(database)).toBe(0);
      await sql`create table probe (x text)`.execute(database.db);
      // 1,500 pages of commits: past SQLite's own 1,000-page mark, which no longer checkpoints here.
      for (let i = 0; i < 1500; i++) await sql`insert into probe (x) values (${'x'.repeat(4000)})`.execute(database.db);
      // A round after the last commit has copied the whole log.
      const seen = rounds.length;
      await expect
        .poll(() => rounds.slice(seen).some((r) => r.busy === 0 && r.log > 0 && r.checkpointed === r.log), {
          timeout: 5_000,
        })
        .toBe(true);
      // The next write restarts the log from its beginning: it does not grow past what one round leaves.
      const size = fs.statSync(`${file}-wal`).size;
      for (let i = 0; i < 10; i++) await sql`insert into probe (x) values ('y')`.execute(database.db);
      expect(fs.statSync(`${file}-wal`).size).toBeLessThanOrEqual(size);
    } finally {
      await checkpointer.stop();
    }
    expect(await autocheckpoint(database)).toBe(1000);
    await database.close();
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
  });

  it('does nothing for an in-memory database', async () => {
    const database = openDatabase({ dialect: 'sqlite', file: ':memory:' });
    const checkpointer = await startCheckpointer(database, ':memory:');
    expect(await autocheckpoint(database)).toBe(1000);
    await checkpointer.stop();
    await database.close();
  });
});
