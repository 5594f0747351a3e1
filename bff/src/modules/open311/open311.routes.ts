import type { ErrorBody } from '@gongzhi/shared';
import { z } from 'zod';
import { ApiRouter } from '../../platform/api-router';
import type { AppContext, Next } from '../../platform/context';
import { handleErrors } from '../../platform/error-handler';
import { limitRate } from '../../platform/rate-limit';
import type { Guards } from '../identity/guards';
import type { Open311Api } from './open311.service';
import { Open311Created, Open311Request, Open311Service } from './open311-views';

export const OPEN311_PREFIX = '/open311/v2';

/**
 * The reads are public and unauthenticated, and a list reads up to 1,000 complaints (on FerretDB by
 * reading the whole collection): each client gets this many reads a minute, all three routes and
 * every parameter counted together.
 */
export const OPEN311_READ_LIMIT = { windowSeconds: 60, max: 60 } as const;

const isoDate = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), '日期须为 ISO 8601 格式')
  .transform((s) => new Date(s));

/** Unknown parameters (jurisdiction_id, api_key on a read…) are ignored, as GeoReport v2 clients send them freely. */
const RequestsQuery = z.object({
  service_request_id: z
    .string()
    .max(20_000)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^GZ\d{14}$/, '诉求编号格式不正确')))
    .optional(),
  service_code: z.string().min(1).max(40).optional(),
  start_date: isoDate.optional(),
  end_date: isoDate.optional(),
  status: z.enum(['open', 'closed']).optional(),
});

/**
 * GeoReport v2 POST fields we use. Personal fields the spec allows (email, first_name, last_name,
 * phone, device_id) are dropped unread: the resident's identity comes from their real-name record.
 * media_url is ignored (photos go through the mini-program's upload).
 */
const CreateRequestBody = z.object({
  service_code: z.string().min(1).max(40),
  lat: z.coerce.number().min(-90).max(90),
  long: z.coerce.number().min(-180).max(180),
  address_string: z.string().trim().min(2).max(200).optional(),
  description: z.string().max(4000),
});

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
  const reads = [limitRate({ ...OPEN311_READ_LIMIT, key: `GET ${OPEN311_PREFIX}` })];
  return new ApiRouter(OPEN311_PREFIX)
    .route(
      { method: 'get', path: '/services.json', summary: 'Open311：服务类别（诉求类别）', response: z.array(Open311Service), use: reads },
      () => open311.listServices(),
    )
    .route(
      {
        method: 'get', path: '/requests.json', summary: 'Open311：诉求列表（默认近90天，最多1000条，不含个人信息）',
        query: RequestsQuery, response: z.array(Open311Request), use: reads,
      },
      (_ctx, { query }) => open311.listRequests(query),
    )
    .route(
      { method: 'get', path: '/requests/:id.json', summary: 'Open311：单个诉求（编号）', response: z.array(Open311Request), use: reads },
      (ctx) => open311.getRequest(String(ctx.params?.id ?? '')),
    )
    .route(
      {
        method: 'post', path: '/requests.json', summary: 'Open311：提交诉求（api_key 为居民的访问令牌，需实名）',
        body: CreateRequestBody, response: z.array(Open311Created), guard: apiKeyAsBearer(guards),
      },
      (ctx, { body }) => open311.createRequest(ctx.state.user!, body, ctx.get('idempotency-key') || undefined),
    );
}
