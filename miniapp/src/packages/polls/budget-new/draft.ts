import { BudgetRoundDraftBody, type BudgetRoundDraft } from '@gongzhi/shared';
import { fieldErrorsOf, type FieldErrors } from '../../../components/form-errors';

/** A candidate project as the form holds it: the cost as typed. */
export interface CandidateDraft {
  title: string;
  cost: string;
  description: string;
  proposer: string;
  /** taken from a resident proposal of the community (居民提议) */
  proposalId?: string;
}

export interface RoundFormDraft {
  title: string;
  description: string;
  communityId: string;
  budget: string;
  days: string;
  candidates: CandidateDraft[];
}

/** Fields of the form: the round's own, and each candidate by its place (`c0`, `c1`, …). */
export type RoundField = 'title' | 'description' | 'communityId' | 'budget' | 'candidates' | `c${number}`;

const amount = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/** The form's draft as the BFF's body; candidate ids by position (p1, p2, …). */
export function roundBodyOf(draft: RoundFormDraft, opensAt: number): unknown {
  return {
    title: draft.title.trim(),
    description: draft.description.trim(),
    communityId: draft.communityId,
    budget: amount(draft.budget),
    opensAt: new Date(opensAt).toISOString(),
    closesAt: new Date(opensAt + Number(draft.days) * 24 * 3600_000).toISOString(),
    candidates: draft.candidates.map((c, i) => ({
      id: `p${i + 1}`,
      title: c.title.trim(),
      cost: amount(c.cost),
      description: c.description.trim(),
      proposer: c.proposer.trim(),
      ...(c.proposalId ? { proposalId: c.proposalId } : {}),
    })),
  };
}

const MESSAGES: Partial<Record<RoundField, string>> = {
  title: '请填写标题（2至60字）',
  description: '说明最多2000字',
  communityId: '请选择社区',
  budget: '请填写总预算（整数，单位：元）',
  candidates: '请至少列出两个候选项目（最多30个）',
};
const CANDIDATE_MESSAGE = '请填写项目名称（2至60字）和费用（整数，单位：元，不超过总预算）';

/** The shared schema decides; its issues become one message per field of this form. */
export function validateRoundDraft(draft: RoundFormDraft, opensAt: number): { ok: true; body: BudgetRoundDraft } | { ok: false; errors: FieldErrors<RoundField> } {
  const parsed = BudgetRoundDraftBody.safeParse(roundBodyOf(draft, opensAt));
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors = fieldErrorsOf<RoundField>(
    parsed.error,
    (path) => {
      const [head, index] = path;
      if (head === 'candidates') return typeof index === 'number' ? `c${index}` : 'candidates';
      if (head === 'title' || head === 'description' || head === 'communityId' || head === 'budget') return head;
      return undefined;
    },
    (field, issue) => MESSAGES[field] ?? (field.startsWith('c') ? CANDIDATE_MESSAGE : issue),
  );
  return { ok: false, errors };
}
