import http from 'node:http';
import type { RequestReply } from './simulate-app';

/**
 * wx.request as WeChat's network layer performs it, sent to a local BFF: the build's own API base
 * (fixed at build time) is replaced by the BFF's origin, the path and query are kept. Object data
 * goes as the query of a GET and as a JSON body otherwise, as WeChat does.
 */
export function forwardTo(bffUrl: string) {
  return (options: Record<string, unknown>): Promise<RequestReply> => {
    const original = new URL(String(options.url));
    const target = new URL(original.pathname + original.search, bffUrl);
    const method = String(options.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { ...((options.header as Record<string, string>) ?? {}) };
    let body: string | undefined;
    const data = options.data;
    if (data !== undefined && data !== null) {
      if (method === 'GET') {
        for (const [key, value] of Object.entries(data as Record<string, unknown>)) target.searchParams.set(key, String(value));
      } else {
        body = typeof data === 'string' ? data : JSON.stringify(data);
        if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
      }
    }
    return new Promise((resolve, reject) => {
      const req = http.request(target, { method, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : '';
          } catch {
            // WeChat hands back the raw text when it is not JSON
          }
          resolve({ statusCode: res.statusCode ?? 0, data: parsed });
        });
      });
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  };
}
