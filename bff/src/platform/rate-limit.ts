import type Koa from 'koa';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterMongo, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { nowMs } from './clock';
import type { AppContext, AppState, Next } from './context';
import { AppError } from './errors';

export interface RateLimitOptions {
  windowSeconds: number;
  max: number;
  /**
   * What a client's requests are counted under; each client IP always has its own counts (unless
   * `perIp` is false). Default: the method and request path. A fixed string (e.g. a route's pattern)
   * gives every request through this limiter one shared count, so a path that carries a value (a
   * number being guessed) cannot earn a fresh allowance per value; a function of the context
   * decides per request.
   */
  key?: string | ((ctx: AppContext) => string);
  /**
   * false: the key alone names the count, whatever address the request comes from: for a count per
   * signed-in person (the key names the user), who must not get a fresh allowance per network.
   */
  perIp?: boolean;
}

/** A count over a window of time: at most `max` points per `windowSeconds`. */
export interface WindowLimit {
  windowSeconds: number;
  max: number;
}

export interface RateLimitVerdict {
  allowed: boolean;
  /** points counted in the current window, this consume included */
  consumed: number;
  /** whole seconds, at least 1, until the window ends: the Retry-After of a refusal */
  retryAfterSeconds: number;
}

/**
 * Counts shared by every BFF process through the database (collection `rate_limits`), with
 * rate-limiter-flexible's MongoDB store: one document per key, incremented by an atomic upsert
 * (atomic on MongoDB and FerretDB 2; FerretDB 1.24 loses increments made at the same moment), and
 * removed by a TTL index once its window is over. A window starts at the first point counted under
 * its key and lasts `windowSeconds`.
 */
export interface RateLimitStore {
  consume(key: string, limit: WindowLimit, points?: number): Promise<RateLimitVerdict>;
  /** Gives back points counted by a consume whose work was then refused or undone. */
  refund(key: string, limit: WindowLimit, points: number): Promise<void>;
  /** What a consume of `points` would answer, without counting anything. */
  peek(key: string, limit: WindowLimit, points?: number): Promise<RateLimitVerdict>;
}

export const RATE_LIMIT_COLLECTION = 'rate_limits';
const FAILURE_LOG_INTERVAL_MS = 10_000;

/**
 * When the database cannot count (down, busy, timing out), the limit falls back to a count in this
 * process, as before the counts were shared, and a warning is logged (at most every 10 s): a store
 * fault then neither locks every client out (fail closed) nor lifts the limits altogether (fail
 * open), which an attacker able to overload the database would otherwise earn.
 */
export function createRateLimitStore(conn: Connection, logger: Logger): RateLimitStore {
  const shared = new Map<string, RateLimiterMongo>();
  const local = new Map<string, RateLimiterMemory>();
  let ready: Promise<void> | undefined;
  let lastFailureLog = 0;

  // Keys carry the window length, so limits of different lengths never share a document.
  const optionsOf = ({ windowSeconds, max }: WindowLimit) => ({ points: max, duration: windowSeconds, keyPrefix: `w${windowSeconds}` });
  const idOf = ({ windowSeconds, max }: WindowLimit) => `${max}/${windowSeconds}`;

  /** The store's limiter; throws while the connection has no database (never connected). */
  async function sharedFor(limit: WindowLimit): Promise<RateLimiterMongo> {
    ready ??= ensureRateLimitIndexes(conn, logger).catch((err: unknown) => {
      ready = undefined; // try again with the next request
      throw err;
    });
    await ready;
    let limiter = shared.get(idOf(limit));
    if (!limiter) {
      const options = { ...optionsOf(limit), storeClient: conn.db, tableName: RATE_LIMIT_COLLECTION, disableIndexesCreation: true };
      limiter = new RateLimiterMongo(options);
      shared.set(idOf(limit), limiter);
    }
    return limiter;
  }

  function localFor(limit: WindowLimit): RateLimiterMemory {
    let limiter = local.get(idOf(limit));
    if (!limiter) local.set(idOf(limit), (limiter = new RateLimiterMemory(optionsOf(limit))));
    return limiter;
  }

  function storeFailed(err: unknown): void {
    if (nowMs() - lastFailureLog < FAILURE_LOG_INTERVAL_MS) return;
    lastFailureLog = nowMs();
    logger.warn({ err }, 'rate limit store failed: counting in this process only');
  }

  /** Runs `call` against the store, or against this process's counts when the store fails. */
  async function withFallback<T>(limit: WindowLimit, call: (limiter: RateLimiterAbstract) => Promise<T>): Promise<T> {
    try {
      return await call(await sharedFor(limit));
    } catch (err) {
      if (err instanceof RateLimiterRes) throw err;
      storeFailed(err);
      return call(localFor(limit));
    }
  }

  async function consumeIn(limiter: RateLimiterAbstract, key: string, points: number): Promise<RateLimitVerdict> {
    try {
      const res = await limiter.consume(key, points);
      return { allowed: true, consumed: res.consumedPoints, retryAfterSeconds: retryAfter(res) };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return { allowed: false, consumed: refusal.consumedPoints, retryAfterSeconds: retryAfter(refusal) };
    }
  }

  return {
    consume: (key, limit, points = 1) => withFallback(limit, (limiter) => consumeIn(limiter, keyInClock(key, limit), points)),
    refund: async (key, limit, points) => {
      await withFallback(limit, (limiter) => limiter.reward(keyInClock(key, limit), points));
    },
    peek: (key, limit, points = 1) =>
      withFallback(limit, async (limiter) => {
        const res = await limiter.get(keyInClock(key, limit));
        const consumed = res?.consumedPoints ?? 0;
        return { allowed: consumed + points <= limit.max, consumed, retryAfterSeconds: res ? retryAfter(res) : limit.windowSeconds };
      }),
  };
}

/**
 * The store keeps time with Date.now(); the app's clock (platform/clock.ts) runs ahead of it when a
 * test moves it. Counts are kept apart per whole window of that lead, so moving the clock ahead by
 * a window or more starts a fresh one, as the passing of that time would. In production the lead is
 * 0 and every key keeps its one name.
 */
function keyInClock(key: string, { windowSeconds }: WindowLimit): string {
  // 100 ms of slack: the two readings of the time may differ by a millisecond or two.
  const lead = Math.floor((nowMs() - Date.now() + 100) / (windowSeconds * 1000));
  return lead === 0 ? key : `${key}#${lead}`;
}

function retryAfter(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/**
 * One document per key (unique), and a TTL index that removes a document when its window is over.
 * FerretDB 1.24 does not implement TTL indexes (it answers NotImplemented): there the documents stay,
 * and are replaced in place when their key is counted again after the window.
 */
export async function ensureRateLimitIndexes(conn: Connection, logger: Logger): Promise<void> {
  const collection = conn.db!.collection(RATE_LIMIT_COLLECTION);
  await collection.createIndex({ key: 1 }, { unique: true });
  try {
    await collection.createIndex({ expire: -1 }, { expireAfterSeconds: 0 });
  } catch (err) {
    if ((err as { codeName?: unknown }).codeName !== 'NotImplemented') throw err;
    logger.warn('the database has no TTL indexes: expired rate-limit counts are not removed');
  }
}

const STORE = Symbol('rateLimitStore');

/** Makes `store` the one every limitRate of this app counts in. */
export function useRateLimitStore(app: Koa<AppState>, store: RateLimitStore): void {
  (app.context as unknown as Record<symbol, RateLimitStore>)[STORE] = store;
}

function storeOf(ctx: AppContext): RateLimitStore {
  const store = (ctx as unknown as Record<symbol, RateLimitStore | undefined>)[STORE];
  if (!store) throw new Error('limitRate needs a store: call useRateLimitStore(app, store) when building the app');
  return store;
}

/**
 * A limit per client IP and route (or `key`), counted in the app's shared store (see
 * useRateLimitStore), so that every BFF process counts against the same allowance. Over the limit:
 * 429 RATE_LIMITED with Retry-After.
 */
export function limitRate(opts: RateLimitOptions) {
  const { key: keyOf = (ctx: AppContext) => `${ctx.method} ${ctx.path}`, perIp = true } = opts;
  const limit = { windowSeconds: opts.windowSeconds, max: opts.max };

  return async function rateLimit(ctx: AppContext, next: Next): Promise<void> {
    const key = typeof keyOf === 'string' ? keyOf : keyOf(ctx);
    const verdict = await storeOf(ctx).consume(perIp ? `${ctx.ip} ${key}` : key, limit);
    if (!verdict.allowed) {
      ctx.set('Retry-After', String(verdict.retryAfterSeconds));
      throw new AppError('RATE_LIMITED', 429);
    }
    await next();
  };
}
