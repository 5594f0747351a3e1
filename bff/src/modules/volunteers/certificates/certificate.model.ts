import { Schema, type Types } from 'mongoose';
import { modelFor } from '../../../platform/database';

/**
 * Every certificate issued, as issued: the verification endpoint answers from this snapshot, so a
 * later correction of the ledger does not change what an old certificate said. The name is kept
 * only masked; the full record is rendered for the volunteer at issue time and not stored.
 */
export interface CertificateRecord {
  _id: Types.ObjectId;
  /** 'GZC' + YYYYMMDD (Beijing date) + 8 random digits */
  number: string;
  userId: Types.ObjectId;
  issuedAt: Date;
  issuer: string;
  /** as printed on the certificate; absent on certificates issued before communities kept their own */
  personInCharge?: string;
  contact?: string;
  maskedName: string;
  totals: { hours: number; shifts: number };
}

const certificateSchema = new Schema<CertificateRecord>(
  {
    number: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    issuedAt: { type: Date, required: true },
    issuer: { type: String, required: true },
    personInCharge: String,
    contact: String,
    maskedName: { type: String, required: true },
    totals: { type: new Schema({ hours: Number, shifts: Number }, { _id: false }), required: true },
  },
  { collection: 'volunteer_certificates', versionKey: false },
);
certificateSchema.index({ number: 1 }, { unique: true });
certificateSchema.index({ userId: 1, issuedAt: -1 });

export const Certificates = modelFor<CertificateRecord>('VolunteerCertificate', certificateSchema);
