import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { mongo } from 'mongoose';

/**
 * Which index a query the app sends is served by (issue 9: no list quietly grows with the data again).
 * The driver's command monitoring records every command the app's connection sends; each read's filter
 * (find, aggregate's first $match, count, distinct, and the query of update, delete and findAndModify) is
 * explained again afterwards, once its collection holds at least FILL_TO documents, and judged on its plan.
 */
export const FILL_TO = 10_000;

export interface CapturedQuery {
  collection: string;
  command: string;
  filter: Record<string, unknown>;
  sort?: Record<string, unknown>;
  limit?: number;
  /** the index the app named, replayed as the app sent it */
  hint?: string | Record<string, unknown>;
}

export interface PlanVerdict {
  query: CapturedQuery;
  /** the index that serves the filter, or null for a collection scan */
  index: string | null;
}

/** Starts recording the reads `client` sends; the client must have been created with `monitorCommands`. */
export function recordQueries(client: mongo.MongoClient, dbName: string) {
  const seen = new Map<string, CapturedQuery>();
  const onStarted = (ev: mongo.CommandStartedEvent) => {
    if (ev.databaseName !== dbName) return;
    for (const q of queriesOf(ev.commandName, ev.command)) {
      const key = `${q.collection} ${q.command} ${shapeOf(q.filter)} ${JSON.stringify(q.sort ?? {})}`;
      if (!seen.has(key)) seen.set(key, q);
    }
  };
  client.on('commandStarted', onStarted);
  return {
    queries: () => [...seen.values()],
    stop: () => void client.off('commandStarted', onStarted),
  };
}

function queriesOf(name: string, cmd: mongo.Document): CapturedQuery[] {
  const collection = cmd[name] as string;
  switch (name) {
    case 'find':
      return [{ collection, command: name, filter: cmd.filter ?? {}, sort: cmd.sort, limit: cmd.limit, hint: cmd.hint }];
    case 'count':
    case 'distinct':
      return [{ collection, command: name, filter: cmd.query ?? {} }];
    case 'aggregate': {
      const first = (cmd.pipeline as mongo.Document[])[0];
      return [{ collection, command: name, filter: first?.$match ?? {} }];
    }
    case 'findAndModify':
      return [{ collection, command: name, filter: cmd.query ?? {}, sort: cmd.sort }];
    case 'update':
      return (cmd.updates as Array<{ q: Record<string, unknown> }>).map((u) => ({ collection, command: name, filter: u.q }));
    case 'delete':
      return (cmd.deletes as Array<{ q: Record<string, unknown> }>).map((d) => ({ collection, command: name, filter: d.q }));
    default:
      return [];
  }
}

/** The filter's field names and operators, values left out: one entry per query shape. */
function shapeOf(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(shapeOf).join(',')}]`;
  if (v && typeof v === 'object' && !(v instanceof Date) && v.constructor?.name === 'Object') {
    return `{${Object.keys(v).sort().map((k) => `${k}:${shapeOf((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return '?';
}

/**
 * Tops every collection up to FILL_TO documents that match none of the app's filters (fields of their own,
 * and a fresh value for each field a unique index names), so the planner has a reason to use an index.
 */
export async function fillCollections(conn: Connection, collections: string[]): Promise<void> {
  for (const name of new Set(collections)) {
    const col = conn.db!.collection(name);
    const missing = FILL_TO - (await col.estimatedDocumentCount());
    if (missing <= 0) continue;
    const uniqueFields = (await col.indexes()).filter((i) => i.unique).flatMap((i) => Object.keys(i.key)).filter((f) => f !== '_id');
    const docs = Array.from({ length: missing }, (_, i) => {
      const doc: Record<string, unknown> = { planFiller: i };
      for (const field of uniqueFields) setPath(doc, field, `filler-${i}-${randomBytes(4).toString('hex')}`);
      return doc;
    });
    for (let i = 0; i < docs.length; i += 2_000) await col.insertMany(docs.slice(i, i + 2_000), { ordered: false });
  }
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = doc;
  for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
  at[parts.at(-1)!] = value;
}

export async function judgePlan(conn: Connection, query: CapturedQuery): Promise<PlanVerdict> {
  const cursor = conn.db!.collection(query.collection).find(query.filter);
  if (query.sort) cursor.sort(query.sort as mongo.Sort);
  if (query.limit) cursor.limit(query.limit);
  if (query.hint) cursor.hint(query.hint as mongo.Hint);
  return { query, index: indexServing(await cursor.explain()) };
}

/**
 * The index that narrows the documents read, from either engine's plan:
 * MongoDB names it in an IXSCAN (or IDHACK for _id) stage, and a COLLSCAN reads everything;
 * DocumentDB (FerretDB 2) answers PostgreSQL's plan, where a Seq Scan reads everything and so does the
 * `_id_` index when its condition is the shard key alone (it covers the whole collection).
 */
export function indexServing(explain: mongo.Document): string | null {
  const pgPlan = explain.queryPlanner?.Plan ?? explain.Plan;
  if (pgPlan) return pgIndex(pgPlan);
  const found: string[] = [];
  let collscan = false;
  walk(explain.queryPlanner?.winningPlan ?? explain, (node) => {
    if (node.stage === 'COLLSCAN') collscan = true;
    if (node.stage === 'IXSCAN' && typeof node.indexName === 'string') found.push(node.indexName);
    if (node.stage === 'IDHACK' || node.stage === 'EXPRESS_IXSCAN' || node.stage === 'EXPRESS_CLUSTERED_IXSCAN') found.push('_id_');
  });
  return collscan ? null : (found[0] ?? null);
}

function pgIndex(plan: mongo.Document): string | null {
  const found: string[] = [];
  let seqScan = false;
  walk(plan, (node) => {
    if (node['Node Type'] === 'Seq Scan') seqScan = true;
    const name = node['Index Name'];
    if (typeof name !== 'string') return;
    const cond = String(node['Index Cond'] ?? '');
    const wholeCollection = name === '_id_' && !cond.includes('object_id');
    if (!wholeCollection) found.push(name);
  });
  return seqScan ? null : (found[0] ?? null);
}

function walk(node: unknown, visit: (n: mongo.Document) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (!node || typeof node !== 'object') return;
  visit(node as mongo.Document);
  for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v, visit);
}
