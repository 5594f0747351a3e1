/**
 * The rules of identity that are not schemas: roles and their labels and scopes, and which privacy
 * notice a resident has agreed to. Apart from identity.ts (the zod schemas): the mini-program's main
 * package reads these on 我的, and importing them from a file of schemas put zod into the main package
 * WeChat downloads before the first page.
 */

/** Roles with scope (PRODUCT.md §1). Staff roles are bound to a community, a unit or the street. */
export const ROLES = [
  'resident',
  'volunteer',
  'community_staff',
  'party_committee',
  'unit_staff',
  'dispatcher',
  'enterprise',
  'enterprise_officer',
  'admin',
] as const;
/** A role's name (identity.ts has the schema, `Role`). */
type RoleName = (typeof ROLES)[number];

export const ROLE_LABELS: Record<RoleName, string> = {
  resident: '居民',
  volunteer: '志愿者',
  community_staff: '社区工作人员',
  party_committee: '社区党委',
  unit_staff: '职能部门工作人员',
  dispatcher: '街道指挥分拨中心',
  enterprise: '企业',
  enterprise_officer: '企业服务部',
  admin: '系统管理员',
};

/** Which kind of scope each staff role is bound to. */
export const ROLE_SCOPE: Partial<Record<RoleName, 'community' | 'unit' | 'street'>> = {
  community_staff: 'community',
  party_committee: 'community',
  unit_staff: 'unit',
  dispatcher: 'street',
  enterprise_officer: 'street',
  admin: 'street',
};

/**
 * The privacy notice version a resident must consent to. Bump when the notice changes.
 * 2026-12-04: says what of a complaint becomes public (issue 8).
 */
export const CURRENT_CONSENT_VERSION = '2026-12-04';

/** A registered resident who consented to an older notice must be asked again. */
export const needsNewConsent = (user: { consent?: { version: string } }): boolean =>
  user.consent !== undefined && user.consent.version !== CURRENT_CONSENT_VERSION;
