import type { ComplaintSummaryView } from '@gongzhi/shared';
import { invalidCursor } from '../../platform/pagination';
import type { ComplaintListPayload } from './complaint-lists';

/** Complaint lists page by complaint id (newest first): a cursor is the last id of the previous page. */
export function pageQuery(query: { cursor?: string; limit: number }): { cursor?: string; limit: number } {
  if (query.cursor !== undefined && !/^[0-9a-f]{24}$/.test(query.cursor)) throw invalidCursor();
  return { cursor: query.cursor, limit: query.limit };
}

/** The list entries as the API shows them: the summary view, without the list's own facts. */
export function summaries(page: { items: ComplaintListPayload[]; nextCursor: string | null }): { items: ComplaintSummaryView[]; nextCursor: string | null } {
  return {
    items: page.items.map(({ due: _due, a: _a, point: _point, ...summary }) => summary),
    nextCursor: page.nextCursor,
  };
}
