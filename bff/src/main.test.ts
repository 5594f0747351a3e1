import http from 'node:http';
import { loadConfig } from './platform/config';
import { startServer } from './main';
import { testDatabaseUri } from '../test/db';

describe('graceful shutdown', () => {
  it('when close() is called during a request, then that request still completes and new ones are refused', async () => {
    const mongoUri = testDatabaseUri('shutdown');
    const server = await startServer({ config: loadConfig({ GONGZHI_ENV: 'test', MONGODB_URI: mongoUri }), mongoUri, port: 0 });
    // A slow upload keeps the request in flight while close() begins.
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = http.request(`${server.url}/api/v1/auth/logout`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      });
      req.on('error', reject);
      req.write('{"refreshToken":');
      setTimeout(() => req.end('"' + 'z'.repeat(43) + '"}'), 300);
    });
    await new Promise((r) => setTimeout(r, 100));
    const closed = server.close();
    expect(await inFlight).toBe(204);
    await closed;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
