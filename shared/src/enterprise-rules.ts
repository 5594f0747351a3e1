/**
 * 企业服务 rules both the pages and the BFF apply (no zod here: pages take this file): the unified
 * social credit code's check character (GB 32100-2015), the size class of an enterprise (统计上大中小微型
 * 企业划分办法（2017）), and matching an enterprise against an item's criteria with one readable line
 * per criterion.
 */

/** The 31 characters of a credit code (no I, O, Z, S, V), each worth its index. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Why a unified social credit code is not valid, or null when it is (the check character per GB 32100-2015). */
export function creditCodeProblem(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return '统一社会信用代码应为18位';
  for (const ch of code) if (!USCC_CHARS.includes(ch)) return `含有不允许的字符“${ch}”（不使用I、O、Z、S、V）`;
  const sum = USCC_WEIGHTS.reduce((acc, w, i) => acc + USCC_CHARS.indexOf(code[i]!) * w, 0);
  const check = USCC_CHARS[(31 - (sum % 31)) % 31]!;
  return code[17] === check ? null : `校验码不正确（第18位应为${check}），请核对营业执照`;
}

/**
 * GB/T 4754-2017 sections, and the divisions the size rules tell apart. Each carries the size rule it
 * follows (SIZE_RULES).
 */
export const INDUSTRIES = [
  { code: 'A', name: '农、林、牧、渔业', rule: 'agriculture' },
  { code: 'B', name: '采矿业', rule: 'industry' },
  { code: 'C', name: '制造业', rule: 'industry' },
  { code: 'D', name: '电力、热力、燃气及水生产和供应业', rule: 'industry' },
  { code: 'E', name: '建筑业', rule: 'construction' },
  { code: 'F51', name: '批发业', rule: 'wholesale' },
  { code: 'F52', name: '零售业', rule: 'retail' },
  { code: 'G', name: '交通运输、仓储和邮政业', rule: 'transport' },
  { code: 'H61', name: '住宿业', rule: 'hospitality' },
  { code: 'H62', name: '餐饮业', rule: 'hospitality' },
  { code: 'I63', name: '电信、广播电视和卫星传输服务', rule: 'telecom' },
  { code: 'I64', name: '互联网和相关服务', rule: 'telecom' },
  { code: 'I65', name: '软件和信息技术服务业', rule: 'software' },
  { code: 'J', name: '金融业', rule: 'other' },
  { code: 'K701', name: '房地产开发经营', rule: 'realEstate' },
  { code: 'K702', name: '物业管理', rule: 'property' },
  { code: 'L', name: '租赁和商务服务业', rule: 'leasing' },
  { code: 'M', name: '科学研究和技术服务业', rule: 'other' },
  { code: 'N', name: '水利、环境和公共设施管理业', rule: 'other' },
  { code: 'O', name: '居民服务、修理和其他服务业', rule: 'other' },
  { code: 'P', name: '教育', rule: 'other' },
  { code: 'Q', name: '卫生和社会工作', rule: 'other' },
  { code: 'R', name: '文化、体育和娱乐业', rule: 'other' },
] as const;
export type IndustryCode = (typeof INDUSTRIES)[number]['code'];
export const INDUSTRY_CODES = INDUSTRIES.map((i) => i.code) as [IndustryCode, ...IndustryCode[]];
export const industryName = (code: string) => INDUSTRIES.find((i) => i.code === code)?.name ?? code;

export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];
export const SIZE_LABELS: Record<SizeClass, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };

/** The figures the rules look at: employees (人), revenue and total assets (万元). */
export interface SizeInputs {
  employees: number;
  revenueWan: number;
  assetsWan: number;
}

type Measure = 'employees' | 'revenueWan' | 'assetsWan';
/** Lower bounds of 大, 中, 小 for each measure a rule uses; below 小 on any measure is 微. */
type SizeRule = Partial<Record<Measure, [large: number, medium: number, small: number]>>;

/** 统计上大中小微型企业划分办法（2017）, the thresholds by kind of industry. */
export const SIZE_RULES: Record<(typeof INDUSTRIES)[number]['rule'], SizeRule> = {
  agriculture: { revenueWan: [20000, 500, 50] },
  industry: { employees: [1000, 300, 20], revenueWan: [40000, 2000, 300] },
  construction: { revenueWan: [80000, 6000, 300], assetsWan: [80000, 5000, 300] },
  wholesale: { employees: [200, 20, 5], revenueWan: [40000, 5000, 1000] },
  retail: { employees: [300, 50, 10], revenueWan: [20000, 500, 100] },
  transport: { employees: [1000, 300, 20], revenueWan: [30000, 3000, 200] },
  hospitality: { employees: [300, 100, 10], revenueWan: [10000, 2000, 100] },
  telecom: { employees: [2000, 100, 10], revenueWan: [100000, 1000, 100] },
  software: { employees: [300, 100, 10], revenueWan: [10000, 1000, 50] },
  realEstate: { revenueWan: [200000, 1000, 100], assetsWan: [10000, 5000, 2000] },
  property: { employees: [1000, 300, 100], revenueWan: [5000, 1000, 500] },
  leasing: { employees: [300, 100, 10], assetsWan: [120000, 8000, 100] },
  other: { employees: [300, 100, 10] },
};

/**
 * The size class: 大, 中 and 小 need every measure of the rule at or above that class's lower bound
 * (otherwise one class down), 微 is whatever falls below 小 on any measure.
 */
export function sizeClassOf(industry: string, inputs: SizeInputs): SizeClass {
  const rule = SIZE_RULES[INDUSTRIES.find((i) => i.code === industry)?.rule ?? 'other'];
  const measures = Object.entries(rule) as Array<[Measure, [number, number, number]]>;
  const meets = (level: 0 | 1 | 2) => measures.every(([m, bounds]) => inputs[m] >= bounds[level]);
  if (meets(0)) return 'large';
  if (meets(1)) return 'medium';
  if (meets(2)) return 'small';
  return 'micro';
}

export const ENTERPRISE_TAGS = ['高新技术企业', '专精特新', '科技型中小企业', '小微企业', '初创企业', '个体工商户转企'] as const;

/** An item's structured eligibility criteria; absent: no condition. */
export interface EligibilityCriteria {
  industries?: string[];
  sizeClasses?: SizeClass[];
  minYears?: number;
  maxYears?: number;
  minEmployees?: number;
  maxEmployees?: number;
  minRevenueWan?: number;
  maxRevenueWan?: number;
  /** communities (ids) it is for; absent: the whole street */
  communityIds?: string[];
  tagsRequired?: string[];
  tagsExcluded?: string[];
  /** conditions a person must judge, shown as 需确认 */
  judgement?: string[];
}

export interface MatchProfile {
  industry: string;
  sizeClass: SizeClass;
  foundedOn: string;
  employees: number;
  revenueWan: number;
  communityId: string;
  communityName?: string;
  tags: string[];
}

export type Verdict = 'met' | 'unmet' | 'confirm';
export interface CriterionLine {
  verdict: Verdict;
  /** one line a screen reader reads as it stands: 成立年限 3 年，要求不少于 2 年：符合 */
  text: string;
}
export type Fit = 'eligible' | 'possible' | 'ineligible';
export const FIT_LABELS: Record<Fit, string> = { eligible: '符合条件', possible: '可能符合（需确认）', ineligible: '不符合' };
const VERDICT_WORD: Record<Verdict, string> = { met: '符合', unmet: '不符合', confirm: '需确认' };

/** Whole years from the founding date to `at` (China dates, YYYY-MM-DD). */
export function yearsSince(foundedOn: string, at: Date): number {
  const [y, m, d] = foundedOn.split('-').map(Number) as [number, number, number];
  const today = new Date(at.getTime() + 8 * 3600_000);
  let years = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) years--;
  return years;
}

/**
 * The enterprise against the criteria: one line per criterion with its verdict in words (never a tick or
 * a colour alone), and the fit: eligible when every structured criterion is met and nothing needs a
 * person's judgement; possible when only judgement remains; otherwise ineligible.
 */
export function matchCriteria(c: EligibilityCriteria, p: MatchProfile, at: Date, communityName: (id: string) => string = (id) => id): { fit: Fit; lines: CriterionLine[] } {
  const lines: CriterionLine[] = [];
  const line = (ok: boolean, what: string) => lines.push({ verdict: ok ? 'met' : 'unmet', text: `${what}：${VERDICT_WORD[ok ? 'met' : 'unmet']}` });
  const range = (min: number | undefined, max: number | undefined, unit: string) =>
    min !== undefined && max !== undefined ? `${min}至${max}${unit}` : min !== undefined ? `不少于${min}${unit}` : `不超过${max}${unit}`;
  const within = (v: number, min?: number, max?: number) => (min === undefined || v >= min) && (max === undefined || v <= max);

  if (c.industries?.length) line(c.industries.includes(p.industry), `行业 ${industryName(p.industry)}，要求：${c.industries.map(industryName).join('、')}`);
  if (c.sizeClasses?.length) line(c.sizeClasses.includes(p.sizeClass), `规模 ${SIZE_LABELS[p.sizeClass]}，要求：${c.sizeClasses.map((s) => SIZE_LABELS[s]).join('、')}`);
  if (c.minYears !== undefined || c.maxYears !== undefined) {
    const years = yearsSince(p.foundedOn, at);
    line(within(years, c.minYears, c.maxYears), `成立年限 ${years} 年，要求${range(c.minYears, c.maxYears, '年')}`);
  }
  if (c.minEmployees !== undefined || c.maxEmployees !== undefined) line(within(p.employees, c.minEmployees, c.maxEmployees), `员工 ${p.employees} 人，要求${range(c.minEmployees, c.maxEmployees, '人')}`);
  if (c.minRevenueWan !== undefined || c.maxRevenueWan !== undefined) line(within(p.revenueWan, c.minRevenueWan, c.maxRevenueWan), `营业收入 ${p.revenueWan} 万元，要求${range(c.minRevenueWan, c.maxRevenueWan, '万元')}`);
  if (c.communityIds?.length) line(c.communityIds.includes(p.communityId), `所在社区 ${p.communityName ?? communityName(p.communityId)}，要求：${c.communityIds.map(communityName).join('、')}`);
  for (const tag of c.tagsRequired ?? []) line(p.tags.includes(tag), `须为“${tag}”`);
  for (const tag of c.tagsExcluded ?? []) line(!p.tags.includes(tag), `不能为“${tag}”`);
  for (const j of c.judgement ?? []) lines.push({ verdict: 'confirm', text: `${j}：需确认` });

  const fit: Fit = lines.some((l) => l.verdict === 'unmet') ? 'ineligible' : lines.some((l) => l.verdict === 'confirm') ? 'possible' : 'eligible';
  return { fit, lines };
}
