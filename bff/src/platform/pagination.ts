import { isValidObjectId, type Model, type Types } from 'mongoose';
import { AppError } from './errors';

/** The answer to a cursor that no page of this list could have given. */
export function invalidCursor(): AppError {
  return new AppError('VALIDATION_FAILED', 400, [{ path: 'query.cursor', message: '分页游标无效' }]);
}

/** Cursor pagination on _id (always indexed): the cursor is the last _id of the previous page. */
export async function pageByObjectId<T extends { _id: Types.ObjectId }, V>(
  model: Model<T>,
  query: { cursor?: string; limit: number },
  toView: (record: T) => V,
): Promise<{ items: V[]; nextCursor: string | null }> {
  if (query.cursor !== undefined && !isValidObjectId(query.cursor)) throw invalidCursor();
  const filter = query.cursor ? { _id: { $gt: query.cursor } } : {};
  const rows = (await model.find(filter).sort({ _id: 1 }).limit(query.limit + 1).lean()) as T[];
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map(toView), nextCursor: rows.length > query.limit && last ? last._id.toString() : null };
}
