import { Schema, type Types } from 'mongoose';
import { modelFor } from './database';

/**
 * Append-only record of staff actions and of every read of unmasked personal data. It holds ids
 * only, never the personal data itself, so it survives account deletion as an anonymised trail.
 */
export interface AuditEntry {
  _id: Types.ObjectId;
  at: Date;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  requestId?: string;
  details?: Record<string, string | number | boolean>;
}

const auditSchema = new Schema<AuditEntry>(
  {
    at: { type: Date, required: true },
    actorId: { type: String, default: null },
    action: { type: String, required: true },
    subjectType: { type: String, required: true },
    subjectId: { type: String, required: true },
    requestId: String,
    details: { type: Schema.Types.Mixed },
  },
  { collection: 'audit_log', versionKey: false, strict: 'throw' },
);
auditSchema.index({ subjectType: 1, subjectId: 1, at: -1 });
auditSchema.index({ actorId: 1, at: -1 });

const REFUSED = [
  'updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'findOneAndReplace',
  'deleteOne', 'deleteMany', 'findOneAndDelete',
] as const;
for (const op of REFUSED) {
  auditSchema.pre(op, function refuseChange() {
    throw new Error(`audit_log is append-only: ${op} is not allowed`);
  });
}
auditSchema.pre('save', function refuseRewrite() {
  if (!this.isNew) throw new Error('audit_log is append-only: documents cannot be saved twice');
});

export const AuditLog = modelFor<AuditEntry>('AuditEntry', auditSchema);
