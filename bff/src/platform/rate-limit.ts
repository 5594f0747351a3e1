import { nowMs } from './clock';
import type { AppContext, Next } from './context';
import { AppError } from './errors';

export interface RateLimitOptions {
  windowSeconds: number;
  max: number;
  /**
   * What a client's requests are counted under; each client IP always has its own counts. Default:
   * the method and request path. A fixed string (e.g. a route's pattern) gives every request through
   * this limiter one shared count, so a path that carries a value (a number being guessed) cannot
   * earn a fresh allowance per value; a function of the context decides per request.
   */
  key?: string | ((ctx: AppContext) => string);
}

/**
 * Fixed-window limit per client IP and route (or `key`). It counts in this process only: behind a
 * load balancer with N processes a client gets up to N × max; move the counters to a shared store
 * (or the gateway) before that matters.
 */
export function limitRate(opts: RateLimitOptions) {
  const windowMs = opts.windowSeconds * 1000;
  const counters = new Map<string, { windowStart: number; count: number }>();
  const { key: keyOf = (ctx: AppContext) => `${ctx.method} ${ctx.path}` } = opts;

  return async function rateLimit(ctx: AppContext, next: Next): Promise<void> {
    const now = nowMs();
    const key = `${ctx.ip} ${typeof keyOf === 'string' ? keyOf : keyOf(ctx)}`;
    let counter = counters.get(key);
    if (!counter || now - counter.windowStart >= windowMs) {
      if (counters.size > 50_000) sweep(counters, now, windowMs);
      counter = { windowStart: now, count: 0 };
      counters.set(key, counter);
    }
    counter.count += 1;
    if (counter.count > opts.max) {
      ctx.set('Retry-After', String(Math.ceil((counter.windowStart + windowMs - now) / 1000)));
      throw new AppError('RATE_LIMITED', 429);
    }
    await next();
  };
}

function sweep(counters: Map<string, { windowStart: number }>, now: number, windowMs: number): void {
  for (const [key, c] of counters) if (now - c.windowStart >= windowMs) counters.delete(key);
}
