import { z } from 'zod';
import { ENTERPRISE_TAGS, INDUSTRY_CODES, SIZE_CLASSES, creditCodeProblem } from './enterprise-rules';
import { ObjectIdString } from './identity';

/**
 * 企业服务 (PRODUCT.md §7): an enterprise registers once (verified by the street's enterprise service
 * officer), and from then on sees the support policies, financing products and talent services it
 * qualifies for, with the reason for each criterion.
 */

const Wan = z.number().min(0).max(100_000_000);

export const EnterpriseBody = z.strictObject({
  name: z.string().trim().min(2).max(80),
  creditCode: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .superRefine((code, ctx) => {
      const problem = creditCodeProblem(code);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  legalRepresentative: z.string().trim().min(2).max(30),
  contactPhone: z.string().regex(/^1\d{10}$/, '请填写11位手机号码'),
  industry: z.enum(INDUSTRY_CODES),
  employees: z.number().int().min(0).max(10_000_000),
  revenueWan: Wan,
  assetsWan: Wan,
  /** YYYY-MM-DD */
  foundedOn: z.iso.date(),
  communityId: ObjectIdString,
  tags: z.array(z.enum(ENTERPRISE_TAGS)).max(ENTERPRISE_TAGS.length).default([]),
  /** a photo of the business licence (an upload of the registrant's): only the enterprise and the officers see it */
  licencePhotoId: ObjectIdString.optional(),
});
export type EnterpriseBody = z.input<typeof EnterpriseBody>;
export type EnterpriseDraft = z.output<typeof EnterpriseBody>;

export const ENTERPRISE_STATES = ['pending', 'verified', 'rejected'] as const;
export type EnterpriseState = (typeof ENTERPRISE_STATES)[number];
export const ENTERPRISE_STATE_LABELS: Record<EnterpriseState, string> = { pending: '待审核', verified: '已认证', rejected: '未通过' };

export const EnterpriseView = z.object({
  id: z.string(),
  name: z.string(),
  /** masked for anyone but its members and the officers: 9135********00Y43 */
  creditCode: z.string(),
  legalRepresentative: z.string(),
  contactPhone: z.string(),
  industry: z.string(),
  industryName: z.string(),
  employees: z.number(),
  revenueWan: z.number(),
  assetsWan: z.number(),
  sizeClass: z.enum(SIZE_CLASSES),
  foundedOn: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  tags: z.array(z.string()),
  state: z.enum(ENTERPRISE_STATES),
  review: z.object({ reason: z.string(), at: z.string() }).optional(),
  licencePhotoId: z.string().optional(),
  createdAt: z.string(),
});
export type EnterpriseView = z.infer<typeof EnterpriseView>;

export const ReviewBody = z.strictObject({ decision: z.enum(['verify', 'reject']), reason: z.string().trim().min(2).max(200) });
export const ReviewQuery = z.strictObject({ state: z.enum(ENTERPRISE_STATES).default('pending') });

export const ITEM_KINDS = ['policy', 'financing', 'talent'] as const;
export const ITEM_KIND_LABELS: Record<(typeof ITEM_KINDS)[number], string> = { policy: '惠企政策', financing: '金融产品', talent: '人才服务' };

export const Criteria = z.strictObject({
  industries: z.array(z.enum(INDUSTRY_CODES)).max(30).optional(),
  sizeClasses: z.array(z.enum(SIZE_CLASSES)).max(4).optional(),
  minYears: z.number().int().min(0).max(100).optional(),
  maxYears: z.number().int().min(0).max(100).optional(),
  minEmployees: z.number().int().min(0).optional(),
  maxEmployees: z.number().int().min(0).optional(),
  minRevenueWan: Wan.optional(),
  maxRevenueWan: Wan.optional(),
  communityIds: z.array(ObjectIdString).max(50).optional(),
  tagsRequired: z.array(z.enum(ENTERPRISE_TAGS)).optional(),
  tagsExcluded: z.array(z.enum(ENTERPRISE_TAGS)).optional(),
  judgement: z.array(z.string().trim().min(2).max(100)).max(10).optional(),
}).superRefine((c, ctx) => {
  for (const [lo, hi] of [['minYears', 'maxYears'], ['minEmployees', 'maxEmployees'], ['minRevenueWan', 'maxRevenueWan']] as const) {
    if (c[lo] !== undefined && c[hi] !== undefined && c[lo]! > c[hi]!) ctx.addIssue({ code: 'custom', path: [hi], message: '上限应不小于下限' });
  }
});

export const ItemBody = z
  .strictObject({
    kind: z.enum(ITEM_KINDS),
    title: z.string().trim().min(2).max(80),
    issuer: z.string().trim().min(2).max(60),
    summary: z.string().trim().min(2).max(300),
    body: z.string().trim().max(10000).default(''),
    sourceUrl: z.url({ protocol: /^https$/ }).max(500).optional(),
    validFrom: z.iso.date(),
    validUntil: z.iso.date(),
    /** e.g. 最高补贴50万元 */
    benefit: z.string().trim().min(2).max(100),
    /** for ordering by benefit: the amount in 万元 when there is one */
    benefitWan: z.number().min(0).max(1_000_000).optional(),
    howToApply: z.string().trim().min(2).max(1000),
    criteria: Criteria,
  })
  .superRefine((item, ctx) => {
    if (item.validUntil < item.validFrom) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: '截止日期应不早于开始日期' });
  });
export type ItemBody = z.input<typeof ItemBody>;
export type ItemDraft = z.output<typeof ItemBody>;

export const CriterionLineView = z.object({ verdict: z.enum(['met', 'unmet', 'confirm']), text: z.string() });

export const ItemView = z.object({
  id: z.string(),
  kind: z.enum(ITEM_KINDS),
  title: z.string(),
  issuer: z.string(),
  summary: z.string(),
  body: z.string(),
  sourceUrl: z.string().optional(),
  validFrom: z.string(),
  validUntil: z.string(),
  benefit: z.string(),
  howToApply: z.string(),
  benefitWan: z.number().optional(),
  /** the structured conditions, as published (policy text is public) */
  criteria: Criteria,
  version: z.number(),
  publishedAt: z.string(),
  /** the latest edit: when, and what it changed, in words */
  changedAt: z.string().optional(),
  changes: z.array(z.string()).optional(),
  bundleIds: z.array(z.string()),
});
export type ItemView = z.infer<typeof ItemView>;

/** How many verified enterprises a draft's criteria would reach, before it is published. */
export const MatchPreview = z.object({ eligible: z.number(), possible: z.number(), verified: z.number() });

/** 资源包: items grouped by theme (an item can be in several). */
export const BundleBody = z.strictObject({
  title: z.string().trim().min(2).max(30),
  description: z.string().trim().max(300).default(''),
  itemIds: z.array(ObjectIdString).max(100),
});
export type BundleBody = z.input<typeof BundleBody>;
export const BundleView = z.object({ id: z.string(), title: z.string(), description: z.string(), itemIds: z.array(z.string()), updatedAt: z.string() });
export type BundleView = z.infer<typeof BundleView>;

export const MatchView = ItemView.extend({
  fit: z.enum(['eligible', 'possible', 'ineligible']),
  lines: z.array(CriterionLineView),
  /** published since the enterprise's members last looked, and it fits: 新匹配 */
  isNew: z.boolean(),
  /** changed since they last looked, and it fits: 有更新 (its `changes` say what) */
  isChanged: z.boolean(),
});
export type MatchView = z.infer<typeof MatchView>;
export const MatchQuery = z.strictObject({ kind: z.enum(ITEM_KINDS).optional(), bundle: z.string().regex(/^[0-9a-f]{24}$/).optional() });

export const EnterpriseInvitationView = z.object({ code: z.string(), expiresAt: z.string() });
export const JoinEnterpriseBody = z.strictObject({ code: z.string().trim().regex(/^[A-Z0-9]{8}$/, '邀请码为8位字母或数字') });
export const MemberView = z.object({ userId: z.string(), name: z.string(), role: z.enum(['admin', 'member']), me: z.boolean() });
export const MemberParams = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/), userId: z.string().regex(/^[0-9a-f]{24}$/) });
