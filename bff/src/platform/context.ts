import type { ParameterizedContext } from 'koa';
import type { Logger } from 'pino';
import type { UserRecord } from '../modules/identity/user.model';

export interface AppState {
  requestId: string;
  log: Logger;
  /** set by requireUser: the signed-in user as stored (lean) */
  user?: UserRecord;
  /** set on guarded routes: the answer is personal (Cache-Control: no-store) */
  personal?: boolean;
}

export type AppContext = ParameterizedContext<AppState> & { params?: Record<string, string> };
export type Next = () => Promise<unknown>;
