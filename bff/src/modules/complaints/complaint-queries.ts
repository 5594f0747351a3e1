import type { Connection, QueryFilter, Types } from 'mongoose';
import type { ComplaintSummaryView, QueueFilter, TaskFilter } from '@gongzhi/shared';
import type { z } from 'zod';
import { Complaints, OPEN_STATES, type ComplaintRecord } from './complaint.model';
import { toSummaryView } from './complaint-view';

/**
 * The lists people page through, as queries on the complaints themselves, newest first (by _id).
 *
 * A list is one or more filters, each an equality on the leading fields of a compound index of
 * complaint.model.ts that ends in `_id: -1` (a state list is one filter per state): every filter is
 * read as its own page, sorted and limited by the index, and the pages are merged. So a page costs
 * the entries it shows, whatever the collection holds. The cursor is the last _id of the previous page.
 */
type Filter = QueryFilter<ComplaintRecord>;
type Queue = z.infer<typeof QueueFilter>;
type Task = z.infer<typeof TaskFilter>;

export const ASSESSED_STATES = ['resolved', 'rated', 'closed'] as const;

const oneFilterPerState = (states: readonly string[], rest: Filter = {}): Filter[] => states.map((state) => ({ state, ...rest }) as Filter);

export const listFilters = {
  /** own and followed */
  mine: (userId: Types.ObjectId): Filter[] => [{ residentId: userId }, { followerIds: userId }],
  /** the dispatch centre's queues; "callback due" depends on the time */
  queue(filter: Queue, at: Date): Filter[] {
    switch (filter) {
      // to accept, and accepted but not yet dispatched (otherwise it would be in no queue at all)
      case 'intake': return oneFilterPerState(['submitted', 'accepted']);
      case 'returned': return oneFilterPerState(['returned']);
      case 'overdue': return oneFilterPerState(OPEN_STATES, { 'overdue.any': true });
      case 'supervised': return oneFilterPerState(OPEN_STATES, { supervised: true });
      case 'appeals': return [{ 'appeal.status': 'pending' }];
      case 'callback_due': return [{ state: 'resolved', ratingDueAt: { $lte: at } }];
    }
  },
  /** a unit's task lists; the assisting list is work other units lead */
  tasks(unitId: Types.ObjectId, filter: Task): Filter[] {
    switch (filter) {
      case 'to_sign': return oneFilterPerState(['dispatched'], { unitId });
      case 'in_progress': return oneFilterPerState(['signed', 'in_progress'], { unitId });
      case 'overdue': return oneFilterPerState(OPEN_STATES, { unitId, 'overdue.any': true });
      case 'reopened': return oneFilterPerState(['reopened'], { unitId });
      case 'resolved': return oneFilterPerState(ASSESSED_STATES, { unitId });
      case 'assisting': return oneFilterPerState(OPEN_STATES, { assistingUnitIds: unitId });
    }
  },
  /** open complaints of a category: "someone nearby already reported this" */
  similar: (categoryId: Types.ObjectId): Filter[] => oneFilterPerState(OPEN_STATES, { categoryId }),
  /** the complaints of one unit's month of the assessment (assessment.service.ts), narrowed to one figure */
  assessment: (period: string, unitId: Types.ObjectId, figure: Filter = {}): Filter[] =>
    oneFilterPerState(ASSESSED_STATES, { 'assessment.period': period, unitId, ...figure }),
};

const SUMMARY_FIELDS = {
  number: 1, state: 1, categoryName: 1, communityName: 1, description: 1, 'location.address': 1, createdAt: 1, unitName: 1, 'overdue.any': 1, supervised: 1,
} as const;

const newestFirst = (a: { _id: Types.ObjectId }, b: { _id: Types.ObjectId }) => b._id.toHexString().localeCompare(a._id.toHexString());

/** One page of the union of `filters`, newest first. */
export async function pageComplaints(
  conn: Connection,
  filters: Filter[],
  query: { cursor?: string; limit: number },
): Promise<{ items: ComplaintSummaryView[]; nextCursor: string | null }> {
  const before = query.cursor ? { _id: { $lt: query.cursor } } : {};
  const pages = await Promise.all(
    filters.map((f) =>
      Complaints(conn)
        .find({ ...f, ...before }, SUMMARY_FIELDS)
        .sort({ _id: -1 })
        .limit(query.limit + 1)
        .lean<ComplaintRecord[]>(),
    ),
  );
  const merged = pages.flat().sort(newestFirst);
  const unique = merged.filter((c, i) => i === 0 || !c._id.equals(merged[i - 1]!._id));
  const page = unique.slice(0, query.limit);
  return { items: page.map(toSummaryView), nextCursor: unique.length > query.limit ? page[page.length - 1]!._id.toHexString() : null };
}

/**
 * Up to `limit` complaints of `filters` newer than `floor`, newest first, that `accept` keeps (a
 * judgement the database cannot make, such as a distance): each filter is read in batches until it
 * has given `limit` accepted ones or runs out.
 */
export async function firstAccepted(
  conn: Connection,
  filters: Filter[],
  query: { floor: Types.ObjectId; limit: number },
  accept: (c: ComplaintRecord) => boolean,
): Promise<ComplaintSummaryView[]> {
  const found = await Promise.all(
    filters.map(async (f) => {
      const kept: ComplaintRecord[] = [];
      const cursor = Complaints(conn)
        .find({ ...f, _id: { $gte: query.floor } }, { ...SUMMARY_FIELDS, 'location.point': 1 })
        .sort({ _id: -1 })
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
  return found.flat().sort(newestFirst).slice(0, query.limit).map(toSummaryView);
}
