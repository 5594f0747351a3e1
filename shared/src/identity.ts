import { z } from 'zod';
import { ROLES } from './identity-rules';

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ObjectIdString = z.string().regex(/^[0-9a-f]{24}$/, '编号格式不正确');

export const WechatLoginBody = z.strictObject({
  code: z.string().min(1).max(128),
});
export type WechatLoginBody = z.infer<typeof WechatLoginBody>;

export const RefreshBody = z.strictObject({
  refreshToken: z.string().min(16).max(256),
});
export type RefreshBody = z.infer<typeof RefreshBody>;

export const LogoutBody = RefreshBody;

export const NAME_PATTERN = /^[\u4e00-\u9fa5·•]{2,20}$|^[A-Za-z][A-Za-z .'-]{1,39}$/;

export const RealNameBody = z.strictObject({
  name: z.string().trim().regex(NAME_PATTERN, '请填写身份证上的姓名'),
  idNumber: z.string().trim().regex(/^\d{17}[\dXx]$/, '身份证号码应为18位'),
  phoneCode: z.string().min(1).max(256),
  communityId: ObjectIdString,
  consentVersion: z.string().min(1).max(32),
});
export type RealNameBody = z.infer<typeof RealNameBody>;

/** A registered resident agreeing to a newer privacy notice (PIPL art. 14: a changed purpose needs consent again). */
export const ConsentBody = z.strictObject({
  consentVersion: z.string().min(1).max(32),
});
export type ConsentBody = z.infer<typeof ConsentBody>;

export const RoleBinding = z.object({
  role: Role,
  communityId: z.string().optional(),
  unitId: z.string().optional(),
});
export type RoleBinding = z.infer<typeof RoleBinding>;

export const UserView = z.object({
  id: z.string(),
  roles: z.array(RoleBinding),
  verified: z.boolean(),
  /** present once real-name registration is done; always masked */
  realName: z
    .object({
      name: z.string(),
      idNumber: z.string(),
      phone: z.string(),
      birthDate: z.string(),
      minor: z.boolean(),
      communityId: z.string(),
      communityName: z.string(),
      verifiedAt: z.string(),
    })
    .optional(),
  consent: z.object({ version: z.string(), at: z.string() }).optional(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof UserView>;

export const AuthTokens = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** seconds */
  expiresIn: z.number(),
});

export const LoginResponse = AuthTokens.extend({ user: UserView });
export type LoginResponse = z.infer<typeof LoginResponse>;
export type AuthTokens = z.infer<typeof AuthTokens>;

export const CreateInvitationBody = z.strictObject({
  role: z.enum(['community_staff', 'party_committee', 'unit_staff', 'dispatcher', 'enterprise_officer', 'admin']),
  communityId: ObjectIdString.optional(),
  unitId: ObjectIdString.optional(),
});
export type CreateInvitationBody = z.infer<typeof CreateInvitationBody>;

export const InvitationView = z.object({ code: z.string(), role: Role, expiresAt: z.string() });

export const RedeemInvitationBody = z.strictObject({
  code: z.string().trim().min(6).max(64),
});
