import { z } from 'zod';
import { defineRoute } from './contract';

const Health = z.object({ status: z.literal('ok') });

/** The service itself, outside the API's base: liveness, readiness (for load balancers) and this document. */
export const serviceApi = {
  health: defineRoute({ method: 'GET', base: '', path: '/healthz', summary: '进程存活检查', access: 'public', response: Health }),
  ready: defineRoute({ method: 'GET', base: '', path: '/readyz', summary: '数据库可用检查', access: 'public', response: Health }),
  openapi: defineRoute({ method: 'GET', base: '', path: '/openapi.json', summary: 'OpenAPI 文档', access: 'public', response: z.record(z.string(), z.unknown()) }),
};
