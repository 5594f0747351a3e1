import { randomBytes } from 'node:crypto';
import { mongo, type Connection } from 'mongoose';

const { Binary } = mongo;
import { claimKey } from './claim';
import { AppError } from './errors';
import { writeAtVersion } from './versioned-write';

/**
 * List views: the lists people page through at request time (a resident's complaints, a unit's
 * tasks, the dispatch queues, the complaints behind an assessment figure), kept as documents that
 * are read by `_id` alone.
 *
 * Why: FerretDB 1.24 serves only an exact `{_id}` filter without reading the whole collection, and
 * decodes a document at a cost that grows with its size (measured: 0.6 ms for 5 entries, 6.5 ms for
 * 450, 35 ms for 3,000). A query on `{unitId, state}` costs the same at 100 complaints as a full scan
 * of 100,000; a list view costs one head read and one or two bucket reads, whatever the collection.
 * On MongoDB the same documents work unchanged.
 *
 * Shape (collection `list_views`): a list `key` is a head `{_id: key, version, buckets}` naming its
 * buckets newest first, each with its key range, size and tally; a bucket `{_id: <key>#<random>,
 * entries}` holds up to BUCKET_MAX entries `{k, p}` ordered by `k` descending, serialised as one
 * UTF-8 JSON value in a binary field (one value to decode instead of a sub-document per entry: three
 * to five times faster on FerretDB; binary rather than a string spares FerretDB the escaping); the
 * head's bucket list is stored the same way. Buckets are never changed in place: a change writes new buckets, then moves the
 * head to them with a versioned write (platform/versioned-write.ts), then deletes the old ones. The
 * head's version is the one point of agreement, so two writers of a list never lose each other's
 * change, and a reader sees either the old buckets or the new ones.
 *
 * Membership is decided by the caller from the source document read *after* the head (see
 * syncListEntry): a writer whose head version is stale loses and reads the source again, so the
 * view never goes back to an older state of the source.
 */
export const LIST_VIEWS = 'list_views';
export const BUCKET_MAX = 32;
const BUCKET_MIN = 8;
/** buckets of a bulk build, leaving room for later entries */
const BUCKET_FILL = 24;
const MAX_ATTEMPTS = 25;

export type Tally = Record<string, number>;

export interface ListEntry<P> {
  /** the sort key, descending (complaint ids: newest first) */
  k: string;
  p: P;
}

interface BucketRef {
  b: string;
  hi: string;
  lo: string;
  n: number;
  /** the sum of the entries' tallies, when the list keeps one */
  t?: Tally;
}

interface Head {
  _id: string;
  version: number;
  /** UTF-8 JSON of the BucketRefs (an array of sub-documents in heads written before it became binary) */
  buckets: mongo.Binary | BucketRef[];
}

interface Bucket {
  _id: string;
  /** UTF-8 JSON of the entries; a string in buckets written before it became binary */
  entries: mongo.Binary | string;
}

export interface ListViewOptions<P> {
  /** what each entry adds to the list's totals (listTotals), kept per bucket in the head */
  tally?: (payload: P) => Tally;
}

const views = (conn: Connection) => conn.db!.collection<Head | Bucket>(LIST_VIEWS);
const heads = (conn: Connection) => conn.db!.collection<Head>(LIST_VIEWS);
const buckets = (conn: Connection) => conn.db!.collection<Bucket>(LIST_VIEWS);

const newBucketId = (key: string) => `${key}#${randomBytes(6).toString('hex')}`;
const utf8Json = (value: unknown) => new Binary(Buffer.from(JSON.stringify(value), 'utf8'));
const fromUtf8Json = <T>(b: mongo.Binary): T => JSON.parse(Buffer.from(b.buffer).toString('utf8')) as T;
/** A head's bucket list; FerretDB decodes sub-documents slowly (27 of them: 0.5 ms), one binary value quickly. */
const refsOf = (head: Head): BucketRef[] => (Array.isArray(head.buckets) ? head.buckets : fromUtf8Json<BucketRef[]>(head.buckets));

const parse = <P>(b: Bucket): Array<ListEntry<P>> =>
  typeof b.entries === 'string' ? (JSON.parse(b.entries) as Array<ListEntry<P>>) : fromUtf8Json<Array<ListEntry<P>>>(b.entries);

function sumTallies(entries: Array<ListEntry<unknown>>, tally: ((p: unknown) => Tally) | undefined): Tally | undefined {
  if (!tally) return undefined;
  const t: Tally = {};
  for (const e of entries) for (const [name, n] of Object.entries(tally(e.p))) t[name] = (t[name] ?? 0) + n;
  return t;
}

function bucketOf<P>(key: string, entries: Array<ListEntry<P>>, options: ListViewOptions<P>): { ref: BucketRef; doc: Bucket } {
  const b = newBucketId(key);
  const ref: BucketRef = { b, hi: entries[0]!.k, lo: entries[entries.length - 1]!.k, n: entries.length };
  const t = sumTallies(entries as Array<ListEntry<unknown>>, options.tally as ((p: unknown) => Tally) | undefined);
  if (t) ref.t = t;
  return { ref, doc: { _id: b, entries: utf8Json(entries) } };
}

async function readHead(conn: Connection, key: string): Promise<Head> {
  const found = await heads(conn).findOne({ _id: key });
  if (found) return found;
  // an empty head; whoever inserts it first wins, the others read theirs
  await claimKey(conn, LIST_VIEWS, key, { version: 0, buckets: utf8Json([]) });
  return (await heads(conn).findOne({ _id: key }))!;
}

/** Where entry k lives, or would go: the first bucket (newest first) whose range reaches down to k. */
function bucketIndexFor(refs: BucketRef[], k: string): number {
  const i = refs.findIndex((r) => r.lo <= k);
  return i < 0 ? refs.length - 1 : i;
}

const byKeyDesc = (a: { k: string }, b: { k: string }) => (a.k < b.k ? 1 : a.k > b.k ? -1 : 0);

interface Pending<P> {
  k: string;
  resolve: () => Promise<P | null>;
  done: (changed: boolean) => void;
  fail: (err: unknown) => void;
}
interface Queue<P> {
  pending: Array<Pending<P>>;
  running: boolean;
  options: ListViewOptions<P>;
}
const queues = new WeakMap<Connection, Map<string, Queue<unknown>>>();

/**
 * Makes entry `k` of list `key` agree with its source: `resolve` reads the source (after the head,
 * inside each attempt) and answers the payload, or null when the item does not belong in the list.
 * Resolves to whether the list changed.
 *
 * Writers of one list agree through its head's version, so many at once would mostly lose and
 * retry (measured: 80 concurrent writers gave up under load). Within a process the changes to one
 * list are therefore queued and applied in batches, one head write per batch; only processes compete.
 */
export function syncListEntry<P>(
  conn: Connection,
  key: string,
  k: string,
  resolve: () => Promise<P | null>,
  options: ListViewOptions<P> = {},
): Promise<boolean> {
  let lists = queues.get(conn);
  if (!lists) queues.set(conn, (lists = new Map()));
  let queue = lists.get(key) as Queue<P> | undefined;
  if (!queue) lists.set(key, (queue = { pending: [], running: false, options }) as Queue<unknown>);
  const q = queue;
  return new Promise<boolean>((done, fail) => {
    q.pending.push({ k, resolve, done, fail });
    if (!q.running) void drain(conn, key, q, lists!);
  });
}

async function drain<P>(conn: Connection, key: string, q: Queue<P>, lists: Map<string, Queue<unknown>>): Promise<void> {
  q.running = true;
  try {
    while (q.pending.length) {
      const batch = q.pending.splice(0, 200);
      try {
        const changed = await applyBatch(conn, key, batch, q.options);
        for (const p of batch) p.done(changed.has(p.k));
      } catch (err) {
        for (const p of batch) p.fail(err);
      }
    }
  } finally {
    q.running = false;
    if (!q.pending.length) lists.delete(key);
  }
}

/** One change of the list: the batch's entries settled against their sources, one head write. */
async function applyBatch<P>(conn: Connection, key: string, batch: Array<Pending<P>>, options: ListViewOptions<P>): Promise<Set<string>> {
  // the same item queued twice is read once: the later read is the newer state anyway
  const sources = new Map(batch.map((p) => [p.k, p.resolve]));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const head = await readHead(conn, key);
    const refs = refsOf(head);
    const wanted = new Map(await Promise.all([...sources].map(async ([k, resolve]) => [k, await resolve()] as const)));

    // which buckets the batch touches (index -1: the list is empty)
    const touched = new Map<number, string[]>();
    for (const k of wanted.keys()) {
      const i = bucketIndexFor(refs, k);
      touched.set(i, [...(touched.get(i) ?? []), k]);
    }
    const read = async (i: number) => (i < 0 ? ({ _id: '', entries: '[]' } as Bucket) : await buckets(conn).findOne({ _id: refs[i]!.b }));
    const docs = new Map(await Promise.all([...touched.keys()].map(async (i) => [i, await read(i)] as const)));
    if ([...docs.values()].some((d) => !d)) continue; // replaced under us: the head has moved on

    const changed = new Set<string>();
    const results = new Map<number, Array<ListEntry<P>>>();
    for (const [i, ks] of touched) {
      const entries = new Map(parse<P>(docs.get(i)!).map((e) => [e.k, e]));
      for (const k of ks) {
        const payload = wanted.get(k)!;
        const current = entries.get(k);
        if (payload === null ? current === undefined : current !== undefined && JSON.stringify(current.p) === JSON.stringify(payload)) continue;
        changed.add(k);
        if (payload === null) entries.delete(k);
        else entries.set(k, { k, p: payload });
      }
      results.set(i, [...entries.values()].sort(byKeyDesc));
    }
    if (!changed.size) return changed;

    // New buckets for the touched ones: a small result takes in its older neighbour (readers should
    // not walk many near-empty buckets), a large one is cut into buckets of BUCKET_FILL.
    const nextRefs: BucketRef[] = [];
    const fresh: Bucket[] = [];
    const replaced: string[] = [];
    const emit = (entries: Array<ListEntry<P>>) => {
      const parts = Math.ceil(entries.length / (entries.length > BUCKET_MAX ? BUCKET_FILL : BUCKET_MAX));
      for (let j = 0; j < parts; j++) {
        const made = bucketOf(key, entries.slice(Math.floor((j * entries.length) / parts), Math.floor(((j + 1) * entries.length) / parts)), options);
        nextRefs.push(made.ref);
        fresh.push(made.doc);
      }
    };
    let stale = false;
    if (refs.length === 0) emit(results.get(-1) ?? []);
    for (let i = 0; i < refs.length; i++) {
      const result = results.get(i);
      if (!result) {
        nextRefs.push(refs[i]!);
        continue;
      }
      replaced.push(refs[i]!.b);
      const older = refs[i + 1];
      if (result.length > 0 && result.length < BUCKET_MIN && older && !results.has(i + 1) && older.n + result.length <= BUCKET_MAX) {
        const olderDoc = await buckets(conn).findOne({ _id: older.b });
        if (!olderDoc) {
          stale = true;
          break;
        }
        emit([...result, ...parse<P>(olderDoc)]);
        replaced.push(older.b);
        i++;
        continue;
      }
      emit(result);
    }
    if (stale) continue;

    if (fresh.length) await buckets(conn).insertMany(fresh);
    const moved = await writeAtVersion(conn, LIST_VIEWS, head, { $set: { buckets: utf8Json(nextRefs) } } as mongo.UpdateFilter<mongo.Document>);
    const garbage = moved ? replaced : fresh.map((f) => f._id);
    await Promise.all(garbage.map((b) => buckets(conn).deleteOne({ _id: b }).catch(() => undefined)));
    if (moved) return changed;
    await new Promise((r) => setTimeout(r, 3 + Math.random() * 10 * (attempt + 1)));
  }
  throw new Error(`list view ${key}: gave up after ${MAX_ATTEMPTS} attempts`);
}

export interface ListPageQuery {
  /** the sort key of the last entry of the previous page */
  cursor?: string;
  limit: number;
  /** the lowest sort key wanted: reading stops there (a time window over time-ordered keys) */
  floor?: string;
}

/**
 * One page, newest first, of one or more lists merged (a staff member of two units sees both task
 * lists as one). `accept` filters entries (time-dependent membership: "callback due").
 */
export async function readListPage<P>(
  conn: Connection,
  keys: string[],
  query: ListPageQuery,
  accept: (payload: P, k: string) => boolean = () => true,
): Promise<{ items: Array<ListEntry<P>>; nextCursor: string | null }> {
  const pages = await Promise.all(keys.map((key) => readOneList<P>(conn, key, query, accept)));
  const merged = pages.flat().sort(byKeyDesc);
  const unique = merged.filter((e, i) => i === 0 || e.k !== merged[i - 1]!.k);
  const page = unique.slice(0, query.limit);
  return { items: page, nextCursor: unique.length > query.limit ? page[page.length - 1]!.k : null };
}

async function readOneList<P>(conn: Connection, key: string, query: ListPageQuery, accept: (p: P, k: string) => boolean): Promise<Array<ListEntry<P>>> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const head = await heads(conn).findOne({ _id: key });
    if (!head) return [];
    const out: Array<ListEntry<P>> = [];
    let vanished = false;
    for (const ref of refsOf(head)) {
      if (query.cursor !== undefined && ref.lo >= query.cursor) continue; // every entry of it is on earlier pages
      if (query.floor !== undefined && ref.hi < query.floor) break; // this one and every later one are below the floor
      const doc = await buckets(conn).findOne({ _id: ref.b });
      if (!doc) {
        vanished = true; // a writer replaced it after our head read: read the new head
        break;
      }
      for (const e of parse<P>(doc)) {
        if ((query.cursor === undefined || e.k < query.cursor) && (query.floor === undefined || e.k >= query.floor) && accept(e.p, e.k)) out.push(e);
      }
      if (out.length > query.limit) break;
    }
    if (!vanished) return out;
  }
  throw new AppError('LIST_BUSY', 503);
}

/** The buckets of a list, newest first (their ids, key ranges and sizes): for checks and tests. */
export async function listBuckets(conn: Connection, key: string): Promise<Array<Pick<BucketRef, 'b' | 'hi' | 'lo' | 'n'>>> {
  const head = await heads(conn).findOne({ _id: key });
  return head ? refsOf(head).map(({ b, hi, lo, n }) => ({ b, hi, lo, n })) : [];
}

/** The sums of every entry's tally (ListViewOptions.tally), from the head alone. */
export async function listTotals(conn: Connection, key: string): Promise<Tally> {
  const head = await heads(conn).findOne({ _id: key });
  const total: Tally = {};
  for (const ref of head ? refsOf(head) : []) for (const [name, n] of Object.entries(ref.t ?? {})) total[name] = (total[name] ?? 0) + n;
  return total;
}

/**
 * Writes whole lists at once (a bulk load, a rebuild): replaces whatever the keys held. Only for
 * moments when nobody else writes these lists (seeding, the one-off build at start).
 */
export async function buildLists<P>(conn: Connection, lists: Map<string, Array<ListEntry<P>>>, options: (key: string) => ListViewOptions<P> = () => ({})): Promise<void> {
  const docs: Array<Head | Bucket> = [];
  const flush = async () => {
    if (docs.length) await views(conn).insertMany(docs.splice(0), { ordered: false });
  };
  for (const [key, unsorted] of lists) {
    const entries = [...unsorted].sort(byKeyDesc);
    const made = [];
    for (let i = 0; i < entries.length; i += BUCKET_FILL) made.push(bucketOf(key, entries.slice(i, i + BUCKET_FILL), options(key)));
    const old = await heads(conn).findOne({ _id: key });
    if (old) {
      await views(conn).deleteOne({ _id: key });
      for (const r of refsOf(old)) await views(conn).deleteOne({ _id: r.b });
    }
    docs.push({ _id: key, version: 0, buckets: utf8Json(made.map((m) => m.ref)) }, ...made.map((m) => m.doc));
    if (docs.length >= 1_000) await flush();
  }
  await flush();
}
