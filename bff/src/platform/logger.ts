import pino, { type DestinationStream, type Logger } from 'pino';
import type { AppContext, AppState, Next } from './context';

/**
 * Personal data (ID numbers, phones, names) and credentials never reach the logs. Request bodies
 * and query strings are never logged at all; these paths are the second line of defence for
 * anything a developer passes to the logger by mistake.
 */
const SENSITIVE_KEYS = [
  'authorization', 'cookie', 'token', 'accessToken', 'refreshToken', 'code', 'phoneCode',
  'name', 'realName', 'idNumber', 'phone', 'phoneNumber', 'purePhoneNumber', 'openid', 'sessionKey',
  'body', 'query', 'querystring',
];
export const REDACT_PATHS = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((k) => `*.${k}`),
  ...SENSITIVE_KEYS.map((k) => `*.*.${k}`),
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(opts: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: opts.level,
      base: { service: 'gongzhi-bff' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
    },
    opts.destination,
  );
}

/** Driver errors can carry the offending document (keyValue, op): keep only what helps debugging. */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: unknown; codeName?: unknown };
  // "code" is a redacted key (login and phone codes), so a driver's numeric code travels as driverCode.
  return { type: e.name, message: e.message.replace(/\{[^}]*\}/g, '{…}'), driverCode: e.code, codeName: e.codeName, stack: e.stack };
}

/**
 * One line per request: method, route path (never the query string), status, time, user id.
 * ctx.state.log, a child logger bound to the request id, is made only when something asks for it:
 * with redaction configured, making one per request cost more than the rest of the logging.
 */
export function logRequests(root: Logger) {
  return async function logRequest(ctx: AppContext, next: Next): Promise<void> {
    const started = process.hrtime.bigint();
    ctx.state = new RequestState(root, ctx.state.requestId);
    try {
      await next();
    } finally {
      if (root.isLevelEnabled('info')) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        root.info(
          { requestId: ctx.state.requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10, userId: ctx.state.user?._id?.toString() },
          'request',
        );
      }
    }
  };
}

/** ctx.state with `log` made on first use (a class, not a property defined per request: same shape every time). */
class RequestState implements AppState {
  user?: AppState['user'];
  personal?: boolean;
  #child: Logger | undefined;

  constructor(
    private readonly root: Logger,
    public requestId: string,
  ) {}

  get log(): Logger {
    return (this.#child ??= this.root.child({ requestId: this.requestId }));
  }
}
