import { z } from 'zod';
import type { ApiRouter, MountedRoute } from './api-router';

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
  for (const route of routers.flatMap((r) => r.mounted)) {
    const path = route.fullPath.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.contract.method.toLowerCase()]: operation(route) };
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

const propertiesOf = (schema: z.ZodType | undefined) =>
  schema ? ((jsonSchema(schema, 'input') as { properties?: Record<string, unknown> }).properties ?? {}) : {};

function operation({ contract: spec, guarded }: MountedRoute) {
  const status = String(spec.status ?? (spec.response || spec.raw ? 200 : 204));
  const pathProps = propertiesOf(spec.params);
  return {
    summary: spec.summary,
    ...(guarded ? { security: [{ bearer: [] }] } : {}),
    ...(Array.isArray(spec.access) ? { 'x-roles': spec.access } : {}),
    parameters: [
      ...Object.entries(propertiesOf(spec.query)).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
      ...[...spec.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: pathProps[m[1]!] ?? { type: 'string' } })),
    ],
    ...(spec.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } }
      : {}),
    responses: {
      [status]: spec.response
        ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } } }
        : spec.raw
          ? { description: 'OK', content: { [spec.raw === 'csv' ? 'text/csv' : 'image/*']: { schema: { type: 'string', format: 'binary' } } } }
          : { description: 'No content' },
      default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
  };
}
