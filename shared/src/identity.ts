import { z } from 'zod';

/** Roles with scope (PRODUCT.md §1). Staff roles are bound to a community, a unit or the street. */
export const ROLES = [
  'resident',
  'volunteer',
  'community_staff',
  'unit_staff',
  'dispatcher',
  'enterprise',
  'admin',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  volunteer: '志愿者',
  community_staff: '社区工作人员',
  unit_staff: '职能部门工作人员',
  dispatcher: '街道指挥分拨中心',
  enterprise: '企业',
  admin: '系统管理员',
};

/** Which kind of scope each staff role is bound to. */
export const ROLE_SCOPE: Partial<Record<Role, 'community' | 'unit' | 'street'>> = {
  community_staff: 'community',
  unit_staff: 'unit',
  dispatcher: 'street',
  admin: 'street',
};

export const ObjectIdString = z.string().regex(/^[0-9a-f]{24}$/, '编号格式不正确');

/**
 * The privacy notice version a resident must consent to. Bump when the notice changes.
 * 2026-12-04: says what of a complaint becomes public (issue 8).
 */
export const CURRENT_CONSENT_VERSION = '2026-12-04';

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

/** A registered resident who consented to an older notice must be asked again. */
export const needsNewConsent = (user: { consent?: { version: string } }): boolean =>
  user.consent !== undefined && user.consent.version !== CURRENT_CONSENT_VERSION;

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
  role: z.enum(['community_staff', 'unit_staff', 'dispatcher', 'admin']),
  communityId: ObjectIdString.optional(),
  unitId: ObjectIdString.optional(),
});
export type CreateInvitationBody = z.infer<typeof CreateInvitationBody>;

export const InvitationView = z.object({ code: z.string(), role: Role, expiresAt: z.string() });

export const RedeemInvitationBody = z.strictObject({
  code: z.string().trim().min(6).max(64),
});
