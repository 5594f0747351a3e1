import type { Connection } from 'mongoose';
import { serviceApi } from '@gongzhi/shared';
import { ApiRouter } from './api-router';
import { AppError } from './errors';

const READY_TIMEOUT_MS = 1000;

/** /healthz: the process answers. /readyz: it can also reach the database (for load balancers). */
export function healthRoutes(conn: Connection): ApiRouter {
  return new ApiRouter()
    .mount(serviceApi.health, async () => ({ status: 'ok' as const }))
    .mount(serviceApi.ready, async () => {
      try {
        if (!conn.db) throw new Error('not connected');
        // A ping waits out server selection (5 s) while the database is down: a load balancer wants a 503 now.
        await conn.db.admin().ping({ timeoutMS: READY_TIMEOUT_MS });
      } catch (err) {
        throw new AppError('NOT_READY', 503, undefined, { cause: err });
      }
      return { status: 'ok' as const };
    });
}
