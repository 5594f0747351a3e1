import type { Connection } from 'mongoose';
import { z } from 'zod';
import { ApiRouter } from './api-router';
import { AppError } from './errors';

const Health = z.object({ status: z.literal('ok') });

/** /healthz: the process answers. /readyz: it can also reach the database (for load balancers). */
export function healthRoutes(conn: Connection): ApiRouter {
  return new ApiRouter('')
    .route({ method: 'get', path: '/healthz', summary: '进程存活检查', response: Health }, async () => ({ status: 'ok' as const }))
    .route({ method: 'get', path: '/readyz', summary: '数据库可用检查', response: Health }, async () => {
      try {
        if (!conn.db) throw new Error('not connected');
        await conn.db.admin().ping();
      } catch (err) {
        throw new AppError('NOT_READY', 503, undefined, { cause: err });
      }
      return { status: 'ok' as const };
    });
}
