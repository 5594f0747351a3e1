import {
  ADULT_AGE, ageOn, CURRENT_CONSENT_VERSION, MIN_REGISTRATION_AGE, parseIdNumber,
  type RealNameBody, type UserView,
} from '@gongzhi/shared';
import { recordAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import { isDuplicateKeyError } from '../../platform/database';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { Communities } from '../reference/reference.model';
import { Users, type RealNameRecord, type UserRecord } from './user.model';
import { toUserView } from './user-view';
import { withWechatCode } from './wechat-errors';

export function createRealNameService({ conn, wechat, cipher }: AppDeps) {
  const users = Users(conn);
  const communities = Communities(conn);

  /**
   * Real-name registration (PRODUCT.md; PIPL art. 31 for minors). Cheap checks first; the phone
   * code is spent last because WeChat accepts it only once.
   */
  async function registerRealName(user: UserRecord, body: RealNameBody, requestId: string): Promise<UserView> {
    if (body.consentVersion !== CURRENT_CONSENT_VERSION) throw new AppError('CONSENT_VERSION_OUTDATED', 400);
    if (user.realName) throw new AppError('ALREADY_VERIFIED', 409);

    const today = now();
    const parsed = parseIdNumber(body.idNumber, today);
    if (!parsed.ok) throw new AppError(parsed.error, 400, [{ path: 'body.idNumber', message: parsed.error }]);
    const age = ageOn(parsed.value.birthDate, today);
    if (age < MIN_REGISTRATION_AGE) throw new AppError('AGE_UNDER_14', 422);

    const community = await communities.findById(body.communityId).lean();
    if (!community) throw new AppError('COMMUNITY_NOT_FOUND', 404);

    const phone = await withWechatCode(() => wechat.getPhoneNumber(body.phoneCode), 'PHONE_CODE_INVALID');

    const realName: RealNameRecord = {
      nameCipher: cipher.encrypt(body.name),
      idNumberCipher: cipher.encrypt(parsed.value.idNumber),
      phoneCipher: cipher.encrypt(phone.purePhoneNumber),
      idNumberIndex: cipher.blindIndex('idNumber', parsed.value.idNumber),
      phoneIndex: cipher.blindIndex('phone', phone.purePhoneNumber),
      birthDate: parsed.value.birthDate,
      minor: age < ADULT_AGE,
      communityId: community._id,
      communityName: community.name,
      verifiedAt: today,
    };
    let updated: UserRecord | null;
    try {
      // The unique index on realName.idNumberIndex decides "one ID number = one account".
      updated = await users
        .findOneAndUpdate(
          { _id: user._id, realName: { $exists: false }, deletedAt: { $exists: false } },
          { $set: { realName, consent: { version: body.consentVersion, at: today } } },
          { returnDocument: 'after' },
        )
        .lean();
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new AppError('ID_ALREADY_REGISTERED', 409);
      throw err;
    }
    if (!updated) throw new AppError('ALREADY_VERIFIED', 409);

    await recordAudit(conn, {
      actorId: user._id.toString(),
      action: 'user.real_name_registered',
      subjectType: 'user',
      subjectId: user._id.toString(),
      requestId,
      details: { consentVersion: body.consentVersion, minor: realName.minor },
    });
    return toUserView(updated, cipher);
  }

  /** A resident registered under an older privacy notice agrees to the current one; the audit trail keeps both. */
  async function renewConsent(user: UserRecord, consentVersion: string, requestId: string): Promise<UserView> {
    if (consentVersion !== CURRENT_CONSENT_VERSION) throw new AppError('CONSENT_VERSION_OUTDATED', 400);
    if (!user.realName) throw new AppError('REAL_NAME_REQUIRED', 403);
    const updated = await users
      .findOneAndUpdate(
        { _id: user._id, deletedAt: { $exists: false } },
        { $set: { consent: { version: consentVersion, at: now() } } },
        { returnDocument: 'after' },
      )
      .lean();
    if (!updated) throw new AppError('UNAUTHENTICATED', 401);
    await recordAudit(conn, {
      actorId: user._id.toString(),
      action: 'user.consent_renewed',
      subjectType: 'user',
      subjectId: user._id.toString(),
      requestId,
      details: { consentVersion, previous: user.consent?.version ?? 'none' },
    });
    return toUserView(updated, cipher);
  }

  return { registerRealName, renewConsent };
}
