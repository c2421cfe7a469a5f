/**
 * Reads from a streaming replica where it is safe (issue #21). One Kysely instance over two pools:
 * a query goes to the replica only when the request it runs for was marked replica-safe (lists,
 * dashboard, search, reports — see REPLICA_READ_ROUTES in server/platform/read-replica.ts), it is a
 * plain SELECT outside any transaction, and that request has not written yet. Everything else —
 * every write, every transaction and every read inside one, the periodic jobs, the session look-up —
 * goes to the primary. Services and repositories do not know: they use `deps.db` as before.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  CompiledQuery,
  DatabaseConnection,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';

/** What one request may do: read from the replica (decided before its handler), and whether it wrote. */
export type ReadContext = { replica: boolean; wrote: boolean; replicaQueries: number };

/** The context of the request being served; absent for jobs and the command line (primary only). */
export const readContext = new AsyncLocalStorage<ReadContext>();

const WRITING_SQL = /\b(insert|update|delete|merge|nextval|setval|for\s+update|for\s+share|pg_advisory\w*)\b/i;

/** A plain read: a SELECT built by Kysely, or raw SQL that starts with SELECT and writes nothing. */
export function isPlainRead(query: CompiledQuery): boolean {
  if (query.query.kind === 'SelectQueryNode') return !WRITING_SQL.test(query.sql.replace(/"[^"]*"/g, ''));
  if (query.query.kind === 'RawNode') return /^\s*select\b/i.test(query.sql) && !WRITING_SQL.test(query.sql);
  return false;
}

class RoutingConnection implements DatabaseConnection {
  inner: DatabaseConnection | null = null;
  onReplica = false;
  readonly #driver: RoutingDriver;
  readonly #context: ReadContext | undefined;

  constructor(driver: RoutingDriver, context: ReadContext | undefined) {
    this.#driver = driver;
    this.#context = context;
  }

  /** The connection for `query`: chosen on first use, moved to the primary before anything but a read. */
  async connectionFor(query: CompiledQuery | null): Promise<DatabaseConnection> {
    const read = query !== null && isPlainRead(query);
    if (!read && this.#context !== undefined) this.#context.wrote = true;
    if (this.inner !== null && this.onReplica && !read) {
      await this.#driver.replica.releaseConnection(this.inner);
      this.inner = null;
    }
    if (this.inner === null) {
      const context = this.#context;
      if (read && context !== undefined && context.replica && !context.wrote) {
        const replica = await this.#driver.replicaConnection();
        if (replica !== null) {
          this.inner = replica;
          this.onReplica = true;
          context.replicaQueries += 1;
          return replica;
        }
      }
      this.inner = await this.#driver.primary.acquireConnection();
      this.onReplica = false;
    }
    return this.inner;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return (await this.connectionFor(query)).executeQuery<R>(query);
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    const connection = await this.connectionFor(query);
    yield* connection.streamQuery<R>(query, chunkSize);
  }
}

/** A connection this driver handed out (Kysely gives back only those). */
function routed(connection: DatabaseConnection): RoutingConnection {
  if (!(connection instanceof RoutingConnection)) throw new Error('not a routing connection');
  return connection;
}

/** A Kysely driver over a primary and a replica driver (both PostgreSQL). */
export class RoutingDriver implements Driver {
  readonly primary: Driver;
  readonly replica: Driver;
  readonly #onReplicaError: (error: unknown) => void;

  constructor(primary: Driver, replica: Driver, onReplicaError: (error: unknown) => void) {
    this.primary = primary;
    this.replica = replica;
    this.#onReplicaError = onReplicaError;
  }

  async init(): Promise<void> {
    await this.primary.init();
    await this.replica.init();
  }

  /** A replica connection, or null when the replica cannot be reached (the read then goes to the primary). */
  async replicaConnection(): Promise<DatabaseConnection | null> {
    try {
      return await this.replica.acquireConnection();
    } catch (error) {
      this.#onReplicaError(error);
      return null;
    }
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(new RoutingConnection(this, readContext.getStore()));
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    // A transaction, even one that only reads, is the primary's: its reads see its own writes.
    const inner = await routed(connection).connectionFor(null);
    await this.primary.beginTransaction(inner, settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.primary.commitTransaction(await routed(connection).connectionFor(null));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await this.primary.rollbackTransaction(await routed(connection).connectionFor(null));
  }

  async savepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    const inner = await routed(connection).connectionFor(null);
    if (this.primary.savepoint === undefined) throw new Error('savepoints are not supported');
    await this.primary.savepoint(inner, name, compileQuery);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    const inner = await routed(connection).connectionFor(null);
    if (this.primary.rollbackToSavepoint === undefined) throw new Error('savepoints are not supported');
    await this.primary.rollbackToSavepoint(inner, name, compileQuery);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    const inner = await routed(connection).connectionFor(null);
    if (this.primary.releaseSavepoint === undefined) throw new Error('savepoints are not supported');
    await this.primary.releaseSavepoint(inner, name, compileQuery);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const routing = routed(connection);
    if (routing.inner === null) return;
    const inner = routing.inner;
    routing.inner = null;
    await (routing.onReplica ? this.replica : this.primary).releaseConnection(inner);
  }

  async destroy(): Promise<void> {
    await this.primary.destroy();
    await this.replica.destroy();
  }
}
