import { z } from 'zod';

/**
 * Ids in paths: the 24 hex digits of a database id, and nothing else reaches a service. Apart from
 * `contract.ts`, which the mini-program's client reads at run time and which therefore holds no schema.
 */
export const IdParam = z.string().regex(/^[0-9a-f]{24}$/, '编号格式不正确');
export const IdParams = z.object({ id: IdParam });
