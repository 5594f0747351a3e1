import { invalidCursor } from '../../platform/pagination';

/** Complaint lists page by complaint id (newest first): a cursor is the last id of the previous page. */
export function pageQuery(query: { cursor?: string; limit: number }): { cursor?: string; limit: number } {
  if (query.cursor !== undefined && !/^[0-9a-f]{24}$/.test(query.cursor)) throw invalidCursor();
  return { cursor: query.cursor, limit: query.limit };
}

