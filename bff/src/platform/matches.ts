import sift from 'sift';

/**
 * Whether a document satisfies a MongoDB filter, judged here rather than by the database.
 *
 * FerretDB 1.24 answers only an exact `{_id}` filter from an index; any other field in a filter
 * makes it read the whole collection. So a document is fetched by `_id` alone and the rest of the
 * filter (a scope, a precondition) is checked with sift, which implements MongoDB's query language
 * (ObjectId equality, $in, $or, $ne on arrays, dotted paths) the way the database would.
 */
export function matches(doc: object, filter: object): boolean {
  return Object.keys(filter).length === 0 || sift(filter)(doc);
}
