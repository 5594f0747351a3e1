import { startTestServer, type TestServer } from '../../../test/http';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('reference');
  await server.seed();
});
afterAll(() => server.close());

describe('reference data', () => {
  it('when communities are listed page by page, then every community comes exactly once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Array<{ id: string; name: string }>; nextCursor: string | null } } = await server.call(
        'GET',
        `/api/v1/communities?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((c) => c.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['莲花社区', '荷花社区', '清水社区', '幸福社区', '文化社区']);
  });

  it('when units are listed, then each has a name, a code and its kind', async () => {
    const res = await server.call('GET', '/api/v1/units');
    expect(res.body.items).toContainEqual(expect.objectContaining({ name: '城管执法中队', code: 'chengguan', kind: 'department' }));
    expect(res.body.nextCursor).toBeNull();
  });

  it('when the cursor or limit is malformed, then 400 VALIDATION_FAILED', async () => {
    expect((await server.call('GET', '/api/v1/units?cursor=nope')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await server.call('GET', '/api/v1/units?limit=1000')).body.error.code).toBe('VALIDATION_FAILED');
  });
});
