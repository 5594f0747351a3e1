/**
 * OWASP API4:2023 Unrestricted Resource Consumption, tried as an attacker would (issue 8, items 3–4):
 * resetting rate limits with a spoofed X-Forwarded-For, uploading without real-name registration,
 * and getting past the per-person upload rate and daily quota.
 */
import { randomBytes } from 'node:crypto';
import { advanceClock, resetClock } from '../../src/platform/clock';
import { OPEN311_READ_LIMIT } from '../../src/modules/open311/open311.routes';
import { VERIFY_RATE_LIMIT } from '../../src/modules/volunteers/certificates/certificate.routes';
import { registeredResident, setUpWorld, type ComplaintWorld } from '../../src/modules/complaints/complaint-test-kit';
import { startTestServer, type TestServer } from '../http';

afterEach(() => resetClock());

describe('API4: a spoofed X-Forwarded-For does not earn a fresh allowance', () => {
  let proxied: TestServer;
  beforeAll(async () => {
    // as in production: behind one proxy of ours, which appends the address it saw
    proxied = await startTestServer('hostile-xff', { config: { http: { trustProxy: true, maxIpsCount: 1 }, auth: { rateLimit: { windowSeconds: 60, max: 3 } } } });
  });
  afterAll(() => proxied.close());

  const spoofed = (client: string) => `${randomBytes(3).join('.')}.1, 10.${randomBytes(3).join('.')}, ${client}`;
  const limited: Array<[string, number, (server: TestServer, xff: string) => Promise<number>]> = [
    ['login', 3, async (s, xff) => (await s.call('POST', '/api/v1/auth/wechat-login', { body: { code: `dev:xff-${randomBytes(4).toString('hex')}` }, headers: { 'x-forwarded-for': xff } })).status],
    ['certificate verification', VERIFY_RATE_LIMIT.max, async (s, xff) => (await s.call('GET', `/api/v1/volunteer-certificates/GZC20260101${String(randomBytes(3).readUIntBE(0, 3)).padStart(8, '0')}`, { headers: { 'x-forwarded-for': xff } })).status],
    ['Open311 reads', OPEN311_READ_LIMIT.max, async (s, xff) => (await s.call('GET', '/open311/v2/services.json', { headers: { 'x-forwarded-for': xff } })).status],
  ];

  it.each(limited)('when each %s request forges a new leftmost X-Forwarded-For entry, then they still share the one allowance of the address our proxy appended', async (name, max, send) => {
    const client = `198.51.100.${10 + limited.findIndex(([n]) => n === name)}`;
    for (let i = 0; i < max; i++) expect(await send(proxied, spoofed(client))).not.toBe(429);
    const refused = await send(proxied, spoofed(client));
    expect(refused).toBe(429);
    // another client, as the proxy tells it, is not held back by the first one's count
    expect(await send(proxied, spoofed('198.51.100.99'))).not.toBe(429);
  });

  it('when the BFF is not behind a proxy (trustProxy off), then X-Forwarded-For is ignored altogether', async () => {
    const direct = await startTestServer('hostile-xff-direct', { config: { auth: { rateLimit: { windowSeconds: 60, max: 2 } } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push(await limited[0]![2](direct, `203.0.113.${i}`));
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await direct.close();
    }
  });
});

describe('API4: uploads are limited per person', () => {
  const QUOTA = { files: 6, bytes: 1_000_000 };
  let server: TestServer;
  let world: ComplaintWorld;
  beforeAll(async () => {
    server = await startTestServer('hostile-uploads', {
      config: { http: { trustProxy: true, maxIpsCount: 1 }, uploads: { rateLimit: { windowSeconds: 60, max: 10 }, dailyQuota: QUOTA } },
    });
    world = await setUpWorld(server);
  });
  afterAll(() => server.close());

  const png = (size = 64) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size)]);
  async function upload(token: string, bytes: Buffer, client = `198.51.100.${randomBytes(1)[0]}`) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'p.png');
    const res = await fetch(`${server.url}/api/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': client },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as { id?: string; error?: { code: string; message: string } }, retryAfter: res.headers.get('retry-after') };
  }
  const storedBy = async (token: string) => {
    const me = await server.call('GET', '/api/v1/me', { token });
    return (await server.rawDocuments('uploads')).filter((u) => String(u.ownerId) === me.body.id).length;
  };
  /** a fresh token for `name` once the clock has moved past the old one's 15 minutes */
  const relogin = async (name: string) => (await server.login(name)).accessToken;

  it('when an account without real-name registration uploads, then 403 REAL_NAME_REQUIRED and nothing is stored, however often it tries', async () => {
    const { accessToken } = await server.login('hostile-unregistered');
    const before = (await server.rawDocuments('uploads')).length;
    const answers = await Promise.all(Array.from({ length: 5 }, () => upload(accessToken, png())));
    expect(answers.map((a) => [a.status, a.body.error?.code])).toEqual(Array(5).fill([403, 'REAL_NAME_REQUIRED']));
    expect((await server.rawDocuments('uploads')).length).toBe(before);
  });

  it('when one person sends more uploads in a minute than allowed, from ever-changing addresses, then 429 RATE_LIMITED and nothing more is stored', async () => {
    const token = await registeredResident(server, world, 'hostile-rate');
    // every attempt counts, even one refused for not being an image
    for (let i = 0; i < 10; i++) expect((await upload(token, Buffer.from('not an image'), `203.0.113.${i}`)).status).toBe(415);
    const refused = await upload(token, png(), '203.0.113.200');
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('RATE_LIMITED');
    expect(refused.retryAfter).toMatch(/^[1-9]\d*$/);
    expect(await storedBy(token)).toBe(0);
    advanceClock(61_000);
    expect((await upload(token, png())).status).toBe(201);
  });

  it('when one person has used up the day\'s file quota, then 429 UPLOAD_QUOTA_EXCEEDED with a Chinese message until the day is over, whatever the address or the minute', async () => {
    const name = 'hostile-files';
    const token = await registeredResident(server, world, name);
    for (let i = 0; i < QUOTA.files; i++) expect((await upload(token, png())).status).toBe(201);
    const refused = await upload(token, png());
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('UPLOAD_QUOTA_EXCEEDED');
    expect(refused.body.error?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(Number(refused.retryAfter)).toBeGreaterThan(60);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(86_400);
    // a new minute (fresh rate window) and another address change nothing
    advanceClock(61_000);
    expect((await upload(token, png(), '192.0.2.77')).body.error?.code).toBe('UPLOAD_QUOTA_EXCEEDED');
    expect(await storedBy(token)).toBe(QUOTA.files);
    // the next day the quota is there again
    advanceClock(24 * 3_600_000);
    const nextDay = await relogin(name);
    expect((await upload(nextDay, png())).status).toBe(201);
  });

  it('when one person uploads more bytes in a day than the quota, then the upload that would pass it is refused and stored nowhere, and what is left of the quota can still be used', async () => {
    const token = await registeredResident(server, world, 'hostile-bytes');
    for (let i = 0; i < 3; i++) expect((await upload(token, png(300_000))).status).toBe(201);
    const refused = await upload(token, png(300_000));
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('UPLOAD_QUOTA_EXCEEDED');
    expect(await storedBy(token)).toBe(3);
    // the refused upload gave its bytes back: 900 kB used, 100 kB left
    expect((await upload(token, png(90_000))).status).toBe(201);
    expect((await upload(token, png(20_000))).body.error?.code).toBe('UPLOAD_QUOTA_EXCEEDED');
  });

  // Concurrent increments of one count must all land (FerretDB 1.24 lost them: 50 at once stored 2–13).
  it('when one person sends many uploads at the same moment at the end of the quota, then no more than the quota is stored', async () => {
    const token = await registeredResident(server, world, 'hostile-concurrent');
    for (let i = 0; i < QUOTA.files - 2; i++) expect((await upload(token, png())).status).toBe(201);
    advanceClock(61_000); // a fresh minute: the per-minute rate is not what refuses below
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => upload(token, png(), `203.0.113.${i}`)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
    expect(answers.filter((a) => a.body.error?.code === 'UPLOAD_QUOTA_EXCEEDED')).toHaveLength(6);
    expect(await storedBy(token)).toBe(QUOTA.files);
  });
});
