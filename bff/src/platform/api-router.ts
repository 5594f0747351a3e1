import Router from '@koa/router';
import type { z } from 'zod';
import type { AppContext, AppState, Next } from './context';
import { markPersonal, personalGuard } from './no-store';
import { parseInput } from './validation';

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.infer<S> : undefined;
export type Middleware = (ctx: AppContext, next: Next) => Promise<unknown>;

/** What a route accepts and returns: the same zod contract drives validation and /openapi.json. */
export interface RouteSpec<B extends Schema = Schema, Q extends Schema = Schema> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  body?: B;
  query?: Q;
  response?: z.ZodType;
  /** success status; 204 routes return nothing */
  status?: number;
  /** who may call it (requireUser / requireRole); listed as bearer-secured in the document */
  guard?: Middleware;
  /** other middleware before the guard, e.g. a rate limit */
  use?: Middleware[];
}

export type Handler<B extends Schema, Q extends Schema> = (
  ctx: AppContext,
  input: { body: Parsed<B>; query: Parsed<Q> },
) => Promise<unknown>;

export class ApiRouter {
  readonly router: Router<AppState>;
  readonly specs: Array<RouteSpec & { fullPath: string }> = [];

  constructor(readonly prefix: string) {
    this.router = new Router<AppState>({ prefix });
  }

  route<B extends Schema = undefined, Q extends Schema = undefined>(spec: RouteSpec<B, Q>, handler: Handler<B, Q>): this {
    this.specs.push({ ...spec, fullPath: this.prefix + spec.path });
    // the answer is personal even when the guard refuses: marked before any other middleware of the route
    const use = spec.use ?? [];
    const chain: Middleware[] = !spec.guard ? use : use.length ? [markPersonal, ...use, spec.guard] : [personalGuard(spec.guard)];
    const endpoint = async (ctx: AppContext): Promise<void> => {
      const input = {
        body: (spec.body ? parseInput(spec.body, ctx.request.body, 'body') : undefined) as Parsed<B>,
        query: (spec.query ? parseInput(spec.query, ctx.query, 'query') : undefined) as Parsed<Q>,
      };
      const result = await handler(ctx, input);
      ctx.status = spec.status ?? (result === undefined ? 204 : 200);
      if (result !== undefined) sendJson(ctx, result);
    };
    // koa-router's typings do not line up with our narrowed context; the runtime contract is plain Koa.
    (this.router[spec.method] as (path: string, ...mw: unknown[]) => unknown)(spec.path, ...chain, endpoint);
    return this;
  }
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
