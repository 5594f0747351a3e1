import { cstMinute, pagePath, type SubscribeScene } from '@gongzhi/shared';
import type { Config } from '../../platform/config';
import { thing, characterString } from './keywords';

/**
 * Every notice Gongzhi sends, in one place: which subscribe-message template carries it (the id is
 * configured, `wechat.subscribeTemplates`), the keyword data WeChat shows, the title and text the
 * message centre shows, and the page both open.
 *
 * Each template's keywords in the WeChat admin console must match the data keys built here:
 * complaintProgress / ratingReminder / overdueAlert: thing1 character_string2 phrase3 time4 thing5;
 * volunteerShift: thing1 time2 thing3 phrase4 thing5;
 * pollReminder: thing1 time2 phrase3 thing4;
 * mutualAid: thing1 phrase2 thing3 time4;
 * proposalProgress: thing1 phrase2 time3 thing4;
 * activity: thing1 time2 thing3 phrase4 thing5;
 * enterpriseMatch: thing1 thing2 phrase3 time4;
 * enterpriseCase: thing1 phrase2 thing3 time4;
 * contentReview: thing1 phrase2 thing3 time4 (no subscribe scene asks for it: it reaches the message centre,
 * and WeChat only if the person holds a subscription).
 */
export type TemplateName = keyof Config['wechat']['subscribeTemplates'];
export type TemplateIds = Config['wechat']['subscribeTemplates'];


/** Which templates the mini-program asks for on which tap: the notices that tap can lead to. */
export const SUBSCRIBE_SCENE_TEMPLATES: Record<SubscribeScene, TemplateName[]> = {
  // filing leads to progress notices, then the request to rate
  complaint: ['complaintProgress', 'ratingReminder'],
  // a sign-up leads to the reminders and, from the waitlist, the promotion
  volunteerSignup: ['volunteerShift'],
  // a registration leads to star levels (same template as the shift notices)
  volunteerRegistration: ['volunteerShift'],
  // a staff member's move on a complaint (accept, dispatch, sign, …) keeps them subscribed to the
  // overdue alerts of the work on their desk
  staffWork: ['overdueAlert'],
  // 新问卷提醒我 on the polls page: the next poll that opens for them, and the reminder before one closes
  polls: ['pollReminder'],
  // posting or responding in mutual aid: responses, acceptance, messages (batched), completion
  mutualAid: ['mutualAid'],
  // proposing or supporting leads to the answer and the progress reports
  proposal: ['proposalProgress'],
  // registering for an activity: the reminders, a change of time or place, a cancellation, a promotion
  activity: ['activity'],
  // registering an enterprise: told when a new policy or service fits it
  enterprise: ['enterpriseMatch'],
  // asking the enterprise service desk: the officers' reply
  enterpriseDesk: ['enterpriseCase'],
};

/** What a notice says, before it is addressed and queued (outbox.ts). */
export interface NoticeContent {
  template: TemplateName;
  page: string;
  data: Record<string, { value: string }>;
  /** the message centre's entry */
  inbox: { title: string; body: string };
}


// ——— complaints ———

export type ComplaintNoticeKind = 'accepted' | 'dispatched' | 'resolved' | 'rating_reminder' | 'overdue';

export interface ComplaintSubject {
  _id?: { toString(): string };
  number: string;
  categoryName: string;
  /** for 'overdue': which deadline was missed, in Chinese (e.g. 签收) */
  missed?: string;
}

const COMPLAINT_PHRASE: Record<ComplaintNoticeKind, string> = {
  accepted: '已受理',
  dispatched: '已派单',
  resolved: '已办结',
  rating_reminder: '待评价',
  overdue: '已超时',
};

const COMPLAINT_HINT: Record<ComplaintNoticeKind, string> = {
  accepted: '已受理，将尽快派单处理',
  dispatched: '已派至处置单位办理',
  resolved: '已办结，请在7日内评价',
  rating_reminder: '评价即将截止，请尽快评价',
  overdue: '超时未办，请尽快处理',
};

export function complaintNotice(kind: ComplaintNoticeKind, complaint: ComplaintSubject, at: Date): NoticeContent {
  const staff = kind === 'overdue';
  const id = complaint._id?.toString();
  const hint = staff && complaint.missed ? `${complaint.missed}超时，请尽快处理` : COMPLAINT_HINT[kind];
  return {
    template: staff ? 'overdueAlert' : kind === 'rating_reminder' ? 'ratingReminder' : 'complaintProgress',
    page: pagePath(staff ? 'workbenchComplaint' : 'complaintDetail', { id }),
    data: {
      thing1: { value: thing(complaint.categoryName) },
      character_string2: { value: characterString(complaint.number) },
      phrase3: { value: COMPLAINT_PHRASE[kind] },
      time4: { value: cstMinute(at) },
      thing5: { value: thing(hint) },
    },
    inbox: {
      title: staff ? `诉求${COMPLAINT_PHRASE[kind]}` : `您的诉求${COMPLAINT_PHRASE[kind]}`,
      body: `${complaint.categoryName}（${complaint.number}）${hint}`,
    },
  };
}

// ——— volunteers ———

export type ShiftNoticeKind = 'promoted' | 'reminder_48h' | 'reminder_2h';

export interface ShiftSubject {
  _id: { toString(): string };
  projectTitle: string;
  startAt: Date;
  place: { address: string };
}

const SHIFT_PHRASE: Record<ShiftNoticeKind, string> = { promoted: '候补成功', reminder_48h: '即将开始', reminder_2h: '即将开始' };
const SHIFT_HINT: Record<ShiftNoticeKind, string> = {
  promoted: '候补已转为正式报名，请按时到岗',
  reminder_48h: '您报名的志愿服务两天后开始',
  reminder_2h: '您报名的志愿服务两小时后开始',
};

export function shiftNotice(kind: ShiftNoticeKind, shift: ShiftSubject): NoticeContent {
  return {
    template: 'volunteerShift',
    page: pagePath('volunteerShift', { id: shift._id.toString() }),
    data: {
      thing1: { value: thing(shift.projectTitle) },
      time2: { value: cstMinute(shift.startAt) },
      thing3: { value: thing(shift.place.address) },
      phrase4: { value: SHIFT_PHRASE[kind] },
      thing5: { value: thing(SHIFT_HINT[kind]) },
    },
    inbox: {
      title: kind === 'promoted' ? '志愿服务候补成功' : '志愿服务即将开始',
      body: `${shift.projectTitle}，${cstMinute(shift.startAt)}，${shift.place.address}。${SHIFT_HINT[kind]}`,
    },
  };
}

export function starLevelNotice(stars: number, at: Date): NoticeContent {
  return {
    template: 'volunteerShift',
    page: pagePath('volunteerMine'),
    data: {
      thing1: { value: '志愿服务星级' },
      time2: { value: cstMinute(at) },
      thing3: { value: `${stars}星级志愿者` },
      phrase4: { value: '星级提升' },
      thing5: { value: `恭喜您成为${stars}星级志愿者` },
    },
    inbox: { title: '志愿服务星级提升', body: `恭喜您成为${stars}星级志愿者` },
  };
}

// ——— polls ———

export type PollNoticeKind = 'opened' | 'closing';

export interface PollSubject {
  _id: { toString(): string };
  title: string;
  closesAt: Date;
}

/** How a vote's reminder reads, by kind: the page it opens, the phrase, the hint and the inbox title. */
interface VotingWords {
  page: 'poll' | 'budget';
  openedPhrase: string;
  hint: Record<PollNoticeKind, string>;
  title: Record<PollNoticeKind, string>;
}

const POLL_WORDS: VotingWords = {
  page: 'poll',
  openedPhrase: '新问卷',
  hint: { opened: '社区邀请您参与意见征集', closing: '问卷24小时内截止，您还没有参与' },
  title: { opened: '新的意见征集', closing: '意见征集即将截止' },
};

const BUDGET_WORDS: VotingWords = {
  page: 'budget',
  openedPhrase: '预算投票',
  hint: { opened: '请选出社区今年要办的民生微实事', closing: '投票24小时内截止，您还没有投票' },
  title: { opened: '民生微实事投票开始', closing: '民生微实事投票即将截止' },
};

/** A vote opened (to those who asked to be told), or closes within a day and they have not voted: one template, two wordings. */
function votingNotice(words: VotingWords, kind: PollNoticeKind, subject: PollSubject): NoticeContent {
  return {
    template: 'pollReminder',
    page: pagePath(words.page, { id: subject._id.toString() }),
    data: {
      thing1: { value: thing(subject.title) },
      time2: { value: cstMinute(subject.closesAt) },
      phrase3: { value: kind === 'opened' ? words.openedPhrase : '即将截止' },
      thing4: { value: thing(words.hint[kind]) },
    },
    inbox: {
      title: words.title[kind],
      body: `${subject.title}，${cstMinute(subject.closesAt)}截止。${words.hint[kind]}`,
    },
  };
}

/** A poll opened for them (to those who asked to be told), or closes within a day and they have not answered. */
export const pollNotice = (kind: PollNoticeKind, poll: PollSubject): NoticeContent => votingNotice(POLL_WORDS, kind, poll);

/** A 民生微实事 budgeting round of their community opened (to those who asked to be told), or closes within a day and they have not voted. */
export const budgetRoundNotice = (kind: PollNoticeKind, round: PollSubject): NoticeContent => votingNotice(BUDGET_WORDS, kind, round);

// ——— mutual aid ———

export type AidNoticeKind = 'response' | 'accepted' | 'taken' | 'message' | 'done' | 'confirmed' | 'moderated' | 'handed_over';

const AID_PHRASE: Record<AidNoticeKind, string> = {
  response: '有人响应',
  accepted: '已被接受',
  taken: '已有人帮忙',
  message: '新消息',
  done: '待确认',
  confirmed: '已完成',
  moderated: '审核结果',
  handed_over: '社区已接手',
};
const AID_HINT: Record<AidNoticeKind, string> = {
  response: '有邻居响应了您的信息，请查看',
  accepted: '对方接受了您的响应，可以开始沟通',
  taken: '感谢您的热心，这次已由其他邻居帮忙',
  message: '您在社区互助中有新消息',
  done: '对方已标记完成，请确认时长并评价',
  confirmed: '对方已确认完成，时长已记入时间银行',
  moderated: '您发布的内容经社区审核，请查看原因',
  handed_over: '您的求助暂无人响应，社区工作人员已接手',
};

/** A mutual-aid event for one of the two sides (or a responder told it is taken); opens the post. */
export function aidNotice(kind: AidNoticeKind, post: { _id: { toString(): string }; text: string }, at: Date, detail?: string): NoticeContent {
  return {
    template: 'mutualAid',
    page: pagePath('aidPost', { id: post._id.toString() }),
    data: {
      thing1: { value: thing(post.text) },
      phrase2: { value: AID_PHRASE[kind] },
      thing3: { value: thing(detail ?? AID_HINT[kind]) },
      time4: { value: cstMinute(at) },
    },
    inbox: { title: `社区互助：${AID_PHRASE[kind]}`, body: `${post.text.slice(0, 40)}。${detail ?? AID_HINT[kind]}` },
  };
}

// ——— proposals ———

export type ProposalNoticeKind = 'answered' | 'progress';

export interface ProposalSubject {
  _id: { toString(): string };
  title: string;
  answer?: { decision: 'adopted' | 'not_adopted' | 'merged' };
}

const ANSWER_PHRASE = { adopted: '已采纳', not_adopted: '未采纳', merged: '已合并' } as const;

/** To the author and supporters of a proposal: its answer, or a progress report on an adopted one. */
export function proposalNotice(kind: ProposalNoticeKind, proposal: ProposalSubject, at: Date): NoticeContent {
  const phrase = kind === 'progress' ? '有新进展' : ANSWER_PHRASE[proposal.answer?.decision ?? 'adopted'];
  const hint = kind === 'progress' ? '社区发布了落实进展，点击查看' : `社区已答复：${phrase}，点击查看`;
  return {
    template: 'proposalProgress',
    page: pagePath('proposal', { id: proposal._id.toString() }),
    data: {
      thing1: { value: thing(proposal.title) },
      phrase2: { value: phrase },
      time3: { value: cstMinute(at) },
      thing4: { value: thing(hint) },
    },
    inbox: { title: kind === 'progress' ? '居民提议有新进展' : `居民提议${phrase}`, body: `“${proposal.title}”${hint}` },
  };
}

// ——— activities ———

export type ActivityNoticeKind = 'promoted' | 'changed' | 'cancelled' | 'reminder_48h' | 'reminder_2h';

const ACTIVITY_PHRASE: Record<ActivityNoticeKind, string> = { promoted: '候补成功', changed: '时间地点变更', cancelled: '活动取消', reminder_48h: '即将开始', reminder_2h: '即将开始' };
const ACTIVITY_HINT: Record<ActivityNoticeKind, string> = {
  promoted: '候补已转为正式报名，请按时参加',
  changed: '活动的时间或地点有变化，请查看',
  cancelled: '活动已取消，已支付的费用将原路退回',
  reminder_48h: '您报名的活动两天后开始',
  reminder_2h: '您报名的活动两小时后开始',
};

/** To a registered person: a promotion from the waitlist, a change, a cancellation, a reminder. */
export function activityNotice(kind: ActivityNoticeKind, a: { _id: { toString(): string }; title: string; startsAt: Date; place: { address: string } }, detail?: string): NoticeContent {
  return {
    template: 'activity',
    page: pagePath('activity', { id: a._id.toString() }),
    data: {
      thing1: { value: thing(a.title) },
      time2: { value: cstMinute(a.startsAt) },
      thing3: { value: thing(a.place.address) },
      phrase4: { value: ACTIVITY_PHRASE[kind] },
      thing5: { value: thing(detail ?? ACTIVITY_HINT[kind]) },
    },
    inbox: { title: `活动：${ACTIVITY_PHRASE[kind]}`, body: `${a.title}，${cstMinute(a.startsAt)}，${a.place.address}。${detail ?? ACTIVITY_HINT[kind]}` },
  };
}

// ——— enterprise services ———

/** To an enterprise a newly published item fits (eligible, or possibly: judgement left). */
export function enterpriseMatchNotice(item: { title: string; benefit: string }, at: Date, changed = false): NoticeContent {
  return {
    template: 'enterpriseMatch',
    page: pagePath('enterprise'),
    data: {
      thing1: { value: thing(item.title) },
      thing2: { value: thing(item.benefit) },
      phrase3: { value: changed ? '政策更新' : '新匹配' },
      time4: { value: cstMinute(at) },
    },
    inbox: changed
      ? { title: '企业服务：适合您的政策有更新', body: `${item.title}（${item.benefit}）有修改，请在“为我匹配”中查看改了什么。` }
      : { title: '企业服务：有新的政策适合您', body: `${item.title}（${item.benefit}），请在“为我匹配”中查看申报条件。` },
  };
}

/** To the member who asked the service desk: the officers replied. */
export function enterpriseCaseNotice(c: { id: string; subject: string; number: string }, reply: string, at: Date): NoticeContent {
  return {
    template: 'enterpriseCase',
    page: pagePath('enterpriseCase', { id: c.id }),
    data: {
      thing1: { value: thing(c.subject) },
      phrase2: { value: '已答复' },
      thing3: { value: thing(reply) },
      time4: { value: cstMinute(at) },
    },
    inbox: { title: '企业服务台：已答复', body: `${c.subject}（${c.number}）：${reply}` },
  };
}

// ——— content security ———

/** To the uploader: WeChat's asynchronous check found the photo may be improper, so nobody else sees it. */
export function photoRemovedNotice(at: Date): NoticeContent {
  return {
    template: 'contentReview',
    page: pagePath('messages'),
    data: {
      thing1: { value: thing('您上传的图片') },
      phrase2: { value: '未通过' },
      thing3: { value: thing('可能包含不当内容，已不再向他人显示') },
      time4: { value: cstMinute(at) },
    },
    inbox: { title: '图片未通过内容安全检查', body: '您上传的一张图片可能包含不当内容，已不再向他人显示。如有疑问，请联系社区工作人员。' },
  };
}
