import { randomBytes } from 'node:crypto';
import { act, complaintBody, fileComplaint, registeredResident, setUpWorld, type ComplaintWorld } from '../../src/modules/complaints/complaint-test-kit';
import { startTestServer, type TestServer } from '../http';

/**
 * OWASP API3 (broken object property level authorization), issue 8 item 2: the public Open311 feed
 * publishes only what the resident agreed to, with phone numbers and the like masked; staff notes
 * only when marked public; the point rounded to ~100 m unless the resident chose the exact one.
 */
let server: TestServer;
let world: ComplaintWorld;
let resident: string;
beforeAll(async () => {
  server = await startTestServer('hostile-api3');
  world = await setUpWorld(server);
  resident = await registeredResident(server, world, `api3-${randomBytes(3).toString('hex')}`);
});
afterAll(() => server.close());

const POINT = { lat: 22.543149, lng: 114.057912 };
const PHONE = '13612345678';
const ADDRESS = '莲花路1号3栋502';

async function file(over: Record<string, unknown> = {}) {
  const res = await fileComplaint(server, resident, complaintBody(world, {
    description: `路灯坏了好几天，有事请打${PHONE}找我`, location: { point: POINT, address: ADDRESS }, ...over,
  }));
  expect(res.status).toBe(201);
  return { id: res.body.id as string, number: res.body.number as string };
}

async function published(number: string) {
  const res = await server.call('GET', `/open311/v2/requests/${number}.json`);
  expect(res.status).toBe(200);
  return res.body[0];
}

describe('Open311 publishes only what the resident agreed to', () => {
  it('when the resident did not consent (the default), then no description, no address, and the point rounded to 3 decimals', async () => {
    const { number } = await file();
    const request = await published(number);
    expect(request).toMatchObject({ description: '', address: '', lat: 22.543, long: 114.058, service_notice: '已提交' });
    expect(JSON.stringify(request)).not.toContain(PHONE);
    const listed = await server.call('GET', `/open311/v2/requests.json?service_request_id=${number}`);
    expect(JSON.stringify(listed.body)).not.toContain(PHONE);
    expect(JSON.stringify(listed.body)).not.toContain('502');
  });

  it('when the resident consented, then the description and address are published with the phone masked, the point still rounded', async () => {
    const { number } = await file({ publicConsent: true });
    const request = await published(number);
    expect(request).toMatchObject({ description: '路灯坏了好几天，有事请打【已隐去手机号】找我', address: ADDRESS, lat: 22.543, long: 114.058 });
  });

  it('when the resident also chose the exact point, then the exact point is published', async () => {
    const { number } = await file({ publicConsent: true, publicExactPoint: true });
    expect(await published(number)).toMatchObject({ lat: POINT.lat, long: POINT.lng });
  });

  it('when the resident hid their identity from the unit, then neither the address nor the exact point is ever published', async () => {
    const { number } = await file({ publicConsent: true, publicExactPoint: true, showIdentityToUnit: false });
    const request = await published(number);
    expect(request).toMatchObject({ address: '', lat: 22.543, long: 114.058 });
    expect(request.description).toContain('【已隐去手机号】');
  });

  it('when the exact point is asked for without consent, then it is not published', async () => {
    const { number } = await file({ publicExactPoint: true });
    expect(await published(number)).toMatchObject({ lat: 22.543, long: 114.058, address: '' });
  });
});

describe('staff notes in status_notes', () => {
  it('when a staff note carries a phone and is not marked public, then status_notes never shows it', async () => {
    const { id, number } = await file();
    await act(server, world.dispatcher, id, 'accept', { note: `已电话联系居民 ${PHONE}` });
    expect((await published(number)).status_notes).toBeNull();
    await act(server, world.dispatcher, id, 'dispatch', { unitId: world.units.chengguan, note: `居民电话${PHONE}` });
    expect((await published(number)).status_notes).toBe('派至城管执法中队');
    await act(server, world.unitStaff, id, 'sign');
    await act(server, world.unitStaff, id, 'contact', { method: 'phone', note: `已电话联系居民 ${PHONE}` });
    const request = await published(number);
    expect(request.status_notes).toBe('已电话联系');
    expect(JSON.stringify(request)).not.toContain(PHONE);
    // the resident still reads the full note on their own timeline
    const own = await server.call('GET', `/api/v1/complaints/${id}`, { token: resident });
    expect(JSON.stringify(own.body.timeline)).toContain(PHONE);
  });

  it('when a staff note with a phone is marked public, then it is published masked', async () => {
    const { id, number } = await file();
    await act(server, world.dispatcher, id, 'accept', { note: `请拨打物业电话0755-88889999或${PHONE}`, public: true });
    expect((await published(number)).status_notes).toBe('请拨打物业电话【已隐去电话】或【已隐去手机号】');
  });

  it('when a public flag is sent on an action whose note is internal (return), then 400: internal notes cannot be published', async () => {
    const { id } = await file();
    await act(server, world.dispatcher, id, 'accept');
    await act(server, world.dispatcher, id, 'dispatch', { unitId: world.units.chengguan });
    const res = await server.call('POST', `/api/v1/staff/complaints/${id}/return`, { token: world.unitStaff, body: { reason: `不归我们管${PHONE}`, public: true } });
    expect(res.status).toBe(400);
  });
});
