import type { Logger } from 'pino';
import type { Connection } from 'mongoose';
import type { MiniProgramApi } from '../wechat/miniprogram';
import type { Config } from './config';
import type { FieldCipher } from './field-crypto';

/** What every module's routes and services are built from; assembled once in app.ts. */
export interface AppDeps {
  config: Config;
  conn: Connection;
  logger: Logger;
  wechat: MiniProgramApi;
  cipher: FieldCipher;
}
