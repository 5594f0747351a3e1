import { randomBytes } from 'node:crypto';
import { CURRENT_CONSENT_VERSION } from '@gongzhi/shared';
import { idNumberAged, phoneCode, phoneNumber } from '../../../test/people';
import { startTestServer, type TestServer } from '../../../test/http';
import { advanceClock, resetClock } from '../../platform/clock';
import { connectDatabase } from '../../platform/database';
import { Categories } from '../catalogue/category.model';
import { act, HOUR_DEADLINES, setUpWorld, type ComplaintWorld } from '../complaints/complaint-test-kit';
import { OPEN311_READ_LIMIT } from './open311.routes';

/**
 * Open311 GeoReport v2 (open311.org/GeoReport_v2) over the complaints: field names and types as the
 * spec lists them, errors as [{code, description}], and nothing that identifies the resident.
 */
let server: TestServer;
let world: ComplaintWorld;
let serviceCode: string;
const resident = { name: '欧阳明远', phone: phoneNumber(), idNumber: idNumberAged(41), token: '', userId: '' };

const SERVICE_FIELDS = { service_code: 'string', service_name: 'string', description: 'string', metadata: 'boolean', type: 'string', keywords: 'string', group: 'string' };
const REQUEST_FIELDS: Record<string, string | string[]> = {
  service_request_id: 'string', status: 'string', status_notes: ['string', 'null'], service_name: 'string', service_code: 'string',
  description: 'string', agency_responsible: ['string', 'null'], service_notice: 'string', requested_datetime: 'string',
  updated_datetime: 'string', expected_datetime: ['string', 'null'], address: 'string', lat: 'number', long: 'number',
};
const typeOf = (v: unknown) => (v === null ? 'null' : typeof v);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Every response body this file sees, to search for the resident's personal data at the end. */
const seen: string[] = [];
async function open311(method: string, path: string, opts: Parameters<TestServer['call']>[2] = {}) {
  const res = await server.call(method, `/open311/v2${path}`, opts);
  seen.push(JSON.stringify(res.body));
  return res;
}
function form(fields: Record<string, string>) {
  return { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}
function expectOpen311Error(res: { status: number; body: unknown }, status: number) {
  expect(res.status).toBe(status);
  expect(res.body).toEqual([{ code: status, description: expect.any(String) }]);
}

beforeAll(async () => {
  server = await startTestServer('open311');
  world = await setUpWorld(server);
  serviceCode = await createGroupWithCategory('市政设施', '路灯故障');
  const { accessToken, user } = await server.login(`open311-${randomBytes(3).toString('hex')}`);
  const registered = await server.call('POST', '/api/v1/me/real-name', {
    token: accessToken,
    body: { name: resident.name, idNumber: resident.idNumber, phoneCode: phoneCode(resident.phone), communityId: world.communityId, consentVersion: CURRENT_CONSENT_VERSION },
  });
  expect(registered.status).toBe(200);
  Object.assign(resident, { token: accessToken, userId: user.id });
});
afterAll(async () => {
  await server.close();
});

/** A group with one category under it, plus a switched-off category that must not be offered. */
async function createGroupWithCategory(groupName: string, name: string): Promise<string> {
  const conn = await connectDatabase(server.mongoUri);
  try {
    const tag = randomBytes(3).toString('hex');
    const base = { urgency: 'general' as const, admission: { accepted: true }, unitByCommunity: [], deadlines: HOUR_DEADLINES, updatedAt: new Date() };
    const group = await Categories(conn).create({ ...base, code: `g-${tag}`, name: groupName, active: true });
    await Categories(conn).create({ ...base, code: `c-${tag}`, name, parentId: group._id, active: true });
    await Categories(conn).create({ ...base, code: `off-${tag}`, name: '已停用类别', parentId: group._id, active: false });
    return `c-${tag}`;
  } finally {
    await conn.close();
  }
}

async function fileByForm(fields: Record<string, string> = {}) {
  const res = await open311('POST', '/requests.json', form({
    api_key: resident.token, service_code: serviceCode, lat: '22.5431', long: '114.0579',
    address_string: '莲花路1号小区门口', description: '小区门口的路灯坏了好几天，晚上很黑', ...fields,
  }));
  expect(res.status).toBe(200);
  return res.body[0].service_request_id as string;
}

describe('GET services.json', () => {
  it('when listed, then each active category is a service with the spec fields and its group, and groups or switched-off ones are not', async () => {
    const res = await open311('GET', '/services.json');
    expect(res.status).toBe(200);
    for (const service of res.body) {
      expect(Object.keys(service).sort()).toEqual(Object.keys(SERVICE_FIELDS).sort());
      for (const [field, type] of Object.entries(SERVICE_FIELDS)) expect([field, typeOf(service[field])]).toEqual([field, type]);
      expect(service).toMatchObject({ metadata: false, type: 'realtime' });
    }
    const codes = res.body.map((s: { service_code: string }) => s.service_code);
    expect(res.body.find((s: { service_code: string }) => s.service_code === serviceCode)).toMatchObject({ service_name: '路灯故障', group: '市政设施' });
    expect(codes).not.toContain(serviceCode.replace('c-', 'g-'));
    expect(codes).not.toContain(serviceCode.replace('c-', 'off-'));
  });
});

describe('POST requests.json', () => {
  it('when a resident posts form-encoded fields with api_key, then the complaint is filed and answered as [{service_request_id, service_notice, account_id: null}]', async () => {
    const res = await open311('POST', '/requests.json', form({
      api_key: resident.token, service_code: serviceCode, lat: '22.5431', long: '114.0579', address_string: '莲花路2号',
      description: '路灯不亮已经三天了', email: 'someone@example.com', first_name: '冒名', media_url: 'http://example.com/x.jpg',
    }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ service_request_id: expect.stringMatching(/^GZ\d{14}$/), service_notice: '已提交', account_id: null }]);
    const mine = await server.call('GET', '/api/v1/complaints/mine', { token: resident.token });
    expect(mine.body.items[0]).toMatchObject({ number: res.body[0].service_request_id, state: 'submitted', address: '莲花路2号' });
    const stored = (await server.rawDocuments('complaints')).find((c) => c.number === res.body[0].service_request_id)!;
    expect(JSON.stringify(stored)).not.toContain('someone@example.com');
    expect(JSON.stringify(stored)).not.toContain('冒名');
  });

  it('when posted as JSON with the access token as a Bearer header, then it is filed too', async () => {
    const res = await open311('POST', '/requests.json', {
      token: resident.token,
      body: { service_code: serviceCode, lat: 22.5431, long: 114.0579, description: '井盖松动，踩上去会响' },
    });
    expect(res.status).toBe(200);
    const [one] = (await open311('GET', `/requests/${res.body[0].service_request_id}.json`)).body;
    // filed without the resident's consent to publish (GeoReport has no such field): the ~100 m area only
    expect(one).toMatchObject({ address: '', description: '', lat: 22.543, long: 114.058 });
  });

  it('when the api_key is missing or forged, then 401 in the Open311 error shape', async () => {
    const fields = { service_code: serviceCode, lat: '22.5', long: '114.0', description: '路灯坏了好几天' };
    expectOpen311Error(await open311('POST', '/requests.json', form(fields)), 401);
    expectOpen311Error(await open311('POST', '/requests.json', form({ ...fields, api_key: 'not.a.token' })), 401);
  });

  it('when the resident has not registered their real name, then 403', async () => {
    const { accessToken } = await server.login(`open311-anon-${randomBytes(3).toString('hex')}`);
    const res = await open311('POST', '/requests.json', form({ api_key: accessToken, service_code: serviceCode, lat: '22.5', long: '114.0', description: '路灯坏了好几天' }));
    expectOpen311Error(res, 403);
  });

  it('when the service_code is unknown, a group or switched off, or lat is out of range, then 400 in the Open311 error shape', async () => {
    for (const service_code of ['no-such-service', serviceCode.replace('c-', 'g-'), serviceCode.replace('c-', 'off-')]) {
      const res = await open311('POST', '/requests.json', form({ api_key: resident.token, service_code, lat: '22.5', long: '114.0', description: '路灯坏了好几天' }));
      expectOpen311Error(res, 400);
      expect(res.body[0].description).toContain('service_code');
    }
    expectOpen311Error(await open311('POST', '/requests.json', form({ api_key: resident.token, service_code: serviceCode, lat: '91', long: '114.0', description: '路灯坏了好几天' })), 400);
  });

  it('when a form-encoded body is posted to a route outside Open311, then it is still refused with 415', async () => {
    const res = await server.call('POST', '/api/v1/complaints', { token: resident.token, ...form({ categoryId: world.categoryId }) });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('GET requests/{id}.json and requests.json', () => {
  it('when a request has been dispatched, then its one-element array carries every spec field with its type, the unit and the last public note', async () => {
    const number = await fileByForm();
    const id = (await server.call('GET', '/api/v1/complaints/mine', { token: resident.token })).body.items.find((c: { number: string }) => c.number === number).id;
    await act(server, world.dispatcher, id, 'accept', { note: '已受理' });
    await act(server, world.dispatcher, id, 'dispatch', { unitId: world.units.chengguan, note: '请尽快处理', public: true });
    await act(server, world.unitStaff, id, 'return', { reason: '内部退单理由' });

    const res = await open311('GET', `/requests/${number}.json`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    const [request] = res.body;
    expect(Object.keys(request).sort()).toEqual(Object.keys(REQUEST_FIELDS).sort());
    for (const [field, type] of Object.entries(REQUEST_FIELDS)) expect([field, [type].flat()]).toEqual([field, expect.arrayContaining([typeOf(request[field])])]);
    for (const field of ['requested_datetime', 'updated_datetime']) expect(request[field]).toMatch(ISO);
    expect(request).toMatchObject({
      service_request_id: number, status: 'open', service_code: serviceCode, service_name: '路灯故障', service_notice: '已退单',
      agency_responsible: '城管执法中队', status_notes: '派至城管执法中队；请尽快处理', address: '', description: '', lat: 22.543, long: 114.058,
    });
    expect(request.expected_datetime).toMatch(ISO);
    expect(request).not.toHaveProperty('media_url');
  });

  it('when a request is rejected, then it is closed and its notes carry the reason', async () => {
    const number = await fileByForm({ description: '楼上邻居装修噪音太大了' });
    const id = (await server.call('GET', '/api/v1/complaints/mine', { token: resident.token })).body.items.find((c: { number: string }) => c.number === number).id;
    await act(server, world.dispatcher, id, 'reject', { reason: '不属于受理范围', referral: '请联系物业', public: true });
    const [request] = (await open311('GET', `/requests/${number}.json`)).body;
    expect(request).toMatchObject({ status: 'closed', status_notes: '不属于受理范围；请联系物业', agency_responsible: null, expected_datetime: null });

    const closed = await open311('GET', `/requests.json?status=closed&service_code=${serviceCode}`);
    expect(closed.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([number]);
    const open = await open311('GET', `/requests.json?status=open&service_code=${serviceCode}`);
    expect(open.body.length).toBeGreaterThan(0);
    expect(open.body.every((r: { status: string }) => r.status === 'open')).toBe(true);
  });

  it('when listed by ids, dates or service, then only those come back, newest first', async () => {
    const first = await fileByForm();
    const second = await fileByForm();
    const both = await open311('GET', `/requests.json?service_request_id=${first},${second},GZ20000101000000`);
    expect(both.body.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([first, second].sort());

    const all = await open311('GET', '/requests.json');
    const times = all.body.map((r: { requested_datetime: string }) => r.requested_datetime);
    expect(times).toEqual([...times].sort().reverse());
    expect(all.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(expect.arrayContaining([first, second]));

    const past = await open311('GET', '/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00%2B08:00');
    expect(past.body).toEqual([]);
    const byService = await open311('GET', `/requests.json?service_code=${serviceCode}`);
    expect(byService.body.every((r: { service_code: string }) => r.service_code === serviceCode)).toBe(true);
  });

  it('when the service_code, a date or an id is out of range, or the request does not exist, then the Open311 error shape with 400 or 404', async () => {
    expectOpen311Error(await open311('GET', '/requests.json?service_code=no-such-service'), 400);
    expectOpen311Error(await open311('GET', '/requests.json?start_date=yesterday'), 400);
    expectOpen311Error(await open311('GET', '/requests.json?status=pending'), 400);
    expectOpen311Error(await open311('GET', '/requests.json?service_request_id=1;drop'), 400);
    expectOpen311Error(await open311('GET', '/requests/GZ20000101000000.json'), 404);
    expectOpen311Error(await open311('GET', '/nothing-here.json'), 404);
  });
});

describe('public reads', () => {
  it('when one client reads more than allowed in a minute, across routes and parameters, then 429 in the Open311 error shape, until the window passes', async () => {
    advanceClock(OPEN311_READ_LIMIT.windowSeconds * 1000); // a fresh window: the reads above do not count
    try {
      for (let i = 0; i < OPEN311_READ_LIMIT.max; i++) {
        const path = ['/services.json', '/requests.json', `/requests/GZ20260101${String(i).padStart(6, '0')}.json`][i % 3]!;
        expect([200, 404]).toContain((await server.call('GET', `/open311/v2${path}`)).status);
      }
      const limited = await server.call('GET', '/open311/v2/requests.json?status=open');
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual([{ code: 429, description: expect.any(String) }]);
      expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      advanceClock(OPEN311_READ_LIMIT.windowSeconds * 1000);
      expect((await server.call('GET', '/open311/v2/services.json')).status).toBe(200);
    } finally {
      resetClock();
    }
  });
});

describe('personal data', () => {
  it('when every Open311 answer of this file is searched, then the resident’s name, phone, ID number, user id and openid appear in none', async () => {
    // Runs last: `seen` holds every body above, the lists included.
    expect(seen.length).toBeGreaterThan(15);
    const text = seen.join('\n');
    const openid = (await server.rawDocuments('users')).find((u) => String(u._id) === resident.userId)!.openid as string;
    for (const secret of [resident.name, resident.phone, resident.phone.slice(-4) + '"', resident.idNumber, resident.idNumber.slice(-6), resident.userId, openid]) {
      expect([secret, text.includes(secret)]).toEqual([secret, false]);
    }
  });
});
