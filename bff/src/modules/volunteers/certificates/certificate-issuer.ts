import type { CertificateIssuerBody, CertificateIssuerView } from '@gongzhi/shared';
import { Schema, Types, type Connection } from 'mongoose';
import { recordAudit } from '../../../platform/audit';
import { now } from '../../../platform/clock';
import { modelFor } from '../../../platform/database';
import { AppError } from '../../../platform/errors';
import { retryUpsert } from '../../../platform/unique-race';
import type { UserRecord } from '../../identity/user.model';
import { Communities } from '../../reference/reference.model';
import { requireCommunityStaff } from '../organisation/organiser-access';

/**
 * Who answers for a community's service certificates (《志愿服务记录与证明出具办法》: the issuer, its
 * person in charge and a contact). Keyed by the community's id, so a certificate reads it by _id alone.
 */
export interface CertificateIssuerRecord {
  /** the community's id */
  _id: Types.ObjectId;
  personInCharge: string;
  contact: string;
  updatedBy: Types.ObjectId;
  updatedAt: Date;
}

const issuerSchema = new Schema<CertificateIssuerRecord>(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    personInCharge: { type: String, required: true },
    contact: { type: String, required: true },
    updatedBy: { type: Schema.Types.ObjectId, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'volunteer_certificate_issuers', versionKey: false },
);

export const CertificateIssuers = modelFor<CertificateIssuerRecord>('VolunteerCertificateIssuer', issuerSchema);

/**
 * Until a community's staff fill these in, its certificates name the station's role and the city
 * hotline, as they did before communities could keep their own.
 */
export const DEFAULT_ISSUER = { personInCharge: '志愿服务站站长', contact: '12345' } as const;

export function createCertificateIssuerService(conn: Connection) {
  /** The person in charge and contact printed on certificates issued for this community's volunteers. */
  async function issuerOf(communityId: Types.ObjectId): Promise<{ personInCharge: string; contact: string }> {
    const kept = await CertificateIssuers(conn).findById(communityId).lean();
    return kept ? { personInCharge: kept.personInCharge, contact: kept.contact } : { ...DEFAULT_ISSUER };
  }

  async function getIssuer(user: UserRecord, rawCommunityId: string): Promise<CertificateIssuerView> {
    const communityId = new Types.ObjectId(rawCommunityId);
    requireCommunityStaff(user, communityId);
    const kept = await CertificateIssuers(conn).findById(communityId).lean();
    return kept ? viewOf(kept) : { communityId: communityId.toString(), ...DEFAULT_ISSUER, updatedAt: null };
  }

  /** Community staff (or admins) set their community's; the last write wins, as with any form. */
  async function setIssuer(user: UserRecord, rawCommunityId: string, body: CertificateIssuerBody, requestId?: string): Promise<CertificateIssuerView> {
    const communityId = new Types.ObjectId(rawCommunityId);
    requireCommunityStaff(user, communityId);
    if (!(await Communities(conn).findById(communityId, { _id: 1 }).lean())) throw new AppError('COMMUNITY_NOT_FOUND', 404);
    const record: CertificateIssuerRecord = { _id: communityId, ...body, updatedBy: user._id, updatedAt: now() };
    // two first saves at once both try the insert; the loser's retry finds the document and replaces it
    await retryUpsert(() => CertificateIssuers(conn).replaceOne({ _id: communityId }, record, { upsert: true }).exec());
    // ids only in the audit log; the values themselves are on the record
    await recordAudit(conn, { actorId: user._id.toString(), action: 'volunteer_certificate_issuer.updated', subjectType: 'community', subjectId: communityId.toString(), requestId });
    return viewOf(record);
  }

  return { issuerOf, getIssuer, setIssuer };
}

function viewOf(r: CertificateIssuerRecord): CertificateIssuerView {
  return { communityId: r._id.toString(), personInCharge: r.personInCharge, contact: r.contact, updatedAt: r.updatedAt.toISOString() };
}
