/**
 * Serves the mini-program's H5 build and forwards API calls to the BFF, so the page and its API
 * share one origin (no CORS in development, and the build does not need to know the BFF's port).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** Text compresses to a quarter or less; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.map', '.txt']);
/** Webpack names every script and style after its content (`js/app.1e7bd23b.js`): such a file never changes. */
const HASHED = /\.[0-9a-f]{8}\.(js|css)$/;

type Encoding = 'br' | 'gzip' | 'identity';

/** The encoding to answer with: brotli when the client takes it, else gzip, else none. */
export function pickEncoding(acceptEncoding: string | undefined, ext: string): Encoding {
  if (!COMPRESSIBLE.has(ext)) return 'identity';
  const offered = (acceptEncoding ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, q]) => q === undefined || !/^\s*q=0(\.0*)?\s*$/.test(q))
    .map(([name]) => name!.trim().toLowerCase());
  if (offered.includes('br')) return 'br';
  if (offered.includes('gzip')) return 'gzip';
  return 'identity';
}

function encode(bytes: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'br') return zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } });
  if (encoding === 'gzip') return zlib.gzipSync(bytes, { level: 9 });
  return bytes;
}

const FORWARDED = ['/api/', '/healthz', '/readyz', '/openapi.json', '/open311/'];

export interface H5Server {
  url: string;
  close(): Promise<void>;
}

/** The H5 stand-ins' part of the WeChat client (the subscribe dialog) is played by the simulator's /dev routes. */
const SIMULATOR_PREFIX = '/dev/wechat/';
/** and the payment sheet of wx.requestPayment by the WeChat Pay simulator's page, on the same origin. */
const PAY_SIMULATOR_PREFIX = '/dev/wechatpay/';

export function startH5Server(opts: { root: string; bffUrl: string; simulatorUrl?: string; paySimulatorUrl?: string; port?: number; host?: string }): Promise<H5Server> {
  const root = path.resolve(opts.root);
  const bff = new URL(opts.bffUrl);
  const simulator = opts.simulatorUrl ? new URL(opts.simulatorUrl) : undefined;
  const paySimulator = opts.paySimulatorUrl ? new URL(opts.paySimulatorUrl) : undefined;
  const encoded = new Map<string, Buffer>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const toSimulator = simulator !== undefined && url.pathname.startsWith(SIMULATOR_PREFIX);
    const toPaySimulator = paySimulator !== undefined && url.pathname.startsWith(PAY_SIMULATOR_PREFIX);
    if (toSimulator || toPaySimulator || FORWARDED.some((p) => url.pathname === p || url.pathname.startsWith(p))) {
      const target = toSimulator ? simulator : toPaySimulator ? paySimulator : bff;
      const prefix = toSimulator ? SIMULATOR_PREFIX : toPaySimulator ? PAY_SIMULATOR_PREFIX : undefined;
      const upstreamPath = prefix ? `/dev/${(req.url ?? '').slice(prefix.length)}` : req.url;
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: upstreamPath, headers: { ...req.headers, host: target.host } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => {
        res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: { code: 'INTERNAL', message: '后端服务不可用' } }));
      });
      req.pipe(upstream);
      return;
    }
    // Path traversal: resolve, then insist the file stays under root.
    let file = path.resolve(root, '.' + decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = path.join(root, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('H5 build not found: run pnpm build');
      return;
    }
    const stat = statSync(file);
    const ext = path.extname(file);
    const encoding = pickEncoding(req.headers['accept-encoding'], ext);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}-${encoding}"`;
    const headers: http.OutgoingHttpHeaders = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      // hashed assets are kept for a year; the page itself is checked every time (its ETag answers 304)
      'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag,
      vary: 'Accept-Encoding',
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    // Each file is compressed once and kept: a build does not change while it is served.
    const key = `${file}\u0000${etag}`;
    let body = encoded.get(key);
    if (!body) {
      body = encode(readFileSync(file), encoding);
      encoded.set(key, body);
    }
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
