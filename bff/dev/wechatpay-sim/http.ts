import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 256 * 1024;

/** What a route answers: JSON (object), text (string, e.g. a bill or a page), or nothing (204). */
export interface PayAnswer {
  status: number;
  body?: Record<string, unknown> | string;
  contentType?: string;
  headers?: Record<string, string>;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The text of an answer exactly as it goes on the wire (the signature covers these bytes). */
export function answerText(answer: PayAnswer): string {
  if (answer.body === undefined) return '';
  return typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
}

export function send(res: ServerResponse, answer: PayAnswer, text: string): void {
  const headers: Record<string, string | number> = { ...answer.headers };
  if (text !== '') {
    headers['content-type'] = answer.contentType ?? 'application/json; charset=utf-8';
    headers['content-length'] = Buffer.byteLength(text);
  }
  res.writeHead(answer.status, headers);
  res.end(text);
}

export const fault = (status: number, code: string, message: string): PayAnswer => ({ status, body: { code, message } });
