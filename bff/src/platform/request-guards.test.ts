import mongoose from 'mongoose';
import { startTestServer, type TestServer } from '../../test/http';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('request-guards');
});
afterAll(() => server.close());

const login = (body: unknown, headers?: Record<string, string>) => server.call('POST', '/api/v1/auth/wechat-login', { body, headers });

describe('operator injection and malformed requests', () => {
  it.each([
    ['an operator as a value', { code: { $gt: '' } }],
    ['a $where key', { code: 'dev:x', $where: 'sleep(1000)' }],
    ['a dotted key', { code: 'dev:x', 'roles.0.role': 'admin' }],
    ['an operator nested in an array', { code: 'dev:x', list: [{ $ne: null }] }],
  ])('when the body carries %s, then 400 FORBIDDEN_KEY and nothing is stored', async (_what, body) => {
    const res = await login(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('FORBIDDEN_KEY');
    expect(await server.rawDocuments('users')).toEqual([]);
  });

  it.each(['$where=1', 'cursor[$gt]=0', 'a.b=1'])('when the query string carries the key in %s, then 400 FORBIDDEN_KEY', async (query) => {
    const res = await server.call('GET', `/api/v1/communities?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('FORBIDDEN_KEY');
  });

  it('when the body has a field the contract does not know, then 400 VALIDATION_FAILED names it', async () => {
    const res = await login({ code: 'dev:x', admin: true });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.admin' }] });
  });

  it('when the body is not valid JSON, then 400 VALIDATION_FAILED', async () => {
    const res = await login('{"code": ', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('when the body is larger than the limit, then 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await login({ code: 'x'.repeat(100_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('when the body is not JSON, then 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await login('code=dev:x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
  });

  it('when a JSON route gets a multipart body, then 400 VALIDATION_FAILED (multipart is only read by upload routes)', async () => {
    const form = new FormData();
    form.append('code', 'dev:multipart-sneak');
    const res = await fetch(`${server.url}/api/v1/auth/wechat-login`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });

  it('when a route does not exist, then 404 NOT_FOUND in the error shape with a request id', async () => {
    const res = await server.call('GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'NOT_FOUND', message: '请求的内容不存在', requestId: res.headers.get('x-request-id') });
  });
});

describe('unexpected failures', () => {
  it('when stored data breaks, then a plain 500 INTERNAL with the request id and no stack or internals', async () => {
    const { accessToken, user } = await server.login('broken');
    // A ciphertext that fails authentication makes decryption throw deep inside GET /me.
    const raw = await mongoose.createConnection(server.mongoUri).asPromise();
    await raw.db!.collection('users').updateOne(
      { _id: new mongoose.Types.ObjectId(user.id) },
      { $set: { realName: { nameCipher: 'v1.dev1.AAAA.AAAA.AAAA', idNumberCipher: 'x', phoneCipher: 'x', birthDate: '1990-01-01', minor: false, communityId: user.id, communityName: 'x', verifiedAt: new Date() } } },
    );
    await raw.close();
    const res = await server.call('GET', '/api/v1/me', { token: accessToken, headers: { 'x-request-id': 'trace-500-abcdef' } });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试', requestId: 'trace-500-abcdef' } });
  });
});

describe('headers', () => {
  it('when any response goes out, then it carries security headers and a request id', async () => {
    const res = await server.call('GET', '/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,64}$/);
  });

  it('when the H5 origin from config calls, then CORS allows it; another origin gets no CORS grant', async () => {
    const allowed = server.config.http.corsOrigins[0]!;
    const ok = await server.call('GET', '/api/v1/privacy-notice', { headers: { origin: allowed } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(allowed);
    const other = await server.call('GET', '/api/v1/privacy-notice', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
