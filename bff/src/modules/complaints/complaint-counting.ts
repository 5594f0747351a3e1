import type { Connection, Types } from 'mongoose';
import type { AppDeps } from '../../platform/deps';
import type { ComplaintRecord, TallyOp } from './complaint.model';

/**
 * The assessment's counts follow every write of a complaint, in the same conditional update
 * (assessment/assessment-tallies.ts implements this as `assessmentCounting`). The complaints module
 * only knows this port: the assessment reads complaints, so complaints must not import it back;
 * app.ts and main.ts hand the port in.
 */
export interface ComplaintCounting {
  /** the fields and tally changes to add to a write that turns `before` into `after` */
  change(before: ComplaintRecord, after: ComplaintRecord): { set: Record<string, unknown>; ops: TallyOp[] };
  /** applies a complaint's recorded tally changes, each at most once, then drops them from it */
  apply(conn: Connection, complaintId: Types.ObjectId, ops: TallyOp[]): Promise<void>;
  /** the repair: changes a process recorded on a complaint but died before applying; how many complaints */
  applyPending(conn: Connection, batch: number): Promise<number>;
}

/** What writes complaints: the connection and the counts that follow each write. */
export interface ComplaintStore {
  conn: Connection;
  counting: ComplaintCounting;
}

/** What the complaints services are built from: the app's deps and the counting port. */
export type ComplaintDeps = AppDeps & { counting: ComplaintCounting };

/** The complaint's document with dotted-path fields set, for judging what a write will make of it. */
export function withFields<T extends object>(doc: T, fields: Record<string, unknown>): T {
  const out = { ...doc } as Record<string, unknown>;
  for (const [path, value] of Object.entries(fields)) {
    const parts = path.split('.');
    let at = out;
    for (const p of parts.slice(0, -1)) at = at[p] = { ...((at[p] as Record<string, unknown> | null | undefined) ?? {}) };
    at[parts.at(-1)!] = value;
  }
  return out as T;
}
