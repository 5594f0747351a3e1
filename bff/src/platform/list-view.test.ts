import mongoose, { type Connection } from 'mongoose';
import { testDatabaseUri } from '../../test/db';
import { BUCKET_MAX, LIST_VIEWS, buildLists, listBuckets, listTotals, readListPage, syncListEntry } from './list-view';

let conn: Connection;
/** a second connection stands for a second BFF process: its writes are queued apart from conn's */
let other: Connection;

beforeAll(async () => {
  const uri = testDatabaseUri('list_view');
  conn = await mongoose.createConnection(uri).asPromise();
  other = await mongoose.createConnection(uri).asPromise();
});
afterAll(async () => {
  await conn.close();
  await other.close();
});

/** A source of truth the lists follow: item key → payload (absent: not in the list). */
function source() {
  const items = new Map<string, { n: number; odd: boolean }>();
  return {
    items,
    resolve: (k: string) => async () => items.get(k) ?? null,
  };
}

const key = (i: number) => i.toString(16).padStart(24, '0');
const tally = (p: { n: number; odd: boolean }) => ({ all: 1, odd: p.odd ? 1 : 0 });

async function readAll(list: string, limit = 7): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await readListPage<{ n: number }>(conn, [list], { cursor, limit });
    seen.push(...page.items.map((e) => key(e.p.n)));
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
}

async function headOf(list: string) {
  return { buckets: await listBuckets(conn, list) };
}

describe('list views', () => {
  it('when 80 entries are written at once by two processes, then every one is listed once, newest first, in bounded buckets', async () => {
    const src = source();
    for (let i = 1; i <= 80; i++) src.items.set(key(i), { n: i, odd: i % 2 === 1 });
    await Promise.all([...src.items.keys()].map((k, i) => syncListEntry(i % 2 ? conn : other, 'l:storm', k, src.resolve(k), { tally })));

    const listed = await readAll('l:storm');
    expect(listed).toEqual(Array.from({ length: 80 }, (_, i) => key(80 - i)));
    const head = await headOf('l:storm');
    expect(head.buckets.every((b) => b.n > 0 && b.n <= BUCKET_MAX)).toBe(true);
    expect(await listTotals(conn, 'l:storm')).toEqual({ all: 80, odd: 40 });
    // replaced buckets are deleted: only the head and its buckets remain
    const docs = await conn.db!.collection(LIST_VIEWS).countDocuments({});
    expect(docs).toBe(1 + head.buckets.length);
  });

  it('when most entries leave, then small buckets merge and the rest still pages in order', async () => {
    const src = source();
    for (let i = 1; i <= 70; i++) src.items.set(key(i), { n: i, odd: false });
    for (const k of src.items.keys()) await syncListEntry(conn, 'l:shrink', k, src.resolve(k));
    for (let i = 1; i <= 70; i++) {
      if (i % 10 === 0) continue;
      src.items.delete(key(i));
      await syncListEntry(conn, 'l:shrink', key(i), src.resolve(key(i)));
    }
    expect(await readAll('l:shrink', 3)).toEqual([70, 60, 50, 40, 30, 20, 10].map(key));
    expect((await headOf('l:shrink')).buckets.length).toBe(1);
  });

  it('when an item changes while several writers sync it, then the list ends as the source ends, never an older state', async () => {
    const src = source();
    const k = key(1);
    const writes: Array<Promise<boolean>> = [];
    for (let round = 0; round <= 10; round++) {
      if (round % 3 === 2) src.items.delete(k);
      else src.items.set(k, { n: round, odd: round % 2 === 1 });
      writes.push(syncListEntry(round % 2 ? conn : other, 'l:race', k, src.resolve(k), { tally }));
      await new Promise((r) => setTimeout(r, 2));
    }
    await Promise.all(writes);
    const page = await readListPage<{ n: number }>(conn, ['l:race'], { limit: 10 });
    expect(page.items.map((e) => e.p)).toEqual([{ n: 10, odd: false }]);
    expect(await listTotals(conn, 'l:race')).toEqual({ all: 1, odd: 0 });
  });

  it('when nothing changed, then nothing is written', async () => {
    const src = source();
    src.items.set(key(5), { n: 5, odd: true });
    expect(await syncListEntry(conn, 'l:same', key(5), src.resolve(key(5)))).toBe(true);
    expect(await syncListEntry(conn, 'l:same', key(5), src.resolve(key(5)))).toBe(false);
    expect(await syncListEntry(conn, 'l:same', key(6), src.resolve(key(6)))).toBe(false);
  });

  it('when lists are merged and filtered, then each item comes once, newest first, and the filter holds on every page', async () => {
    const lists = new Map([
      ['l:a', [1, 4, 6, 9, 12].map((n) => ({ k: key(n), p: { n } }))],
      ['l:b', [2, 4, 7, 9, 11].map((n) => ({ k: key(n), p: { n } }))],
    ]);
    await buildLists(conn, lists);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await readListPage<{ n: number }>(conn, ['l:a', 'l:b'], { cursor, limit: 2 }, (p) => p.n !== 7);
      seen.push(...page.items.map((e) => e.p.n));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([12, 11, 9, 6, 4, 2, 1]);
  });
});
