/**
 * Counts every statement executed through the Kysely instance it is attached to
 * (`db.withPlugin(counter)`): a result is transformed once per statement sent (a subquery inside a
 * statement is part of it, not another). Used by tests that prove a look-up's cost and by
 * bench/statements.ts.
 */
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

export class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count += 1;
    return args.result;
  }
}
