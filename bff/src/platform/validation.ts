import type { z } from 'zod';
import { AppError } from './errors';

export interface FieldProblem {
  path: string;
  message: string;
}

/** Parses input with a shared zod schema; a failure is a 400 VALIDATION_FAILED naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems: FieldProblem[] = result.error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const at = [where, ...issue.path.map(String)].join('.');
    return { path: keys.length ? keys.map((k) => `${at}.${k}`).join(',') : at, message: issue.message };
  });
  throw new AppError('VALIDATION_FAILED', 400, problems);
}
