/** The soak's HTTP client: every request is recorded (when, where, what answered) for the report. */
export interface RequestRecord {
  route: string;
  target: number;
  start: number;
  end: number;
  /** 0 when no answer came (connection refused or reset, timeout) */
  status: number;
  /** the error code of a non-2xx answer */
  code?: string;
  /** a 409 to a retry whose earlier attempt may have been applied is expected, not an error */
  expected?: boolean;
}

export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  record?: RequestRecord;
}

const TIMEOUT_MS = 15_000;

export class SoakClient {
  readonly log: RequestRecord[] = [];
  private next = 0;

  constructor(readonly bffUrls: string[]) {}

  /** One request to the next BFF in turn. */
  async call(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string>; route?: string } = {}): Promise<Answer> {
    const target = this.next++ % this.bffUrls.length;
    const record: RequestRecord = { route: opts.route ?? `${method} ${path.replace(/[0-9a-f]{24}/g, ':id')}`, target, start: Date.now(), end: 0, status: 0 };
    this.log.push(record);
    try {
      const res = await fetch(`${this.bffUrls[target]}${path}`, {
        method,
        headers: {
          ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...opts.headers,
        },
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await res.text();
      const body = text ? (safeJson(text) as Answer['body']) : undefined;
      record.status = res.status;
      if (res.status >= 300) record.code = body?.error?.code;
      return { status: res.status, body, record };
    } catch {
      return { status: 0, body: undefined, record };
    } finally {
      record.end = Date.now();
    }
  }

  /**
   * Retries while nothing or a 5xx answered (a fault), up to `tries`, with the same request: only for
   * requests that are safe to repeat (reads, creation with an Idempotency-Key, a transition whose
   * precondition refuses a second application with 409).
   */
  async retrying(tries: number, method: string, path: string, opts: Parameters<SoakClient['call']>[2] = {}): Promise<Answer> {
    let answer: Answer = { status: 0, body: undefined };
    for (let i = 0; i < tries; i++) {
      if (i > 0) await sleep(Math.min(4000, 250 * 2 ** i));
      answer = await this.call(method, path, opts);
      if (i > 0 && answer.status === 409 && answer.record) answer.record.expected = true;
      if (answer.status !== 0 && answer.status < 500) return answer;
    }
    return answer;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
