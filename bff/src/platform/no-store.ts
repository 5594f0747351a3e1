import type { AppContext, Next } from './context';

/**
 * Personal answers are never stored by a browser, WebView, proxy or CDN: `Cache-Control: no-store`
 * on every response to a request that carries credentials or reaches a guarded route (ApiRouter
 * marks those), whatever its status, errors included. Public, non-personal answers (health checks,
 * /openapi.json, the public Open311 reads, reference lists, certificate verification) keep the
 * defaults: they hold nothing about the caller, and a cache in front of them is welcome.
 * One middleware for all routes, so a new route cannot forget it.
 */
export async function noStoreForPersonal(ctx: AppContext, next: Next): Promise<void> {
  try {
    await next();
  } finally {
    if (ctx.state.personal || ctx.state.user || ctx.get('authorization') !== '') ctx.set('Cache-Control', 'no-store');
  }
}

/** Put before the guard of every guarded route: the answer is personal even when the guard refuses. */
export async function markPersonal(ctx: AppContext, next: Next): Promise<void> {
  ctx.state.personal = true;
  await next();
}

/** The guard of a guarded route with nothing before it, marking the answer personal in the same step. */
export function personalGuard(guard: (ctx: AppContext, next: Next) => Promise<unknown>) {
  return async function markPersonalAndGuard(ctx: AppContext, next: Next): Promise<void> {
    ctx.state.personal = true;
    await guard(ctx, next);
  };
}
