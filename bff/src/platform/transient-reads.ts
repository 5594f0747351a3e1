import compose from 'koa-compose';
import mongoose from 'mongoose';
import type { AppContext } from './context';

type Middleware = (ctx: AppContext, next: () => Promise<unknown>) => Promise<unknown>;

/** Waits before each further try of a read whose database client was briefly unreachable. */
export const READ_RETRY_WAITS_MS = [750, 1500];

/**
 * The database client could not reach the server (server selection failed, a connection closed, the
 * client was being reconnected by the watchdog): nothing was done, and the same read a moment later
 * may well succeed.
 */
export function isTransientDatabaseError(err: unknown): boolean {
  const { MongoServerSelectionError, MongoNetworkError, MongoTopologyClosedError, MongoNotConnectedError } = mongoose.mongo;
  return err instanceof MongoServerSelectionError || err instanceof MongoNetworkError || err instanceof MongoTopologyClosedError || err instanceof MongoNotConnectedError;
}

/**
 * A GET route's whole chain (its guard, which reads the user, and its handler), tried again when the
 * database client was briefly unreachable: a read changes nothing, so trying it again is safe, and a
 * client that recovers (by itself, or by the watchdog in database.ts, within a second or two of the
 * database being back) answers the person instead of a 500. Writes are never retried here.
 */
export function retryingReads(chain: Middleware[], waitsMs: readonly number[] = READ_RETRY_WAITS_MS): Middleware {
  const run = compose(chain as compose.Middleware<AppContext>[]);
  return async (ctx) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await run(ctx);
      } catch (err) {
        if (attempt >= waitsMs.length || !isTransientDatabaseError(err)) throw err;
        ctx.state.log?.warn({ attempt: attempt + 1, errorType: (err as Error).name }, 'database unreachable for a read: trying again');
        await new Promise((resolve) => setTimeout(resolve, waitsMs[attempt]));
      }
    }
  };
}
