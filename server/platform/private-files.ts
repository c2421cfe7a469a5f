/**
 * Files only the server's own operating-system user may read: the SQLite database (every petition
 * and identity on file), its write-ahead log, and the demo secret that decrypts ID numbers and
 * phones. Issue #11 finding 14: they were created 0644 in a 0755 directory.
 */
import fs from 'node:fs';

/** Create `dir` and any missing parent 0700. An existing directory keeps its mode (it may be shared on purpose). */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Take group and other access away from an existing file of ours, such as a database an earlier
 * version created 0644. A missing file, or one owned by another user, is left alone.
 */
export function restrictToOwner(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return;
  }
  if ((stat.mode & 0o077) === 0) return;
  if (process.getuid !== undefined && stat.uid !== process.getuid()) return;
  fs.chmodSync(file, stat.mode & 0o700);
}

/** Create `file` empty and 0600 unless it exists; either way it ends up readable by its owner only. */
export function ensurePrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  restrictToOwner(file);
}
