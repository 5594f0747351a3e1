import type { AppContext, Next } from './context';
import { AppError } from './errors';

/**
 * Keys with "$" or "." are how operator injection ({"code": {"$gt": ""}}) and path tricks reach a
 * MongoDB filter or update. No Gongzhi payload needs them, so any request carrying one, at any
 * depth of the query or body, is refused before a handler sees it. ("$" anywhere in a key, not
 * only at the start, also catches bracket forms such as ?cursor[$gt]= that other parsers expand.)
 */
export async function refuseForbiddenKeys(ctx: AppContext, next: Next): Promise<void> {
  // most requests carry no query string and no body: nothing to look through
  const found = (ctx.querystring === '' ? undefined : findForbiddenKey(ctx.query, 'query')) ?? findForbiddenKey(ctx.request.body, 'body');
  if (found) throw new AppError('FORBIDDEN_KEY', 400, [{ path: found, message: '字段名不能包含 $ 或 .' }]);
  await next();
}

export function findForbiddenKey(value: unknown, at: string, depth = 0): string | undefined {
  if (depth > 32) return at; // deeper than any real payload: refuse rather than recurse without end
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbiddenKey(value[i], `${at}.${i}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('$') || key.includes('.')) return `${at}.${key}`;
    const found = findForbiddenKey(inner, `${at}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}
