import { isValidObjectId, Types, type Model } from 'mongoose';
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

/**
 * Keyset pagination on a compound sort that ends in _id (e.g. most supported first, or nearest
 * deadline first): the cursor carries the last row's sort values, and the next page is what sorts
 * after it, as one `$or` per tie level under the list's equality prefix, so the compound index that
 * serves the sort serves every page.
 */
export interface Keyset<T> {
  /** the sort fields before _id, and their direction */
  fields: ReadonlyArray<readonly [keyof T & string, 1 | -1]>;
  idOrder: 1 | -1;
}

type KeyValue = number | Date;

export function keysetSort<T>(keyset: Keyset<T>): Record<string, 1 | -1> {
  return { ...Object.fromEntries(keyset.fields.map(([f, d]) => [f, d])), _id: keyset.idOrder };
}

/** The cursor for a row: each sort value (dates as ms) and the _id, joined by `_`. */
export function keysetCursor<T extends { _id: Types.ObjectId }>(keyset: Keyset<T>, row: T): string {
  const values = keyset.fields.map(([f]) => {
    const v = row[f] as unknown as KeyValue | undefined;
    return v instanceof Date ? `d${v.getTime()}` : `n${Number(v ?? 0)}`;
  });
  return [...values, row._id.toHexString()].join('_');
}

/** The filter for the rows after `cursor` (none: from the start); a cursor that no page gave answers 400. */
export function keysetAfter<T>(keyset: Keyset<T>, cursor: string | undefined): Record<string, unknown> {
  if (cursor === undefined) return {};
  const parts = cursor.split('_');
  const id = parts.pop();
  if (parts.length !== keyset.fields.length || !id || !/^[0-9a-f]{24}$/.test(id)) throw invalidCursor();
  const values: KeyValue[] = parts.map((p) => {
    const n = Number(p.slice(1));
    if (!/^[dn]-?\d+$/.test(p) || !Number.isSafeInteger(n)) throw invalidCursor();
    return p[0] === 'd' ? new Date(n) : n;
  });
  const beyond = (d: 1 | -1) => (d === 1 ? '$gt' : '$lt');
  const branches = keyset.fields.map(([field, dir], i) => ({
    ...Object.fromEntries(keyset.fields.slice(0, i).map(([f], j) => [f, values[j]])),
    [field]: { [beyond(dir)]: values[i] },
  }));
  const ties = Object.fromEntries(keyset.fields.map(([f], j) => [f, values[j]]));
  return { $or: [...branches, { ...ties, _id: { [beyond(keyset.idOrder)]: new Types.ObjectId(id) } }] };
}
