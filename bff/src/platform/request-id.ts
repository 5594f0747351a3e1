import { randomUUID } from 'node:crypto';
import type { AppContext } from './context';

const INCOMING_ID = /^[\w-]{8,64}$/;

/** Keeps a well-formed X-Request-Id from a proxy so logs join up across hops; otherwise makes one. */
export async function assignRequestId(ctx: AppContext, next: () => Promise<unknown>): Promise<void> {
  const incoming = ctx.get('x-request-id');
  ctx.state.requestId = INCOMING_ID.test(incoming) ? incoming : randomUUID();
  ctx.set('X-Request-Id', ctx.state.requestId);
  await next();
}
