import type { Connection, Types } from 'mongoose';
import { volunteerLedger, type HoursEntry } from './ledger.model';

/** A volunteer's cumulative confirmed hours: the sum of the ledger, nothing cached beside it. */
export const confirmedHoursOf = (conn: Connection, userId: Types.ObjectId | string) => volunteerLedger.totalOf(conn, userId);

/** The entries of one sign-up, oldest first; the last one holds the hours that count. */
export const ledgerOfSignup = (conn: Connection, signupId: Types.ObjectId | string) => volunteerLedger.entriesOf(conn, signupId) as Promise<HoursEntry[]>;

/** Every sign-up's current hours for a volunteer (the last entry of each), for the service record. */
export const currentEntriesOf = (conn: Connection, userId: Types.ObjectId | string) => volunteerLedger.currentEntriesOf(conn, userId) as Promise<HoursEntry[]>;

type NewEntry = Omit<HoursEntry, '_id' | 'seq' | 'kind' | 'delta' | 'corrects' | 'at'>;

/** Appends the next entry for a sign-up (see platform/hours-ledger.ts append). */
export const appendHoursEntry = (conn: Connection, entry: NewEntry, previous: HoursEntry | null) =>
  volunteerLedger.append(conn, entry as never, previous as never) as unknown as Promise<HoursEntry>;
