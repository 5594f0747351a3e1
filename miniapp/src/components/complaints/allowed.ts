import type { ComplaintView } from '@gongzhi/shared';

/**
 * Action names the BFF may put in `allowedActions`: the transition key (shared/src/complaints.ts)
 * or the route's last segment. Either one shows the control; the BFF still decides.
 */
const ALIASES: Record<string, string[]> = {
  accept: ['accept'],
  reject: ['reject'],
  dispatch: ['dispatch'],
  supervise: ['supervise'],
  recordPhoneCallback: ['recordPhoneCallback', 'phone-callback', 'phoneCallback'],
  ruleOnAppeal: ['ruleOnAppeal', 'appeal-ruling', 'appealRuling'],
  sign: ['sign'],
  return: ['return'],
  recordContact: ['recordContact', 'contact'],
  resolve: ['resolve'],
  appeal: ['appeal'],
  rate: ['rate', 'rating'],
  sendBack: ['sendBack', 'send-back'],
};

export function allows(view: Pick<ComplaintView, 'allowedActions'>, action: keyof typeof ALIASES): boolean {
  const names = ALIASES[action] ?? [action];
  return view.allowedActions.some((name) => names.includes(name));
}
