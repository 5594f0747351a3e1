import { randomBytes } from 'node:crypto';
import { resetClock, setClock } from '../../src/platform/clock';
import { act, complaintBody, createCategory, fileComplaint, registeredResident, setUpWorld, type ComplaintWorld } from '../../src/modules/complaints/complaint-test-kit';
import { startTestServer, type TestServer } from '../http';

/**
 * OWASP API1 (broken object level authorization), issue 8 item 1: following a complaint is allowed
 * only under the rule the duplicate offer uses (same category, within 50 m, within 7 days, still
 * open), and gives the public view only; an id however found opens nothing more.
 */
let server: TestServer;
let world: ComplaintWorld;
beforeAll(async () => {
  server = await startTestServer('hostile-api1');
  world = await setUpWorld(server);
});
afterEach(() => resetClock());
afterAll(() => server.close());

const HERE = { lat: 22.5431, lng: 114.0579 };
const EARTH_RADIUS_M = 6_371_008.8;
const metresNorth = (m: number) => ({ lat: HERE.lat + (m / EARTH_RADIUS_M) * (180 / Math.PI), lng: HERE.lng });
const MINUTE = 60_000;
const DAY = 86_400_000;
const SECRET_PHONE = '13912345678';
const DESCRIPTION = `楼道里的灯坏了，我家住502，电话${SECRET_PHONE}`;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-hostile-api1')]);

async function upload(token: string): Promise<string> {
  const res = await server.upload(token, PNG);
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const download = (token: string, id: string) => fetch(`${server.url}/api/v1/uploads/${id}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);

/** A complaint of a fresh category at HERE, with a photo and a phone number in its words. */
async function filedComplaint(label: string) {
  const categoryId = await createCategory(server);
  const filerName = `${label}-filer-${randomBytes(3).toString('hex')}`;
  const filer = await registeredResident(server, world, filerName);
  const photoId = await upload(filer);
  const res = await fileComplaint(server, filer, complaintBody(world, {
    categoryId, description: DESCRIPTION, photoIds: [photoId], location: { point: HERE, address: '莲花路1号3栋502' },
  }));
  expect(res.status).toBe(201);
  return { id: res.body.id as string, categoryId, filer, filerName, photoId };
}

const neighbour = (label: string) => registeredResident(server, world, `${label}-${randomBytes(3).toString('hex')}`);
const follow = (token: string, id: string, categoryId: string, at: { lat: number; lng: number }) =>
  server.call('POST', `/api/v1/complaints/${id}/follow`, { token, body: { categoryId, location: at } });

function expectNothingPrivate(body: unknown) {
  const text = JSON.stringify(body);
  for (const secret of [SECRET_PHONE, '502', '楼道里的灯坏了', '莲花路1号', String(HERE.lat) + ',', String(HERE.lng)]) {
    expect([secret, text.includes(secret)]).toEqual([secret, false]);
  }
}

describe('the follow rule, edge by edge', () => {
  it('when the follower states another category, then 404 and they are not following', async () => {
    const c = await filedComplaint('other-category');
    const token = await neighbour('other-category');
    const res = await follow(token, c.id, await createCategory(server), HERE);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('COMPLAINT_NOT_FOUND');
    expect((await server.call('GET', `/api/v1/complaints/${c.id}`, { token })).status).toBe(404);
  });

  it('when the follower stands 51 m away, then 404; at 49 m, then they follow', async () => {
    const c = await filedComplaint('distance');
    const token = await neighbour('distance');
    expect((await follow(token, c.id, c.categoryId, metresNorth(51))).status).toBe(404);
    const near = await follow(token, c.id, c.categoryId, metresNorth(49));
    expect(near.status).toBe(200);
    expect(near.body.viewerFollows).toBe(true);
  });

  it('when the complaint was filed 7 days and 1 minute ago, then 404; 7 days less a minute, then they follow', async () => {
    const filedAt = Date.now();
    setClock(() => filedAt);
    const c = await filedComplaint('window');
    const name = `window-${randomBytes(3).toString('hex')}`;
    await registeredResident(server, world, name);
    setClock(() => filedAt + 7 * DAY + MINUTE);
    const late = (await server.login(name)).accessToken;
    expect((await follow(late, c.id, c.categoryId, HERE)).status).toBe(404);
    setClock(() => filedAt + 7 * DAY - MINUTE);
    const inTime = (await server.login(name)).accessToken;
    expect((await follow(inTime, c.id, c.categoryId, HERE)).status).toBe(200);
  });

  it('when the complaint is no longer open (rejected), then 404', async () => {
    const c = await filedComplaint('closed');
    await act(server, world.dispatcher, c.id, 'reject', { reason: '不属于受理范围' });
    const res = await follow(await neighbour('closed'), c.id, c.categoryId, HERE);
    expect(res.status).toBe(404);
  });

  it('when the resident already follows it, then 409 ALREADY_FOLLOWING and they are listed once', async () => {
    const c = await filedComplaint('twice');
    const token = await neighbour('twice');
    expect((await follow(token, c.id, c.categoryId, HERE)).status).toBe(200);
    const again = await follow(token, c.id, c.categoryId, HERE);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_FOLLOWING');
    const doc = (await server.rawDocuments('complaints')).find((d) => String(d._id) === c.id)!;
    expect((doc.followerIds as unknown[]).length).toBe(1);
  });

  it('when the resident tries to follow their own complaint, then 409 OWN_COMPLAINT', async () => {
    const c = await filedComplaint('own');
    const res = await follow(c.filer, c.id, c.categoryId, HERE);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('OWN_COMPLAINT');
  });

  it('when the body is missing (the old call), then 400 and nothing is followed', async () => {
    const c = await filedComplaint('no-body');
    const token = await neighbour('no-body');
    expect((await server.call('POST', `/api/v1/complaints/${c.id}/follow`, { token })).status).toBe(400);
    expect((await server.call('GET', `/api/v1/complaints/${c.id}`, { token })).status).toBe(404);
  });
});

describe('ids however found', () => {
  it('when the id is taken from GET /complaints/similar, then the list carries no words or address, and following it gives the public view only, and the photo answers 404', async () => {
    const c = await filedComplaint('similar');
    // The filer's answer names where things stand now; the staff note with a phone stays private.
    await act(server, world.dispatcher, c.id, 'accept', { note: `已联系居民${SECRET_PHONE}` });
    const token = await neighbour('similar');
    const similar = await server.call('GET', `/api/v1/complaints/similar?categoryId=${c.categoryId}&lat=${HERE.lat}&lng=${HERE.lng}`, { token });
    expect(similar.body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    expect(similar.body.items[0]).toMatchObject({ summary: '', address: '', categoryName: '路灯故障', state: 'accepted' });
    expectNothingPrivate(similar.body);

    const followed = await follow(token, c.id, c.categoryId, metresNorth(10));
    expect(followed.status).toBe(200);
    const view = await server.call('GET', `/api/v1/complaints/${c.id}`, { token });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      viewerFollows: true, description: '', photoIds: [], resident: null, allowedActions: [], state: 'accepted',
      location: { point: { lat: 22.543, lng: 114.058 }, address: '' },
    });
    expect(view.body.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept']);
    expect(view.body.timeline.every((e: { note?: string }) => e.note === undefined)).toBe(true);
    expectNothingPrivate(view.body);
    expectNothingPrivate((await server.call('GET', '/api/v1/complaints/mine', { token })).body);

    expect(await download(token, c.photoId)).toBe(404);
    expect(await download(c.filer, c.photoId)).toBe(200);
    // the filer still reads everything
    const own = await server.call('GET', `/api/v1/complaints/${c.id}`, { token: c.filer });
    expect(own.body).toMatchObject({ description: DESCRIPTION, photoIds: [c.photoId] });
    expect(own.body.viewerFollows).toBeUndefined();
  });

  it('when the id is an ObjectId neighbour of the caller\'s own complaint, then following, reading and the photo all answer 404', async () => {
    const c = await filedComplaint('neighbour-id');
    const attacker = await neighbour('neighbour-id');
    const mine = await fileComplaint(server, attacker, complaintBody(world, { location: { point: { lat: 22.6, lng: 114.1 }, address: '别处' } }));
    expect(mine.status).toBe(201);
    // Ids of one process count up: try the ones around the attacker's own, the victim's among them.
    const base = BigInt(`0x${mine.body.id as string}`);
    const around = [-3n, -2n, -1n, 1n, 2n, 3n].map((d) => (base + d).toString(16).padStart(24, '0'));
    const guesses = [...new Set([...around, c.id])].filter((id) => id !== mine.body.id);
    for (const id of guesses) {
      expect([id, (await follow(attacker, id, world.categoryId, { lat: 22.6, lng: 114.1 })).status]).toEqual([id, 404]);
      expect([id, (await server.call('GET', `/api/v1/complaints/${id}`, { token: attacker })).status]).toEqual([id, 404]);
    }
    expect(await download(attacker, c.photoId)).toBe(404);
  });

  it('when the follower states the right category but stands 20 km away, then 404', async () => {
    const c = await filedComplaint('far');
    const token = await neighbour('far');
    const res = await follow(token, c.id, c.categoryId, metresNorth(20_000));
    expect(res.status).toBe(404);
    expect(await download(token, c.photoId)).toBe(404);
    expectNothingPrivate(res.body);
  });
});
