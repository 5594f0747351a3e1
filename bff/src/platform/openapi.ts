import { z } from 'zod';
import type { ApiRouter, RouteSpec } from './api-router';

const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  }),
});

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });

/** The OpenAPI 3 document generated from the routes' own zod schemas, so it cannot drift. */
export function openApiDocument(routers: ApiRouter[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routers.flatMap((r) => r.specs)) {
    const path = spec.fullPath.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [spec.method]: operation(spec) };
  }
  return {
    openapi: '3.0.3',
    info,
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: jsonSchema(ErrorResponse, 'output') },
    },
  };
}

function operation(spec: RouteSpec) {
  const status = String(spec.status ?? (spec.response ? 200 : 204));
  const queryProps = spec.query ? ((jsonSchema(spec.query, 'input') as { properties?: Record<string, unknown> }).properties ?? {}) : {};
  return {
    summary: spec.summary,
    ...(spec.guard ? { security: [{ bearer: [] }] } : {}),
    parameters: [
      ...Object.entries(queryProps).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
      ...[...spec.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
    ],
    ...(spec.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } }
      : {}),
    responses: {
      [status]: spec.response
        ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } } }
        : { description: 'No content' },
      default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
  };
}
