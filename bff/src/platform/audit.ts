import type { Connection } from 'mongoose';
import { now } from './clock';
import { AuditLog, type AuditEntry } from './audit.model';

export type AuditRecord = Omit<AuditEntry, '_id' | 'at'>;

/** The only way to write the audit log: one insert per event. */
export async function recordAudit(conn: Connection, entry: AuditRecord): Promise<void> {
  await AuditLog(conn).create({ ...entry, at: now() });
}

/** Call before handing unmasked personal data to anyone, e.g. a staff member opening a complainant's phone. */
export async function recordPersonalDataRead(
  conn: Connection,
  read: { actorId: string; subjectUserId: string; fields: string[]; purpose: string; requestId?: string },
): Promise<void> {
  await recordAudit(conn, {
    actorId: read.actorId,
    action: 'personal_data.read',
    subjectType: 'user',
    subjectId: read.subjectUserId,
    requestId: read.requestId,
    details: { fields: read.fields.join(','), purpose: read.purpose },
  });
}
