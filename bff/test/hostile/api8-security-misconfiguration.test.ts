import { gzipSync } from 'node:zlib';
import { captureLogs, startTestServer, type TestServer } from '../http';
import { complaintBody, registeredResident, setUpWorld, type ComplaintWorld } from '../../src/modules/complaints/complaint-test-kit';

/**
 * OWASP API8:2023 Security Misconfiguration: bodies in encodings we do not read, personal answers
 * that a cache could keep, missing security headers, CORS for strangers, errors that leak internals.
 */
const logs = captureLogs();
let server: TestServer;
let world: ComplaintWorld;
let resident: string;
beforeAll(async () => {
  server = await startTestServer('hostile-api8', { logger: logs.logger });
  world = await setUpWorld(server);
  resident = await registeredResident(server, world, 'api8-resident');
});
afterAll(() => server.close());

const PLACEHOLDER_ID = '0123456789abcdef01234567';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function expectNoLeak(text: string): void {
  expect(text).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+|Error:|zlib|incorrect header/i);
}

describe('request bodies in an encoding', () => {
  const json = JSON.stringify({ description: 'x' });
  // The last three are not compressed at all: the header lies.
  const cases: Array<[string, Buffer]> = [
    ['real gzip', gzipSync(Buffer.from(json))],
    ['false gzip', Buffer.from(json)],
    ['false deflate', Buffer.from(json)],
    ['false br', Buffer.from(json)],
    ['unknown x-made-up', Buffer.from(json)],
    ['a list gzip, identity', Buffer.from(json)],
  ];
  const headerOf = (what: string) => what.replace(/^(real|false|unknown|a list) /, '');

  it.each(cases)('when a JSON route gets a body labelled %s, then 415 UNSUPPORTED_CONTENT_ENCODING, nothing stored, nothing unhandled logged', async (what, bytes) => {
    const before = (await server.rawDocuments('complaints')).length;
    const res = await fetch(`${server.url}/api/v1/complaints`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${resident}`,
        'content-type': 'application/json',
        'content-encoding': headerOf(what),
        'idempotency-key': `enc-${Math.random().toString(16).slice(2)}`,
      },
      body: new Uint8Array(what === 'real gzip' ? gzipSync(JSON.stringify(complaintBody(world))) : bytes),
    });
    const text = await res.text();
    expect(res.status).toBe(415);
    expect(JSON.parse(text).error).toEqual({
      code: 'UNSUPPORTED_CONTENT_ENCODING',
      message: '不支持压缩或编码过的请求内容，请直接提交',
      requestId: res.headers.get('x-request-id'),
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expectNoLeak(text);
    expect((await server.rawDocuments('complaints')).length).toBe(before);
    expect(logs.text()).not.toContain('unhandled error');
    expect(logs.text()).not.toContain('"stack"');
  });

  it.each(['gzip', 'deflate', 'br', 'x-made-up'])('when the upload route gets a multipart body labelled %s, then 415 and no upload is stored', async (encoding) => {
    const before = (await server.rawDocuments('uploads')).length;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'a.png');
    // Let fetch frame the multipart body, then send the same bytes with a Content-Encoding it would not set.
    const framed = new Request('http://x/', { method: 'POST', body: form });
    const res = await fetch(`${server.url}/api/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${resident}`, 'content-type': framed.headers.get('content-type')!, 'content-encoding': encoding },
      body: await framed.arrayBuffer(),
    });
    const text = await res.text();
    expect(res.status).toBe(415);
    expect(JSON.parse(text).error.code).toBe('UNSUPPORTED_CONTENT_ENCODING');
    expectNoLeak(text);
    expect((await server.rawDocuments('uploads')).length).toBe(before);
    expect(logs.text()).not.toContain('unhandled error');
  });

  it('when a Content-Encoding is identity, then the body is read as usual', async () => {
    const res = await server.call('POST', '/api/v1/complaints', {
      token: resident,
      body: complaintBody(world),
      headers: { 'content-encoding': 'identity', 'idempotency-key': `enc-identity-${Date.now()}` },
    });
    expect(res.status).toBe(201);
  });
});

interface OpenApiDocument {
  paths: Record<string, Record<string, { security?: unknown[] }>>;
}

describe('Cache-Control: no-store on personal answers', () => {
  async function operations(): Promise<Array<{ method: string; path: string; guarded: boolean }>> {
    const doc = (await server.call<OpenApiDocument>('GET', '/openapi.json')).body;
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path: path.replace(/\{\w+\}/g, PLACEHOLDER_ID), guarded: Boolean(op.security) })),
    );
    // Deleting the account and logging out end the session: they go last so the rest still run signed in.
    const last = (o: { method: string; path: string }) => (o.method === 'DELETE' && o.path === '/api/v1/me') || o.path.includes('logout');
    return [...ops.filter((o) => !last(o)), ...ops.filter(last)];
  }

  it('when every operation in /openapi.json is called with a resident’s (or staff) token, then every answer, whatever its status, is no-store', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(40); // the document really lists the API
    // Its own resident and admin: the sweep deletes the account and logs out at the end.
    const sweeper = await registeredResident(server, world, 'api8-sweeper');
    const staff = (await server.login('admin')).accessToken;
    const missing: string[] = [];
    for (const op of ops) {
      const token = /\/(staff|admin)\//.test(op.path) ? staff : sweeper;
      const res = await server.call(op.method, op.path, {
        token,
        ...(['POST', 'PUT', 'PATCH'].includes(op.method) ? { body: {} } : {}),
      });
      if (res.headers.get('cache-control') !== 'no-store') missing.push(`${op.method} ${op.path} → ${res.status} ${res.headers.get('cache-control')}`);
      if (res.status >= 500) missing.push(`${op.method} ${op.path} → ${res.status}`);
      if (process.env.SWEEP_LOG) console.log(op.method, op.path, res.status);
    }
    expect(missing).toEqual([]);
  });

  it('when a guarded operation is called without a token, then 401 with no-store', async () => {
    const guarded = (await operations()).filter((o) => o.guarded);
    expect(guarded.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    for (const op of guarded) {
      const res = await server.call(op.method, op.path, ['POST', 'PUT', 'PATCH'].includes(op.method) ? { body: {} } : {});
      if (res.status !== 401 || res.headers.get('cache-control') !== 'no-store') wrong.push(`${op.method} ${op.path} → ${res.status} ${res.headers.get('cache-control')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('when the owner downloads their own photo, then no-store, not a private cache', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'a.png');
    const up = await fetch(`${server.url}/api/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${resident}` }, body: form });
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };
    const res = await fetch(`${server.url}/api/v1/uploads/${id}`, { headers: { authorization: `Bearer ${resident}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('when a public, non-personal answer is asked for without a token, then it keeps cacheable defaults', async () => {
    for (const path of ['/healthz', '/openapi.json', '/api/v1/communities']) {
      const res = await server.call('GET', path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBeNull();
    }
  });
});

describe('headers, CORS and errors', () => {
  it('when any answer leaves, then it carries the security headers', async () => {
    for (const [path, token] of [['/healthz', undefined], ['/api/v1/me', resident], ['/api/v1/nothing-here', undefined]] as const) {
      const res = await server.call('GET', path, { token });
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('when an unknown origin asks (preflight or not), then no Access-Control-Allow-Origin; a configured one gets its own back', async () => {
    const evil = 'https://evil.example';
    const preflight = await fetch(`${server.url}/api/v1/me`, {
      method: 'OPTIONS',
      headers: { origin: evil, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await server.call('GET', '/api/v1/me', { token: resident, headers: { origin: evil } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = server.config.http.corsOrigins[0]!;
    const ok = await server.call('GET', '/api/v1/me', { token: resident, headers: { origin: allowed } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(allowed);
  });

  it.each([
    ['malformed JSON', { 'content-type': 'application/json' }, '{"code": '],
    ['a wrong media type', { 'content-type': 'text/plain' }, 'code'],
    ['a false gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, '{"code":"x"}'],
  ])('when a request carries %s, then the error body names a code and a request id and nothing of the server', async (_what, headers, body) => {
    const res = await fetch(`${server.url}/api/v1/auth/wechat-login`, { method: 'POST', headers, body });
    const text = await res.text();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(Object.keys(JSON.parse(text).error).sort()).toEqual(expect.arrayContaining(['code', 'message', 'requestId']));
    expectNoLeak(text);
  });
});
