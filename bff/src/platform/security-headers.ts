import helmet from 'koa-helmet';
import type { AppContext, Next } from './context';

/**
 * Helmet's default security headers (CSP, HSTS, nosniff, frame options, …), computed once. With
 * the defaults they are the same on every response, so running helmet's chain of a dozen small
 * middleware (promisified by koa-helmet) per request bought nothing; the headers are captured from
 * one run of helmet itself at start-up, so they stay exactly helmet's, version after version.
 */
export function securityHeaders() {
  const headers: Array<[string, string]> = [];
  const removed: string[] = [];
  const res = {
    setHeader: (name: string, value: unknown) => void headers.push([name, String(value)]),
    removeHeader: (name: string) => void removed.push(name),
  };
  // helmet sets every header synchronously while it runs; only its completion is a promise.
  void (helmet() as unknown as (ctx: unknown, next: () => Promise<void>) => Promise<void>)({ req: {}, res }, async () => undefined);
  if (!headers.some(([name]) => name.toLowerCase() === 'content-security-policy')) {
    throw new Error('helmet set no Content-Security-Policy while its headers were captured');
  }
  // Every answer may differ by the asking origin (CORS, app.ts): caches must keep them apart.
  headers.push(['Vary', 'Origin']);
  return async function setSecurityHeaders(ctx: AppContext, next: Next): Promise<void> {
    for (const [name, value] of headers) ctx.res.setHeader(name, value);
    for (const name of removed) ctx.res.removeHeader(name);
    await next();
  };
}
