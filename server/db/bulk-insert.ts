/**
 * Many rows into one table, the statement text built once per shape and the values bound as they
 * are (issue #20). Kysely's `.values(rows)` builds a frozen node per value, checks and compiles the
 * tree for every statement: for the ledger import's 23 repeat samples, a 48-column petition row and
 * two events per case, that was a fifth of the write pass's CPU with the garbage it leaves. Rows go
 * in statements of a fixed number of rows (the last one shorter), so the prepared statement of a
 * full one is found in the connection's cache (database.ts `cacheStatements`) on every batch.
 */
import { CompiledQuery, PostgresAdapter, type Insertable, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** Parameters a full statement binds at most: far under SQLite's 32,766 and PostgreSQL's 65,535. */
const PARAMETERS_PER_STATEMENT = 8_000;
/** Rows a full statement carries at most (a narrow table's rows are many per parameter budget). */
const ROWS_PER_STATEMENT = 500;

type Value = string | number | bigint | Buffer | null;

/**
 * Insert `rows` into `table` in the caller's transaction, many per statement. Rows are expected to
 * have the same columns (those of the first); when one does not, Kysely's builder inserts them all,
 * as before. No statement when empty.
 */
export async function insertRows<T extends keyof DB>(
  db: Kysely<DB>,
  table: T,
  rows: readonly Insertable<DB[T]>[],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first).filter((c) => (first as Record<string, unknown>)[c] !== undefined);
  if (!rows.every((row) => sameColumns(row as Record<string, unknown>, columns))) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the rows are the table's, checked by the signature
    await (db as Kysely<any>)
      .insertInto(table)
      .values([...rows])
      .execute();
    return;
  }
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const head = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values `;
  const perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(PARAMETERS_PER_STATEMENT / columns.length)));
  let fullText: string | null = null;
  for (let from = 0; from < rows.length; from += perStatement) {
    const count = Math.min(perStatement, rows.length - from);
    const parameters: Value[] = new Array<Value>(count * columns.length);
    let p = 0;
    for (let r = from; r < from + count; r++) {
      const row = rows[r] as Record<string, Value | undefined>;
      for (const column of columns) parameters[p++] = row[column] ?? null;
    }
    let text: string;
    if (count === perStatement) {
      fullText ??= head + tuples(count, columns.length, postgres);
      text = fullText;
    } else text = head + tuples(count, columns.length, postgres);
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
}

function sameColumns(row: Record<string, unknown>, columns: readonly string[]): boolean {
  let count = 0;
  for (const key in row) if (row[key] !== undefined) count += 1;
  return count === columns.length && columns.every((c) => row[c] !== undefined);
}

/** `(?, ?), (?, ?)` on SQLite, `($1, $2), ($3, $4)` on PostgreSQL. */
function tuples(rows: number, columns: number, postgres: boolean): string {
  const out: string[] = new Array<string>(rows);
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const marks: string[] = new Array<string>(columns);
    for (let c = 0; c < columns; c++) marks[c] = postgres ? `$${++n}` : '?';
    out[r] = `(${marks.join(', ')})`;
  }
  return out.join(', ');
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
