import type { ActivityPrice, UserView } from '@gongzhi/shared';

/** An amount in fen as yuan: ¥30.00. */
export const fenText = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** The price in words: 免费, 费用 ¥20.00, 押金 ¥50.00（签到后退还）. */
export function priceText(price: ActivityPrice): string {
  if (price.kind === 'free') return '免费';
  const yuan = fenText(price.amountFen);
  return price.kind === 'fee' ? `费用 ${yuan}` : `押金 ${yuan}（签到后退还）`;
}

/** Whether to offer the organiser's side (the BFF decides what each may do). */
export const organisesActivities = (user: UserView) => user.roles.some((b) => b.role === 'party_committee' || b.role === 'admin');
