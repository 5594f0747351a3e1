import type { Connection, mongo, Types } from 'mongoose';
import type { ComplaintSummaryView, QueueFilter, TaskFilter } from '@gongzhi/shared';
import type { z } from 'zod';
import type { Logger } from 'pino';
import { claimKey } from '../../platform/claim';
import { buildLists, LIST_VIEWS, readListPage, syncListEntry, type ListEntry, type ListPageQuery, type ListViewOptions, type Tally } from '../../platform/list-view';
import { writeAtVersion } from '../../platform/versioned-write';
import { emptyCounts, tally } from '../assessment/assessment-counts';
import { Complaints, OPEN_STATES, type ComplaintRecord } from './complaint.model';
import { toPublicSummaryView, toSummaryView } from './complaint-view';

/**
 * Which lists a complaint is in, derived from the complaint alone (platform/list-view.ts says why
 * lists are documents): its resident's and followers' "my complaints", the dispatch centre's
 * queues, its unit's task lists and, once assessed, its unit's month of the assessment.
 *
 * Every write of a complaint sets `listsStale` in the same update; `relistComplaint` then brings
 * each list the complaint was or is in up to date with the complaint as it stands, and clears the
 * flag. A process that dies in between leaves the flag set, and the deadline sweep relists such
 * complaints (relistStaleComplaints).
 */
export type ComplaintListPayload = ComplaintSummaryView & {
  /** the end of the rating window (queue "callback due") */
  due?: string | null;
  /** the facts the assessment counts (assessment lists only) */
  a?: { x: boolean; late: boolean; s: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | null; r: boolean | null };
  /** where it is (lists of similar complaints only) */
  point?: { lat: number; lng: number };
};

type Queue = z.infer<typeof QueueFilter>;
type Task = z.infer<typeof TaskFilter>;

export const ASSESSED_STATES = ['resolved', 'rated', 'closed'] as const;
const isOpen = (c: ComplaintRecord) => OPEN_STATES.includes(c.state);

export const listKeys = {
  mine: (userId: Types.ObjectId | string) => `complaints:mine:${userId.toString()}`,
  /** "callback_due" reads the list of resolved complaints and keeps those whose window has ended */
  queue: (filter: Queue) => `complaints:queue:${filter === 'callback_due' ? 'resolved' : filter}`,
  tasks: (unitId: Types.ObjectId | string, filter: Task) => `complaints:unit:${unitId.toString()}:${filter}`,
  assessment: (period: string, unitId: Types.ObjectId | string) => `complaints:assess:${period}:${unitId.toString()}`,
  /** open complaints of a category, with their point: "someone nearby already reported this" */
  similar: (categoryId: Types.ObjectId | string) => `complaints:similar:${categoryId.toString()}`,
};

/** Every list the complaint belongs in, as it stands. */
export function listKeysOf(c: ComplaintRecord): string[] {
  const keys = [listKeys.mine(c.residentId), ...(c.followerIds ?? []).map((f) => listKeys.mine(f))];
  const queue = (f: Queue, when: boolean) => when && keys.push(listKeys.queue(f));
  // intake: to accept, and accepted but not yet dispatched (otherwise it would be in no queue at all)
  queue('intake', c.state === 'submitted' || c.state === 'accepted');
  queue('returned', c.state === 'returned');
  queue('overdue', isOpen(c) && Boolean(c.overdue?.any));
  queue('supervised', isOpen(c) && Boolean(c.supervised));
  queue('appeals', c.appeal?.status === 'pending');
  queue('callback_due', c.state === 'resolved');
  if (c.unitId) {
    const task = (f: Task, when: boolean) => when && keys.push(listKeys.tasks(c.unitId!, f));
    task('to_sign', c.state === 'dispatched');
    task('in_progress', c.state === 'signed' || c.state === 'in_progress');
    task('overdue', isOpen(c) && Boolean(c.overdue?.any));
    task('reopened', c.state === 'reopened');
    task('resolved', (ASSESSED_STATES as readonly string[]).includes(c.state));
  }
  if (isOpen(c)) for (const a of c.assistingUnitIds ?? []) keys.push(listKeys.tasks(a, 'assisting'));
  if (isOpen(c)) keys.push(listKeys.similar(c.categoryId));
  if (c.assessment?.period && c.unitId && (ASSESSED_STATES as readonly string[]).includes(c.state)) {
    keys.push(listKeys.assessment(c.assessment.period, c.unitId));
  }
  return keys;
}

/** Lists the complaint may have been in before: for repairing after a lost relist. */
function listKeysEverPossible(c: ComplaintRecord): string[] {
  const queues: Queue[] = ['intake', 'returned', 'overdue', 'supervised', 'appeals', 'callback_due'];
  const tasks: Task[] = ['to_sign', 'in_progress', 'overdue', 'reopened', 'resolved', 'assisting'];
  const units = [c.unitId, ...(c.assistingUnitIds ?? [])].filter((u): u is Types.ObjectId => Boolean(u));
  return [
    ...listKeysOf(c), ...queues.map(listKeys.queue), ...units.flatMap((u) => tasks.map((t) => listKeys.tasks(u, t))), listKeys.similar(c.categoryId),
  ];
}

/**
 * How an entry is stored: a tuple instead of an object, the id taken from the entry's key. Field
 * names were a third of a bucket's bytes, and FerretDB's cost of reading a bucket grows with its
 * bytes (8 entries 1.0 ms, 24 entries 1.5 ms).
 */
type StoredPayload = [
  number: string, state: ComplaintSummaryView['state'], categoryName: string, communityName: string, summary: string,
  address: string, createdAt: string, unitName: string | null, flags: number, due?: string | null,
  a?: [x: 0 | 1, late: 0 | 1, s: Facts['s'], r: Facts['r']] | null, point?: [lat: number, lng: number],
];
type Facts = NonNullable<ComplaintListPayload['a']>;
const OVERDUE = 1;
const SUPERVISED = 2;

function encode(p: ComplaintListPayload): StoredPayload {
  const t: StoredPayload = [
    p.number, p.state, p.categoryName, p.communityName, p.summary, p.address, p.createdAt, p.unitName,
    (p.overdue ? OVERDUE : 0) | (p.supervised ? SUPERVISED : 0),
  ];
  if (p.due !== undefined || p.a || p.point) t[9] = p.due ?? null;
  if (p.a || p.point) t[10] = p.a ? [p.a.x ? 1 : 0, p.a.late ? 1 : 0, p.a.s, p.a.r] : null;
  if (p.point) t[11] = [p.point.lat, p.point.lng];
  return t;
}

function decode(k: string, t: StoredPayload): ComplaintListPayload {
  const [number, state, categoryName, communityName, summary, address, createdAt, unitName, flags, due, a, point] = t;
  const p: ComplaintListPayload = {
    id: k, number, state, categoryName, communityName, summary, address, createdAt, unitName,
    overdue: (flags & OVERDUE) !== 0, supervised: (flags & SUPERVISED) !== 0,
  };
  if (due !== undefined && due !== null) p.due = due;
  if (a) p.a = { x: a[0] === 1, late: a[1] === 1, s: a[2], r: a[3] };
  if (point) p.point = { lat: point[0], lng: point[1] };
  return p;
}

/** Only the resident's own list carries their words and address; followers' lists and the similar list carry the public summary. */
function payloadFor(key: string, c: ComplaintRecord): StoredPayload {
  const othersList = key !== listKeys.mine(c.residentId) && (key.startsWith('complaints:mine:') || key.startsWith('complaints:similar:'));
  const p: ComplaintListPayload = othersList ? toPublicSummaryView(c) : toSummaryView(c);
  if (key === listKeys.queue('callback_due')) p.due = c.ratingDueAt ? new Date(c.ratingDueAt).toISOString() : null;
  if (key.startsWith('complaints:similar:')) p.point = { lat: c.location.point.lat, lng: c.location.point.lng };
  if (key.startsWith('complaints:assess:')) {
    p.a = {
      x: Boolean(c.assessment?.excluded),
      late: Boolean(c.overdue?.firstContact),
      s: c.rating?.satisfaction ?? null,
      r: c.rating ? c.rating.resolved : null,
    };
  }
  return encode(p);
}

/** The assessment's counts, per entry; summed per bucket in the list's head (listTotals). */
export function assessmentTally(t: StoredPayload): Tally {
  const a = t[10];
  if (!a) return {};
  const counts = tally(emptyCounts(), { excluded: a[0] === 1, lateContact: a[1] === 1, satisfaction: a[2], resolved: a[3], count: 1 });
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

const optionsFor = (key: string): ListViewOptions<StoredPayload> => (key.startsWith('complaints:assess:') ? { tally: assessmentTally } : {});

/** A page of one or more complaint lists, newest first; `accept` filters entries (time-dependent lists). */
export async function readComplaintPage(
  conn: Connection,
  keys: string[],
  query: ListPageQuery,
  accept?: (p: ComplaintListPayload) => boolean,
): Promise<{ items: ComplaintListPayload[]; nextCursor: string | null }> {
  const page = await readListPage<StoredPayload>(conn, keys, query, accept ? (t, k) => accept(decode(k, t)) : undefined);
  return { items: page.items.map(({ k, p }) => decode(k, p)), nextCursor: page.nextCursor };
}

const readComplaint = (conn: Connection, id: Types.ObjectId) =>
  Complaints(conn).collection.findOne({ _id: id }, { projection: { events: 0, outbox: 0 } }) as Promise<ComplaintRecord | null>;

/**
 * Brings every list the complaint was in (`before`) or is in now up to date, then clears its
 * `listsStale` flag (only if nobody wrote the complaint meanwhile: that writer relists it again).
 */
export async function relistComplaint(conn: Connection, id: Types.ObjectId, before: ComplaintRecord | null, opts: { everywhere?: boolean } = {}): Promise<void> {
  const now = await readComplaint(conn, id);
  if (!now) return;
  const keys = new Set([...(before ? listKeysOf(before) : []), ...(opts.everywhere ? listKeysEverPossible(now) : listKeysOf(now))]);
  const k = id.toHexString();
  await Promise.all(
    [...keys].map((key) =>
      syncListEntry<StoredPayload>(
        conn,
        key,
        k,
        async () => {
          const c = await readComplaint(conn, id);
          return c && listKeysOf(c).includes(key) ? payloadFor(key, c) : null;
        },
        optionsFor(key),
      ),
    ),
  );
  if (now.listsStale) {
    await writeAtVersion(conn, 'complaints', now, { $set: { listsStale: false } } as mongo.UpdateFilter<mongo.Document>, (c) => c.version === now.version);
  }
}

/**
 * After a complaint write: relists it, and never fails the request that wrote (its change has
 * landed); a failure leaves `listsStale` set for the sweep.
 */
export async function relistAfterWrite(conn: Connection, id: Types.ObjectId, before: ComplaintRecord | null, logger?: Logger): Promise<void> {
  try {
    await relistComplaint(conn, id, before);
  } catch (err) {
    logger?.warn({ err, complaintId: id.toHexString() }, 'complaint lists not updated; the sweep will retry');
  }
}

/** The sweep's repair: complaints whose relist did not finish. Scans, so it runs in the background only. */
export async function relistStaleComplaints(conn: Connection, batch = 100): Promise<number> {
  const stale = await Complaints(conn).collection.find({ listsStale: true }, { projection: { _id: 1 } }).limit(batch).toArray();
  for (const { _id } of stale) await relistComplaint(conn, _id as Types.ObjectId, null, { everywhere: true });
  return stale.length;
}

/**
 * Every complaint list, built from the complaints themselves (seeding, the first start on older
 * data): add each complaint, then write. Writing also marks the lists as built.
 */
export function complaintListBuilder() {
  const lists = new Map<string, Array<ListEntry<StoredPayload>>>();
  return {
    add(c: ComplaintRecord): void {
      for (const key of listKeysOf(c)) {
        let list = lists.get(key);
        if (!list) lists.set(key, (list = []));
        list.push({ k: c._id.toHexString(), p: payloadFor(key, c) });
      }
    },
    async write(conn: Connection): Promise<void> {
      await buildLists(conn, lists, optionsFor);
      await markBuilt(conn);
    },
  };
}

const BUILT_MARK = 'complaints:built';

async function markBuilt(conn: Connection): Promise<void> {
  await claimKey(conn, LIST_VIEWS, BUILT_MARK, { at: new Date() });
}

/**
 * At start: a database whose complaints predate the lists gets them built once (a full read of the
 * complaints, like a migration). A mark records that the lists exist; from then on every write keeps them.
 */
export async function ensureComplaintLists(conn: Connection): Promise<void> {
  if (await conn.db!.collection<{ _id: string }>(LIST_VIEWS).findOne({ _id: BUILT_MARK })) return;
  const builder = complaintListBuilder();
  for await (const c of Complaints(conn).collection.find({}, { projection: { events: 0, outbox: 0 } })) builder.add(c as ComplaintRecord);
  await builder.write(conn);
}
