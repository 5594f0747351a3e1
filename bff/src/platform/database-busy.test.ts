import { isDatabaseBusyError, retryWhileBusy } from './database';

// FerretDB's own wording for SQLite's SQLITE_BUSY, as logged during the sign-up storm.
const busy = () => Object.assign(new Error('database is locked (5) (SQLITE_BUSY)'), { code: 1 });

describe('retrying while the database is busy', () => {
  it('when the database is busy twice and then answers, then the call succeeds on the third try', async () => {
    let calls = 0;
    const result = await retryWhileBusy(async () => {
      calls++;
      if (calls < 3) throw busy();
      return 'written';
    });
    expect(result).toBe('written');
    expect(calls).toBe(3);
  });

  it('when the error is anything else, then it is thrown at once', async () => {
    let calls = 0;
    const duplicate = Object.assign(new Error('E11000 duplicate key'), { code: 11000 });
    await expect(retryWhileBusy(async () => { calls++; throw duplicate; })).rejects.toBe(duplicate);
    expect(calls).toBe(1);
  });

  it('when the database stays busy, then it gives up after the last attempt with the busy error', async () => {
    let calls = 0;
    await expect(retryWhileBusy(async () => { calls++; throw busy(); }, 3)).rejects.toThrow('SQLITE_BUSY');
    expect(calls).toBe(3);
    expect(isDatabaseBusyError(new Error('UNIQUE constraint failed'))).toBe(false);
  });
});
