import Router from '@koa/router';
import { API_BASE, type RouteContract, type RouteOutput, type RouteParsed, type Role } from '@gongzhi/shared';
import type { z } from 'zod';
import type { AppContext, AppState, Next } from './context';
import { AppError } from './errors';
import { retryingReads } from './transient-reads';
import { markPersonal, personalGuard } from './no-store';
import { parseInput } from './validation';

export type Middleware = (ctx: AppContext, next: Next) => Promise<unknown>;

/** How a contract's `access` becomes a guard: given by the identity module (guards.ts), so the platform needs no module. */
export interface AccessGuards {
  requireUser: Middleware;
  requireRole(...roles: Role[]): Middleware;
}

export interface MountOptions {
  /** middleware before the guard, e.g. a rate limit per client */
  use?: Middleware[];
  /** middleware after the guard, with the caller known, e.g. a limit per person */
  after?: Middleware[];
  /** a guard of its own in place of the one `access` names (Open311's api_key, for one), for the same people */
  guard?: Middleware;
}

/** Raw routes answer bytes (a photo, a CSV); the others exactly what their contract's response says. */
type Answer<C extends RouteContract> = C extends { raw: string } ? Buffer | string : RouteOutput<C>;
export type Handler<C extends RouteContract> = (ctx: AppContext, input: RouteParsed<C>) => Promise<Answer<C>>;

export interface MountedRoute {
  contract: RouteContract;
  fullPath: string;
  guarded: boolean;
}

/**
 * Mounts route contracts (`shared/src/<domain>.api.ts`): the contract's path params, query and body
 * are validated before the handler runs, its `access` picks the guard, and the same contract feeds
 * /openapi.json. Nothing is routed that is not a contract.
 */
export class ApiRouter {
  readonly router = new Router<AppState>();
  readonly mounted: MountedRoute[] = [];
  private readonly roleGuards = new Map<string, Middleware>();

  constructor(private readonly guards?: AccessGuards) {}

  mount<C extends RouteContract>(contract: C, handler: Handler<C>, options: MountOptions = {}): this {
    const fullPath = (contract.base ?? API_BASE) + contract.path;
    const guard = contract.access === 'public' ? undefined : (options.guard ?? this.guardFor(contract.access));
    this.mounted.push({ contract, fullPath, guarded: guard !== undefined });
    const use = options.use ?? [];
    const after = options.after ?? [];
    // the answer is personal even when the guard refuses: marked before any other middleware of the route
    const chain: Middleware[] = !guard ? [...use, ...after] : use.length ? [markPersonal, ...use, guard, ...after] : [personalGuard(guard), ...after];
    const endpoint = async (ctx: AppContext): Promise<void> => {
      const input = {
        params: contract.params ? parseParams(contract, ctx.params) : undefined,
        query: contract.query ? parseInput(contract.query, ctx.query, 'query') : undefined,
        body: contract.body ? parseInput(contract.body, ctx.request.body, 'body') : undefined,
      } as RouteParsed<C>;
      const result: unknown = await handler(ctx, input);
      ctx.status = contract.status ?? (result === undefined ? 204 : 200);
      if (result !== undefined) sendJson(ctx, result);
    };
    const method = contract.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    // a read is tried again when the database client was briefly unreachable (transient-reads.ts)
    const handlers = method === 'get' ? [retryingReads([...chain, endpoint] as never)] : [...chain, endpoint];
    // koa-router's typings do not line up with our narrowed context; the runtime contract is plain Koa.
    (this.router[method] as (path: string, ...mw: unknown[]) => unknown)(fullPath, ...handlers);
    return this;
  }

  private guardFor(access: Exclude<RouteContract['access'], 'public'>): Middleware {
    if (!this.guards) throw new Error('ApiRouter: a guarded contract needs the access guards');
    if (access === 'user') return this.guards.requireUser;
    const key = [...access].sort().join(',');
    let guard = this.roleGuards.get(key);
    if (!guard) this.roleGuards.set(key, (guard = this.guards.requireRole(...access)));
    return guard;
  }
}

/**
 * A malformed id in the path names nothing that exists: 404 with the contract's `notFound` code
 * (COMPLAINT_NOT_FOUND, SHIFT_NOT_FOUND…), as an unknown id would. A param that is a value, not a
 * name (a year), is checked like a field: 400 VALIDATION_FAILED.
 */
function parseParams(contract: RouteContract, params: Record<string, string> | undefined): unknown {
  if (!contract.notFound) return parseInput(contract.params!, params, 'params');
  const result = (contract.params as z.ZodType).safeParse(params ?? {});
  if (result.success) return result.data;
  const first = String(result.error.issues[0]?.path[0] ?? '');
  const code = typeof contract.notFound === 'string' ? contract.notFound : (contract.notFound?.[first] ?? 'NOT_FOUND');
  throw new AppError(code, 404);
}

/**
 * A JSON answer with its type named outright: given an object, Koa looks the type up by name and
 * stringifies it later; the same bytes, without the lookup, on every answer. A Buffer or stream (a
 * photo, a certificate image) is left to Koa.
 */
function sendJson(ctx: AppContext, result: unknown): void {
  if (Buffer.isBuffer(result) || typeof (result as { pipe?: unknown }).pipe === 'function' || typeof result === 'string') {
    ctx.body = result;
    return;
  }
  ctx.set('Content-Type', 'application/json; charset=utf-8');
  ctx.body = JSON.stringify(result);
}
