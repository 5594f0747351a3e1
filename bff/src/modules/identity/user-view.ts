import { maskIdNumber, maskName, maskPhone, type Role, type UserView } from '@gongzhi/shared';
import type { FieldCipher } from '../../platform/field-crypto';
import type { UserRecord } from './user.model';

/**
 * What a user sees of themselves: personal fields decrypted only to be masked here, so the
 * plaintext never leaves this function.
 */
export function toUserView(user: UserRecord, cipher: FieldCipher): UserView {
  const r = user.realName;
  return {
    id: user._id.toString(),
    roles: [{ role: 'resident' as Role }, ...(user.roles ?? []).map((b) => ({ role: b.role, communityId: b.communityId, unitId: b.unitId }))],
    verified: Boolean(r),
    ...(r
      ? {
          realName: {
            name: maskName(cipher.decrypt(r.nameCipher)),
            idNumber: maskIdNumber(cipher.decrypt(r.idNumberCipher)),
            phone: maskPhone(cipher.decrypt(r.phoneCipher)),
            birthDate: r.birthDate,
            minor: r.minor,
            communityId: r.communityId.toString(),
            communityName: r.communityName,
            verifiedAt: r.verifiedAt.toISOString(),
          },
        }
      : {}),
    ...(user.consent ? { consent: { version: user.consent.version, at: user.consent.at.toISOString() } } : {}),
    createdAt: user.createdAt.toISOString(),
  };
}
