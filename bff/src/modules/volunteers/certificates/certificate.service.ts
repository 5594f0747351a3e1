import { randomInt } from 'node:crypto';
import { maskIdNumber, maskName, cstDate } from '@gongzhi/shared';
import type { Types } from 'mongoose';
import { now } from '../../../platform/clock';
import { isDuplicateKeyError } from '../../../platform/database';
import type { AppDeps } from '../../../platform/deps';
import { AppError } from '../../../platform/errors';
import type { UserRecord } from '../../identity/user.model';
import { renderCertificateSvg } from './certificate-image';
import { createCertificateIssuerService } from './certificate-issuer';
import { Certificates, type CertificateRecord } from './certificate.model';
import { confirmedHoursOf, currentEntriesOf } from '../hours/ledger.service';
import { Projects } from '../organisation/organisation.model';
import { Shifts, type ShiftRecord } from '../shifts/shift.model';
import { volunteerOf } from '../lookups';


/** 'GZC' + Beijing date + 8 random digits: hard to guess, since verification needs no login. */
function newCertificateNumber(at: Date): string {
  return `GZC${cstDate(at).replaceAll('-', '')}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

/** The service certificate (志愿服务证明): issued on request, numbered, recorded; verifiable by number. */
export function createCertificateService(deps: AppDeps) {
  const { conn, cipher } = deps;
  const issuers = createCertificateIssuerService(conn);

  async function issueCertificate(user: UserRecord) {
    const volunteer = await volunteerOf(conn, user._id);
    if (!volunteer || !user.realName) throw new AppError('VOLUNTEER_NOT_REGISTERED', 403);
    const at = now();
    const name = cipher.decrypt(user.realName.nameCipher);
    const idNumber = maskIdNumber(cipher.decrypt(user.realName.idNumberCipher));
    const records = await serviceRecords(user._id);
    const totals = { hours: await confirmedHoursOf(conn, user._id), shifts: records.length };
    // the issuing body is the volunteer's community station; its staff keep who answers for it
    const issuer = `${user.realName.communityName}志愿服务站`;
    const { personInCharge, contact } = await issuers.issuerOf(user.realName.communityId);
    const certificate = await record({ userId: user._id, issuedAt: at, issuer, personInCharge, contact, maskedName: maskName(name), totals });
    const content = {
      number: certificate.number,
      issuedDate: cstDate(at),
      issuer,
      personInCharge,
      contact,
      name,
      idType: '居民身份证',
      idNumber,
      volunteerNumber: volunteer.volunteerNumber,
      totals,
      records,
    };
    return {
      number: certificate.number,
      issuedAt: at.toISOString(),
      issuer,
      personInCharge,
      contact,
      volunteer: { name, idType: content.idType, idNumber, volunteerNumber: volunteer.volunteerNumber },
      totals,
      records,
      image: `data:image/svg+xml;base64,${Buffer.from(renderCertificateSvg(content)).toString('base64')}`,
      verifyPath: `/api/v1/volunteer-certificates/${certificate.number}`,
    };
  }

  async function record(fields: Omit<CertificateRecord, '_id' | 'number'>): Promise<CertificateRecord> {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await Certificates(conn).create({ ...fields, number: newCertificateNumber(fields.issuedAt) })).toObject();
      } catch (err) {
        if (!isDuplicateKeyError(err) || attempt >= 4) throw err;
      }
    }
  }

  /** One line per shift with confirmed hours (the ledger's current value), oldest first. */
  async function serviceRecords(userId: Types.ObjectId) {
    const entries = (await currentEntriesOf(conn, userId)).filter((e) => e.hours > 0);
    const shifts = new Map(
      (await Shifts(conn).find({ _id: { $in: entries.map((e) => e.shiftId) } }).lean<ShiftRecord[]>()).map((s) => [s._id.toString(), s]),
    );
    const projects = new Map(
      (await Projects(conn).find({ _id: { $in: [...shifts.values()].map((s) => s.projectId) } }).lean()).map((p) => [p._id.toString(), p]),
    );
    return entries
      .map((e) => ({ e, shift: shifts.get(e.shiftId.toString()) }))
      .filter((x): x is { e: typeof x.e; shift: ShiftRecord } => Boolean(x.shift))
      .sort((a, b) => a.shift.startAt.getTime() - b.shift.startAt.getTime())
      .map(({ e, shift }) => ({
        activity: shift.projectTitle,
        content: projects.get(shift.projectId.toString())?.description.slice(0, 60) ?? shift.projectTitle,
        date: cstDate(shift.startAt),
        place: shift.place.address,
        hours: e.hours,
        organiser: `${shift.communityName}`,
        // staff are named by office, never by person, outside the staff pages
        confirmedBy: `${shift.communityName}工作人员`,
      }));
  }

  /** Public: that the number exists, the masked name and the totals, nothing else. */
  async function verifyCertificate(number: string) {
    if (!/^GZC\d{16}$/.test(number)) throw new AppError('CERTIFICATE_NOT_FOUND', 404);
    const c = await Certificates(conn).findOne({ number }).lean<CertificateRecord>();
    if (!c) throw new AppError('CERTIFICATE_NOT_FOUND', 404);
    return { number: c.number, issuedAt: c.issuedAt.toISOString(), issuer: c.issuer, name: c.maskedName, totals: { hours: c.totals.hours, shifts: c.totals.shifts } };
  }

  return { issueCertificate, verifyCertificate, getIssuer: issuers.getIssuer, setIssuer: issuers.setIssuer };
}

export type CertificateService = ReturnType<typeof createCertificateService>;
