import { advanceClock, resetClock } from './clock';
import { startTestServer, type TestServer } from '../../test/http';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('rate-limit', { config: { auth: { rateLimit: { windowSeconds: 60, max: 3 } } } });
});
afterAll(() => server.close());
afterEach(() => resetClock());

describe('auth rate limit', () => {
  it('when one client calls an auth route more than allowed in a window, then 429 until the window passes', async () => {
    for (let i = 0; i < 3; i++) await server.login(`burst-${i}`);
    const limited = await server.call('POST', '/api/v1/auth/wechat-login', { body: { code: 'dev:burst-x' } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    // Other routes count separately, and the next window starts afresh.
    expect((await server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: 'y'.repeat(43) } })).status).toBe(401);
    advanceClock(61_000);
    expect((await server.call('POST', '/api/v1/auth/wechat-login', { body: { code: 'dev:burst-y' } })).status).toBe(200);
  });
});
