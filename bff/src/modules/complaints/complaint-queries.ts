import type { Connection, QueryFilter, Types } from 'mongoose';
import type { ComplaintSummaryView, QueueFilter, TaskFilter } from '@gongzhi/shared';
import type { z } from 'zod';
import { Complaints, OPEN_STATES, type ComplaintRecord } from './complaint.model';
import { toSummaryView } from './complaint-view';

/**
 * The lists people page through, as queries on the complaints themselves, newest first (by _id).
 *
 * A list is one or more filters, each an equality on the leading fields of a compound index of
 * complaint.model.ts that ends in `_id: -1` (a state list is one filter per state): every part is
 * read as its own page through its index, and the pages are merged. So a page costs
 * the entries it shows, whatever the collection holds. The cursor is the last _id of the previous page.
 */
type Filter = QueryFilter<ComplaintRecord>;
type Queue = z.infer<typeof QueueFilter>;
type Task = z.infer<typeof TaskFilter>;
type IndexKey = Record<string, 1 | -1>;

/** One part of a list: its filter and the index (complaint.model.ts) that serves it, named as a hint. */
export interface ListPart {
  filter: Filter;
  index: IndexKey;
}

export const ASSESSED_STATES = ['resolved', 'rated', 'closed'] as const;

/**
 * The hint matters on FerretDB 2: without statistics PostgreSQL may guess that half the collection
 * matches and walk the whole _id index backwards instead (seen in test/query-plans.test.ts).
 */
const part = (filter: Filter, ...fields: string[]): ListPart => ({
  filter,
  index: { ...Object.fromEntries(fields.map((f) => [f, 1 as const])), _id: -1 },
});
const perState = (states: readonly string[], rest: Filter, ...fields: string[]): ListPart[] =>
  states.map((state) => part({ ...rest, state } as Filter, ...fields));

export const listFilters = {
  /** own and followed */
  mine: (userId: Types.ObjectId): ListPart[] => [part({ residentId: userId }, 'residentId'), part({ followerIds: userId }, 'followerIds')],
  /** the dispatch centre's queues; "callback due" depends on the time */
  queue(filter: Queue, at: Date): ListPart[] {
    switch (filter) {
      // to accept, and accepted but not yet dispatched (otherwise it would be in no queue at all)
      case 'intake': return perState(['submitted', 'accepted'], {}, 'state');
      case 'returned': return perState(['returned'], {}, 'state');
      case 'overdue': return perState(OPEN_STATES, { 'overdue.any': true }, 'state', 'overdue.any');
      case 'supervised': return perState(OPEN_STATES, { supervised: true }, 'state', 'supervised');
      case 'appeals': return [part({ 'appeal.status': 'pending' }, 'appeal.status')];
      case 'callback_due': return [part({ state: 'resolved', ratingDueAt: { $lte: at } }, 'state')];
    }
  },
  /** a unit's task lists; the assisting list is work other units lead */
  tasks(unitId: Types.ObjectId, filter: Task): ListPart[] {
    switch (filter) {
      case 'to_sign': return perState(['dispatched'], { unitId }, 'unitId', 'state');
      case 'in_progress': return perState(['signed', 'in_progress'], { unitId }, 'unitId', 'state');
      case 'overdue': return perState(OPEN_STATES, { unitId, 'overdue.any': true }, 'unitId', 'state', 'overdue.any');
      case 'reopened': return perState(['reopened'], { unitId }, 'unitId', 'state');
      case 'resolved': return perState(ASSESSED_STATES, { unitId }, 'unitId', 'state');
      case 'assisting': return perState(OPEN_STATES, { assistingUnitIds: unitId }, 'assistingUnitIds', 'state');
    }
  },
  /** open complaints of a category: "someone nearby already reported this" */
  similar: (categoryId: Types.ObjectId): ListPart[] => perState(OPEN_STATES, { categoryId }, 'categoryId', 'state'),
  /** the complaints of one unit's month of the assessment (assessment.service.ts), narrowed to one figure */
  assessment: (period: string, unitId: Types.ObjectId, figure: Filter = {}): ListPart[] =>
    perState(ASSESSED_STATES, { 'assessment.period': period, unitId, ...figure }, 'assessment.period', 'unitId', 'state'),
};

const SUMMARY_FIELDS = {
  number: 1, state: 1, categoryName: 1, communityName: 1, description: 1, 'location.address': 1, createdAt: 1, unitName: 1, 'overdue.any': 1, supervised: 1,
  // what the public summary needs (complaint-public.ts): whose it is and what they agreed to publish
  residentId: 1, 'location.point': 1, publicConsent: 1, publicExactPoint: 1, showIdentityToUnit: 1,
} as const;

/** How a listed complaint is shown to the reader: the full summary, or the public one to anyone but its resident. */
export type SummaryOf = (c: ComplaintRecord) => ComplaintSummaryView;

const newestFirst = (a: { _id: Types.ObjectId }, b: { _id: Types.ObjectId }) => b._id.toHexString().localeCompare(a._id.toHexString());

/** One page of the union of `parts`, newest first. */
export async function pageComplaints(
  conn: Connection,
  parts: ListPart[],
  query: { cursor?: string; limit: number },
  summaryOf: SummaryOf = toSummaryView,
): Promise<{ items: ComplaintSummaryView[]; nextCursor: string | null }> {
  const before = query.cursor ? { _id: { $lt: query.cursor } } : {};
  const pages = await Promise.all(
    parts.map((p) =>
      Complaints(conn)
        .find({ ...p.filter, ...before }, SUMMARY_FIELDS)
        .sort({ _id: -1 })
        .hint(p.index)
        .limit(query.limit + 1)
        .lean<ComplaintRecord[]>(),
    ),
  );
  const merged = pages.flat().sort(newestFirst);
  const unique = merged.filter((c, i) => i === 0 || !c._id.equals(merged[i - 1]!._id));
  const page = unique.slice(0, query.limit);
  return { items: page.map(summaryOf), nextCursor: unique.length > query.limit ? page[page.length - 1]!._id.toHexString() : null };
}

/**
 * Up to `limit` complaints of `parts` newer than `floor`, newest first, that `accept` keeps (a
 * judgement the database cannot make, such as a distance): each filter is read in batches until it
 * has given `limit` accepted ones or runs out.
 */
export async function firstAccepted(
  conn: Connection,
  parts: ListPart[],
  query: { floor: Types.ObjectId; limit: number },
  accept: (c: ComplaintRecord) => boolean,
  summaryOf: SummaryOf = toSummaryView,
): Promise<ComplaintSummaryView[]> {
  const found = await Promise.all(
    parts.map(async (p) => {
      const kept: ComplaintRecord[] = [];
      const cursor = Complaints(conn)
        .find({ ...p.filter, _id: { $gte: query.floor } }, { ...SUMMARY_FIELDS, categoryId: 1 })
        .sort({ _id: -1 })
        .hint(p.index)
        .batchSize(50)
        .lean<ComplaintRecord[]>()
        .cursor();
      for await (const c of cursor) {
        if (!accept(c as ComplaintRecord)) continue;
        kept.push(c as ComplaintRecord);
        if (kept.length >= query.limit) break;
      }
      await cursor.close();
      return kept;
    }),
  );
  return found.flat().sort(newestFirst).slice(0, query.limit).map(summaryOf);
}
