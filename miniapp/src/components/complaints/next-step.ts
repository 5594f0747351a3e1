import type { ComplaintState, ComplaintView } from '@gongzhi/shared';

/**
 * What happens next to a complaint, in the resident's words, and by when: the step that is due and
 * the deadline the street set for it (PRODUCT.md §2: 派单、签收、首次联系、办结 each have a time limit).
 */
export interface NextStep {
  text: string;
  /** the deadline that applies now, if the step has one */
  due?: { label: string; at: string };
}

const STEP: Record<ComplaintState, { text: string; deadline?: string; label?: string }> = {
  submitted: { text: '街道分拨中心正在审核您的诉求，受理后会派给负责的单位。', deadline: 'dispatch', label: '派单期限' },
  accepted: { text: '诉求已受理，分拨中心正在确定承办单位。', deadline: 'dispatch', label: '派单期限' },
  returned: { text: '承办单位认为不属其职责，分拨中心正在重新派单。', deadline: 'dispatch', label: '派单期限' },
  dispatched: { text: '诉求已派给承办单位，等待签收；签收后会有工作人员联系您。', deadline: 'sign', label: '签收期限' },
  signed: { text: '承办单位已签收，工作人员会先与您联系，了解情况。', deadline: 'firstContact', label: '联系您的期限' },
  in_progress: { text: '承办单位正在办理，办结后会通知您评价。', deadline: 'resolve', label: '办结期限' },
  reopened: { text: '您退回的诉求正在重新办理，办结后会再请您评价。', deadline: 'resolve', label: '办结期限' },
  resolved: { text: '承办单位已办结，请您评价办理结果；逾期未评价，街道会电话回访。' },
  rated: { text: '感谢您的评价。承办单位对评价有异议的可在规定期限内申诉，期满后结案。' },
  closed: { text: '诉求已结案。如有新的问题，可以再次反映。' },
  rejected: { text: '诉求未予受理，原因和可以办理的渠道见下方办理进度。' },
};

export function nextStepOf(view: Pick<ComplaintView, 'state' | 'deadlines' | 'ratingDueAt'>): NextStep {
  const step = STEP[view.state];
  if (view.state === 'resolved' && view.ratingDueAt) return { text: step.text, due: { label: '评价截止', at: view.ratingDueAt } };
  const at = step.deadline ? view.deadlines[step.deadline] : undefined;
  return at && step.label ? { text: step.text, due: { label: step.label, at } } : { text: step.text };
}
