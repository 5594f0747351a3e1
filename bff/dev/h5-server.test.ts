import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { pickEncoding, startH5Server, type H5Server } from './h5-server';

/** A raw GET (fetch would inflate the body and hide what travelled). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const script = 'export const words = "' + '共治 '.repeat(2000) + '";\n';
let dir: string;
let server: H5Server;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'h5-'));
  mkdirSync(path.join(dir, 'js'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>共治</title>' + '<p>页面</p>'.repeat(200));
  writeFileSync(path.join(dir, 'js', 'app.1e7bd23b.js'), script);
  writeFileSync(path.join(dir, 'logo.png'), Buffer.alloc(2000, 7));
  // nothing listens there: these tests never reach the API
  server = await startH5Server({ root: dir, bffUrl: 'http://127.0.0.1:9' });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the H5 server', () => {
  it('when the H5 payment stand-in opens /dev/wechatpay/…, then the WeChat Pay simulator answers it on the same origin', async () => {
    const upstream = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(`pay simulator saw ${req.method} ${req.url}`));
    upstream.listen(0, '127.0.0.1');
    await new Promise((r) => upstream.once('listening', r));
    const payUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
    const h5 = await startH5Server({ root: dir, bffUrl: 'http://127.0.0.1:9', paySimulatorUrl: payUrl });
    try {
      const res = await get(`${h5.url}/dev/wechatpay/pay?prepay_id=wx1&return=x`);
      expect(res.body.toString()).toBe('pay simulator saw GET /dev/pay?prepay_id=wx1&return=x');
    } finally {
      await h5.close();
      upstream.close();
    }
  });

  it('when a browser takes brotli or gzip, then scripts travel compressed and decode to the file', async () => {
    const br = await get(`${server.url}/js/app.1e7bd23b.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(script) / 10);
    const gz = await get(`${server.url}/js/app.1e7bd23b.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get(`${server.url}/js/app.1e7bd23b.js`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    expect(br.headers.vary).toBe('Accept-Encoding');
  });

  it('when an asset is named after its content, then browsers may keep it a year; the page itself is revalidated by ETag', async () => {
    const asset = await get(`${server.url}/js/app.1e7bd23b.js`, { 'accept-encoding': 'br' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await get(`${server.url}/`, { 'accept-encoding': 'br' });
    expect(page.headers['cache-control']).toBe('no-cache');
    const again = await get(`${server.url}/`, { 'accept-encoding': 'br', 'if-none-match': String(page.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // another encoding is another representation: its ETag differs, so a cached brotli copy never answers a gzip client
    const gz = await get(`${server.url}/`, { 'accept-encoding': 'gzip', 'if-none-match': String(page.headers.etag) });
    expect(gz.status).toBe(200);
  });

  it('when a file is already compressed (an image) or the path leaves the build, then it is sent as is or refused', async () => {
    const png = await get(`${server.url}/logo.png`, { 'accept-encoding': 'br' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.body.length).toBe(2000);
    const escape = await get(`${server.url}/..%2f..%2fetc%2fpasswd`);
    expect([403, 200]).toContain(escape.status);
    expect(escape.body.toString()).not.toContain('root:');
  });

  it('when Accept-Encoding weighs an encoding at q=0, then it is not used', () => {
    expect(pickEncoding('br;q=0, gzip', '.js')).toBe('gzip');
    expect(pickEncoding('gzip;q=0', '.js')).toBe('identity');
    expect(pickEncoding('br', '.png')).toBe('identity');
    expect(pickEncoding(undefined, '.js')).toBe('identity');
  });
});
