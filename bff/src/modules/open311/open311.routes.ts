import { OPEN311_BASE, open311Api, type ErrorBody } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { AppContext, Next } from '../../platform/context';
import { handleErrors } from '../../platform/error-handler';
import { limitRate } from '../../platform/rate-limit';
import type { Guards } from '../identity/guards';
import type { Open311Api } from './open311.service';

export const OPEN311_PREFIX = OPEN311_BASE;

/**
 * The reads are public and unauthenticated, and a list reads up to 1,000 complaints (on FerretDB by
 * reading the whole collection): each client gets this many reads a minute, all three routes and
 * every parameter counted together.
 */
export const OPEN311_READ_LIMIT = { windowSeconds: 60, max: 60 } as const;

/**
 * Errors under /open311 leave in the GeoReport v2 shape, [{code, description}], with the same
 * HTTP status: the app's error handler runs first (logging, mapping), then its body is reshaped.
 */
export async function answerOpen311Errors(ctx: AppContext, next: Next): Promise<void> {
  if (!ctx.path.startsWith(`${OPEN311_PREFIX}/`)) return void (await next());
  await handleErrors(ctx, next);
  const error = (ctx.body as Partial<ErrorBody> | undefined)?.error;
  if (ctx.status < 400 || !error) return;
  const details = Array.isArray(error.details) ? (error.details as Array<{ path?: string; message?: string }>) : [];
  const described = details.map((d) => [d.path, d.message].filter(Boolean).join(': ')).join('; ');
  ctx.body = [{ code: ctx.status, description: described ? `${error.message}（${described}）` : error.message }];
}

/** GeoReport v2 passes the key as `api_key`; here it is the resident's access token, also accepted as a Bearer header. */
function apiKeyAsBearer(guards: Guards) {
  return async function requireResidentKey(ctx: AppContext, next: Next): Promise<void> {
    const body = ctx.request.body as Record<string, unknown> | undefined;
    const key = typeof ctx.query.api_key === 'string' ? ctx.query.api_key : typeof body?.api_key === 'string' ? body.api_key : undefined;
    if (key && !ctx.get('authorization')) ctx.req.headers.authorization = `Bearer ${key}`;
    await guards.requireUser(ctx, next);
  };
}

export function open311Routes(guards: Guards, open311: Open311Api): ApiRouter {
  const reads = { use: [limitRate({ ...OPEN311_READ_LIMIT, key: `GET ${OPEN311_PREFIX}` })] };
  return new ApiRouter(guards)
    .mount(open311Api.services, () => open311.listServices(), reads)
    .mount(open311Api.requests, (_ctx, { query }) => open311.listRequests(query), reads)
    .mount(open311Api.request, (_ctx, { params }) => open311.getRequest(params.id), reads)
    .mount(open311Api.file, (ctx, { body }) => open311.createRequest(ctx.state.user!, body, ctx.get('idempotency-key') || undefined), {
      guard: apiKeyAsBearer(guards),
    });
}
