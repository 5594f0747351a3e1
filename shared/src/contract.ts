import type { z } from 'zod';
import type { ErrorCode } from './errors';
import type { Role } from './identity';

/**
 * One route contract per endpoint: the BFF mounts it (validating path params, query and body, and
 * feeding /openapi.json) and the mini-program calls it through one typed client, so a path, a body or
 * an answer is written once. Contracts live in `<domain>.api.ts`.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Who may call: anyone, any signed-in person, or a signed-in person holding one of these roles. */
export type Access = 'public' | 'user' | readonly Role[];

export interface RouteContract {
  method: HttpMethod;
  /** below the API's base (`/api/v1` unless `base` says otherwise), with `:name` path params */
  path: string;
  /** another base, e.g. the Open311 API */
  base?: string;
  summary: string;
  access: Access;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** the JSON answer; absent for 204 routes and for answers that are not JSON (`raw`) */
  response?: z.ZodType;
  /** success status; 204 routes return nothing */
  status?: number;
  /** the code a malformed path param answers with (404: the thing does not exist), or one per param */
  notFound?: ErrorCode | Readonly<Record<string, ErrorCode>>;
  /** the answer is bytes, not JSON: a photo, a CSV file */
  raw?: 'image' | 'csv' | 'text';
}

export const API_BASE = '/api/v1';

export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract;
}


type Field<C, K extends keyof RouteContract> = C extends { [P in K]: infer S extends z.ZodType } ? S : undefined;

/** What a caller gives: path params, query and body, each only when the contract has one. */
export type RouteInput<C extends RouteContract> = (Field<C, 'params'> extends z.ZodType
  ? { params: z.input<Field<C, 'params'>> }
  : { params?: never }) &
  (Field<C, 'query'> extends z.ZodType ? { query?: z.input<Field<C, 'query'>> } : { query?: never }) &
  (Field<C, 'body'> extends z.ZodType ? { body: z.input<Field<C, 'body'>> } : { body?: never });

/** What the handler returns and the caller receives. */
export type RouteOutput<C extends RouteContract> = Field<C, 'response'> extends z.ZodType ? z.output<Field<C, 'response'>> : void;

/** What the BFF's handler is given, after validation. */
export type RouteParsed<C extends RouteContract> = {
  params: Field<C, 'params'> extends z.ZodType ? z.output<Field<C, 'params'>> : undefined;
  query: Field<C, 'query'> extends z.ZodType ? z.output<Field<C, 'query'>> : undefined;
  body: Field<C, 'body'> extends z.ZodType ? z.output<Field<C, 'body'>> : undefined;
};

/** The path with its params filled in (each encoded); a missing param is a programming error. */
export function pathOf(contract: Pick<RouteContract, 'path'>, params?: Record<string, string | number>): string {
  return contract.path.replace(/:(\w+)/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`path param ${name} missing for ${contract.path}`);
    return encodeURIComponent(String(value));
  });
}
