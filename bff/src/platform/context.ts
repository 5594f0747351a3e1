import type { ParameterizedContext } from 'koa';
import type { Logger } from 'pino';

/**
 * The signed-in user as the identity module stores it. The platform does not import a module: identity
 * fills this in (declaration merging in modules/identity/user.model.ts), so the dependency goes one way.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SignedInUser {}

export interface AppState {
  requestId: string;
  log: Logger;
  /** set by requireUser: the signed-in user as stored (lean) */
  user?: SignedInUser;
  /** set on guarded routes: the answer is personal (Cache-Control: no-store) */
  personal?: boolean;
}

export type AppContext = ParameterizedContext<AppState> & { params?: Record<string, string> };
export type Next = () => Promise<unknown>;
