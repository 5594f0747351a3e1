/**
 * Serves the mini-program's H5 build and forwards API calls to the BFF, so the page and its API
 * share one origin (no CORS in development, and the build does not need to know the BFF's port).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

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

const FORWARDED = ['/api/', '/healthz', '/readyz', '/openapi.json', '/open311/'];

export interface H5Server {
  url: string;
  close(): Promise<void>;
}

export function startH5Server(opts: { root: string; bffUrl: string; port?: number; host?: string }): Promise<H5Server> {
  const root = path.resolve(opts.root);
  const bff = new URL(opts.bffUrl);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (FORWARDED.some((p) => url.pathname === p || url.pathname.startsWith(p))) {
      const upstream = http.request(
        { host: bff.hostname, port: bff.port, method: req.method, path: req.url, headers: { ...req.headers, host: bff.host } },
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
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(res);
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
