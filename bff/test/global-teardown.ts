import type { Database } from '../dev/database';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __gongzhiTestDb?: Database }).__gongzhiTestDb?.stop();
}
