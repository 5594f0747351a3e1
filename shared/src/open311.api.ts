import { z } from 'zod';
import { defineRoute } from './contract';

export const OPEN311_BASE = '/open311/v2';

/**
 * GeoReport v2 shapes (open311.org/GeoReport_v2). Every field is chosen here one by one, so nothing
 * about the resident (id, name, phone, followers) can slip through: the record's residentId,
 * followerIds and events' actorIds are simply never read, and their words only as they agreed.
 */
export const Open311Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});
export type Open311Service = z.infer<typeof Open311Service>;

export const Open311Request = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string().nullable(),
  description: z.string(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string(),
  lat: z.number(),
  long: z.number(),
});
export type Open311Request = z.infer<typeof Open311Request>;

export const Open311Created = z.object({ service_request_id: z.string(), service_notice: z.string(), account_id: z.null() });

const isoDate = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), '日期须为 ISO 8601 格式')
  .transform((s) => new Date(s));

/** Unknown parameters (jurisdiction_id, api_key on a read…) are ignored, as GeoReport v2 clients send them freely. */
export const Open311RequestsQuery = z.object({
  service_request_id: z
    .string()
    .max(20_000)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^GZ\d{14}$/, '诉求编号格式不正确')))
    .optional(),
  service_code: z.string().min(1).max(40).optional(),
  start_date: isoDate.optional(),
  end_date: isoDate.optional(),
  status: z.enum(['open', 'closed']).optional(),
});

/**
 * GeoReport v2 POST fields we use. Personal fields the spec allows (email, first_name, last_name,
 * phone, device_id) are dropped unread: the resident's identity comes from their real-name record.
 * media_url is ignored (photos go through the mini-program's upload).
 */
export const Open311CreateBody = z.object({
  service_code: z.string().min(1).max(40),
  lat: z.coerce.number().min(-90).max(90),
  long: z.coerce.number().min(-180).max(180),
  address_string: z.string().trim().min(2).max(200).optional(),
  description: z.string().max(4000),
});

export type Open311RequestsQuery = z.output<typeof Open311RequestsQuery>;
export type Open311CreateBody = z.output<typeof Open311CreateBody>;

/**
 * The street's complaints as a GeoReport v2 endpoint for outside systems. The reads are public and
 * counted per client; filing takes the resident's access token as `api_key` (or a Bearer header).
 */
export const open311Api = {
  services: defineRoute({
    method: 'GET', base: OPEN311_BASE, path: '/services.json', summary: 'Open311：服务类别（诉求类别）', access: 'public', response: z.array(Open311Service),
  }),
  requests: defineRoute({
    method: 'GET', base: OPEN311_BASE, path: '/requests.json', summary: 'Open311：诉求列表（默认近90天，最多1000条，不含个人信息）', access: 'public',
    query: Open311RequestsQuery, response: z.array(Open311Request),
  }),
  request: defineRoute({
    method: 'GET', base: OPEN311_BASE, path: '/requests/:id.json', summary: 'Open311：单个诉求（编号）', access: 'public',
    params: z.object({ id: z.string().regex(/^GZ\d{14}$/) }), notFound: 'COMPLAINT_NOT_FOUND', response: z.array(Open311Request),
  }),
  file: defineRoute({
    method: 'POST', base: OPEN311_BASE, path: '/requests.json', summary: 'Open311：提交诉求（api_key 为居民的访问令牌，需实名）', access: 'user',
    body: Open311CreateBody, response: z.array(Open311Created),
  }),
};
