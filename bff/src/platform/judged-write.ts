import type { ErrorCode } from '@gongzhi/shared';
import { refused, type Refusal } from './action-table';
import { AppError } from './errors';

/** Anything a state machine moves: its state and a version every write increments. */
export interface Versioned<S extends string = string> {
  state: S;
  version: number;
}

/**
 * The one way a state machine's thing changes (complaints, enterprise service-desk cases): read it
 * (within the actor's reach: absent or out of reach alike answer 404 from `read`), judge the action
 * against it as it stands (its action table; a refusal is thrown as is), then write with a filter that
 * pins it as judged (its state and version), so the judgement still holds when the write lands. A miss
 * means someone wrote first: read again and judge again, a few times, then 409 `conflict`.
 */
export async function judgedWrite<T extends Versioned>(spec: {
  read: () => Promise<T>;
  judge: (current: T) => Refusal | null | Promise<Refusal | null>;
  /** the conditional write: `{_id, state: current.state, version: current.version}` and `$inc: {version: 1}`; null on a miss */
  write: (current: T) => Promise<T | null>;
  conflict: ErrorCode;
  /** the current thing, when the caller read it already */
  first?: T;
  attempts?: number;
}): Promise<T> {
  let current = spec.first ?? (await spec.read());
  for (let attempt = 0; attempt < (spec.attempts ?? 4); attempt++) {
    const refusal = await spec.judge(current);
    if (refusal) throw refused(refusal);
    const written = await spec.write(current);
    if (written) return written;
    current = await spec.read();
  }
  throw new AppError(spec.conflict, 409, { state: current.state });
}
