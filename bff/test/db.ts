import { randomBytes } from 'node:crypto';
import { withDatabaseName } from '../dev/database';

/** A fresh database on the run's server, one per call: test files never share data. */
export function testDatabaseUri(label: string): string {
  const base = process.env.GONGZHI_TEST_MONGO_BASE;
  if (!base) throw new Error('GONGZHI_TEST_MONGO_BASE is not set: run the tests through jest (bff/jest.config.js)');
  const safe = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 24);
  return withDatabaseName(base, `t_${safe}_${randomBytes(4).toString('hex')}`);
}
