import { startTestServer, type TestServer } from '../../../../test/http';
import { advanceClock, resetClock } from '../../../platform/clock';
import { VERIFY_RATE_LIMIT } from './certificate.routes';
import { setUpVolunteerWorld, volunteer, type VolunteerWorld } from '../volunteer-test-kit';

let server: TestServer;
let world: VolunteerWorld;
beforeAll(async () => {
  server = await startTestServer('vol_certificates');
  world = await setUpVolunteerWorld(server);
});
afterAll(async () => {
  resetClock();
  await server.close();
});
afterEach(() => resetClock());

const verify = (number: string) => server.call('GET', `/api/v1/volunteer-certificates/${number}`);
const guessed = (i: number) => `GZC20260101${String(i).padStart(8, '0')}`;

describe('public certificate verification', () => {
  it('when one client checks more numbers than allowed in a window, then the next check gets 429 RATE_LIMITED whatever the number, until the window passes', async () => {
    const token = await volunteer(server, world, 'cert-rate');
    const issued = (await server.call('GET', '/api/v1/volunteers/me/certificate', { token })).body;
    expect((await verify(issued.number)).status).toBe(200);
    // a different number each time, as someone guessing would: one count for the whole route
    for (let i = 1; i < VERIFY_RATE_LIMIT.max; i++) expect((await verify(guessed(i))).status).toBe(404);
    const limited = await verify(guessed(VERIFY_RATE_LIMIT.max));
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await verify(issued.number)).status).toBe(429);
    // issuing is a signed-in route of its own and is not counted with verification
    expect((await server.call('GET', '/api/v1/volunteers/me/certificate', { token })).status).toBe(200);

    advanceClock(VERIFY_RATE_LIMIT.windowSeconds * 1000 + 1000);
    const later = await verify(issued.number);
    expect(later.status).toBe(200);
    expect(later.body.number).toBe(issued.number);
  });
});

describe('the issuer\'s person in charge and contact, kept per community', () => {
  const issuerPath = () => `/api/v1/volunteer-certificate-issuers/${world.communityId}`;
  const svgOf = (c: { image: string }) => Buffer.from(c.image.split(',')[1]!, 'base64').toString();

  it('when the community\'s staff set them, then certificates issued afterwards carry them in the record and the image; earlier ones keep what they said', async () => {
    const token = await volunteer(server, world, 'cert-issuer');
    const before = (await server.call('GET', '/api/v1/volunteers/me/certificate', { token })).body;
    expect(before).toMatchObject({ personInCharge: '志愿服务站站长', contact: '12345' });
    expect((await server.call('GET', issuerPath(), { token: world.staff })).body).toEqual({
      communityId: world.communityId, personInCharge: '志愿服务站站长', contact: '12345', updatedAt: null,
    });

    const set = await server.call('PUT', issuerPath(), { token: world.staff, body: { personInCharge: ' 李建国 ', contact: '0755-83201234' } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ communityId: world.communityId, personInCharge: '李建国', contact: '0755-83201234', updatedAt: expect.any(String) });
    expect((await server.call('GET', issuerPath(), { token: world.staff })).body).toEqual(set.body);

    const after = (await server.call('GET', '/api/v1/volunteers/me/certificate', { token })).body;
    expect(after).toMatchObject({ issuer: '莲花社区志愿服务站', personInCharge: '李建国', contact: '0755-83201234' });
    expect(svgOf(after)).toContain('负责人：李建国    联系方式：0755-83201234');
    const stored = await server.rawDocuments('volunteer_certificates');
    expect(stored.find((c) => c.number === after.number)).toMatchObject({ personInCharge: '李建国', contact: '0755-83201234' });
    expect(stored.find((c) => c.number === before.number)).toMatchObject({ personInCharge: '志愿服务站站长', contact: '12345' });

    const changed = await server.call('PUT', issuerPath(), { token: world.staff, body: { personInCharge: '志愿服务站站长助理', contact: '13800138000' } });
    expect(changed.status).toBe(200);
    expect((await server.call('GET', '/api/v1/volunteers/me/certificate', { token })).body).toMatchObject({ personInCharge: '志愿服务站站长助理', contact: '13800138000' });
    const audit = (await server.rawDocuments('audit_log')).filter((e) => e.action === 'volunteer_certificate_issuer.updated');
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ subjectType: 'community', subjectId: world.communityId });
    expect(JSON.stringify(audit)).not.toContain('李建国');
  });

  it('when anyone but the community\'s staff tries, or the body is not two plain fields of the right shape, then nothing is kept', async () => {
    const plain = await volunteer(server, world, 'cert-issuer-plain');
    for (const token of [world.otherStaff, plain]) {
      expect((await server.call('PUT', issuerPath(), { token, body: { personInCharge: '越权者', contact: '12345' } })).status).toBe(403);
      expect((await server.call('GET', issuerPath(), { token })).status).toBe(403);
    }
    expect((await server.call('PUT', issuerPath(), { body: { personInCharge: '匿名者', contact: '12345' } })).status).toBe(401);
    const bad = [
      { personInCharge: '李', contact: '12345' },
      { personInCharge: '李建国', contact: 'call me' },
      { personInCharge: '李建国', contact: '1234' },
      { personInCharge: '李建国' },
      { personInCharge: '李建国', contact: '12345', issuer: '别的单位' },
      { personInCharge: ['李建国'], contact: '12345' },
    ];
    for (const body of bad) {
      const res = await server.call('PUT', issuerPath(), { token: world.staff, body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await server.call('PUT', issuerPath(), { token: world.staff, body: { personInCharge: { $gt: '' }, contact: '12345' } })).body.error.code).toBe('FORBIDDEN_KEY');
    expect((await server.call('PUT', '/api/v1/volunteer-certificate-issuers/not-an-id', { token: world.staff, body: { personInCharge: '李建国', contact: '12345' } })).status).toBe(404);
    const kept = (await server.rawDocuments('volunteer_certificate_issuers')).map((d) => d.personInCharge);
    expect(kept).not.toEqual(expect.arrayContaining(['越权者']));
    expect(kept).not.toEqual(expect.arrayContaining(['匿名者']));
    expect(kept).not.toEqual(expect.arrayContaining(['李']));
  });
});
