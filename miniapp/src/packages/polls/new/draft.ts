import { PollDraftBody, type PollQuestion } from '@gongzhi/shared';
import { fieldErrorsOf, type FieldErrors } from '../../../components/form-errors';

export type QuestionKind = PollQuestion['kind'];

/** A question as the form holds it: options as lines of text, the most choices as typed. */
export interface QuestionDraft {
  kind: QuestionKind;
  title: string;
  options: string;
  max: string;
}

export interface PollFormDraft {
  title: string;
  description: string;
  questions: QuestionDraft[];
  /** 'street' or a community id */
  audience: string;
  days: string;
  minAge: string;
  results: 'live' | 'after_close' | 'staff_only';
  ballot: 'secret' | 'named';
  /** the uploaded cover's id, if any */
  coverId?: string;
}

/** Fields of the form: the poll's own, and each question by its place (`q0`, `q1`, …). */
export type PollField = 'title' | 'description' | 'audience' | 'minAge' | `q${number}`;

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** The form's draft as the BFF's body; question and option ids by position (q1…, a, b, …). */
export function bodyOf(draft: PollFormDraft, opensAt: number): unknown {
  const questions = draft.questions.map((q, i) => {
    const base = { id: `q${i + 1}`, title: q.title.trim() };
    const options = lines(q.options).map((label, j) => ({ id: String.fromCharCode(97 + j), label }));
    if (q.kind === 'single' || q.kind === 'ranking') return { ...base, kind: q.kind, options };
    if (q.kind === 'multiple') return { ...base, kind: q.kind, options, min: 1, max: Number(q.max) || options.length };
    if (q.kind === 'rating') return { ...base, kind: q.kind };
    return { ...base, kind: q.kind, maxLength: 200 };
  });
  return {
    title: draft.title.trim(),
    description: draft.description.trim(),
    ...(draft.coverId ? { coverId: draft.coverId } : {}),
    questions,
    audience: draft.audience === 'street' ? { scope: 'street' } : { scope: 'communities', communityIds: [draft.audience] },
    ...(draft.minAge.trim() ? { minAge: Number(draft.minAge) } : {}),
    opensAt: new Date(opensAt).toISOString(),
    closesAt: new Date(opensAt + Number(draft.days) * 24 * 3600_000).toISOString(),
    results: draft.results,
    ballot: draft.ballot,
  };
}

const MESSAGES: Partial<Record<PollField, string>> = {
  title: '请填写标题（2至60字）',
  description: '说明最多2000字',
  minAge: '最低年龄应为14至120之间的整数',
  audience: '请选择面向的居民',
};
const QUESTION_MESSAGE = '请填写题目；选择题和排序题至少两个选项，每行一个，选项不重复（排序题最多5项）';

/** The shared schema decides; its issues become one message per field of this form. */
export function validatePollDraft(draft: PollFormDraft, opensAt: number): { ok: true; body: PollDraftBody } | { ok: false; errors: FieldErrors<PollField> } {
  const parsed = PollDraftBody.safeParse(bodyOf(draft, opensAt));
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors = fieldErrorsOf<PollField>(
    parsed.error,
    (path) => {
      const [head, index] = path;
      if (head === 'questions') return `q${typeof index === 'number' ? index : 0}`;
      if (head === 'title' || head === 'description' || head === 'minAge' || head === 'audience') return head;
      return undefined;
    },
    (field, issue) => MESSAGES[field] ?? (field.startsWith('q') ? QUESTION_MESSAGE : issue),
  );
  return { ok: false, errors };
}
