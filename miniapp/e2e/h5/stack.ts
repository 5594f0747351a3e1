import { existsSync } from 'node:fs';
import path from 'node:path';
import { startStack, type Stack } from '../../../bff/dev/stack';

export const H5_DIST = path.resolve(__dirname, '..', '..', 'dist', 'h5');

/** The real stack (database, WeChat simulator, BFF) serving the H5 build, on free ports. */
export async function startH5Stack(): Promise<Stack> {
  if (!existsSync(path.join(H5_DIST, 'index.html'))) {
    throw new Error(`no H5 build in ${H5_DIST}: run \`pnpm --filter @gongzhi/miniapp run build:h5\` first (the test script does)`);
  }
  return startStack({ ephemeral: true, h5Dir: H5_DIST, env: { ...process.env, GONGZHI_LOG_LEVEL: 'silent' } });
}
