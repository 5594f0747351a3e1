import { nowMs } from './clock';
import type { AppContext, Next } from './context';
import { AppError } from './errors';

/**
 * Fixed-window limit per client IP and route. It counts in this process only: behind a load
 * balancer with N processes a client gets up to N × max; move the counters to a shared store
 * (or the gateway) before that matters.
 */
export function limitRate(opts: { windowSeconds: number; max: number }) {
  const windowMs = opts.windowSeconds * 1000;
  const counters = new Map<string, { windowStart: number; count: number }>();

  return async function rateLimit(ctx: AppContext, next: Next): Promise<void> {
    const now = nowMs();
    const key = `${ctx.ip} ${ctx.method} ${ctx.path}`;
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
